package io.kinglet.ota.internal;

import io.kinglet.boot.CheckedFiles;
import io.kinglet.boot.DamagedFileException;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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
 * Every deployment as a JSON file, {@code <ota>/deployments/d<n>.json}, rewritten atomically and with
 * its checksum ({@link CheckedFiles}) at each transition: the history survives restarts, and a
 * deployment a crash interrupted is found again. A damaged entry is kept aside and left out, with a
 * warning; it never stops the agent, and its id is never given again.
 */
final class Journal {

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private static final Pattern FILE = Pattern.compile("d(\\d+)\\.json");
    private static final Pattern ANY_ENTRY =
            Pattern.compile("d(\\d+)\\.json(" + Pattern.quote(CheckedFiles.DAMAGED_SUFFIX) + ".*)?");

    private final Path dir;
    private final int keep;
    private final JsonProvider json;
    private long last;

    Journal(Path dir, int keep, JsonProvider json) throws IOException {
        this.dir = dir;
        this.keep = keep;
        this.json = json;
        Files.createDirectories(dir);
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "d*")) {
            for (Path file : stream) {
                Matcher m = ANY_ENTRY.matcher(file.getFileName().toString());
                if (m.matches()) {
                    last = Math.max(last, Long.parseLong(m.group(1)));
                }
            }
        }
    }

    synchronized String nextId() {
        return "d" + (++last);
    }

    synchronized void save(Deployment deployment) throws IOException {
        StringWriter out = new StringWriter();
        json.createWriter(out).write(deployment.toJson());
        CheckedFiles.write(
                dir.resolve(deployment.id() + ".json"), out.toString().getBytes(StandardCharsets.UTF_8));
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
        try {
            byte[] content = CheckedFiles.read(file, (legacy, bytes) -> bytes);
            try (JsonReader reader = json.createReader(new ByteArrayInputStream(content))) {
                return Optional.of(Deployment.fromJson(reader.readObject()));
            } catch (JsonException | IllegalArgumentException | NullPointerException | ClassCastException e) {
                throw new DamagedFileException(file, "not a deployment record: " + e.getMessage(), e);
            }
        } catch (DamagedFileException e) {
            Path aside = CheckedFiles.quarantine(file);
            LOG.warn("OTA journal: {}; kept as {} and left out of the history", e.getMessage(), aside.getFileName());
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
