package nl.ggk.hub.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import nl.ggk.hub.classify.Kind;
import nl.ggk.hub.db.Jdbc;
import nl.ggk.hub.outbox.OutboxKind;
import nl.ggk.hub.queues.QueueBrowsing;
import nl.ggk.hub.track.DeliveryStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures an operator watches, taken every few seconds by the timer route observe-figures (never per scrape:
 * a scrape reads the last snapshot): each queue's depth and oldest message, each DLQ's size, deliveries and entries
 * by status as track &amp; trace holds them now (so the gauges equal what track &amp; trace shows), outbox items by
 * kind, CBS messages waiting, the data root's disk. Exposed as gauges registered at start (at 0, with a HELP
 * line), and as one record for the operator's pages. Never a name, a BSN or a server path.
 */
public final class HubFigures {

    /** A queue's figures: depth, age of its oldest message, and its dead-letter queue's. */
    public record QueueFigures(String queue, int depth, long oldestAgeSeconds, Instant oldest, int deadLetters,
                               long deadLetterOldestAgeSeconds, Instant deadLetterOldest, boolean atLeast) {
    }

    /** CBS messages claimed and not settled: sending or waiting for a retry, and since when the oldest. */
    public record CbsWaiting(int waiting, Instant oldestFirstAttempt) {
    }

    /** One point of the throughput history: entries FORWARDED per kind at that minute (cumulative). */
    public record Point(Instant at, Map<String, Long> forwardedByKind) {
    }

    /** A route's exchanges so far (completed and failed) and in flight now, as Camel counts them. */
    public record RouteCount(long total, long failed, int inflight) {
    }

    /** A step of the flow: its route's counts and messages per second since the previous snapshot. */
    public record RouteFigure(String route, long total, long failed, int inflight, double perSecond) {
    }

    /** Everything at once, for the operator's pages. */
    public record Snapshot(Instant at, Map<String, RouteFigure> routes, List<QueueFigures> queues, Map<String, Long> deliveriesByStatus,
                           Map<String, Map<String, Long>> entriesByKindAndStatus, Map<String, Long> outboxByKind,
                           Map<String, Long> deliveriesTodayByStatus, Map<String, Long> fo01TodayByCode,
                           CbsWaiting cbs, long dataRootFreeBytes, long dataRootTotalBytes, List<Point> history) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(HubFigures.class);
    private static final ZoneId NL = ZoneId.of("Europe/Amsterdam");
    private static final int HISTORY_MINUTES = 60;

    private final Supplier<MeterRegistry> registry;
    private final Supplier<Map<String, RouteCount>> routeCounts;
    private final QueueBrowsing queues;
    private final List<String> queueNames;
    private final Jdbc jdbc;
    private final Path dataRoot;
    private final Clock clock;
    private final Deque<Point> history = new ArrayDeque<>();
    private volatile Snapshot last;

    public HubFigures(Supplier<MeterRegistry> registry, Supplier<Map<String, RouteCount>> routeCounts,
                      QueueBrowsing queues, List<String> queueNames, DataSource dataSource, Path dataRoot,
                      Clock clock) {
        this.registry = registry;
        this.routeCounts = routeCounts;
        this.queues = queues;
        this.queueNames = List.copyOf(queueNames);
        this.jdbc = new Jdbc(dataSource);
        this.dataRoot = dataRoot;
        this.clock = clock;
        this.last = empty(clock.instant());
    }

    public List<String> queueNames() {
        return queueNames;
    }

    public Snapshot snapshot() {
        return last;
    }

