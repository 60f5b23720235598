package io.kinglet.launcher;

import io.kinglet.boot.AtomicFiles;
import io.kinglet.boot.BootBundles;
import io.kinglet.boot.DeploymentManifest;
import io.kinglet.boot.OtaLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The bundles Kinglet boots with, and their reconciliation with the persistent bundle cache.
 *
 * <p>The set is the bundles embedded in kinglet.jar overlaid by the committed OTA manifest. Every
 * bundle at a {@code kinglet:} location that is not in the set is uninstalled, so a start after a
 * crash mid-update runs exactly the committed set. A bundle whose content is unchanged since the
 * last start is left alone: restarting the runtime does not re-install, update or refresh anything.
 */
final class BootSet {

    private static final String EMBEDDED_DIR = "bundles/";
    private static final String RECORD = "kinglet-boot.properties";

    /**
     * One boot bundle: its symbolic name, version, start level, content fingerprint, location and
     * where its jar is: a resource of kinglet.jar, or a file of the OTA store.
     */
    record Entry(
            String symbolicName,
            String version,
            int startLevel,
            String fingerprint,
            String location,
            String resource,
            Path file,
            boolean fragment) {

        InputStream open() throws IOException {
            if (file != null) {
                return Files.newInputStream(file);
            }
            InputStream in = BootSet.class.getResourceAsStream("/" + resource);
            if (in == null) {
                throw new IllegalStateException("embedded bundle " + resource + " is missing");
            }
            return in;
        }
    }

    /** What a boot did to the bundle cache. */
    record Outcome(int installed, int updated, int uninstalled, int unchanged) {
        @Override
        public String toString() {
            return installed + " installed, " + updated + " updated, " + uninstalled + " uninstalled, " + unchanged
                    + " unchanged";
        }
    }

    private final List<Entry> entries;
    private final Path record;
    private final RuntimeDefinition runtime;

    private BootSet(List<Entry> entries, Path record, RuntimeDefinition runtime) {
        this.entries = entries;
        this.record = record;
        this.runtime = runtime;
    }

