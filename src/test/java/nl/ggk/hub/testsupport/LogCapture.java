package nl.ggk.hub.testsupport;

import java.io.StringWriter;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.StringLayout;

/** Everything the hub logs while it is attached, formatted as on the console: what an operator reads. */
public final class LogCapture implements AutoCloseable {

    private final StringWriter text = new StringWriter();
    private final Appender appender;
    private final LoggerConfig root;

    private LogCapture() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        // the layout of the configured console appender: the test reads what an operator reads
        Appender console = configuration.getAppender("console");
        appender = WriterAppender.createAppender((StringLayout) console.getLayout(), null, text,
                "capture-" + System.nanoTime(), false, true);
        appender.start();
        root = configuration.getRootLogger();
        root.addAppender(appender, null, null);
        context.updateLoggers();
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    public String text() {
        synchronized (text) {
            return text.toString();
        }
    }

    @Override
    public void close() {
        root.removeAppender(appender.getName());
        appender.stop();
        ((LoggerContext) LogManager.getContext(false)).updateLoggers();
    }
}
