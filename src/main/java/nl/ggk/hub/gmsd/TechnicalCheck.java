package nl.ggk.hub.gmsd;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.StringJoiner;
import nl.ggk.hub.intake.FileNames;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.report.FeedbackMeta;
import nl.ggk.hub.report.FeedbackReport;
import nl.ggk.hub.store.ContentStore;
import nl.ggk.hub.track.DeliveryStatus;
import nl.ggk.hub.track.TrackStore;

/**
 * The technical check of a GMSD file in the chain: validate it, put the Dutch feedback (PDF report and
 * fouten.csv in a ZIP) in the sender's outbox at once, and record VALIDATED or REJECTED with the counts.
 */
public final class TechnicalCheck {

    /** {@code forward} tells the route whether the file goes on to CBS. */
    public record Outcome(boolean accepted, boolean forward, String reason, String summary, String feedbackFile) {
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
    private final TrackStore track;
    private final OrganisationRegistry organisations;
    private final Path outboxRoot;
    private final Policy policy;
    private final Clock clock;

    public TechnicalCheck(GmsdValidator validator, FeedbackReport report, ContentStore store, TrackStore track,
                          OrganisationRegistry organisations, Path outboxRoot, Policy policy, Clock clock) {
        this.validator = validator;
        this.report = report;
        this.store = store;
        this.track = track;
        this.organisations = organisations;
        this.outboxRoot = outboxRoot;
        this.policy = policy;
        this.clock = clock;
    }

    public Outcome check(String deliveryId, int index, String name, String payloadRef, String sender)
            throws IOException {
        Instant at = clock.instant();
        ValidationResult result;
        try (InputStream in = store.open(payloadRef)) {
            result = validator.validate(in, name, sender);
        }
        String zipName = report.zipName(FileNames.safe(name), at);
        Path target = outboxRoot.resolve(FileNames.safe(sender)).resolve(zipName);
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + zipName + ".part");
        report.writeZip(List.of(result),
                FeedbackMeta.delivered(sender, organisations.displayName(sender), name, at, deliveryId), temp);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        String summary = summary(result) + "; feedback " + outboxRoot.relativize(target);
        boolean forward = result.accepted() || policy == Policy.FORWARD_WITH_WARNINGS;
        if (forward) {
            track.entryStatus(deliveryId, index, DeliveryStatus.VALIDATED, summary);
        }
        return new Outcome(result.accepted(), forward, result.reasonKey().orElse(null), summary,
                outboxRoot.relativize(target).toString());
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
