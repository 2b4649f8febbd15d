package nl.ggk.hub.operator;

import jakarta.jms.JMSException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import nl.ggk.hub.api.DeliveryApi;
import nl.ggk.hub.api.DeliveryApi.DeliveryPage;
import nl.ggk.hub.api.DeliveryApi.DeliveryStory;
import nl.ggk.hub.errors.AnswerText;
import nl.ggk.hub.observe.CbsChainWatch;
import nl.ggk.hub.observe.HubFigures;
import nl.ggk.hub.queues.QueueBrowsing;
import nl.ggk.hub.web.ApiProblemException;

/**
 * The operator's API (/api/v1/operator, role ggk-beheerder): the dead-letter queues (list, inspect, replay,
 * discard), the figures of the Stroom and Keten pages, and the search and resend of deliveries of every
 * organisation. Texts for people in Dutch; codes and field names stable.
 */
public final class OperatorApi {

    /** A dead-letter queue: the queue its messages failed on, how many there are and since when. */
    public record DeadLetterQueue(String wachtrij, String dlq, int aantal, String oudste, long oudsteLeeftijdSeconden,
                                  boolean meer) {
    }

    /** One dead letter in a list. */
    public record DeadLetterSummary(String id, String wachtrij, String tijdstip, String levering, Integer entry,
                                    String soort, String reden) {
    }

    /** One dead letter in full: its headers, the record, why it failed, and its delivery. */
    public record DeadLetterDetail(String id, String wachtrij, String dlq, String tijdstip, Map<String, String> headers,
                                   String record, boolean recordAfgekapt, String reden, String stack,
                                   String mislukt, String levering, Integer entry, DeliveryStory leveringDetail) {
    }

    /** What an action did: how many messages, in Dutch. */
    public record ActionResult(int aantal, String tekst) {
    }

    /** The body of a discard: the operator's reason. */
    public record Discard(String reden) {
    }

    /** The Keten page: the CBS/RINIS hop and today's deliveries and Fo01s. */
    public record Keten(String laatsteAntwoord, String laatsteFout, String laatsteFoutTekst, boolean bereikbaar,
                        int wachtend, String oudsteWachtend, Map<String, Long> leveringenVandaag,
                        Map<String, Long> fo01Vandaag) {
    }

    /** A queue on the Stroom page: depth and oldest, and its DLQ's. */
    public record QueueView(String wachtrij, int aantal, long oudsteLeeftijdSeconden, int dodeBerichten,
                            long dodeBerichtenOudsteLeeftijdSeconden, boolean meer) {
    }

    /** One minute of the throughput history: entries forwarded (or validated) so far, per kind. */
    public record PointView(String tijdstip, Map<String, Long> doorgestuurd) {
    }

    /** The Stroom page: each route's figures, each queue's, and track &amp; trace by status. */
    public record Stroom(String tijdstip, List<HubFigures.RouteFigure> stappen, List<QueueView> wachtrijen,
                         Map<String, Long> leveringen, Map<String, Map<String, Long>> entries,
                         Map<String, Long> outbox, long schijfVrij, long schijfTotaal, List<PointView> historie) {
    }

    /** One logged operator action. */
    public record ActionView(String tijdstip, String gebruiker, String actie, String wachtrij, String levering,
                             Integer entry, String detail) {
    }

    private static final Pattern DELIVERY_ID = Pattern.compile("[0-9a-fA-F-]{36}");
    private static final int MAX_LIST = 200;

    private final QueueBrowsing queues;
    private final DeadLetters deadLetters;
    private final OperatorActions actions;
    private final HubFigures figures;
    private final CbsChainWatch cbs;
    private final DeliveryApi deliveries;

    public OperatorApi(QueueBrowsing queues, DeadLetters deadLetters, OperatorActions actions, HubFigures figures,
                       CbsChainWatch cbs, DeliveryApi deliveries) {
        this.queues = queues;
        this.deadLetters = deadLetters;
        this.actions = actions;
        this.figures = figures;
        this.cbs = cbs;
        this.deliveries = deliveries;
    }

