package nl.ggk.hub.gmsd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import nl.ggk.hub.errors.ErrorReasons;
import nl.ggk.hub.intake.FileNames;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.store.ContentStore;
import nl.ggk.hub.routing.OutputFile;
import nl.ggk.hub.split.EntryMessage;
import nl.ggk.hub.track.Finding;
import nl.ggk.hub.track.GmsdReplacement.Earlier;
import nl.ggk.hub.track.TrackEvents;
import nl.ggk.hub.track.GmsdReplacement.GmsdFile;

/**
 * The technical check of a GMSD file in the chain: validate it and render the Dutch feedback (PDF report and
 * fouten.csv in a ZIP) for the sender's outbox. The route writes the feedback, then forwards the file or
 * refuses it, as the outcome says.
 */
public final class TechnicalCheck {

    /**
     * {@code forward} tells the route whether the file goes on to CBS; {@code feedback} is named relative to
     * the outbox folder, after the file and the time the delivery was received (the same on a redelivery);
     * {@code refusal} the Dutch reason the Fo01 gives when it is not the summary (records of another gemeente);
     * {@code comparison} the comparison with the gemeente's earlier deliveries of a file that goes on, or {@code null}.
     */
    public record Outcome(EntryMessage entry, boolean accepted, boolean forward, String reason, String summary,
                          OutputFile feedback, GmsdFile gmsdFile, String refusal, List<Finding> findings,
                          long findingCount, FeedbackSection comparison) {

        /** The entry as the Fo01 step refuses it: for the check's reason, with its summary (or refusal) as detail. */
        public EntryMessage refusedEntry() {
            String detail = refusal != null ? refusal : summary;
            return entry.refused(reason, detail == null || detail.isEmpty() ? detail
                    : Character.toUpperCase(detail.charAt(0)) + detail.substring(1));
        }
    }

    public enum Policy {
        REJECT, FORWARD_WITH_WARNINGS;

        public static Policy of(String setting) {
            return valueOf(setting.trim().toUpperCase().replace('-', '_'));
        }
    }

    private final GmsdValidator validator;
    private final FeedbackReport report;
    private final ContentStore store;
    private final OrganisationRegistry organisations;
    private final Policy policy;
    private final EarlierFiles earlier;
    private final Mirror mirror;

    /** The GMSD file of the same gemeente, type and half year that went on before this entry, if any. */
    @FunctionalInterface
    public interface EarlierFiles {
        EarlierFiles NONE = (file, deliveryId, index) -> Optional.empty();

        Optional<Earlier> latest(GmsdFile file, String deliveryId, int index);
    }

    /** The instant mirror: a file that goes on compared with the gemeente's earlier half years (or {@code null}). */
    @FunctionalInterface
    public interface Mirror {
        Mirror NONE = (entry, name) -> null;

        FeedbackSection compare(EntryMessage entry, GmsdFileName name) throws IOException;
    }

    public TechnicalCheck(GmsdValidator validator, FeedbackReport report, ContentStore store,
                          OrganisationRegistry organisations, Policy policy) {
        this(validator, report, store, organisations, policy, EarlierFiles.NONE);
    }

    public TechnicalCheck(GmsdValidator validator, FeedbackReport report, ContentStore store,
                          OrganisationRegistry organisations, Policy policy, EarlierFiles earlier) {
        this(validator, report, store, organisations, policy, earlier, Mirror.NONE);
    }

    public TechnicalCheck(GmsdValidator validator, FeedbackReport report, ContentStore store,
                          OrganisationRegistry organisations, Policy policy, EarlierFiles earlier, Mirror mirror) {
        this.earlier = earlier;
        this.mirror = mirror;
        this.validator = validator;
        this.report = report;
        this.store = store;
        this.organisations = organisations;
        this.policy = policy;
    }

    public Outcome check(EntryMessage entry) throws IOException {
        String sender = entry.sender();
        ValidationResult result;
        try (InputStream in = store.open(entry.payloadRef())) {
            result = validator.validate(in, entry.name(), sender);
        }
        return outcome(entry, result);
    }

    /**
     * The feedback on a CSV meant for CBS that classification refused by its name (GGK002) before any check: the
     * same report, afgekeurd, its one finding the file name with the entry's advice (the correct spelling, if any).
     */
    public Outcome nameRefused(EntryMessage entry) throws IOException {
        return outcome(entry, validator.refusedByName(entry.name(), entry.sender(), entry.detail()));
    }

