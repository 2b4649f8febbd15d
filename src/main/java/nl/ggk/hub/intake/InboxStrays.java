package nl.ggk.hub.intake;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import nl.ggk.hub.errors.ErrorReasons;

/**
 * What the inbox consumer never sees, found so that it is answered rather than ignored for ever: a file
 * directly in {@code inbox/}, anything below an organisation folder's subfolders, a name that is not valid
 * UTF-8 (no {@code java.io.File} can address it), a symbolic link (file or folder). Each is moved
 * aside, as it is (a link itself, never its target), once it has not changed for the inbox's minimum age.
 * The move is done here with NIO, the one way to address a name that does not decode; the quarantine route
 * writes the reason beside it.
 */
public final class InboxStrays {

    /** One stray: where it is, its name under quarantine/, why. */
    public record Stray(Path path, String shown, String quarantineName, IntakeRejectedException refusal) {
    }

    private static final String IN_PROGRESS = "(?s).*\\.(part|tmp|camelLock)$";

    private final Path inbox;
    private final Path quarantine;
    private final Duration minAge;
    private final BiFunction<String, String, String> quarantineNames;
    private final Clock clock;

    /** {@code quarantineNames}: (organisation, file name) to a unique name under quarantine/. */
    public InboxStrays(Path inbox, Path quarantine, Duration minAge, BiFunction<String, String, String> quarantineNames,
                       Clock clock) {
        this.inbox = inbox.toAbsolutePath().normalize();
        this.quarantine = quarantine.toAbsolutePath().normalize();
        this.minAge = minAge;
        this.quarantineNames = quarantineNames;
        this.clock = clock;
    }

    public List<Stray> find() throws IOException {
        List<Stray> strays = new ArrayList<>();
        if (!Files.isDirectory(inbox, LinkOption.NOFOLLOW_LINKS)) {
            return strays;
        }
        try (DirectoryStream<Path> top = Files.newDirectoryStream(inbox)) {
            for (Path entry : top) {
                if (isPlainDirectory(entry) && addressable(entry)) {
                    organisationFolder(entry, strays);
                } else if (Files.isSymbolicLink(entry)) {
                    add(strays, entry, null, ErrorReasons.NOT_AUTHORISED, "'" + shown(entry) + "' is een snelkoppeling"
                            + " (symbolische link): de hub volgt geen links in de inbox");
                } else {
                    add(strays, entry, null, "'" + shown(entry) + "' staat niet in de map van een organisatie: zet"
                            + " bestanden in inbox/<organisatie>/");
                }
            }
        }
        return strays;
    }

    /** Moves the stray to its place under quarantine/, as it is (a link stays a link). */
    public Stray moveAside(Stray stray) throws IOException {
        Path target = quarantine.resolve(stray.quarantineName());
        Files.createDirectories(target.getParent());
        Files.move(stray.path(), target, StandardCopyOption.ATOMIC_MOVE);
        return stray;
    }

    private void organisationFolder(Path folder, List<Stray> strays) throws IOException {
        String organisation = folder.getFileName().toString();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path entry : files) {
                if (!addressable(entry)) {
                    add(strays, entry, organisation, "de naam van '" + shown(entry) + "' is geen geldige UTF-8: geef het"
                            + " bestand een naam in UTF-8");
                } else if (isPlainDirectory(entry)) {
                    tooDeep(entry, organisation, strays);
                } else if (Files.isSymbolicLink(entry)) {
                    add(strays, entry, organisation, ErrorReasons.NOT_AUTHORISED, "'" + shown(entry)
                            + "' is een snelkoppeling (symbolische link): de hub"
                            + " volgt geen links in de inbox; zet het bestand zelf neer");
                } else if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    add(strays, entry, organisation, "'" + shown(entry) + "' is geen gewoon bestand");
                }
                // plain files: the inbox consumer answers them (its filter, NoLinksInInbox, skips links)
            }
        }
    }

    private void tooDeep(Path folder, String organisation, List<Stray> strays) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path entry : files) {
                if (isPlainDirectory(entry) && addressable(entry)) {
                    tooDeep(entry, organisation, strays);
                } else {
                    add(strays, entry, organisation, "'" + shown(entry) + "' staat in een submap van inbox/"
                            + organisation + "/: de hub neemt alleen bestanden direct in inbox/<organisatie>/");
                }
            }
        }
    }

    private void add(List<Stray> strays, Path entry, String organisation, String detail) throws IOException {
        add(strays, entry, organisation, ErrorReasons.PAYLOAD_INVALID, detail);
    }

    private void add(List<Stray> strays, Path entry, String organisation, String reasonKey, String detail)
            throws IOException {
        String name = shown(entry);
        if (addressable(entry) && name.matches(IN_PROGRESS)) {
            return;
        }
        BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (attributes.lastModifiedTime().toInstant().isAfter(Instant.now(clock).minus(minAge))) {
            return;
        }
        strays.add(new Stray(entry, name, quarantineNames.apply(organisation, name),
                new IntakeRejectedException(reasonKey, detail)));
    }

    private static boolean isPlainDirectory(Path entry) {
        return Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS);
    }

    /** A name that does not decode comes back from its String as another name (U+FFFD in place of the bytes). */
    private static boolean addressable(Path entry) {
        String name = entry.getFileName().toString();
        return name.indexOf('\uFFFD') < 0 && Files.exists(entry.resolveSibling(name), LinkOption.NOFOLLOW_LINKS);
    }

    /** For answers and logs: the name only, never the server path. */
    private static String shown(Path entry) {
        return entry.getFileName().toString();
    }
}
