package io.kinglet.boot;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A set of bundles that replace or add to the ones embedded in kinglet.jar: symbolic name, version
 * and SHA-256 of the artifact in the content-addressed store. The committed manifest is the only
 * truth about what runs after a restart; the bundle cache is not.
 *
 * <p>On disk it is a properties file: {@code deployment} (the id of the deployment that produced
 * it) and one {@code bundle.<symbolic name>=<version> <sha256>} line per bundle.
 */
public record DeploymentManifest(String deployment, Map<String, Artifact> bundles) {

    private static final String DEPLOYMENT = "deployment";
    private static final String BUNDLE = "bundle.";

    /** One bundle of the set, identified by its content. */
    public record Artifact(String symbolicName, String version, String sha256) {
        public Artifact {
            if (!sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("not a SHA-256: " + sha256);
            }
        }

        /** The bundle location an artifact from the store is installed under. */
        public String location() {
            return OtaLayout.STORE_LOCATION_PREFIX + sha256;
        }
    }

    /** The manifest of a device that has taken no update: only the embedded bundles run. */
    public static final DeploymentManifest EMPTY = new DeploymentManifest("", Map.of());

    public DeploymentManifest {
        bundles = Collections.unmodifiableMap(new TreeMap<>(bundles));
    }

    /** The manifest in {@code file}; {@link #EMPTY} if there is none. */
    public static DeploymentManifest read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return EMPTY;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), file.toString());
        }
    }

    static DeploymentManifest parse(String text, String source) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        Map<String, Artifact> bundles = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(BUNDLE)) {
                String bsn = key.substring(BUNDLE.length());
                String[] value = properties.getProperty(key).strip().split("\\s+");
                if (value.length != 2) {
                    throw new IOException(source + ": " + key + " must be '<version> <sha256>'");
                }
                try {
                    bundles.put(bsn, new Artifact(bsn, value[0], value[1]));
                } catch (IllegalArgumentException e) {
                    throw new IOException(source + ": " + key + ": " + e.getMessage(), e);
                }
            }
        }
        return new DeploymentManifest(properties.getProperty(DEPLOYMENT, ""), bundles);
    }

    /** This manifest with {@code changes} replacing or adding bundles, recorded as {@code deployment}. */
    public DeploymentManifest with(String deployment, Iterable<Artifact> changes) {
        Map<String, Artifact> next = new TreeMap<>(bundles);
        changes.forEach(a -> next.put(a.symbolicName(), a));
        return new DeploymentManifest(deployment, next);
    }

    /** Writes the manifest durably (see {@link AtomicFiles#write}). */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, format().getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the manifest into {@code file}'s temporary file (see {@link AtomicFiles#stage}) and returns it. */
    public Path stage(Path file) throws IOException {
        return AtomicFiles.stage(file, format().getBytes(StandardCharsets.UTF_8));
    }

    String format() {
        StringWriter out = new StringWriter();
        out.append("# Kinglet deployment manifest: the bundles that replace or add to the embedded ones.\n");
        out.append(DEPLOYMENT).append('=').append(deployment).append('\n');
        bundles.values()
                .forEach(a -> out.append(BUNDLE)
                        .append(a.symbolicName())
                        .append('=')
                        .append(a.version())
                        .append(' ')
                        .append(a.sha256())
                        .append('\n'));
        return out.toString();
    }
}