    /** Every DLQ.&lt;queue&gt; of the hub's queues, browsed now. */
    public List<DeadLetterQueue> deadLetterQueues() throws JMSException {
        List<DeadLetterQueue> result = new ArrayList<>();
        Instant now = Instant.now();
        for (String queue : figures.queueNames()) {
            QueueBrowsing.Depth depth = queues.depth(QueueBrowsing.DLQ_PREFIX + queue);
            result.add(new DeadLetterQueue(queue, QueueBrowsing.DLQ_PREFIX + queue, depth.messages(),
                    text(depth.oldest()), depth.oldestAgeSeconds(now), depth.atLeast()));
        }
        return result;
    }

    /** The messages of DLQ.{@code queue}, oldest first. */
    public List<DeadLetterSummary> deadLetters(String queue) throws JMSException {
        String known = known(queue);
        List<DeadLetterSummary> result = new ArrayList<>();
        for (QueueBrowsing.Browsed m : queues.list(QueueBrowsing.DLQ_PREFIX + known, MAX_LIST)) {
            result.add(new DeadLetterSummary(m.id(), known, text(m.timestamp()), m.header(QueueBrowsing.DELIVERY_HEADER),
                    entry(m), m.header(QueueBrowsing.KIND_HEADER), reason(m)));
        }
        return result;
    }

    /** One dead letter; 404 when it is not (or no longer) there. */
    public DeadLetterDetail deadLetter(String queue, String id) throws JMSException {
        String known = known(queue);
        QueueBrowsing.Browsed m = queues.find(QueueBrowsing.DLQ_PREFIX + known, id).orElseThrow(() ->
                ApiProblemException.notFound("Dit bericht staat niet (meer) in " + QueueBrowsing.DLQ_PREFIX + known
                        + "."));
        String deliveryId = m.header(QueueBrowsing.DELIVERY_HEADER);
        DeliveryStory story = null;
        if (deliveryId != null && DELIVERY_ID.matcher(deliveryId).matches()) {
            try {
                story = deliveries.deliveryOfAnyOrganisation(deliveryId);
            } catch (ApiProblemException e) {
                story = null;
            }
        }
        Map<String, String> headers = new LinkedHashMap<>(m.headers());
        headers.replaceAll((k, v) -> AnswerText.masked(v));
        return new DeadLetterDetail(m.id(), known, QueueBrowsing.DLQ_PREFIX + known, text(m.timestamp()), headers,
                AnswerText.masked(m.body()), m.bodyTruncated(), reason(m),
                AnswerText.masked(m.header(QueueBrowsing.STACK_HEADER)), m.header(QueueBrowsing.FAILED_AT_HEADER),
                deliveryId, entry(m), story);
    }

    public ActionResult replay(String queue, String id, String gebruiker) throws JMSException {
        String known = known(queue);
        if (!deadLetters.replay(known, id, gebruiker)) {
            throw ApiProblemException.notFound("Dit bericht staat niet (meer) in " + QueueBrowsing.DLQ_PREFIX + known
                    + ".");
        }
        figures.refresh();
        return new ActionResult(1, "1 bericht opnieuw aangeboden aan " + known + ".");
    }

    public ActionResult replayAll(String queue, String gebruiker) throws JMSException {
        String known = known(queue);
        int moved = deadLetters.replayAll(known, gebruiker);
        figures.refresh();
        return new ActionResult(moved, moved + (moved == 1 ? " bericht" : " berichten") + " opnieuw aangeboden aan "
                + known + ".");
    }

