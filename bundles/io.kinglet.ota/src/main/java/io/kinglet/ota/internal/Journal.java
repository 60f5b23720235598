package io.kinglet.ota.internal;

import io.kinglet.boot.AtomicFiles;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every deployment as a JSON file, {@code <ota>/deployments/d<n>.json}, rewritten atomically at each
 * transition: the history survives restarts, and a deployment a crash interrupted is found again.
 */
final class Journal {

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private static final Pattern FILE = Pattern.compile("d(\\d+)\\.json");

    private final Path dir;
    private final int keep;
    private final JsonProvider json;
    private long last;

    Journal(Path dir, int keep, JsonProvider json) throws IOException {
        this.dir = dir;
        this.keep = keep;
        this.json = json;
        Files.createDirectories(dir);
        for (Path file : files()) {
            last = Math.max(last, sequence(file));
        }
    }

    synchronized String nextId() {
        return "d" + (++last);
    }

    synchronized void save(Deployment deployment) throws IOException {
        StringWriter out = new StringWriter();
        json.createWriter(out).write(deployment.toJson());
        AtomicFiles.write(dir.resolve(deployment.id() + ".json"), out.toString().getBytes(StandardCharsets.UTF_8));
        trim();
    }

    /** Newest first. */
    synchronized List<Deployment> all() throws IOException {
        List<Deployment> deployments = new ArrayList<>();
        for (Path file : files()) {
            read(file).ifPresent(deployments::add);
        }
        return deployments;
    }

    synchronized Optional<Deployment> find(String id) throws IOException {
        Path file = dir.resolve(id + ".json");
        return FILE.matcher(id + ".json").matches() && Files.isRegularFile(file) ? read(file) : Optional.empty();
    }

    private Optional<Deployment> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                JsonReader reader = json.createReader(in)) {
            return Optional.of(Deployment.fromJson(reader.readObject()));
        } catch (JsonException | IllegalArgumentException | NullPointerException | ClassCastException e) {
            LOG.warn("OTA journal: {} is unreadable ({}); ignored", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** The oldest finished deployments beyond {@code keep} are forgotten. */
    private void trim() throws IOException {
        List<Path> files = files();
        for (Path file : files.subList(Math.min(keep, files.size()), files.size())) {
            Optional<Deployment> old = read(file);
            if (old.isEmpty() || old.get().state().isFinal()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "d*.json")) {
            stream.forEach(file -> {
                if (FILE.matcher(file.getFileName().toString()).matches()) {
                    files.add(file);
                }
            });
        }
        files.sort(Comparator.comparingLong(Journal::sequence).reversed());
        return files;
    }

    private static long sequence(Path file) {
        Matcher m = FILE.matcher(file.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : 0;
    }
}
