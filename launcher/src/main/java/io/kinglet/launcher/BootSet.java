package io.kinglet.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The bundles Kinglet boots with, and their reconciliation with the persistent bundle cache.
 *
 * <p>A bundle whose content is unchanged since the last start is left alone: restarting the
 * runtime does not re-install, update or refresh anything. Only a changed jar is updated, a new one
 * installed, and one no longer in the set uninstalled.
 */
final class BootSet {

    /** The highest start level any boot bundle uses; the framework starts up to it. */
    static final int FINAL_START_LEVEL = 5;
    static final int DEFAULT_START_LEVEL = 4;
    static final String LOCATION_PREFIX = "kinglet:boot/";
    private static final String EMBEDDED_DIR = "bundles/";
    private static final String RECORD = "kinglet-boot.properties";

    /** One boot bundle: its symbolic name, start level, content fingerprint and how to read it. */
    record Entry(String symbolicName, int startLevel, String fingerprint, String resource, boolean fragment) {
        String location() {
            return LOCATION_PREFIX + symbolicName;
        }
    }

    /** What a boot did to the bundle cache. */
    record Outcome(int installed, int updated, int uninstalled, int unchanged) {
        @Override
        public String toString() {
            return installed + " installed, " + updated + " updated, " + uninstalled + " uninstalled, "
                    + unchanged + " unchanged";
        }
    }

    private final List<Entry> entries;
    private final Path record;

    private BootSet(List<Entry> entries, Path record) {
        this.entries = entries;
        this.record = record;
    }

    /** The bundle set embedded in kinglet.jar; {@code cacheDir} keeps the hashes last installed. */
    static BootSet embedded(Path cacheDir) throws IOException {
        Properties levels = new Properties();
        try (InputStream in = BootSet.class.getResourceAsStream("/startlevels.properties")) {
            if (in != null) {
                levels.load(in);
            }
        }
        List<Entry> entries = new ArrayList<>();
        try (JarFile jar = new JarFile(ownJar().toFile())) {
            for (JarEntry entry : jar.stream().toList()) {
                String name = entry.getName();
                if (name.startsWith(EMBEDDED_DIR) && name.endsWith(".jar") && name.indexOf('/', EMBEDDED_DIR.length()) < 0) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        entries.add(describe(name, in, fingerprint(entry), levels));
                    }
                }
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalStateException("kinglet.jar holds no bundles under " + EMBEDDED_DIR);
        }
        return new BootSet(entries, cacheDir.resolve(RECORD));
    }

    private static Path ownJar() {
        try {
            return Path.of(BootSet.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads only the bundle's manifest (the first entries of its jar), never the whole jar: the
     * boot set is described at every start and must not cost time or heap.
     */
    static Entry describe(String resource, InputStream content, String fingerprint, Properties levels) throws IOException {
        Manifest manifest;
        try (JarInputStream in = new JarInputStream(content)) {
            manifest = in.getManifest();
        }
        String bsn = manifest == null ? null : manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
        if (bsn == null) {
            throw new IllegalStateException(resource + " is not an OSGi bundle (no Bundle-SymbolicName)");
        }
        bsn = bsn.split(";")[0].strip();
        boolean fragment = manifest.getMainAttributes().getValue(Constants.FRAGMENT_HOST) != null;
        return new Entry(bsn, startLevel(bsn, levels), fingerprint, resource, fragment);
    }

    /**
     * The embedded jar's identity from kinglet.jar's own directory (CRC-32 and size of the entry),
     * known without reading it: a rebuilt bundle changes it, an unchanged one keeps it.
     */
    static String fingerprint(JarEntry entry) {
        return Long.toHexString(entry.getCrc()) + "-" + entry.getSize();
    }

    static int startLevel(String bsn, Properties levels) {
        for (String pattern : levels.stringPropertyNames()) {
            boolean match = pattern.endsWith("*") ? bsn.startsWith(pattern.substring(0, pattern.length() - 1))
                    : bsn.equals(pattern);
            if (match) {
                return Integer.parseInt(levels.getProperty(pattern).strip());
            }
        }
        return DEFAULT_START_LEVEL;
    }

    List<Entry> entries() {
        return entries;
    }

    /** Brings the (initialised, not yet started) framework's bundles in line with this set. */
    Outcome apply(BundleContext context) throws IOException, BundleException {
        Properties known = loadRecord();
        Map<String, Bundle> installed = new LinkedHashMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getLocation().startsWith(LOCATION_PREFIX)) {
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
                try (InputStream in = open(entry)) {
                    bundle = context.installBundle(entry.location(), in);
                }
                added++;
            } else if (!entry.fingerprint().equals(known.getProperty(entry.location()))) {
                try (InputStream in = open(entry)) {
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

    private static InputStream open(Entry entry) {
        InputStream in = BootSet.class.getResourceAsStream("/" + entry.resource());
        if (in == null) {
            throw new IllegalStateException("embedded bundle " + entry.resource() + " is missing");
        }
        return in;
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

    /** Write-temp, fsync, atomic rename: a power cut leaves the old record or the new one. */
    private void saveRecord(Properties current) throws IOException {
        Files.createDirectories(record.getParent());
        Path tmp = record.resolveSibling(RECORD + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, StandardOpenOption.SYNC)) {
            current.store(out, "content fingerprints of the boot bundles in the cache");
        }
        Files.move(tmp, record, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
