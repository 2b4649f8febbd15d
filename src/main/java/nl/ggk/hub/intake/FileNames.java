package nl.ggk.hub.intake;

/** File names from outside never reach the file system as given: only a safe base name remains. */
public final class FileNames {

    private static final int MAX_LENGTH = 255;

    private FileNames() {
    }

    public static String safe(String name) {
        if (name == null || name.isBlank()) {
            return "delivery";
        }
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        String cleaned = base.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "");
        if (cleaned.isEmpty()) {
            return "delivery";
        }
        return cleaned.length() > MAX_LENGTH ? cleaned.substring(cleaned.length() - MAX_LENGTH) : cleaned;
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
}