    public ActionResult discard(String queue, String id, Discard body, String gebruiker) throws JMSException {
        String known = known(queue);
        String reason = body == null || body.reden() == null ? "" : body.reden().trim();
        if (reason.isEmpty() || reason.length() > 500) {
            throw ApiProblemException.badRequest("Geef een reden op (ten hoogste 500 tekens): waarom wordt dit bericht"
                    + " verwijderd?");
        }
        if (!deadLetters.discard(known, id, gebruiker, AnswerText.masked(reason))) {
            throw ApiProblemException.notFound("Dit bericht staat niet (meer) in " + QueueBrowsing.DLQ_PREFIX + known
                    + ".");
        }
        figures.refresh();
        return new ActionResult(1, "1 bericht verwijderd uit " + QueueBrowsing.DLQ_PREFIX + known + ".");
    }

    /** Sends the delivery's entries that ended in a dead-letter queue back to where they failed. */
    public ActionResult resend(String deliveryId, String gebruiker) throws JMSException {
        deliveries.deliveryOfAnyOrganisation(deliveryId);
        int moved = deadLetters.replayDelivery(figures.queueNames(), deliveryId, gebruiker);
        if (moved == 0) {
            throw new ApiProblemException(409, "Niets opnieuw te versturen", "nothing-to-resend", "Levering " + deliveryId
                    + " heeft geen berichten in een dode-berichtenwachtrij: wat doorgestuurd is, gaat niet nog eens.");
        }
        figures.refresh();
        return new ActionResult(moved, moved + (moved == 1 ? " bericht" : " berichten") + " van levering " + deliveryId
                + " opnieuw aangeboden.");
    }

    public List<ActionView> latestActions() {
        return actions.latest(50).stream().map(a -> new ActionView(text(a.at()), a.gebruiker(), a.action(), a.queue(),
                a.deliveryId(), a.entryIndex(), a.detail())).toList();
    }

    public Stroom flow() {
        HubFigures.Snapshot s = figures.snapshot();
        List<QueueView> queueViews = s.queues().stream().map(q -> new QueueView(q.queue(), q.depth(),
                q.oldestAgeSeconds(), q.deadLetters(), q.deadLetterOldestAgeSeconds(), q.atLeast())).toList();
        List<PointView> history = s.history().stream().map(p -> new PointView(text(p.at()), p.forwardedByKind()))
                .toList();
        return new Stroom(text(s.at()), List.copyOf(s.routes().values()), queueViews, s.deliveriesByStatus(),
                s.entriesByKindAndStatus(), s.outboxByKind(), s.dataRootFreeBytes(), s.dataRootTotalBytes(), history);
    }

    public Keten chain() {
        HubFigures.Snapshot s = figures.snapshot();
        CbsChainWatch.State state = cbs.state();
        return new Keten(text(state.lastAnswerAt()), text(state.lastErrorAt()), state.lastError(), state.reachable(),
                s.cbs().waiting(), text(s.cbs().oldestFirstAttempt()), s.deliveriesTodayByStatus(),
                s.fo01TodayByCode());
    }

    public DeliveryPage search(String text, String organisation, String status, String page, String size) {
        return deliveries.searchAllOrganisations(text, organisation, status, page, size);
    }

    public DeliveryStory delivery(String id) {
        return deliveries.deliveryOfAnyOrganisation(id);
    }

    /** One of the hub's queues (ggk.observe.queues); anything else is a 404, never a queue made up by a caller. */
    private String known(String queue) {
        String name = queue == null ? "" : queue.startsWith(QueueBrowsing.DLQ_PREFIX)
                ? queue.substring(QueueBrowsing.DLQ_PREFIX.length()) : queue;
        if (!figures.queueNames().contains(name)) {
            throw ApiProblemException.notFound("Geen wachtrij " + AnswerText.masked(queue) + " in deze hub.");
        }
        return name;
    }

    private static String reason(QueueBrowsing.Browsed m) {
        String reason = m.header(QueueBrowsing.REASON_HEADER);
        return reason == null ? "reden niet vastgelegd bij dit bericht (zie track & trace van de levering)"
                : AnswerText.masked(reason);
    }

    private static Integer entry(QueueBrowsing.Browsed m) {
        String value = m.header(QueueBrowsing.ENTRY_HEADER);
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
