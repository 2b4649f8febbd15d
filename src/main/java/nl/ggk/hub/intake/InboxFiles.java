package nl.ggk.hub.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import nl.ggk.hub.errors.ErrorReasons;

/**
 * What the folder door decides about one file in {@code inbox/<org>/} before a byte of it is read: it must be
 * a plain file of its own (no link, nothing whose real path leaves the inbox), not empty; and what identifies
 * the drop (its key) and where it is archived.
 */
public final class InboxFiles {

    /**
     * A file taken from {@code inbox/<org>/} and checked: who dropped it (the organisation folder), its name, where it
     * is archived, what identifies the drop, and the delivery an earlier run made of it ({@link InboxDrops#earlier}).
     */
    public record InboxDrop(String sender, String filename, Path file, String archiveName, String dropKey,
                            String earlierDelivery, IntakeService.Receipt unsentReceipt) {

        InboxDrop(String sender, String filename, Path file, String archiveName, String dropKey,
                  String earlierDelivery) {
            this(sender, filename, file, archiveName, dropKey, earlierDelivery, null);
        }

        /** Delivered before a restart: only archived now. */
        public boolean seenBefore() {
            return earlierDelivery != null;
        }

        /**
         * Delivered before a restart but still RECEIVED: its receipt may not have reached the broker before the hub
         * died, so it goes again ({@code unsentReceipt}).
         */
        public boolean unsent() {
            return unsentReceipt != null;
        }

        /** What the drop hands the intake door: the organisation folder delivers, the file is read by the intake. */
        public IntakeService.IntakeRequest intakeRequest() {
            return new IntakeService.IntakeRequest(sender, null, CHANNEL, filename,
                    () -> Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS));
        }

