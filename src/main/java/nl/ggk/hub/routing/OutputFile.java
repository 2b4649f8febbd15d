package nl.ggk.hub.routing;

/**
 * What a bean hands a route to write: the content (bytes, a {@link java.nio.file.Path} or a
 * {@link java.io.File}) and its name relative to the folder of the route's {@code file:} endpoint. The
 * name is derived from the message (delivery id, entry index), so a redelivered message writes the same file.
 */
public record OutputFile(String name, Object content) {
}
