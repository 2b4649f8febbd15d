package nl.ggk.hub.gmsd;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of checking one GMSD file.
 *
 * @param fileName           the file name as delivered
 * @param recognised         what the file name says (absent when it matches no specification)
 * @param sender             the delivering organisation
 * @param verdict            accepted when no rule was violated
 * @param recordCount        data records read (header and empty lines not counted)
 * @param bytesRead          bytes of the file read
 * @param rules              per violated rule: count and the first examples, in rule order
 * @param violations         every violation up to the configured cap, in line order
 * @param violationCount     all violations, including those beyond the cap
 */
public record ValidationResult(String fileName, Optional<GmsdFileName> recognised, String sender, Verdict verdict,
                               long recordCount, long bytesRead, List<RuleResult> rules,
                               List<Violation> violations, long violationCount) {

    public enum Verdict {
        ACCEPTED("goedgekeurd"), REJECTED("afgekeurd");

        private final String dutch;

        Verdict(String dutch) {
            this.dutch = dutch;
        }

        public String dutch() {
            return dutch;
        }
    }

    /** Count and examples of one rule. */
    public record RuleResult(String ruleId, String title, String advice, long count, List<Violation> examples) {
    }

    public boolean accepted() {
        return verdict == Verdict.ACCEPTED;
    }

    /** Reason key for the error table, or empty when accepted. */
    public Optional<String> reasonKey() {
        if (accepted()) {
            return Optional.empty();
        }
        return Optional.of(count(Rule.BESTANDSNAAM.id()) > 0 ? "gmsd-filename-invalid" : "gmsd-rejected");
    }

    public long count(String ruleId) {
        return rules.stream().filter(r -> r.ruleId().equals(ruleId)).mapToLong(RuleResult::count).sum();
    }

    public Optional<RuleResult> rule(String ruleId) {
        return rules.stream().filter(r -> r.ruleId().equals(ruleId)).findFirst();
    }

    /** Whether {@code fouten.csv} lists fewer violations than there are. */
    public boolean violationsTruncated() {
        return violationCount > violations.size();
    }

    public Optional<String> fileType() {
        return recognised.map(GmsdFileName::type);
    }
}
