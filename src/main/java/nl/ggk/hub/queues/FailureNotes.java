package nl.ggk.hub.queues;

import java.time.Clock;
import java.util.Map;
import java.util.regex.Pattern;
import nl.ggk.hub.errors.AnswerText;

/**
 * What a dead letter carries about its failure, for the operator who inspects it: the reason (the exception's
 * message), a short stack summary (the chain of causes and the hub's own frames) and when it failed, as headers
 * GgkFailureReason, GgkFailureStack and GgkFailedAt. BSN-like numbers are masked and server paths left out.
 */
public final class FailureNotes {

    private static final Pattern ABSOLUTE_PATH = Pattern.compile("(?<![\\w.:])/(?:[\\w.-]+/)+[\\w.-]*");
    private static final int MAX_REASON = 1000;
    private static final int MAX_STACK = 2000;
    private static final int FRAMES = 6;

    private final Clock clock;

    public FailureNotes(Clock clock) {
        this.clock = clock;
    }

    /** Adds the notes to {@code headers} (the message going to its DLQ); returns nothing, the body stays. */
    public void note(Map<String, Object> headers, Throwable failure) {
        headers.put(QueueBrowsing.FAILED_AT_HEADER, clock.instant().toString());
        if (failure == null) {
            return;
        }
        headers.put(QueueBrowsing.REASON_HEADER, clean(String.valueOf(failure.getMessage()), MAX_REASON));
        headers.put(QueueBrowsing.STACK_HEADER, clean(summary(failure), MAX_STACK));
    }

    /** The causes, outermost first, each with its first frames in the hub's own code (or its first frame). */
    static String summary(Throwable failure) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 5; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (depth > 0) {
                out.append("\ncaused by ");
            }
            out.append(t.getClass().getName()).append(": ").append(t.getMessage());
            int shown = 0;
            for (StackTraceElement frame : t.getStackTrace()) {
                if (shown < FRAMES && (frame.getClassName().startsWith("nl.ggk.") || shown == 0)) {
                    out.append("\n    at ").append(frame);
                    shown++;
                }
            }
        }
        return out.toString();
    }

    static String clean(String text, int max) {
        String masked = ABSOLUTE_PATH.matcher(AnswerText.masked(text)).replaceAll("[pad]");
        return masked.length() <= max ? masked : masked.substring(0, max) + "…";
    }
}
