package nl.ggk.hub.observe;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes the server's paths out of what the management port shows: an endpoint URI under the data root becomes
 * relative to it ({@code file:///srv/ggk/outbox?…} → {@code file:outbox?…}), any other mention of the data root
 * (in a message or an error) becomes {@code <data>}, plainly or URL-encoded. The data root is known in its
 * absolute and, where a link leads elsewhere, its real form.
 */
public final class ServerPaths {

    static final String PLACEHOLDER = "<data>";

    private final List<String> roots;

    public ServerPaths(Path dataRoot) {
        List<String> forms = new ArrayList<>();
        Path absolute = dataRoot.toAbsolutePath().normalize();
        forms.add(absolute.toString());
        try {
            String real = absolute.toRealPath().toString();
            if (!forms.contains(real)) {
                forms.add(real);
            }
        } catch (IOException notThereYet) {
            // the absolute form is all there is
        }
        // the longest first, so that a root inside another one is replaced whole
        forms.sort((a, b) -> b.length() - a.length());
        this.roots = List.copyOf(forms);
    }

    /** The text with every data-root path replaced; null stays null. */
    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String root : roots) {
            if (root.equals("/")) {
                continue; // a data root at the file system's root: nothing sensible to hide
            }
            masked = masked.replace("file://" + root + "/", "file:")
                    .replace("file://" + root, "file:.")
                    .replace("file:" + root + "/", "file:")
                    .replace(root, PLACEHOLDER);
            String encoded = URLEncoder.encode(root, StandardCharsets.UTF_8);
            masked = masked.replace(encoded, "%3Cdata%3E");
        }
        return masked;
    }

    /** Whether the text mentions the data root at all. */
    public boolean mentions(String text) {
        return text != null && !mask(text).equals(text);
    }
}