    /** Takes the figures now (the observe-figures timer); a queue or query that fails keeps its last figure. */
    public synchronized Snapshot refresh() {
        Instant now = clock.instant();
        Snapshot before = last;
        List<QueueFigures> queueFigures = new ArrayList<>();
        for (String name : queueNames) {
            queueFigures.add(queue(name, now, before));
        }
        Map<String, Long> deliveries = zeros(DeliveryStatus.values());
        Map<String, Map<String, Long>> entries = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            entries.put(kind.name(), zeros(DeliveryStatus.values()));
        }
        Map<String, Long> outbox = zeros(OutboxKind.values());
        Map<String, Long> today = zeros(DeliveryStatus.values());
        Map<String, Long> fo01Today = new LinkedHashMap<>();
        CbsWaiting cbs = before.cbs();
        try {
            Instant startOfDay = LocalDate.now(clock.withZone(NL)).atStartOfDay(NL).toInstant();
            jdbc.query("SELECT status, COUNT(*) FROM delivery GROUP BY status", rs -> {
                deliveries.put(rs.getString(1), rs.getLong(2));
                return null;
            });
            jdbc.query("SELECT kind, status, COUNT(*) FROM delivery_entry GROUP BY kind, status", rs -> {
                String kind = rs.getString(1) == null ? "UNKNOWN" : rs.getString(1);
                entries.computeIfAbsent(kind, k -> zeros(DeliveryStatus.values())).put(rs.getString(2), rs.getLong(3));
                return null;
            });
            jdbc.query("SELECT kind, COUNT(*) FROM outbox_item GROUP BY kind", rs -> {
                outbox.put(rs.getString(1), rs.getLong(2));
                return null;
            });
            jdbc.query("SELECT status, COUNT(*) FROM delivery WHERE received_at >= ? GROUP BY status", rs -> {
                today.put(rs.getString(1), rs.getLong(2));
                return null;
            }, startOfDay);
            jdbc.query("SELECT code, COUNT(*) FROM outbox_item WHERE kind = ? AND created >= ? GROUP BY code"
                    + " ORDER BY code", rs -> {
                        fo01Today.put(rs.getString(1) == null ? "?" : rs.getString(1), rs.getLong(2));
                        return null;
                    }, OutboxKind.FO01.name(), startOfDay);
            cbs = jdbc.queryOne("SELECT COUNT(*), MIN(first_attempt_at) FROM cbs_message WHERE state = ?",
                    rs -> new CbsWaiting(rs.getInt(1), rs.getTimestamp(2) == null ? null
                            : rs.getTimestamp(2).toInstant()), "SENDING").orElse(new CbsWaiting(0, null));
        } catch (RuntimeException e) {
            LOG.warn("Operator figures: the database did not answer ({}); the last figures stay", e.getMessage());
            return last;
        }
        long free = 0;
        long total = 0;
        try {
            free = Files.getFileStore(dataRoot).getUsableSpace();
            total = Files.getFileStore(dataRoot).getTotalSpace();
        } catch (java.io.IOException e) {
            LOG.warn("Operator figures: the data root's disk could not be read ({})", e.getClass().getSimpleName());
        }
        Map<String, Long> forwarded = new LinkedHashMap<>();
        entries.forEach((kind, byStatus) -> forwarded.put(kind, byStatus.getOrDefault("FORWARDED", 0L)
                + byStatus.getOrDefault("VALIDATED", 0L)));
        if (history.isEmpty() || history.peekLast().at().getEpochSecond() / 60 != now.getEpochSecond() / 60) {
            history.addLast(new Point(now, forwarded));
            while (history.size() > HISTORY_MINUTES + 1) {
                history.removeFirst();
            }
        } else {
            history.removeLast();
            history.addLast(new Point(now, forwarded));
        }
        Map<String, RouteFigure> routes = new LinkedHashMap<>();
        double seconds = Math.max(0.001, (now.toEpochMilli() - before.at().toEpochMilli()) / 1000.0);
        routeCounts.get().forEach((route, count) -> {
            RouteFigure previous = before.routes().get(route);
            double rate = previous == null ? 0 : Math.max(0, count.total() - previous.total()) / seconds;
            routes.put(route, new RouteFigure(route, count.total(), count.failed(), count.inflight(),
                    Math.round(rate * 100) / 100.0));
        });
        last = new Snapshot(now, routes, queueFigures, deliveries, entries, outbox, today, fo01Today, cbs, free, total,
                List.copyOf(history));
        return last;
    }

    private QueueFigures queue(String name, Instant now, Snapshot before) {
        try {
            QueueBrowsing.Depth depth = queues.depth(name);
            QueueBrowsing.Depth dead = queues.depth(QueueBrowsing.DLQ_PREFIX + name);
            return new QueueFigures(name, depth.messages(), depth.oldestAgeSeconds(now), depth.oldest(),
                    dead.messages(), dead.oldestAgeSeconds(now), dead.oldest(), depth.atLeast() || dead.atLeast());
        } catch (Exception e) {
            LOG.warn("Operator figures: queue {} could not be browsed ({})", name, e.getMessage());
            return before.queues().stream().filter(q -> q.queue().equals(name)).findFirst()
                    .orElse(new QueueFigures(name, 0, 0, null, 0, 0, null, false));
        }
    }

    /** Registers every gauge (at 0 until the first refresh); called once Camel's registry exists. */
    public void registerAll() {
        MeterRegistry meters = registry.get();
        if (meters == null) {
            return;
        }
        for (String name : queueNames) {
            Gauge.builder("ggk.queue.depth", this, f -> queueOf(f, name).depth())
                    .description("Messages waiting on a queue of the hub (a browse: a lower bound beyond"
                            + " ggk.observe.browse-max)").tag("queue", name).register(meters);
            Gauge.builder("ggk.queue.oldest.age.seconds", this, f -> queueOf(f, name).oldestAgeSeconds())
                    .description("Age of the oldest message waiting on a queue, 0 when it is empty")
                    .tag("queue", name).register(meters);
            Gauge.builder("ggk.dlq.depth", this, f -> queueOf(f, name).deadLetters())
                    .description("Messages in DLQ.<queue>: given up after their retries, waiting for an operator")
                    .tag("queue", name).register(meters);
            Gauge.builder("ggk.dlq.oldest.age.seconds", this, f -> queueOf(f, name).deadLetterOldestAgeSeconds())
                    .description("Age of the oldest message in DLQ.<queue>, 0 when it is empty")
                    .tag("queue", name).register(meters);
        }
        for (DeliveryStatus status : DeliveryStatus.values()) {
            Gauge.builder("ggk.track.deliveries", this,
                            f -> f.last.deliveriesByStatus().getOrDefault(status.name(), 0L))
                    .description("Deliveries in track and trace now, by status (what track and trace shows)")
                    .tag("status", status.name()).register(meters);
            for (Kind kind : Kind.values()) {
                Gauge.builder("ggk.track.entries", this, f -> f.last.entriesByKindAndStatus()
                                .getOrDefault(kind.name(), Map.of()).getOrDefault(status.name(), 0L))
                        .description("Entries of deliveries in track and trace now, by kind and status")
                        .tag("kind", kind.name()).tag("status", status.name()).register(meters);
            }
        }
        for (OutboxKind kind : OutboxKind.values()) {
            Gauge.builder("ggk.outbox.items", this, f -> f.last.outboxByKind().getOrDefault(kind.name(), 0L))
                    .description("Items written to the outboxes (recorded in outbox_item), by kind")
                    .tag("kind", kind.name()).register(meters);
        }
        Gauge.builder("ggk.cbs.waiting", this, f -> f.last.cbs().waiting())
                .description("Files for CBS sent or waiting for a retry, not yet answered (cbs_message SENDING)")
                .register(meters);
        Gauge.builder("ggk.cbs.waiting.oldest.age.seconds", this, f -> f.last.cbs().oldestFirstAttempt() == null ? 0
                        : Math.max(0, f.last.at().getEpochSecond() - f.last.cbs().oldestFirstAttempt().getEpochSecond()))
                .description("Age of the oldest file for CBS not yet answered (since its first attempt), 0 when none")
                .register(meters);
        Gauge.builder("ggk.data.root.free.bytes", this, f -> f.last.dataRootFreeBytes())
                .description("Usable bytes on the disk of the data root").register(meters);
        Gauge.builder("ggk.data.root.size.bytes", this, f -> f.last.dataRootTotalBytes())
                .description("Size in bytes of the disk of the data root").register(meters);
    }

    private static QueueFigures queueOf(HubFigures f, String name) {
        for (QueueFigures q : f.last.queues()) {
            if (q.queue().equals(name)) {
                return q;
            }
        }
        return new QueueFigures(name, 0, 0, null, 0, 0, null, false);
    }

    private Snapshot empty(Instant now) {
        List<QueueFigures> none = new ArrayList<>();
        for (String name : queueNames) {
            none.add(new QueueFigures(name, 0, 0, null, 0, 0, null, false));
        }
        return new Snapshot(now, Map.of(), none, Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), new CbsWaiting(0, null), 0, 0,
                List.of());
    }

    private static Map<String, Long> zeros(Enum<?>[] values) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (Enum<?> value : values) {
            map.put(value.name(), 0L);
        }
        return map;
    }
}
