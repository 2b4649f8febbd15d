package nl.ggk.hub.gmsd;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects violations with bounded memory: counts for all, details only for the first examples per rule
 * and the first {@code maxViolationsListed} overall.
 */
final class Findings {

    /** By line, then column (a plain class: no lambda to link in a fresh {@code validate}). */
    private static final Comparator<Violation> IN_LINE_ORDER = new Comparator<>() {
        @Override
        public int compare(Violation a, Violation b) {
            int byLine = Long.compare(a.line(), b.line());
            return byLine != 0 ? byLine : Integer.compare(a.column(), b.column());
        }
    };

    private final long[] counts = new long[Rule.values().length];
    private final List<List<Violation>> examples = new ArrayList<>();
    private final List<Violation> listed = new ArrayList<>();
    private final int examplesPerRule;
    private final int maxListed;

    Findings(ValidationSettings settings) {
        this.examplesPerRule = settings.examplesPerRule();
        this.maxListed = settings.maxViolationsListed();
        for (int i = 0; i < counts.length; i++) {
            examples.add(new ArrayList<>());
        }
    }

    /** Whether a violation of this rule would be kept, i.e. worth building its details. */
    boolean wantsDetail(Rule rule) {
        return listed.size() < maxListed || examples.get(rule.ordinal()).size() < examplesPerRule;
    }

    void add(Rule rule, Violation violation) {
        addCount(rule, 1, violation);
    }

    /** Counts {@code count} occurrences shown by one violation (may be null when no detail is wanted). */
    void addCount(Rule rule, long count, Violation violation) {
        counts[rule.ordinal()] += count;
        if (violation == null) {
            return;
        }
        List<Violation> ruleExamples = examples.get(rule.ordinal());
        if (ruleExamples.size() < examplesPerRule) {
            ruleExamples.add(violation);
        }
        if (listed.size() < maxListed) {
            listed.add(violation);
        }
    }

    long total() {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    List<ValidationResult.RuleResult> ruleResults() {
        List<ValidationResult.RuleResult> results = new ArrayList<>();
        for (Rule rule : Rule.values()) {
            if (counts[rule.ordinal()] > 0) {
                List<Violation> ruleExamples = new ArrayList<>(examples.get(rule.ordinal()));
                ruleExamples.sort(IN_LINE_ORDER);
                results.add(new ValidationResult.RuleResult(rule.id(), rule.title(), rule.advice(),
                        counts[rule.ordinal()], List.copyOf(ruleExamples)));
            }
        }
        return results;
    }

    List<Violation> listedInLineOrder() {
        List<Violation> sorted = new ArrayList<>(listed);
        sorted.sort(IN_LINE_ORDER);
        return List.copyOf(sorted);
    }
}
