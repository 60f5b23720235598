package io.kinglet.e2e.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/** The fixture jar these tests start from, and reading a jar as the verifier does. */
final class TestJars {

    private TestJars() {}

    /** The demo bundle, built by its own module; Surefire passes its path. */
    static Path demo() {
        String path = System.getProperty("kinglet.fixture.demo");
        if (path == null) {
            throw new IllegalStateException(
                    "system property kinglet.fixture.demo is not set (run the tests through Maven)");
        }
        // in a reactor stopped before "package" (mvn test), Maven hands out the module's classes folder
        if (!Files.isRegularFile(Path.of(path))) {
            throw new IllegalStateException(
                    "kinglet.fixture.demo is " + path + ", not a jar: run mvn verify, not mvn test");
        }
        return Path.of(path);
    }

    /** Reads an entry to its end: only then does a verifying JarFile check its digest and know its signers. */
    static byte[] read(JarFile jar, JarEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }
}
