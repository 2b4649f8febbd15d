package nl.ggk.hub.logging;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.pattern.ConverterKeys;
import org.apache.logging.log4j.core.pattern.LogEventPatternConverter;
import org.apache.logging.log4j.core.pattern.PatternConverter;

/**
 * {@code %safeEx}: the stack trace of a logged exception, one frame a line as usual, but every exception
 * message neutralised ({@link LogText#neutralise}): an exception often quotes its input (a file name), and
 * its message must not forge lines or show a BSN any more than a log message may.
 */
@Plugin(name = "SafeThrowableConverter", category = PatternConverter.CATEGORY)
@ConverterKeys({"safeEx"})
public final class SafeThrowableConverter extends LogEventPatternConverter {

    private SafeThrowableConverter() {
        super("safeEx", "throwable");
    }

    public static SafeThrowableConverter newInstance(Configuration config, String[] options) {
        return new SafeThrowableConverter();
    }

    @Override
    public void format(LogEvent event, StringBuilder toAppendTo) {
        Throwable thrown = event.getThrown();
        if (thrown != null) {
            render(thrown, toAppendTo);
        }
    }

    @Override
    public boolean handlesThrowable() {
        return true;
    }

    /** Renders like {@link Throwable#printStackTrace()}: causes, suppressed exceptions, common frames elided. */
    static void render(Throwable thrown, StringBuilder out) {
        render(thrown, out, new StackTraceElement[0], "", "", Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static void render(Throwable thrown, StringBuilder out, StackTraceElement[] enclosing, String caption,
                               String prefix, Set<Throwable> seen) {
        if (!seen.add(thrown)) {
            out.append(prefix).append(caption).append("[CIRCULAR REFERENCE: ")
                    .append(LogText.neutralise(thrown.toString())).append("]\n");
            return;
        }
        StackTraceElement[] trace = thrown.getStackTrace();
        int m = trace.length - 1;
        int n = enclosing.length - 1;
        while (m >= 0 && n >= 0 && trace[m].equals(enclosing[n])) {
            m--;
            n--;
        }
        int inCommon = trace.length - 1 - m;
        out.append(prefix).append(caption).append(LogText.neutralise(thrown.toString())).append('\n');
        for (int i = 0; i <= m; i++) {
            out.append(prefix).append("\tat ").append(LogText.neutralise(trace[i].toString())).append('\n');
        }
        if (inCommon != 0) {
            out.append(prefix).append("\t... ").append(inCommon).append(" more\n");
        }
        for (Throwable suppressed : thrown.getSuppressed()) {
            render(suppressed, out, trace, "Suppressed: ", prefix + "\t", seen);
        }
        if (thrown.getCause() != null) {
            render(thrown.getCause(), out, trace, "Caused by: ", prefix, seen);
        }
    }
}
