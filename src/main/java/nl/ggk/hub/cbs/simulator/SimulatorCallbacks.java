package nl.ggk.hub.cbs.simulator;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.ggk.hub.cbs.simulator.SimulatorCheck.Checked;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.stuf.Di01Request;
import nl.ggk.hub.stuf.Du01Request;
import nl.ggk.hub.stuf.EnvelopeWriter;
import nl.ggk.hub.stuf.StufIds;
import nl.ggk.hub.stuf.StufSysteem;

/**
 * What the CBS simulator sends back to the hub and how it reads the hub's answer, for the route
 * {@code cbs-simulator-callback}: the technical feedback (a Du01 whose crossRefnummer is the hub's Di01) and, for an
 * approved WMO file, the spiegelrapport (a Di01 to the gemeente), each a SOAP request as RINIS would send it. A 5xx
 * or no answer is retried with a doubling delay; a refusal by the hub (4xx, or a Fo03 with plek client) is not,
 * since resending the same message cannot change it.
 */
public final class SimulatorCallbacks {

    /**
     * One try of {@code callback}: the SOAP request (the same bytes on every try), its SOAPAction, and the hub's web
     * service it goes to ({@link #hubFor}).
     */
    public record Call(Callback callback, String soapAction, byte[] request, String hub) {
    }

    /** How the hub answered one try (of {@code callback}: null for the HTTP answer alone, {@link #outcome}). */
    public record Outcome(Callback callback, Result result, String detail) {
        public enum Result { ACCEPTED, REFUSED, RETRY }

        public Outcome(Result result, String detail) {
            this(null, result, detail);
        }

        public String name() {
            return result.name();
        }

        /** The hub took it (Bv03). */
        public boolean accepted() {
            return result == Result.ACCEPTED;
        }

        /** The hub refused it: resending the same message cannot change that. */
        public boolean refused() {
            return result == Result.REFUSED;
        }
    }

    /** The next step after a failed try: give up, or the same message again after {@code delayMs}. */
    public record Retry(boolean giveUp, long delayMs, Callback next) {
    }

    private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String GGK_ACTION = EnvelopeWriter.GGK_NS + "/";
    private static final Pattern FAULTCODE = Pattern.compile("<faultcode>\\s*(?:[A-Za-z0-9_.-]+:)?([A-Za-z.]+)");
    private static final Pattern FO03_CODE = Pattern.compile("<(?:[A-Za-z0-9_.-]+:)?code>([^<]{1,20})<");

    private final EnvelopeWriter envelopes;
    private final SimulatorReports reports;
    private final OrganisationRegistry organisations;
    private final StufSysteem cbs;
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final Duration giveUpAfter;
    private final Clock clock;
    private final java.util.List<String> hubs;

    public SimulatorCallbacks(EnvelopeWriter envelopes, SimulatorReports reports, OrganisationRegistry organisations,
                              StufSysteem cbs, Duration initialDelay, Duration maxDelay, Duration giveUpAfter,
                              Clock clock) {
        this(envelopes, reports, organisations, cbs, initialDelay, maxDelay, giveUpAfter, clock, java.util.List.of());
    }

    /**
     * {@code hubs}: the hubs' web service addresses it calls back (ggk.cbs.simulator.hub-endpoint, comma-separated);
     * empty for a caller that sends each {@link Call} itself.
     */
    public SimulatorCallbacks(EnvelopeWriter envelopes, SimulatorReports reports, OrganisationRegistry organisations,
                              StufSysteem cbs, Duration initialDelay, Duration maxDelay, Duration giveUpAfter,
                              Clock clock, java.util.List<String> hubs) {
        this.hubs = java.util.List.copyOf(hubs);
        this.envelopes = envelopes;
        this.reports = reports;
        this.organisations = organisations;
        this.cbs = cbs;
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.giveUpAfter = giveUpAfter;
        this.clock = clock;
    }

    /** The technical feedback on a file CBS just received (Bv03) as {@code hubReferentienummer} and checked. */
    public Callback technicalFeedback(String hubReferentienummer, String gemeente, Checked checked) {
        Instant now = clock.instant();
        byte[] pdf = reports.technicalFeedback(checked, gemeente, organisations.displayName(gemeente),
                hubReferentienummer, now);
        return new Callback(Callback.Kind.TECHNISCHE_TERUGKOPPELING, StufIds.newReferentienummer(), now.toEpochMilli(),
                hubReferentienummer, gemeente, "technische-terugkoppeling-" + base(checked.bestandsnaam()) + ".pdf",
                checked.bestandsnaam(), checked.halfYear(), Base64.getEncoder().encodeToString(pdf),
                checked.approved() && checked.isWmo() ? checked.clientsPerCategory() : null, 0, 0);
    }

