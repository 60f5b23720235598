package io.kinglet.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * {@code kinglet ad-scan FILE…} without a running runtime: the ad-break detector's bundle and the
 * libraries it uses are taken from kinglet.jar onto a class loader of their own (the platform's as
 * parent, so nothing of the launcher leaks in), and its scan tool runs there. The same code as the
 * runtime's, not a copy.
 */
final class AdScanLauncher {

    /** The embedded jars the scan needs, by file name prefix. */
    static final List<String> JARS =
            List.of("io.kinglet.addetect-", "jakarta.json-api-", "parsson-", "slf4j-api-", "slf4j-simple-");

    private static final String TOOL = "io.kinglet.addetect.internal.AdScanTool";

    private AdScanLauncher() {}

    static int run(String[] files) throws Exception {
        // the scan's own log is for trouble only: its output is the JSON
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Path dir = Files.createTempDirectory("kinglet-ad-scan");
        try {
            List<URL> urls = new ArrayList<>();
            for (Path jar : extract(BootSet.ownJar(), dir)) {
                urls.add(jar.toUri().toURL());
            }
            try (URLClassLoader loader =
                    new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
                Thread.currentThread().setContextClassLoader(loader);
                return (Integer) loader.loadClass(TOOL)
                        .getMethod("run", String[].class, java.io.PrintStream.class, java.io.PrintStream.class)
                        .invoke(null, files, System.out, System.err);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Copies the {@link #JARS} out of {@code launcher} into {@code dir}. */
    static List<Path> extract(Path launcher, Path dir) throws IOException {
        List<Path> extracted = new ArrayList<>();
        try (JarFile jar = new JarFile(launcher.toFile())) {
            for (String prefix : JARS) {
                JarEntry entry = jar.stream()
                        .filter(e -> e.getName().startsWith("bundles/" + prefix)
                                && e.getName().endsWith(".jar"))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException(
                                launcher.getFileName() + " holds no bundles/" + prefix + "*.jar"));
                Path target = dir.resolve(entry.getName().substring("bundles/".length()));
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, target);
                }
                extracted.add(target);
            }
        }
        return extracted;
    }
}
