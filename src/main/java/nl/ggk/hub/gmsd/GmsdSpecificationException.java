package nl.ggk.hub.gmsd;

/** A specification file that cannot be used; the message names the file, the line and the problem. */
public class GmsdSpecificationException extends RuntimeException {

    private final String location;
    private final int line;

    public GmsdSpecificationException(String location, int line, String problem, Throwable cause) {
        super("GMSD specification " + location + (line > 0 ? ", line " + line : "") + ": " + problem, cause);
        this.location = location;
        this.line = line;
    }

    public String location() {
        return location;
    }

    /** 1-based line in the file, or 0 when unknown. */
    public int line() {
        return line;
    }
}
