package nl.ggk.hub.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;

/**
 * File names from outside in two forms: the {@link #display} form, as the user wrote it (UTF-8, spaces,
 * diacritics), recorded in track &amp; trace and shown in answers, reports and Fo01 details; and the {@link #safe}
 * form, the only one that reaches the file system: ASCII, no path, bounded length, with a hash of the original
 * when it had to be shortened so that two long names stay apart.
 */
public final class FileNames {

    /** Longest name on disk the hub derives: leaves room for the prefixes (delivery id, index) under 255 bytes. */
    public static final int MAX_SAFE_LENGTH = 100;
    /** Longest name kept for display. */
    public static final int MAX_DISPLAY_LENGTH = 1000;
    private static final int MAX_EXTENSION = 10;
    private static final int HASH_LENGTH = 12;

    private FileNames() {
    }

    /**
     * The name as written, without any folder part (a browser may send {@code C:\Users\..\a.zip}) and without
     * control characters; at most {@link #MAX_DISPLAY_LENGTH} characters.
     */
    public static String display(String name) {
        if (name == null) {
            return "delivery";
        }
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        String cleaned = base.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        if (cleaned.isEmpty()) {
            return "delivery";
        }
        if (cleaned.length() > MAX_DISPLAY_LENGTH) {
            int end = MAX_DISPLAY_LENGTH;
            if (Character.isHighSurrogate(cleaned.charAt(end - 1))) {
                end--;
            }
            cleaned = cleaned.substring(0, end);
        }
        return cleaned;
    }

    // compiled once: every entry of a ZIP and every outbound file is named through safe()
    private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile("[A-Za-z0-9._-]*");
    private static final java.util.regex.Pattern MARKS = java.util.regex.Pattern.compile("\\p{M}+");
    private static final java.util.regex.Pattern UNSAFE = java.util.regex.Pattern.compile("[^A-Za-z0-9._-]");
    private static final java.util.regex.Pattern LEADING_DOTS = java.util.regex.Pattern.compile("^\\.+");

    /** The on-disk form of {@code name}: {@code [A-Za-z0-9._-]}, diacritics dropped, at most 100 characters. */
    public static String safe(String name) {
        if (name == null || name.isBlank()) {
            return "delivery";
        }
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        String ascii = PLAIN.matcher(base).matches() ? base
                : MARKS.matcher(Normalizer.normalize(base, Normalizer.Form.NFD)).replaceAll("");
        String cleaned = LEADING_DOTS.matcher(UNSAFE.matcher(ascii).replaceAll("_")).replaceAll("");
        if (cleaned.isEmpty()) {
            return "delivery";
        }
        if (cleaned.length() <= MAX_SAFE_LENGTH) {
            return cleaned;
        }
        int dot = cleaned.lastIndexOf('.');
        String extension = dot > 0 && cleaned.length() - dot <= MAX_EXTENSION ? cleaned.substring(dot) : "";
        String hash = "-" + sha256(name).substring(0, HASH_LENGTH);
        int keep = MAX_SAFE_LENGTH - hash.length() - extension.length();
        return cleaned.substring(0, keep) + hash + extension;
    }

    /** The organisation folder of a path relative to the inbox, e.g. {@code 0363/MSD.zip} gives 0363. */
    public static String organisationFolder(String relativePath) {
        if (relativePath == null) {
            return null;
        }
        String normalised = relativePath.replace('\\', '/');
        int slash = normalised.indexOf('/');
        return slash <= 0 ? null : normalised.substring(0, slash);
    }

    /** {@code name} without {@code extension} (compared case-insensitively): {@code baseName("a.XML", ".xml")} is a. */
    public static String baseName(String name, String extension) {
        return name.regionMatches(true, name.length() - extension.length(), extension, 0, extension.length())
                ? name.substring(0, name.length() - extension.length()) : name;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
