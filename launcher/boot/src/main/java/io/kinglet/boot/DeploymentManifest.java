package io.kinglet.boot;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
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

    /**
     * The manifest in {@code file}; {@link #EMPTY} if there is none. A file whose checksum does not
     * match, or (written before manifests had one) that is not a well-formed manifest, is
     * {@link DamagedFileException damaged}: it is never read as an empty set.
     */
    public static DeploymentManifest read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return EMPTY;
        }
        byte[] content = CheckedFiles.read(file, (legacy, bytes) -> {
            parse(new String(bytes, StandardCharsets.UTF_8), legacy);
            return bytes;
        });
        return parse(new String(content, StandardCharsets.UTF_8), file);
    }

    /** Strict: every line is a comment, {@code deployment=<id>} or {@code bundle.<name>=<version> <sha256>}. */
    static DeploymentManifest parse(String text, Path source) throws IOException {
        String deployment = null;
        Map<String, Artifact> bundles = new TreeMap<>();
        int number = 0;
        for (String line : text.lines().toList()) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            String key = equals < 0 ? trimmed : trimmed.substring(0, equals).strip();
            String value = equals < 0 ? "" : trimmed.substring(equals + 1).strip();
            if (key.equals(DEPLOYMENT) && deployment == null && value.matches("[A-Za-z0-9_.-]*")) {
                deployment = value;
            } else if (key.startsWith(BUNDLE) && equals > 0) {
                String bsn = key.substring(BUNDLE.length());
                String[] parts = value.split("\\s+");
                try {
                    if (parts.length != 2 || bsn.isEmpty()) {
                        throw new IllegalArgumentException("must be '<version> <sha256>'");
                    }
                    org.osgi.framework.Version.parseVersion(parts[0]);
                    bundles.put(bsn, new Artifact(bsn, parts[0], parts[1]));
                } catch (IllegalArgumentException e) {
                    throw new DamagedFileException(source, "line " + number + ", " + key + ": " + e.getMessage(), e);
                }
            } else {
                throw new DamagedFileException(source, "line " + number + " is not part of a deployment manifest");
            }
        }
        if (deployment == null) {
            throw new DamagedFileException(source, "it names no deployment");
        }
        return new DeploymentManifest(deployment, bundles);
    }

    /** This manifest with {@code changes} replacing or adding bundles, recorded as {@code deployment}. */
    public DeploymentManifest with(String deployment, Iterable<Artifact> changes) {
        Map<String, Artifact> next = new TreeMap<>(bundles);
        changes.forEach(a -> next.put(a.symbolicName(), a));
        return new DeploymentManifest(deployment, next);
    }

    /** Writes the manifest durably, with its checksum (see {@link CheckedFiles#write}). */
    public void write(Path file) throws IOException {
        CheckedFiles.write(file, format().getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the manifest into {@code file}'s temporary file (see {@link CheckedFiles#stage}) and returns it. */
    public Path stage(Path file) throws IOException {
        return CheckedFiles.stage(file, format().getBytes(StandardCharsets.UTF_8));
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
