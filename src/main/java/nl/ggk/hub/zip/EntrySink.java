package nl.ggk.hub.zip;

import java.io.IOException;
import java.io.InputStream;

/**
 * Receives the content of one accepted ZIP entry, typically {@code contentStore.store(in, limit).ref()}.
 * The sink must read {@code content} to its end and let any {@link IOException} from it propagate: the
 * splitter enforces its limits by failing that stream.
 */
@FunctionalInterface
public interface EntrySink {

    /** @return a reference to the stored content */
    String accept(int index, String safeName, InputStream content) throws IOException;
}
