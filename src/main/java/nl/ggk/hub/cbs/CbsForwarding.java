package nl.ggk.hub.cbs;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import nl.ggk.hub.cbs.messages.CbsMessages.CbsMessage;
import nl.ggk.hub.cbs.messages.CbsMessages;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.split.EntryMessage;
import nl.ggk.hub.store.ContentStore;
import nl.ggk.hub.stuf.Di01Request;
import nl.ggk.hub.stuf.Du01Request;
import nl.ggk.hub.stuf.EnvelopeException;
import nl.ggk.hub.stuf.EnvelopeWriter;
import nl.ggk.hub.stuf.Foutbericht;
import nl.ggk.hub.stuf.StufBerichtReader;
import nl.ggk.hub.stuf.StufSettings;
import nl.ggk.hub.stuf.StufSysteem;

/**
 * Forwarding a validated GMSD file to RINIS/CBS, for the routes of {@code cbs-forward.camel.yaml}, each step one record
 * as the body: the entry becomes an {@link Attempt} (the Di01 in a SOAP request, {@link #prepare}); route
 * {@code cbs-send} POSTs it and reads CBS's answer ({@link #outcome}); {@link #answered} makes that the
 * {@link Outcome} of the attempt, whose booleans the route chooses on; a {@link Retry} says when to try again
 * ({@link #retry}). The referentienummer and tijdstipBericht come from {@link CbsMessages}: the same on every attempt.
 */
public final class CbsForwarding {

    /**
     * One attempt to send {@code entry} (as it goes to CBS: an opt-in possibly as xlsx): its message (referentienummer,
     * attempts), the SOAP request in a work file (gone once CBS answered, {@link #answered}) and the SOAPAction of its
     * operation ({@code ggk_Di01}, or {@code ggk_Du01} for an answer such as a terugmelding).
     */
    public record Attempt(EntryMessage entry, CbsMessage message, Path request, long bytes, String soapAction) {

        /** The request as a file, the body camel-http streams. */
        public java.io.File file() {
            return request.toFile();
        }

        /**
         * CBS accepted this entry's message before (its Bv03 is recorded): the broker delivered the entry again because
         * it lost the commit of the earlier attempt. Nothing is prepared and nothing is to be sent.
         */
        public boolean alreadyAccepted() {
            return request == null && CbsMessages.FORWARDED.equals(message.state());
        }
    }

    /**
     * What became of an attempt (or, from {@link #outcome}, of the HTTP exchange alone: no entry, no message).
     * {@code code}/{@code omschrijving} only for a Fo03; {@code detail} a line for the log. {@code message} is null
     * when nothing could be sent (an envelope over the limit).
     */
    public record Outcome(EntryMessage entry, CbsMessage message, Kind kind, String code, String omschrijving,
                          String detail) {
        public enum Kind { ACCEPTED, REJECTED, RETRY }

        Outcome(Kind kind, String code, String omschrijving, String detail) {
            this(null, null, kind, code, omschrijving, detail);
        }

        public String name() {
            return kind.name();
        }

        /** CBS took it (Bv03). */
        public boolean accepted() {
            return kind == Kind.ACCEPTED;
        }

        /** CBS refused it (Fo03), or it could not go at all (too large): the municipality gets a Fo01. */
        public boolean rejected() {
            return kind == Kind.REJECTED;
        }

        /** The track &amp; trace line of an accepted file (Dutch: the municipality reads it). */
        public String trackDetail() {
            return "verzonden naar CBS, ontvangst bevestigd; referentienummer " + (message == null ? "" : message.referentienummer());
        }
    }

    /** The next try of {@code entry}: after {@code delayMs}, or {@code giveUp} when the give-up time has passed. */
    public record Retry(EntryMessage entry, CbsMessage message, boolean giveUp, long delayMs, int attempt,
                        String detail) {
    }

