package nl.ggk.hub.mirror;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.ggk.hub.gmsd.FileSpec;
import nl.ggk.hub.gmsd.GmsdFileName;
import nl.ggk.hub.gmsd.GmsdSpecifications;
import nl.ggk.hub.gmsd.TechnicalCheck;
import nl.ggk.hub.split.EntryMessage;
import nl.ggk.hub.store.ContentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instant mirror in the technical check: a GMSD file that goes on is counted (a second pass over the stored
 * payload) and compared with the gemeente's earlier half years of the same type ({@link FigureStore}); offline
 * ({@code validate --compare}) with earlier files instead.
 */
public final class InstantMirror implements TechnicalCheck.Mirror {

    private static final Logger LOG = LoggerFactory.getLogger(InstantMirror.class);

    private final GmsdSpecifications specifications;
    private final ContentStore store;
    private final FigureStore figures;
    private final FigureCounter counter;
    private final Comparer comparer;

    public InstantMirror(GmsdSpecifications specifications, ContentStore store, FigureStore figures,
                         FigureCounter counter, Comparer comparer) {
        this.specifications = specifications;
        this.store = store;
        this.figures = figures;
        this.counter = counter;
        this.comparer = comparer;
    }

    /** The comparison of the entry's file; {@code null} for a type without {@code figures}. */
    @Override
    public Comparison compare(EntryMessage entry, GmsdFileName name) throws IOException {
        Optional<FileSpec> spec = specifications.spec(name.type()).filter(s -> s.figures() != null);
        if (spec.isEmpty()) {
            return null;
        }
        Figures now;
        try (InputStream in = store.open(entry.payloadRef())) {
            now = counter.count(in, spec.get(), name);
        } catch (RuntimeException e) {
            // a file the parser cannot read to the end (possible only when ggk.gmsd.policy forwards files with
            // findings): the comparison is a warning, so the file goes on without one
            LOG.warn("Delivery {} entry {}: not compared with earlier deliveries ({})", entry.deliveryId(),
                    entry.index(), e.getClass().getSimpleName());
            return null;
        }
        return comparer.compare(now, figures.all(name.gemeentecode(), name.type()), spec.get());
    }

    /**
     * Offline: {@code file} compared with {@code earlier} files (of the same gemeente and type; others are named in
     * the exception). {@code null} for a type without {@code figures}.
     */
    public static Comparison compareFiles(GmsdSpecifications specifications, FigureCounter counter, Comparer comparer,
                                          Path file, List<Path> earlier) throws IOException {
        GmsdFileName name = specifications.recognise(file.getFileName().toString()).orElseThrow(
                () -> new IllegalArgumentException("geen GMSD-bestandsnaam: " + file.getFileName()));
        Optional<FileSpec> spec = specifications.spec(name.type()).filter(s -> s.figures() != null);
        if (spec.isEmpty()) {
            return null;
        }
        List<Figures> before = new ArrayList<>();
        for (Path path : earlier) {
            GmsdFileName other = specifications.recognise(path.getFileName().toString()).orElseThrow(
                    () -> new IllegalArgumentException("geen GMSD-bestandsnaam: " + path.getFileName()));
            if (!other.type().equals(name.type()) || !other.gemeentecode().equals(name.gemeentecode())) {
                throw new IllegalArgumentException(path.getFileName() + " is geen " + name.type()
                        + "-bestand van gemeente " + name.gemeentecode());
            }
            before.add(count(counter, spec.get(), other, path));
        }
        return comparer.compare(count(counter, spec.get(), name, file), before, spec.get());
    }

    private static Figures count(FigureCounter counter, FileSpec spec, GmsdFileName name, Path path)
            throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return counter.count(in, spec, name);
        }
    }
}
