package nl.ggk.hub.yaml;

/** A document that is not valid YAML, or repeats a key; {@code line} is 1-based (0 when unknown). */
public final class YamlException extends Exception {

    private final int line;

    public YamlException(int line, String problem, Throwable cause) {
        super(problem, cause);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
