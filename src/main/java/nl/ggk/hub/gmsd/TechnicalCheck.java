package nl.ggk.hub.gmsd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import nl.ggk.hub.intake.FileNames;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.report.FeedbackMeta;
import nl.ggk.hub.report.FeedbackReport;
import nl.ggk.hub.store.ContentStore;
import nl.ggk.hub.routing.OutputFile;
import nl.ggk.hub.split.EntryMessage;
import nl.ggk.hub.track.TrackStore;

/**
 * The technical check of a GMSD file in the chain: validate it and render the Dutch feedback (PDF report and
 * fouten.csv in a ZIP) for the sender's outbox. The route writes the feedback, then forwards the file or
 * refuses it, as the outcome says.
 */
public final class TechnicalCheck {

    /**
     * {@code forward} tells the route whether the file goes on to CBS; {@code feedback} is named relative to
     * the outbox folder, after the file and the time the delivery was received (the same on a redelivery).
     */
    public record Outcome(EntryMessage entry, boolean accepted, boolean forward, String reason, String summary,
                          OutputFile feedback, TrackStore.GmsdFile gmsdFile) {

        /** The entry as the Fo01 step refuses it: for the check's reason, with its summary as detail. */
        public EntryMessage refusedEntry() {
            return entry.refused(reason, summary);
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

    /** The GMSD file of the same gemeente, type and half year that went on before this entry, if any. */
    @FunctionalInterface
    public interface EarlierFiles {
        EarlierFiles NONE = (file, deliveryId, index) -> Optional.empty();

        Optional<TrackStore.Earlier> latest(TrackStore.GmsdFile file, String deliveryId, int index);
    }

    public TechnicalCheck(GmsdValidator validator, FeedbackReport report, ContentStore store,
                          OrganisationRegistry organisations, Policy policy) {
        this(validator, report, store, organisations, policy, EarlierFiles.NONE);
    }

    public TechnicalCheck(GmsdValidator validator, FeedbackReport report, ContentStore store,
                          OrganisationRegistry organisations, Policy policy, EarlierFiles earlier) {
        this.earlier = earlier;
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
        boolean forward = result.accepted() || policy == Policy.FORWARD_WITH_WARNINGS;
        // a file that goes on replaces the earlier one of the same gemeente, type and half year, as CBS does
        TrackStore.GmsdFile file = forward ? result.recognised().map(n -> new TrackStore.GmsdFile(n.gemeentecode(),
                n.type(), n.halfYearLabel())).orElse(null) : null;
        FeedbackMeta meta = FeedbackMeta.delivered(sender, organisations.displayName(sender), entry.name(),
                entry.receivedAt(), entry.deliveryId());
        Optional<TrackStore.Earlier> replaces = file == null ? Optional.empty()
                : earlier.latest(file, entry.deliveryId(), entry.index());
        if (replaces.isPresent()) {
            meta = meta.replacing(replaces.get().deliveryId(), replaces.get().receivedAt());
        }
        // feedback ZIPs are small (the report and at most ggk.gmsd.max-violations-listed lines)
        ByteArrayOutputStream zip = new ByteArrayOutputStream(64 * 1024);
        report.writeZip(List.of(result), meta, zip);
        String summary = summary(result) + "; feedback " + feedbackName
                + replaces.map(r -> "; vervangt levering " + r.deliveryId()).orElse("");
        return new Outcome(entry, result.accepted(), forward, result.reasonKey().orElse(null), summary,
                new OutputFile(feedbackName, zip.toByteArray()), file);
    }

    static String summary(ValidationResult result) {
        StringJoiner rules = new StringJoiner(", ");
        for (ValidationResult.RuleResult rule : result.rules()) {
            if (rule.count() > 0) {
                rules.add(rule.ruleId() + "=" + rule.count());
            }
        }
        return result.verdict().dutch() + ": " + result.recordCount() + " records, " + result.violationCount()
                + " violations" + (rules.length() == 0 ? "" : " (" + rules + ")");
    }
}
