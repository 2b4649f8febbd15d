package nl.ggk.hub.observe;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the hub still has memory to work with. DOWN once an OutOfMemoryError was seen anywhere it can be seen (a
 * thread that died of it, the HTTP server's event loop, a route): a JVM that ran out of memory may have lost threads
 * and connections, so the check stays DOWN until the hub is restarted (run it with -XX:+ExitOnOutOfMemoryError under
 * a supervisor, and it is). Also DOWN while the heap still holds more than {@code maxUsedPercent} of its maximum
 * right after a garbage collection: the hub is about to run out.
 */
public final class MemoryHealth extends AbstractHealthCheck {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryHealth.class);
    /** What was seen first, and when: JVM-wide, like the memory it is about. */
    private static final AtomicReference<String> OUT_OF_MEMORY = new AtomicReference<>();
    private static final AtomicBoolean HANDLER_INSTALLED = new AtomicBoolean();

    private final int maxUsedPercent;

    public MemoryHealth(int maxUsedPercent) {
        super("ggk", "memory");
        if (maxUsedPercent < 1 || maxUsedPercent > 100) {
            throw new IllegalArgumentException("ggk.health.heap-max-used-percent must be 1-100, not " + maxUsedPercent);
        }
        this.maxUsedPercent = maxUsedPercent;
        installUncaughtExceptionHandler();
    }

    /**
     * Notes an OutOfMemoryError in {@code thrown} or its causes (the first one seen stays); true when there was one.
     * Anything else is not this check's business.
     */
    public static boolean noteIfOutOfMemory(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                if (OUT_OF_MEMORY.compareAndSet(null, Instant.now() + " (" + t.getMessage() + ")")) {
                    LOG.error("OutOfMemoryError: the hub reports DOWN until it is restarted");
                }
                return true;
            }
        }
        return false;
    }

    /**
     * For the HTTP server's Vert.x: an exception no handler caught on its event loop is logged as Vert.x would (one
     * ERROR with its stack trace: a fault of the hub), and an OutOfMemoryError noted.
     */
    public static void unhandledOnEventLoop(Throwable thrown) {
        noteIfOutOfMemory(thrown);
        LOG.error("Unhandled exception on the HTTP server's event loop", thrown);
    }

    /** A thread that dies of an OutOfMemoryError is noted; the handler before this one still runs. */
    private static void installUncaughtExceptionHandler() {
        if (!HANDLER_INSTALLED.compareAndSet(false, true)) {
            return;
        }
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, thrown) -> {
            noteIfOutOfMemory(thrown);
            if (before != null) {
                before.uncaughtException(thread, thrown);
            } else {
                System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                thrown.printStackTrace();
            }
        });
    }

    /** Notes an OutOfMemoryError that failed an exchange, whether or not its route handled the failure. */
    public static EventNotifierSupport exchangeFailures() {
        EventNotifierSupport notifier = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeEvent exchangeEvent) {
                    Exchange exchange = exchangeEvent.getExchange();
                    if (!noteIfOutOfMemory(exchange.getException())) {
                        noteIfOutOfMemory(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
                    }
                }
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.ExchangeFailedEvent
                        || event instanceof CamelEvent.ExchangeFailureHandledEvent;
            }
        };
        notifier.setIgnoreCamelContextEvents(true);
        notifier.setIgnoreRouteEvents(true);
        notifier.setIgnoreServiceEvents(true);
        notifier.setIgnoreStepEvents(true);
        notifier.setIgnoreExchangeCreatedEvent(true);
        notifier.setIgnoreExchangeCompletedEvent(true);
        notifier.setIgnoreExchangeSendingEvents(true);
        notifier.setIgnoreExchangeSentEvents(true);
        notifier.setIgnoreExchangeRedeliveryEvents(true);
        notifier.setIgnoreExchangeAsyncProcessingStartedEvents(true);
        return notifier;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        long max = Runtime.getRuntime().maxMemory();
        long afterGc = heapAfterLastCollection();
        int percent = (int) (afterGc * 100 / max);
        builder.detail("heap.max.bytes", max).detail("heap.after.gc.bytes", afterGc)
                .detail("heap.max.used.percent", maxUsedPercent);
        String outOfMemory = OUT_OF_MEMORY.get();
        if (outOfMemory != null) {
            builder.detail("out.of.memory", outOfMemory);
            builder.message("OutOfMemoryError at " + outOfMemory + ": restart the hub").down();
        } else if (percent > maxUsedPercent) {
            builder.message("heap " + percent + "% full after the last garbage collection (" + (afterGc >> 20)
                    + " of " + (max >> 20) + " MB; at most " + maxUsedPercent + "%)").down();
        } else {
            builder.message("heap " + percent + "% full after the last garbage collection (" + (afterGc >> 20)
                    + " of " + (max >> 20) + " MB)").up();
        }
    }

    /** What the heap pools held right after their last collection (live data and what that collection kept). */
    private static long heapAfterLastCollection() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                MemoryUsage afterGc = pool.getCollectionUsage();
                if (afterGc != null) {
                    used += afterGc.getUsed();
                }
            }
        }
        return used;
    }
}