        InboxDrop withEarlier(String deliveryId, IntakeService.Receipt unsent) {
            return new InboxDrop(sender, filename, file, archiveName, dropKey, deliveryId, unsent);
        }
    }

    /** The channel of the inbox folders in track &amp; trace. */
    static final String CHANNEL = "FOLDER";

    /** On-disk names derived from a dropped name stay well under the 255 bytes of common file systems. */
    static final int MAX_NAME = 160;
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);

    private final Path inbox;
    private final Clock clock;

    public InboxFiles(Path inbox, Clock clock) {
        this.inbox = inbox.toAbsolutePath().normalize();
        this.clock = clock;
    }

    /**
     * Refuses ({@link IntakeRejectedException}) a link anywhere below the inbox, a file whose real path is not
     * inside its organisation folder, and an empty file. The answer names the file, never a server path.
     */
    public void check(String absolutePath) throws IOException {
        Path file = Path.of(absolutePath).toAbsolutePath().normalize();
        String shown = file.getFileName().toString();
        if (!file.startsWith(inbox) || inbox.relativize(file).getNameCount() != 2) {
            throw new IntakeRejectedException(ErrorReasons.NOT_AUTHORISED,
                    "'" + shown + "' staat niet direct in de map van een organisatie in de inbox; zet het bestand in inbox/<organisatie>/");
        }
        // the consumer's filter keeps links out; this holds should one be swapped in after the listing
        if (isLinked(absolutePath)) {
            throw new IntakeRejectedException(ErrorReasons.NOT_AUTHORISED, "'" + shown + "' is een snelkoppeling (symbolische link)"
                    + " of staat in een gekoppelde map: de hub volgt geen links in de inbox; zet het bestand zelf neer");
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                || !file.toRealPath().startsWith(inbox.toRealPath().resolve(file.getParent().getFileName()))) {
            throw new IntakeRejectedException(ErrorReasons.NOT_AUTHORISED,
                    "'" + shown + "' is geen gewoon bestand in de map van de organisatie");
        }
        if (Files.size(file) == 0) {
            throw new IntakeRejectedException(ErrorReasons.ZIP_EMPTY, "Het bestand '" + shown + "' is leeg (0 bytes). Lever het volledige bestand opnieuw aan");
        }
    }

    /**
     * The checked drop of {@code relativeName} (relative to the inbox, {@code <org>/<name>}): refused as
     * {@link #check(String)} refuses; else its names and its key ({@link #dropKey}, the content read once).
     */
    public InboxDrop check(String relativeName, String absolutePath) throws IOException {
        check(absolutePath);
        Path file = Path.of(absolutePath);
        return new InboxDrop(FileNames.organisationFolder(relativeName), file.getFileName().toString(), file,
                archiveName(relativeName), dropKey(absolutePath, relativeName), null);
    }

    /** True when {@code absolutePath} or a folder on its way down from the inbox is a symbolic link. */
    public boolean isLinked(String absolutePath) {
        Path file = Path.of(absolutePath).toAbsolutePath().normalize();
        if (!file.startsWith(inbox)) {
            return true;
        }
        Path step = inbox;
        for (Path part : inbox.relativize(file)) {
            step = step.resolve(part);
            if (Files.isSymbolicLink(step)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What identifies this drop, bounded (64 hex characters) whatever the name's length: the name relative to
     * the inbox, size, modification time and the SHA-256 of the content. A crash replay of the same drop has
     * the same key; a corrected file under the same name, size and time has another.
     */
    public String dropKey(String absolutePath, String relativeName) throws IOException {
        Path file = Path.of(absolutePath);
        MessageDigest content = sha256();
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                content.update(buffer, 0, n);
            }
        }
        String identity = relativeName + "\n" + Files.size(file) + "\n"
                + Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toMillis() + "\n"
                + HexFormat.of().formatHex(content.digest());
        return HexFormat.of().formatHex(sha256().digest(identity.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Moves a refused inbox file, as it is (a link as a link), to {@code quarantine/<quarantineName>} beside the
     * inbox: the folder door's refusal (routeConfiguration folder-errors). Done by this step, not by the consumer's
     * moveFailed, so that a failure that is no refusal (the database away, a stop meanwhile) leaves the file where
     * it is. A path outside the inbox or a name leaving quarantine/ is refused.
     */
    public void quarantine(String absolutePath, String quarantineName) throws IOException {
        Path file = Path.of(absolutePath).toAbsolutePath().normalize();
        Path quarantine = inbox.resolveSibling("quarantine");
        Path target = quarantine.resolve(quarantineName).normalize();
        if (!file.startsWith(inbox) || quarantineName.isBlank() || !target.startsWith(quarantine)
                || target.equals(quarantine)) {
            throw new IllegalArgumentException("not an inbox file or not a quarantine name");
        }
        Files.createDirectories(target.getParent());
        Files.move(file, target, LinkOption.NOFOLLOW_LINKS);
    }

    /** {@code <org>/<name>-<stamp>.<ext>} under archive/, the name bounded ({@link #bounded}). */
    public String archiveName(String relativeName) {
        String normalised = relativeName.replace('\\', '/');
        int slash = normalised.lastIndexOf('/');
        String folder = slash < 0 ? "_unknown" : FileNames.safe(normalised.substring(0, slash));
        String name = bounded(FileNames.safe(normalised.substring(slash + 1)));
        int dot = name.lastIndexOf('.');
        String stamp = STAMP.format(clock.instant());
        return folder + "/" + (dot <= 0 ? name + "-" + stamp : name.substring(0, dot) + "-" + stamp
                + name.substring(dot));
    }

    /**
     * A name of at most {@link #MAX_NAME} characters: a longer one keeps its end (extension) behind a short
     * hash of the whole, so that two long names stay apart.
     */
    public static String bounded(String name) {
        if (name.length() <= MAX_NAME) {
            return name;
        }
        String hash = HexFormat.of().formatHex(sha256().digest(name.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
        return hash + "_" + name.substring(name.length() - (MAX_NAME - hash.length() - 1));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
