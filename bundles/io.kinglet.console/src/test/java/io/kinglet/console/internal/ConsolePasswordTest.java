package io.kinglet.console.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsolePasswordTest {

    @TempDir
    Path dir;

    @Test
    void withoutAHashAPasswordIsGeneratedOnceIntoAFileOnlyItsOwnerReads() throws Exception {
        Path file = dir.resolve("console/password");

        ConsolePassword first = ConsolePassword.of("", file);
        String secret = Files.readString(file).strip();

        assertThat(secret).hasSizeGreaterThanOrEqualTo(20).doesNotContain("admin");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(first.generated()).isEqualTo(file);
        assertThat(first.matches(secret)).isTrue();
        assertThat(first.matches("admin")).isFalse();
        // the next start keeps it
        assertThat(ConsolePassword.of("", file).matches(secret)).isTrue();
        assertThat(Files.readString(file).strip()).isEqualTo(secret);
    }

    @Test
    void aConfiguredHashIsCheckedAndNoFileIsWritten() throws Exception {
        String hash = ConsolePassword.hash("correct horse battery staple");

        ConsolePassword password = ConsolePassword.of(hash, dir.resolve("console/password"));

        assertThat(hash).startsWith("{pbkdf2}120000:");
        assertThat(password.matches("correct horse battery staple")).isTrue();
        assertThat(password.matches("correct horse battery stapler")).isFalse();
        assertThat(password.generated()).isNull();
        assertThat(dir.resolve("console")).doesNotExist();
    }

    @Test
    void aHashThatIsNoneSaysHowToMakeOne() {
        assertThatThrownBy(() -> ConsolePassword.of("{sha-256}jGl25bVBBBW96Qi9Te4V37Fnqchz/Eu4qB9vKrRIqRg=", dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("make one with console:hash");
        assertThatThrownBy(() -> ConsolePassword.of("{pbkdf2}10:c2FsdA==:aGFzaA==", dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 10000");
    }
}
