package nl.ggk.hub.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import nl.ggk.hub.intake.FileNames;
import nl.ggk.hub.intake.IntakeRejectedException;

/**
 * Keeps the originals of rejected input: {@code quarantine/<org>/<time>-<name>} plus a
 * {@code .reason.txt} beside it saying what was wrong and which delivery it was.
 */
public final class Quarantine {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS").withZone(ZoneOffset.UTC);

    private final Path root;
    private final Clock clock;

    public Quarantine(Path root) {
        this(root, Clock.systemUTC());
    }

    public Quarantine(Path root, Clock clock) {
        this.root = root;
        this.clock = clock;
    }

    /** Where an original goes, relative to the quarantine folder (unique, safe). */
    public String nameFor(String organisation, String filename) {
        String folder = organisation == null ? "_unknown" : FileNames.safe(organisation);
        return folder + "/" + STAMP.format(clock.instant()) + "-" + FileNames.safe(filename);
    }

    /** Copies an original (e.g. from the content store) into quarantine and writes its reason file. */
    public Path keep(InputStream original, String organisation, String filename, String code, String reason,
                     String deliveryId) throws IOException {
        String name = nameFor(organisation, filename);
        Path target = root.resolve(name);
        Files.createDirectories(target.getParent());
        Files.copy(original, target, StandardCopyOption.REPLACE_EXISTING);
        writeReason(name, code, reason, deliveryId);
        return target;
    }

    /** Reason file for an input refused at the door (no delivery id exists yet). */
    public void writeReason(String name, Throwable refusal) throws IOException {
        writeReason(name, IntakeRejectedException.reasonOf(refusal), IntakeRejectedException.messageOf(refusal), null);
    }

    public void writeReason(String name, String code, String reason, String deliveryId) throws IOException {
        Path reasonFile = root.resolve(name + ".reason.txt");
        Files.createDirectories(reasonFile.getParent());
        String text = "code: " + (code == null ? "" : code) + "\n"
                + "reason: " + (reason == null ? "" : reason) + "\n"
                + "delivery: " + (deliveryId == null ? "(not accepted)" : deliveryId) + "\n"
                + "at: " + clock.instant() + "\n";
        Files.writeString(reasonFile, text, StandardCharsets.UTF_8);
    }
}
