package io.kinglet.e2e;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A copy of a bundle jar with edited manifest headers: another version, another symbolic name, an
 * extra requirement, all from one fixture.
 *
 * <pre>{@code
 * Path v2 = BundleVariant.of(demoJar).header("Bundle-Version", "2.0.0").header("Demo-Health", "fail")
 *         .writeTo(dir.resolve("demo-2.0.0.jar"));
 * }</pre>
 *
 * The static helpers damage a jar in the ways an OTA agent must refuse. Every jar written here keeps
 * {@code META-INF/MANIFEST.MF} as its first entry, where {@link java.util.jar.JarInputStream} and
 * jar verification look for it.
 */
public final class BundleVariant {

    /** The name of the entry {@link #addUnsignedEntry} adds. */
    public static final String UNSIGNED_ENTRY = "unsigned/extra.txt";

    private final Path base;
    /** Header edits in order; a null value removes the header. */
    private final Map<String, String> edits = new LinkedHashMap<>();

    private BundleVariant(Path base) {
        this.base = base;
    }

    public static BundleVariant of(Path baseJar) {
        return new BundleVariant(baseJar);
    }

    /**
     * Copies the bundle {@code bsn} embedded in kinglet.jar (its {@code bundles/<bsn>-<version>.jar})
     * to {@code out}: the base of an update of a runtime bundle.
     */
    public static Path embedded(Path kingletJar, String bsn, Path out) throws IOException {
        try (ZipFile zip = new ZipFile(kingletJar.toFile())) {
            ZipEntry entry = zip.stream()
                    .filter(e ->
                            e.getName().matches("bundles/" + java.util.regex.Pattern.quote(bsn) + "-[0-9].*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no embedded bundle " + bsn + " in " + kingletJar));
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return out;
    }

    /** Sets a main manifest header, replacing any value it had. */
    public BundleVariant header(String name, String value) {
        edits.put(name, Objects.requireNonNull(value, "value; use removeHeader to remove"));
        return this;
    }

    public BundleVariant removeHeader(String name) {
        edits.put(name, null);
        return this;
    }

    /**
     * Writes the variant: the base jar's entries unchanged, its manifest edited. A signed base
     * keeps its signature files, which then no longer match: sign the variant, not the base.
     */
    public Path writeTo(Path out) throws IOException {
        rewrite(
                base,
                out,
                (name, content) -> name.equals(JarFile.MANIFEST_NAME) ? editManifest(content) : content,
                Map.of());
        return out;
    }

    private byte[] editManifest(byte[] content) {
        try {
            Manifest manifest = new Manifest(new ByteArrayInputStream(content));
            Attributes main = manifest.getMainAttributes();
            edits.forEach((name, value) -> {
                if (value == null) {
                    main.remove(new Attributes.Name(name));
                } else {
                    main.put(new Attributes.Name(name), value);
                }
            });
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            manifest.write(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable manifest in " + base, e);
        }
    }

    /**
     * Copies a signed jar with one byte of its first class changed and the signature files kept:
     * the digest of that entry no longer matches, so verification must fail.
     */
    public static Path tamper(Path signedJar, Path out) throws IOException {
        String victim;
        try (ZipFile zip = new ZipFile(signedJar.toFile())) {
            victim = zip.stream()
                    .map(ZipEntry::getName)
                    .filter(name -> name.endsWith(".class"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no class in " + signedJar));
        }
        rewrite(
                signedJar,
                out,
                (name, content) -> {
                    if (!name.equals(victim)) {
                        return content;
                    }
                    byte[] changed = content.clone();
                    changed[changed.length - 1] ^= 1;
                    return changed;
                },
                Map.of());
        return out;
    }

    /**
     * Copies a signed jar and adds {@link #UNSIGNED_ENTRY}, which no signature covers: every
     * signed entry still verifies, so only a verifier that demands all entries be signed notices.
     */
    public static Path addUnsignedEntry(Path signedJar, Path out) throws IOException {
        rewrite(
                signedJar,
                out,
                (name, content) -> content,
                Map.of(UNSIGNED_ENTRY, "added after signing\n".getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    /** Writes the first {@code bytes} bytes of a jar: a zip without its central directory. */
    public static Path truncate(Path jar, Path out, int bytes) throws IOException {
        byte[] whole = Files.readAllBytes(jar);
        if (bytes <= 0 || bytes >= whole.length) {
            throw new IllegalArgumentException(
                    "cut at " + bytes + " of a " + whole.length + "-byte jar leaves nothing or everything");
        }
        Files.write(out, Arrays.copyOf(whole, bytes));
        return out;
    }

    /**
     * Copies every entry of {@code in}, manifest first and the rest in their order, through
     * {@code content} (entry name and bytes to new bytes), then adds {@code added}.
     */
    private static void rewrite(
            Path in, Path out, BiFunction<String, byte[], byte[]> content, Map<String, byte[]> added)
            throws IOException {
        try (ZipFile zip = new ZipFile(in.toFile());
                ZipOutputStream target = new ZipOutputStream(Files.newOutputStream(out))) {
            // a stable sort on "is not the manifest" moves only the manifest
            List<? extends ZipEntry> entries = zip.stream()
                    .sorted(Comparator.comparing(
                            (ZipEntry entry) -> !entry.getName().equals(JarFile.MANIFEST_NAME)))
                    .toList();
            for (ZipEntry entry : entries) {
                byte[] bytes;
                try (InputStream stream = zip.getInputStream(entry)) {
                    bytes = stream.readAllBytes();
                }
                put(target, entry.getName(), content.apply(entry.getName(), bytes));
            }
            for (Map.Entry<String, byte[]> entry : added.entrySet()) {
                put(target, entry.getKey(), entry.getValue());
            }
        }
    }

    private static void put(ZipOutputStream target, String name, byte[] bytes) throws IOException {
        target.putNextEntry(new ZipEntry(name));
        target.write(bytes);
        target.closeEntry();
    }
}
