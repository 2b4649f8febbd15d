package nl.ggk.hub.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/** Creates {@code inbox/<org>/} for every registered organisation, so a user sees where to drop a file. */
public final class InboxFolders {

    private InboxFolders() {
    }

    /** Creates the missing folders (existing ones and their files are left alone). */
    public static void create(Path inboxRoot, Collection<String> organisations) throws IOException {
        for (String organisation : organisations) {
            Path folder = inboxRoot.resolve(organisation).normalize();
            if (!folder.getParent().equals(inboxRoot.normalize())) {
                throw new IllegalArgumentException("organisation id is not a plain folder name: " + organisation);
            }
            Files.createDirectories(folder);
        }
    }
}
