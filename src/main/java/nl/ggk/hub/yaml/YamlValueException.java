package nl.ggk.hub.yaml;

/**
 * A value of the wrong kind in a YAML document that parsed (a list where one value belongs, a word where a number
 * belongs); {@code line} is 1-based. The reader of the file turns it into its own error, naming the file.
 */
public final class YamlValueException extends RuntimeException {

    private final int line;

    public YamlValueException(int line, String problem) {
        super(problem);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
