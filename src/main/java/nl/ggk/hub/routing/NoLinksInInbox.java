package nl.ggk.hub.routing;

import java.io.File;
import nl.ggk.hub.intake.InboxFiles;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * The inbox consumer's filter: it never sees a symbolic link, nor descends into a linked folder. Its
 * {@code moveFailed} renames the path it was given, and through a linked folder that would move the link's
 * target; links are moved aside, as links, by {@code inboxStrays}.
 */
public final class NoLinksInInbox implements GenericFileFilter<File> {

    private final InboxFiles inboxFiles;

    public NoLinksInInbox(InboxFiles inboxFiles) {
        this.inboxFiles = inboxFiles;
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        return !inboxFiles.isLinked(file.getAbsoluteFilePath());
    }
}
