package io.kinglet.e2e;

import static io.kinglet.e2e.OtaSetup.client;
import static io.kinglet.e2e.OtaSetup.deploy;
import static io.kinglet.e2e.OtaSetup.served;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A push to a device whose disk is full: refused at once with 507 and a JSON reason naming the state
 * directory and its free space, nothing half written, monitoring told; once there is room again the
 * same push commits, with no restart. The state directory is on a small tmpfs of its own (root).
 */
class OtaStorageFaultTest {

    @AutoClose
    private static final OtaSetup setup = OtaSetup.create();

    @BeforeAll
    static void needsAFileSystemToFill() {
        boolean available = SmallDisk.available();
        if (!available) {
            System.err.println("OtaStorageFaultTest SKIPPED: mounting a tmpfs needs root (CI runs as root)");
        }
        assumeTrue(available, "mounting a tmpfs needs root (CI runs as root)");
    }

    @Test
    void aPushOnAFullDiskIsRefusedWith507AndCommitsOnceThereIsRoomAgain() throws Exception {
        try (KingletProcess kinglet = setup.runtime(1).stateOnSmallDisk(48).start()) {
            OtaClient ota = client(kinglet);
            Path demo = setup.demo("io.kinglet.demo", "1.0.0");
            String bundlesBefore = kinglet.shell("lb -s");
            kinglet.smallDisk().fill();

            OtaClient.Response refused = ota.push(demo);

            assertThat(refused.status()).as(refused.body()).isEqualTo(507);
            assertThat(refused.json()).as("a JSON answer: " + refused.body()).isNotNull();
            assertThat(refused.body()).contains("disk full: ").contains(" free in " + kinglet.stateDir());
            assertThat(files(kinglet.stateDir().resolve("ota/incoming"))).isZero();
            assertThat(files(kinglet.stateDir().resolve("ota/store"))).isZero();
            assertThat(kinglet.shell("lb -s")).isEqualTo(bundlesBefore);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(
                            () -> assertThat(kinglet.get("/health?tags=ota").body())
                                    .contains("WARN")
                                    .contains("disk full: "));

            kinglet.smallDisk().free();

            deploy(ota, "committed", demo);
            assertThat(served(kinglet, "io.kinglet.demo")).isEqualTo("io.kinglet.demo 1.0.0");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() ->
                            assertThat(kinglet.get("/health?tags=ota").body()).doesNotContain("disk full"));
        }
    }

    private static long files(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }
}