    /** The bundle set embedded in kinglet.jar; {@code cacheDir} keeps the hashes last installed. */
    static BootSet embedded(Path cacheDir, RuntimeDefinition runtime) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (JarFile jar = new JarFile(ownJar().toFile())) {
            for (JarEntry entry : jar.stream().toList()) {
                String name = entry.getName();
                if (name.startsWith(EMBEDDED_DIR)
                        && name.endsWith(".jar")
                        && name.indexOf('/', EMBEDDED_DIR.length()) < 0) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        entries.add(describe(name, in, fingerprint(entry), runtime));
                    }
                }
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalStateException("kinglet.jar holds no bundles under " + EMBEDDED_DIR);
        }
        return new BootSet(entries, cacheDir.resolve(RECORD), runtime);
    }

    static Path ownJar() {
        try {
            return Path.of(BootSet.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads only the bundle's manifest (the first entries of its jar), never the whole jar: the
     * boot set is described at every start and must not cost time or heap.
     */
    static Entry describe(String resource, InputStream content, String fingerprint, RuntimeDefinition runtime)
            throws IOException {
        Manifest manifest;
        try (JarInputStream in = new JarInputStream(content)) {
            manifest = in.getManifest();
        }
        String bsn = manifest == null ? null : manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
        if (bsn == null) {
            throw new IllegalStateException(resource + " is not an OSGi bundle (no Bundle-SymbolicName)");
        }
        bsn = bsn.split(";")[0].strip();
        String version = Version.parseVersion(manifest.getMainAttributes().getValue(Constants.BUNDLE_VERSION))
                .toString();
        boolean fragment = manifest.getMainAttributes().getValue(Constants.FRAGMENT_HOST) != null;
        return new Entry(
                bsn,
                version,
                runtime.startLevel(bsn),
                fingerprint,
                OtaLayout.BOOT_LOCATION_PREFIX + bsn,
                resource,
                null,
                fragment);
    }

    /**
     * This set with the committed manifest's bundles in place of (or beside) the embedded ones. A
     * bundle embedded in a newer version than the manifest's (kinglet.jar itself was upgraded) keeps
     * the embedded one; an artifact missing from the store falls back to the embedded version, so
     * no bundle is ever missing.
     */
    BootSet overlay(DeploymentManifest manifest, OtaLayout layout, Consumer<String> log) throws IOException {
        Map<String, Entry> bySymbolicName = new LinkedHashMap<>();
        entries.forEach(e -> bySymbolicName.put(e.symbolicName(), e));
        for (DeploymentManifest.Artifact artifact : manifest.bundles().values()) {
            Entry embedded = bySymbolicName.get(artifact.symbolicName());
            Path file = layout.artifact(artifact.sha256());
            if (!Files.isRegularFile(file)) {
                log.accept("Committed bundle " + artifact.symbolicName() + " " + artifact.version()
                        + " is missing from the store (" + file + "); "
                        + (embedded == null ? "it does not run" : "booting the embedded " + embedded.version()));
                continue;
            }
            if (embedded != null
                    && Version.parseVersion(embedded.version()).compareTo(Version.parseVersion(artifact.version()))
                            > 0) {
                log.accept("Embedded " + artifact.symbolicName() + " " + embedded.version()
                        + " is newer than the committed " + artifact.version() + "; booting the embedded one");
                continue;
            }
            Entry described;
            try (InputStream in = Files.newInputStream(file)) {
                described = describe(file.toString(), in, artifact.sha256(), runtime);
            }
            bySymbolicName.put(
                    artifact.symbolicName(),
                    new Entry(
                            described.symbolicName(),
                            described.version(),
                            described.startLevel(),
                            artifact.sha256(),
                            artifact.location(),
                            null,
                            file,
                            described.fragment()));
        }
        return new BootSet(List.copyOf(bySymbolicName.values()), record, runtime);
    }

    /** This set without the bundles named (safe mode leaves the optional capabilities out). */
    BootSet without(List<String> symbolicNames) {
        return new BootSet(
                entries.stream()
                        .filter(e -> !symbolicNames.contains(e.symbolicName()))
                        .toList(),
                record,
                runtime);
    }

    /** The embedded bundles, for the OTA agent's rollbacks to an embedded version. */
    BootBundles embeddedBundles() {
        Map<String, Entry> embedded = new LinkedHashMap<>();
        entries.stream().filter(e -> e.resource() != null).forEach(e -> embedded.put(e.symbolicName(), e));
        return new BootBundles() {
            @Override
            public Map<String, String> versions() {
                Map<String, String> versions = new LinkedHashMap<>();
                embedded.values().forEach(e -> versions.put(e.symbolicName(), e.version()));
                return versions;
            }

            @Override
            public InputStream open(String symbolicName) throws IOException {
                Entry entry = embedded.get(symbolicName);
                if (entry == null) {
                    throw new IOException("no embedded bundle " + symbolicName);
                }
                return entry.open();
            }

            @Override
            public int startLevel(String symbolicName) {
                return runtime.startLevel(symbolicName);
            }
        };
    }

    /**
     * The embedded jar's identity from kinglet.jar's own directory (CRC-32 and size of the entry),
     * known without reading it: a rebuilt bundle changes it, an unchanged one keeps it.
     */
    static String fingerprint(JarEntry entry) {
        return Long.toHexString(entry.getCrc()) + "-" + entry.getSize();
    }

    List<Entry> entries() {
        return entries;
    }

    /** Brings the (initialised, not yet started) framework's bundles in line with this set. */
    Outcome apply(BundleContext context) throws IOException, BundleException {
        Properties known = loadRecord();
        Map<String, Bundle> installed = new LinkedHashMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getLocation().startsWith(OtaLayout.MANAGED_LOCATION_PREFIX)) {
                installed.put(bundle.getLocation(), bundle);
            }
        }
        int added = 0;
        int updated = 0;
        int unchanged = 0;
        List<Bundle> toStart = new ArrayList<>();
        Properties current = new Properties();
        for (Entry entry : entries) {
            Bundle bundle = installed.remove(entry.location());
            if (bundle == null) {
                try (InputStream in = entry.open()) {
                    bundle = context.installBundle(entry.location(), in);
                }
                added++;
            } else if (entry.file() == null && !entry.fingerprint().equals(known.getProperty(entry.location()))) {
                // A store location names its content (the SHA-256): only an embedded jar can change under it.
                try (InputStream in = entry.open()) {
                    bundle.update(in);
                }
                updated++;
            } else {
                unchanged++;
            }
            current.setProperty(entry.location(), entry.fingerprint());
            bundle.adapt(BundleStartLevel.class).setStartLevel(entry.startLevel());
            if (!entry.fragment()) {
                toStart.add(bundle);
            }
        }
        int removed = 0;
        for (Bundle stale : installed.values()) {
            stale.uninstall();
            removed++;
        }
        if (updated + removed > 0) {
            context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(null);
        }
        for (Bundle bundle : toStart) {
            // Persistently marked for start; each starts when the framework reaches its start level.
            bundle.start();
        }
        saveRecord(current);
        return new Outcome(added, updated, removed, unchanged);
    }

    private Properties loadRecord() throws IOException {
        Properties known = new Properties();
        if (Files.isRegularFile(record)) {
            try (InputStream in = Files.newInputStream(record)) {
                known.load(in);
            }
        }
        return known;
    }

    /** A power cut leaves the old record or the new one (see {@link AtomicFiles}). */
    private void saveRecord(Properties current) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        current.store(out, "content fingerprints of the boot bundles in the cache");
        AtomicFiles.write(record, out.toByteArray());
    }
}