    /** Error reasons (config/error-codes.yaml) of the Fo01 to the municipality. */
    public static final String CBS_REJECTED = "cbs-rejected";
    public static final String CBS_UNREACHABLE = "cbs-unreachable";
    static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    /** SOAPAction = namespace + "/" + operation, quoted as SOAP 1.1 sends it. */
    public static final String SOAP_ACTION_DI01 = "\"" + EnvelopeWriter.GGK_NS + "/ggk_Di01\"";
    public static final String SOAP_ACTION_DU01 = "\"" + EnvelopeWriter.GGK_NS + "/ggk_Du01\"";
    private static final Pattern GEMEENTECODE = Pattern.compile("^([0-9]{4})_");
    private static final XMLInputFactory XML = nl.ggk.hub.stuf.EnvelopeReader.secureInputFactory();

    private final CbsMessages messages;
    private final ContentStore store;
    private final EnvelopeWriter envelopes;
    private final StufSettings stuf;
    private final OrganisationRegistry registry;
    private final StufBerichtReader berichten = new StufBerichtReader();
    private final String applicatie;
    private final Path workDir;
    private final long maxEnvelopeBytes;
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final Duration giveUpAfter;
    private final Clock clock;
    private final Function<EntryMessage, String> answering;

    public CbsForwarding(CbsMessages messages, ContentStore store, EnvelopeWriter envelopes, StufSettings stuf,
                         OrganisationRegistry registry, String applicatie, Path workDir, long maxEnvelopeBytes,
                         Duration initialDelay, Duration maxDelay, Duration giveUpAfter, Clock clock) {
        this(messages, store, envelopes, stuf, registry, applicatie, workDir, maxEnvelopeBytes, initialDelay, maxDelay,
                giveUpAfter, clock, entry -> null);
    }

    /**
     * @param answering the referentienummer of the CBS message an entry answers (a terugmelding's spiegelrapport),
     *                  else null: such an entry goes as a Du01
     */
    public CbsForwarding(CbsMessages messages, ContentStore store, EnvelopeWriter envelopes, StufSettings stuf,
                         OrganisationRegistry registry, String applicatie, Path workDir, long maxEnvelopeBytes,
                         Duration initialDelay, Duration maxDelay, Duration giveUpAfter, Clock clock,
                         Function<EntryMessage, String> answering) {
        this.answering = answering;
        this.messages = messages;
        this.store = store;
        this.envelopes = envelopes;
        this.stuf = stuf;
        this.registry = registry;
        this.applicatie = applicatie;
        this.workDir = workDir;
        this.maxEnvelopeBytes = maxEnvelopeBytes;
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.giveUpAfter = giveUpAfter;
        this.clock = clock;
    }

    /** The gemeente a GMSD file is about: its name's gemeentecode, else the delivering organisation. */
    public static String gemeenteOf(EntryMessage entry) {
        Matcher m = GEMEENTECODE.matcher(entry.name() == null ? "" : entry.name());
        return m.find() ? m.group(1) : entry.sender();
    }

    /**
     * The SOAP request with the Di01 for {@code entry}, in a work file; the message is counted as one more attempt.
     * When the entry answers a message of CBS (a terugmelding on a spiegelrapport: its message was claimed, with its
     * functie, when the terugmelding was accepted) it goes as a Du01 whose crossRefnummer names that message.
     *
     * @throws EnvelopeTooLargeException when the envelope would exceed the limit (25 MB): nothing is sent
     */
    public Attempt prepare(EntryMessage entry) throws IOException {
        return prepare(entry, answering.apply(entry));
    }