    private Outcome outcome(EntryMessage entry, ValidationResult result) throws IOException {
        String sender = entry.sender();
        String feedbackName = FileNames.safe(sender) + "/" + report.zipName(FileNames.safe(entry.name()),
                entry.receivedAt(), entry.deliveryId());
        // records of another gemeente than the file name's are never forwarded, whatever the policy: one gemeente
        // per entry (the name was matched with the delivery's gemeente when the entry was classified)
        String otherGemeente = otherGemeenteInRecords(result);
        boolean forward = otherGemeente == null && (result.accepted() || policy == Policy.FORWARD_WITH_WARNINGS);
        // a file that goes on replaces the earlier one of the same gemeente, type and half year, as CBS does
        GmsdFile file = forward ? result.recognised().map(n -> new GmsdFile(n.gemeentecode(),
                n.type(), n.halfYearLabel())).orElse(null) : null;
        FeedbackMeta meta = FeedbackMeta.delivered(sender, organisations.displayName(sender), entry.name(),
                entry.receivedAt(), entry.deliveryId());
        Optional<Earlier> replaces = file == null ? Optional.empty()
                : earlier.latest(file, entry.deliveryId(), entry.index());
        if (replaces.isPresent()) {
            meta = meta.replacing(replaces.get().deliveryId(), replaces.get().receivedAt());
        }
        FeedbackSection comparison = file == null || otherGemeente != null ? null
                : mirror.compare(entry, result.recognised().orElseThrow());
        meta = meta.comparedBy(comparison);
        // feedback ZIPs are small (the report and at most ggk.gmsd.max-violations-listed lines)
        ByteArrayOutputStream zip = new ByteArrayOutputStream(64 * 1024);
        report.writeZip(List.of(result), meta, zip);
        // Dutch, without the feedback's file name: the entry links to its feedback ZIP, the user reads the summary
        String summary = summary(result);
        List<Finding> findings = findings(result);
        if (otherGemeente != null) {
            String named = result.recognised().map(GmsdFileName::gemeentecode).orElseThrow();
            return new Outcome(entry, false, false, ErrorReasons.GEMEENTE_MISMATCH, summary,
                    new OutputFile(feedbackName, zip.toByteArray()), null,
                    "Records in " + entry.name() + " zijn van " + named(otherGemeente) + ", maar het bestand is"
                            + " aangeleverd voor " + named(named) + ". Zie de technische terugkoppeling.",
                    findings, result.violationCount(), null);
        }
        return new Outcome(entry, result.accepted(), forward, result.reasonKey().orElse(null), summary,
                new OutputFile(feedbackName, zip.toByteArray()), file, null, findings, result.violationCount(),
                comparison);
    }

    /**
     * A gemeentecode in the records that is not the file name's (rule gemeentecode-bestand), when it is one (four
     * digits); {@code null} when every record has the file name's.
     */
    private static String otherGemeenteInRecords(ValidationResult result) {
        Optional<GmsdFileName> name = result.recognised();
        if (name.isEmpty()) {
            return null;
        }
        return result.rule(Rule.GEMEENTECODE_BESTAND.id()).stream()
                .flatMap(rule -> rule.examples().stream())
                .map(Violation::value)
                .filter(value -> value != null && value.matches("\\d{4}") && !value.equals(name.get().gemeentecode()))
                .findFirst().orElse(null);
    }

    /** {@code Leiden (0546)}, or {@code gemeente 9999 (onbekend)}. */
    private String named(String gemeentecode) {
        return organisations.isGemeente(gemeentecode)
                ? organisations.displayName(gemeentecode) + " (" + gemeentecode + ")"
                : "gemeente " + gemeentecode + " (onbekend)";
    }

    /** E.g. "afgekeurd: 1 record, 2 bevindingen (Aantal kolommen: 1, Kopregel: 1)", in Dutch for the user. */
    static String summary(ValidationResult result) {
        StringJoiner rules = new StringJoiner(", ");
        for (ValidationResult.RuleResult rule : result.rules()) {
            if (rule.count() > 0) {
                rules.add(rule.title() + ": " + rule.count());
            }
        }
        long records = result.recordCount();
        long findings = result.violationCount();
        return result.verdict().dutch() + ": " + records + (records == 1 ? " record, " : " records, ") + findings
                + (findings == 1 ? " bevinding" : " bevindingen") + (rules.length() == 0 ? "" : " (" + rules + ")");
    }

    /** The first findings (line order) as track &amp; trace keeps them, each with what to do. */
    static List<Finding> findings(ValidationResult result) {
        List<Finding> list = new ArrayList<>();
        for (Violation v : result.violations()) {
            if (list.size() == TrackEvents.MAX_FINDINGS) {
                break;
            }
            String advice = result.rule(v.ruleId()).map(ValidationResult.RuleResult::advice).orElse(null);
            list.add(new Finding(v.line(), v.column(), v.ruleId(), v.field() == null || v.field().isBlank() ? null
                    : v.field(), v.explanation(), advice));
        }
        return list;
    }
}
