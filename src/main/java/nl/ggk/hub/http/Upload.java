package nl.ggk.hub.http;

import java.nio.file.Path;

/** A body (or one file part of a multipart body) the door streamed to disk; {@code filename} as the client wrote it. */
public record Upload(Path file, String filename, String mediaType, long size) {
}
