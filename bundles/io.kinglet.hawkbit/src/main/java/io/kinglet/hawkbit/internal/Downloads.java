package io.kinglet.hawkbit.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The bundles of the action under way, downloaded on a thread of their own so that polling (and so a
 * cancel) goes on meanwhile; what they find is handed back to the client's thread. One action's files
 * at a time, in one folder, emptied when the action ends.
 */
final class Downloads {

    /** Told on the client's thread. */
    interface Listener {
        void progress(Ddi.Deployment d, int done, int of) throws IOException;

        void downloaded(Ddi.Deployment d, List<Path> files, Exception failure) throws IOException;
    }

    private final Downloader downloader;
    private final Path dir;
    private final ExecutorService executor;
    private final Consumer<IoTask> onClientThread;
    private Listener listener;
    private Future<?> running;
    private String runningAction;

    /** Work for the client's thread. */
    @FunctionalInterface
    interface IoTask {
        void run() throws IOException;
    }

    Downloads(Downloader downloader, Path dir, ExecutorService executor, Consumer<IoTask> onClientThread) {
        this.downloader = downloader;
        this.dir = dir;
        this.executor = executor;
        this.onClientThread = onClientThread;
    }

    void listener(Listener listener) {
        this.listener = listener;
    }

    /** Starts downloading {@code d}'s bundles, unless that is under way already. */
    void start(Ddi.Deployment d, long maxBytes) {
        if (running != null && !running.isDone() && d.actionId().equals(runningAction)) {
            return;
        }
        runningAction = d.actionId();
        running = executor.submit(() -> {
            List<Path> files = new ArrayList<>();
            List<Ddi.Artifact> bundles = d.bundles();
            try {
                for (Ddi.Artifact artifact : bundles) {
                    files.add(downloader.fetch(artifact, maxBytes));
                    int done = files.size();
                    onClientThread.accept(() -> listener.progress(d, done, bundles.size()));
                }
                onClientThread.accept(() -> listener.downloaded(d, files, null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                onClientThread.accept(() -> listener.downloaded(d, null, e));
            }
        });
    }

    /** {@code d}'s verified bundles, or null when one is no longer there. */
    List<Path> files(Ddi.Deployment d) {
        List<Path> files =
                d.bundles().stream().map(a -> dir.resolve(a.sha256() + ".jar")).toList();
        return files.stream().allMatch(Files::isRegularFile) ? files : null;
    }

    /** Stops a download under way and deletes every file of the action. */
    void abandon() throws IOException {
        if (running != null) {
            running.cancel(true);
            running = null;
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    long downloadedBytes() {
        return downloader.downloaded();
    }
}
