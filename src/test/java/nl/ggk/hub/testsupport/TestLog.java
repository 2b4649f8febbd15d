package nl.ggk.hub.testsupport;

/**
 * The test JVM's log as a shared resource. A class that reads it ({@link LogCapture}: one WARN line per refusal, no
 * stack trace) holds {@link #LOCK} exclusively ({@code @ResourceLock(TestLog.LOCK)}); a class whose hub runs beside
 * the others ({@code @Execution(CONCURRENT)}) holds it for reading, so its hub's lines never land in another class's
 * capture.
 */
public final class TestLog {

    public static final String LOCK = "ggk.test-log";

    private TestLog() {
    }
}
