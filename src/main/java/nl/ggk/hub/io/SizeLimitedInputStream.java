package nl.ggk.hub.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Lets at most {@code maxBytes} through and fails with {@link TooLargeException} on the first byte beyond, so a
 * limit holds while a stream is parsed, whatever the sender claimed in a Content-Length.
 */
public final class SizeLimitedInputStream extends FilterInputStream {

    /** The stream went over its limit; nothing after the limit was read. */
    public static final class TooLargeException extends IOException {
        private final long maxBytes;

        public TooLargeException(long maxBytes) {
            super("more than " + maxBytes + " bytes");
            this.maxBytes = maxBytes;
        }

        public long maxBytes() {
            return maxBytes;
        }
    }

    private final long maxBytes;
    private long count;

    public SizeLimitedInputStream(InputStream in, long maxBytes) {
        super(in);
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes < 0");
        }
        this.maxBytes = maxBytes;
    }

    /** Bytes read so far. */
    public long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        // ask for one byte more than is left: reading it proves the stream is too large
        long left = maxBytes - count + 1;
        int n = in.read(buffer, offset, (int) Math.min(length, left));
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(Math.min(n, maxBytes - count + 1));
        counted(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported: a reset would make the count lie
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    private void counted(long n) throws TooLargeException {
        count += n;
        if (count > maxBytes) {
            throw new TooLargeException(maxBytes);
        }
    }
}
