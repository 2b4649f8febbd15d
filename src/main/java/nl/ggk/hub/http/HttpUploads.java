package nl.ggk.hub.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import nl.ggk.hub.web.ApiProblemException;

/**
 * Hands the uploads a door streamed to disk over to the route that handles the request. The route gets only a
 * random token (a request header the door sets after removing any the client sent), so a client cannot name a
 * file of its own. The door deletes the files when the answer is written, whatever happened.
 */
public final class HttpUploads {

    private final Path folder;
    private final Map<String, List<Upload>> pending = new ConcurrentHashMap<>();
    private final Map<Path, InputStream> open = new ConcurrentHashMap<>();

    public HttpUploads(Path folder) throws IOException {
        this.folder = Files.createDirectories(folder);
    }

    Path newFile() {
        return folder.resolve("upload-" + UUID.randomUUID() + ".part");
    }

    String register(List<Upload> uploads) {
        String token = UUID.randomUUID().toString();
        pending.put(token, List.copyOf(uploads));
        return token;
    }

    void forget(String token) {
        if (token != null) {
            pending.remove(token);
        }
    }

    /** The uploads of the request that carries {@code token}; 503 when the door did not stream this request. */
    public List<Upload> take(String token) {
        List<Upload> uploads = token == null ? null : pending.remove(token);
        if (uploads == null) {
            throw new ApiProblemException(503, "De hub kon de upload niet lezen; er is niets aangenomen. Probeer het later opnieuw.");
        }
        return uploads;
    }

    /** The stored upload to read; closed by the door with the answer, whether the route read it to the end or not. */
    public InputStream open(Upload upload) {
        try {
            InputStream in = Files.newInputStream(upload.file());
            InputStream before = open.put(upload.file(), in);
            close(before);
            return in;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes what {@link #open} opened of {@code file} and deletes it. */
    void release(Path file) {
        close(open.remove(file));
        delete(file);
    }

    private static void close(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // reading is over either way
            }
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover .part file in store/incoming is harmless; it is never referenced
        }
    }
}
