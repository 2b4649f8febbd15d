package nl.ggk.hub.testsupport;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Wraps a stream so that closing the wrapper (e.g. a base64 encoder) leaves it open. */
public final class NonClosing {

    private NonClosing() {
    }

    public static OutputStream of(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