    /** Like {@link #prepare(EntryMessage)}, as a Du01 answering {@code crossRefnummer} when that is not null. */
    public Attempt prepare(EntryMessage entry, String crossRefnummer) throws IOException {
        String gemeente = gemeenteOf(entry);
        CbsMessage claimed = messages.claim(entry.deliveryId(), entry.index(), gemeente, entry.sender(), entry.name(),
                stuf.functieCbs());
        if (CbsMessages.FORWARDED.equals(claimed.state())) {
            // sent again it would be a second Bv03 at CBS for the same file
            return new Attempt(entry, claimed, null, 0, null);
        }
        CbsMessage message = messages.attempted(claimed);
        long payloadBytes = Files.size(store.path(entry.payloadRef()));
        if (EnvelopeWriter.envelopeSizeEstimate(payloadBytes) > maxEnvelopeBytes) {
            throw new EnvelopeTooLargeException("the Di01 for " + entry.name() + " would exceed "
                    + maxEnvelopeBytes + " bytes");
        }
        String administratie = registry.isSamenwerkingsverband(entry.sender())
                ? registry.displayName(entry.sender()) : null;
        // the stored gemeente: a terugmelding's was claimed with it (its file name carries no gemeentecode)
        StufSysteem zender = new StufSysteem(message.gemeente(), applicatie, administratie, null);
        Di01Request request = new Di01Request(zender, stuf.ontvangerCbs(), message.functie(), entry.name(),
                message.referentienummer(), message.firstAttemptAt());
        Du01Request answer = crossRefnummer == null ? null : new Du01Request(zender, stuf.ontvangerCbs(),
                message.functie(), entry.name(), crossRefnummer, message.referentienummer(), message.firstAttemptAt());
        Files.createDirectories(workDir);
        Path di01 = workDir.resolve("cbs-" + message.referentienummer() + "-di01.part");
        Path soap = workDir.resolve("cbs-" + message.referentienummer() + ".xml");
        try {
            try (InputStream payload = store.open(entry.payloadRef());
                 OutputStream out = Files.newOutputStream(di01)) {
                if (answer == null) {
                    envelopes.writeDi01(request, payload, out);
                } else {
                    envelopes.writeDu01(answer, payload, out);
                }
            }
            try (BufferedInputStream in = new BufferedInputStream(Files.newInputStream(di01));
                 OutputStream out = new BufferedOutputStream(Files.newOutputStream(soap))) {
                out.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<soapenv:Envelope xmlns:soapenv=\"" + SOAP11
                        + "\"><soapenv:Body>").getBytes(StandardCharsets.UTF_8));
                skipXmlDeclaration(in);
                in.transferTo(out);
                out.write("</soapenv:Body></soapenv:Envelope>".getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(di01);
        }
        return new Attempt(entry, message, soap, Files.size(soap), answer == null ? SOAP_ACTION_DI01 : SOAP_ACTION_DU01);
    }

    /** What an HTTP answer from CBS means: a Bv03, a Fault with Fo03, or (anything else) try again later. */
    public Outcome outcome(int httpStatus, InputStream body) {
        Optional<Object> answer = Optional.empty();
        try {
            answer = body == null ? Optional.empty() : readAnswer(body);
        } catch (IOException | EnvelopeException | XMLStreamException | RuntimeException e) {
            // not a StUF answer (an HTML error page of a proxy, a cut-off body): decided by the status below
        }
        if (httpStatus == 200 && answer.isPresent() && !(answer.get() instanceof Foutbericht)) {
            return new Outcome(Outcome.Kind.ACCEPTED, null, null, "Bv03");
        }
        if (answer.isPresent() && answer.get() instanceof Foutbericht fo03) {
            if ("server".equals(fo03.plek()) && httpStatus >= 500) {
                return new Outcome(Outcome.Kind.RETRY, fo03.code(), fo03.omschrijving(),
                        "Fo03 " + fo03.code() + " (plek server)");
            }
            return new Outcome(Outcome.Kind.REJECTED, fo03.code(), fo03.omschrijving(), "Fo03 " + fo03.code());
        }
        return new Outcome(Outcome.Kind.RETRY, null, null, "HTTP " + httpStatus);
    }

    /** A failure to reach CBS at all (connection refused, timeout): try again later. */
    public Outcome unreachable(Exception e) {
        return new Outcome(Outcome.Kind.RETRY, null, null, e.getClass().getSimpleName());
    }

    /** The outcome of {@code attempt}, whose request CBS answered with {@code answer}; its work file goes. */
    public Outcome answered(Attempt attempt, Outcome answer) throws IOException {
        Files.deleteIfExists(attempt.request());
        return new Outcome(attempt.entry(), attempt.message(), answer.kind(), answer.code(), answer.omschrijving(),
                answer.detail());
    }

    /** The envelope of {@code entry} would be too large: refused before anything was sent. */
    public Outcome tooLarge(EntryMessage entry, Exception e) {
        return new Outcome(entry, null, Outcome.Kind.REJECTED, null, null, e.getMessage());
    }

