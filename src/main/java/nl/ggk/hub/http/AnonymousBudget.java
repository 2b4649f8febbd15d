package nl.ggk.hub.http;

/**
 * The share of the server that requests from unknown callers may use together: at most {@code maxConcurrent} of their
 * bodies at a time, holding at most {@code maxBytes} between them (each counted at its declared length, or at its
 * endpoint's limit when it is chunked). A body larger than the whole budget is let in only while no other anonymous
 * body is in flight, so its endpoint's own limit still bounds it. Beyond that a request is refused at once.
 */
public final class AnonymousBudget {

    private final int maxConcurrent;
    private final long maxBytes;
    private int concurrent;
    private long bytes;

    public AnonymousBudget(int maxConcurrent, long maxBytes) {
        if (maxConcurrent < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("the anonymous budget needs at least one request and one byte");
        }
        this.maxConcurrent = maxConcurrent;
        this.maxBytes = maxBytes;
    }

    /** A share of {@code reserve} bytes, or null when the budget has no room for it now. */
    public synchronized Share take(long reserve) {
        boolean room = concurrent < maxConcurrent && (bytes + reserve <= maxBytes || concurrent == 0);
        if (!room) {
            return null;
        }
        concurrent++;
        bytes += reserve;
        return new Share(reserve);
    }

    public synchronized int concurrent() {
        return concurrent;
    }

    public synchronized long bytes() {
        return bytes;
    }

    private synchronized void giveBack(long reserve) {
        concurrent--;
        bytes -= reserve;
    }

    /** One request's share; given back once, when its answer has been written or its connection closed. */
    public final class Share {
        private final long reserve;
        private boolean given;

        private Share(long reserve) {
            this.reserve = reserve;
        }

        public void giveBack() {
            synchronized (AnonymousBudget.this) {
                if (given) {
                    return;
                }
                given = true;
                AnonymousBudget.this.giveBack(reserve);
            }
        }
    }
}
