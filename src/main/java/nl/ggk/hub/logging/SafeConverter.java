package nl.ggk.hub.logging;

import java.util.List;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.core.pattern.ConverterKeys;
import org.apache.logging.log4j.core.pattern.LogEventPatternConverter;
import org.apache.logging.log4j.core.pattern.PatternConverter;
import org.apache.logging.log4j.core.pattern.PatternFormatter;
import org.apache.logging.log4j.core.pattern.PatternParser;

/**
 * {@code %safe{pattern}}: formats the nested pattern, then masks what could be a BSN and escapes control
 * characters ({@link LogText#neutralise}). Wrapping the whole line in the layout makes this hold for every
 * log line, whatever a message, an MDC value or a logger name carries.
 */
@Plugin(name = "SafeConverter", category = PatternConverter.CATEGORY)
@ConverterKeys({"safe"})
public final class SafeConverter extends LogEventPatternConverter {

    private final List<PatternFormatter> formatters;

    private SafeConverter(List<PatternFormatter> formatters) {
        super("safe", "safe");
        this.formatters = formatters;
    }

    public static SafeConverter newInstance(Configuration config, String[] options) {
        if (options == null || options.length != 1 || options[0] == null) {
            throw new IllegalArgumentException("%safe needs exactly one option: the pattern to neutralise");
        }
        PatternParser parser = PatternLayout.createPatternParser(config);
        return new SafeConverter(parser.parse(options[0]));
    }

    @Override
    public void format(LogEvent event, StringBuilder toAppendTo) {
        int start = toAppendTo.length();
        for (PatternFormatter formatter : formatters) {
            formatter.format(event, toAppendTo);
        }
        String safe = LogText.neutralise(toAppendTo.subSequence(start, toAppendTo.length()));
        toAppendTo.setLength(start);
        toAppendTo.append(safe);
    }

    @Override
    public boolean handlesThrowable() {
        return formatters.stream().anyMatch(PatternFormatter::handlesThrowable);
    }
}