    /** What follows a technical feedback the hub accepted: the spiegelrapport of an approved WMO file, or null. */
    public Callback followUp(Callback accepted) {
        if (accepted.kind() != Callback.Kind.TECHNISCHE_TERUGKOPPELING || accepted.clientsPerCategory() == null) {
            return null;
        }
        Instant now = clock.instant();
        byte[] pdf = reports.spiegelrapport(accepted.gemeente(), organisations.displayName(accepted.gemeente()),
                accepted.aboutFile(), accepted.halfYear(), accepted.clientsPerCategory(), now);
        // the Di01 has no crossRefnummer: the file it is about is named in the bestandsnaam
        return new Callback(Callback.Kind.SPIEGELRAPPORT, StufIds.newReferentienummer(), now.toEpochMilli(), null,
                accepted.gemeente(), "spiegelrapport-" + base(accepted.aboutFile()) + ".pdf", accepted.aboutFile(),
                accepted.halfYear(), Base64.getEncoder().encodeToString(pdf), null, 0, 0);
    }

    /** The try of {@code callback} to send. */
    public Call call(Callback callback) throws IOException {
        return new Call(callback, soapAction(callback), request(callback), hubFor(callback));
    }

    /**
     * The hub a try goes to: the first for a first try, the next one for each retry, round the list. As RINIS
     * reaches a node that answers: while one hub is down (killed, restarted) its callbacks go to another, which
     * shares the database and the outboxes; with one hub every try goes there.
     */
    public String hubFor(Callback callback) {
        return hubs.isEmpty() ? null : hubs.get(callback.attempt() % hubs.size());
    }

    /** The outcome of {@code call}, which the hub answered with {@code answer}. */
    public Outcome answered(Call call, Outcome answer) {
        return new Outcome(call.callback(), answer.result(), answer.detail());
    }

    /** What follows an accepted try ({@link #followUp}): none or one callback to plan. */
    public java.util.List<Callback> followUps(Outcome accepted) {
        Callback next = followUp(accepted.callback());
        return next == null ? java.util.List.of() : java.util.List.of(next);
    }

    /** After a try that failed ({@link #retry(Callback)}). */
    public Retry nextTry(Outcome failed) {
        return retry(failed.callback());
    }

    public String soapAction(Callback callback) {
        return GGK_ACTION + (callback.kind() == Callback.Kind.SPIEGELRAPPORT ? "ggk_Di01" : "ggk_Du01");
    }

    /** The SOAP request, the same bytes on every try. */
    public byte[] request(Callback callback) throws IOException {
        ByteArrayOutputStream envelope = new ByteArrayOutputStream();
        ByteArrayInputStream pdf = new ByteArrayInputStream(Base64.getDecoder().decode(callback.pdf()));
        Instant at = Instant.ofEpochMilli(callback.at());
        if (callback.kind() == Callback.Kind.SPIEGELRAPPORT) {
            envelopes.writeDi01(new Di01Request(cbs, callback.gemeente(), "Dummy", callback.bestandsnaam(),
                    callback.referentienummer(), at), pdf, envelope);
        } else {
            envelopes.writeDu01(new Du01Request(cbs, callback.gemeente(), "Dummy", callback.bestandsnaam(),
                    callback.crossRefnummer(), callback.referentienummer(), at), pdf, envelope);
        }
        String stuf = envelope.toString(StandardCharsets.UTF_8).replaceFirst("^<\\?xml[^>]*\\?>\\s*", "");
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<soapenv:Envelope xmlns:soapenv=\"" + SOAP11
                + "\"><soapenv:Body>" + stuf + "</soapenv:Body></soapenv:Envelope>").getBytes(StandardCharsets.UTF_8);
    }

    /** Reads the hub's answer to one try. */
    public Outcome outcome(Integer status, String body) {
        int code = status == null ? 0 : status;
        String text = body == null ? "" : body;
        if (code == 200 && text.contains("Bv03Bericht")) {
            return new Outcome(Outcome.Result.ACCEPTED, "Bv03");
        }
        Matcher fault = FAULTCODE.matcher(text);
        Matcher fo03 = FO03_CODE.matcher(text);
        String shown = "HTTP " + code + (fo03.find() ? ", Fo03 " + fo03.group(1) : "");
        if (code >= 500 && fault.find() && "Client".equals(fault.group(1))) {
            return new Outcome(Outcome.Result.REFUSED, shown);
        }
        if (code >= 500 || code == 0) {
            return new Outcome(Outcome.Result.RETRY, shown);
        }
        return new Outcome(Outcome.Result.REFUSED, shown);
    }

    public Outcome unreachable(Exception e) {
        return new Outcome(Outcome.Result.RETRY, "hub not reachable: " + e.getClass().getSimpleName());
    }

    /** After a try that failed: the delay before the next (doubling, up to the maximum), or give up. */
    public Retry retry(Callback callback) {
        long now = clock.millis();
        Callback next = callback.tried(now);
        if (now - next.firstAttemptAt() >= giveUpAfter.toMillis()) {
            return new Retry(true, 0, next);
        }
        long delay = initialDelay.toMillis() << Math.min(next.attempt() - 1, 20);
        return new Retry(false, Math.min(delay, maxDelay.toMillis()), next);
    }

    private static String base(String name) {
        String safe = name == null ? "bestand" : name.replaceAll("[^A-Za-z0-9._-]", "_");
        int dot = safe.lastIndexOf('.');
        return dot > 0 ? safe.substring(0, dot) : safe;
    }
}
