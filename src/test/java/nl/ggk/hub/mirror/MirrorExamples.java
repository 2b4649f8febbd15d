package nl.ggk.hub.mirror;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The example pair of half years (docs/examples/vergelijking: 0384, 2025H2 and 2026H1, productcategorie 03 missing
 * and 02 halved in the second) moved to another gemeente and some years back, so that a test's half years are its
 * own in a hub that other test classes share.
 */
public final class MirrorExamples {

    private static final Pattern DATE = Pattern.compile("(?<=^|;)(20\\d\\d)(\\d{4})(?=;|$)", Pattern.MULTILINE);

    private MirrorExamples() {
    }

    /** {@code name} of the example folder with gemeentecode {@code gemeente} and every date {@code years} back. */
    public static byte[] moved(String name, String gemeente, int years) throws IOException {
        String text = Files.readString(Path.of("docs/examples/vergelijking", name))
                .replace(";0384;", ";" + gemeente + ";");
        Matcher m = DATE.matcher(text);
        StringBuilder moved = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(moved, (Integer.parseInt(m.group(1)) - years) + m.group(2));
        }
        m.appendTail(moved);
        return moved.toString().getBytes(StandardCharsets.UTF_8);
    }
}