    /** When to try again: exponential back-off from the message's attempt count, up to the give-up time. */
    public Retry retry(Outcome outcome) {
        CbsMessage message = outcome.message();
        if (message == null) {
            throw new IllegalStateException("the Di01 could not be prepared (" + outcome.detail() + ")");
        }
        String why = outcome.detail();
        Instant now = clock.instant();
        int attempt = message.attempts();
        if (Duration.between(message.firstAttemptAt(), now).compareTo(giveUpAfter) >= 0) {
            return new Retry(outcome.entry(), message, true, 0, attempt, "CBS niet bereikbaar (" + why
                    + "); opgegeven na " + attempt + " pogingen");
        }
        long delay = initialDelay.toMillis();
        for (int i = 1; i < attempt && delay < maxDelay.toMillis(); i++) {
            delay *= 2;
        }
        delay = Math.min(delay, maxDelay.toMillis());
        return new Retry(outcome.entry(), message, false, delay, attempt, "CBS niet bereikbaar (" + why + "); poging "
                + (attempt + 1) + " over " + Duration.ofMillis(delay).toSeconds() + " s");
    }

    /** CBS took the file: its message is FORWARDED. */
    public void forwarded(Outcome outcome) {
        messages.state(outcome.message().referentienummer(), CbsMessages.FORWARDED);
    }

    /**
     * CBS refused the file (or it was too large to send): its message, if one was sent, is REJECTED; the entry,
     * refused with CBS's code, for the Fo01 to the municipality.
     */
    public EntryMessage rejected(Outcome outcome) {
        if (outcome.message() != null) {
            messages.state(outcome.message().referentienummer(), CbsMessages.REJECTED);
        }
        EntryMessage entry = outcome.entry();
        if (outcome.code() == null) {
            return entry.refused(nl.ggk.hub.errors.ErrorReasons.TOO_LARGE,
                    "Het bestand " + entry.name() + " is in een StUF-envelop groter dan 25 MB en kan niet naar CBS.");
        }
        return entry.refused(CBS_REJECTED, "CBS weigerde " + entry.name() + ": " + outcome.code()
                + (outcome.omschrijving() == null ? "" : " " + outcome.omschrijving()));
    }

    /** Given up after the retries: the message is FAILED. */
    public void failed(Retry retry) {
        messages.state(retry.message().referentienummer(), CbsMessages.FAILED);
    }

    /** The entry given up on after the retries, for the Fo01 to the municipality. */
    public EntryMessage undeliveredEntry(Retry retry) {
        EntryMessage entry = retry.entry();
        return entry.refused(CBS_UNREACHABLE, "Bestand " + entry.name() + ": " + retry.detail() + ".");
    }

    /** Removes the work file of an attempt that was not sent. */
    public void cleanup(Attempt attempt) throws IOException {
        if (attempt != null && attempt.request() != null) {
            Files.deleteIfExists(attempt.request());
        }
    }

    private Optional<Object> readAnswer(InputStream body) throws XMLStreamException, EnvelopeException, IOException {
        XMLStreamReader xml = XML.createXMLStreamReader(body);
        try {
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT
                        && StufBerichtReader.isStufBericht(xml.getNamespaceURI(), xml.getLocalName())
                        && !StufBerichtReader.FO01_BERICHT.equals(xml.getLocalName())) {
                    return Optional.of(berichten.readAnswer(xml));
                }
            }
            return Optional.empty();
        } finally {
            xml.close();
        }
    }

    private static void skipXmlDeclaration(BufferedInputStream in) throws IOException {
        in.mark(256);
        byte[] head = in.readNBytes(200);
        String text = new String(head, StandardCharsets.ISO_8859_1);
        in.reset();
        if (text.startsWith("<?xml")) {
            int end = text.indexOf("?>");
            in.skipNBytes(end + 2);
        }
    }

    /** The envelope would exceed the chain's limit: refused before anything is sent. */
    public static final class EnvelopeTooLargeException extends IOException {
        public EnvelopeTooLargeException(String message) {
            super(message);
        }
    }
}
