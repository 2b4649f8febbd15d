package nl.ggk.hub.http;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one endpoint of the HTTP port takes as its body, checked by {@link BodyGuard} before a byte of it is read: the
 * method and path (a regular expression), the largest body, whether the caller must be known first (a key or a
 * session) or may be anonymous (then the body counts against the {@link AnonymousBudget}), and the media types it
 * accepts (empty: any).
 */
public record BodyRule(String method, Pattern path, long maxBytes, boolean anonymous, Set<String> mediaTypes) {

    public BodyRule {
        method = method.toUpperCase(Locale.ROOT);
        mediaTypes = Set.copyOf(mediaTypes);
    }

    /** A JSON endpoint of an authenticated caller. */
    public static BodyRule json(String method, String path, long maxBytes) {
        return new BodyRule(method, Pattern.compile(path), maxBytes, false, Set.of("application/json"));
    }

    /** A JSON endpoint anybody may call (logging in). */
    public static BodyRule anonymousJson(String method, String path, long maxBytes) {
        return new BodyRule(method, Pattern.compile(path), maxBytes, true, Set.of("application/json"));
    }

    /** An endpoint anybody may call, of any media type (the CBS simulator). */
    public static BodyRule anonymous(String method, String path, long maxBytes) {
        return new BodyRule(method, Pattern.compile(path), maxBytes, true, Set.of());
    }

    boolean matches(String requestMethod, String requestPath) {
        return method.equals(requestMethod) && path.matcher(requestPath).matches();
    }
}
