package io.kinglet.ble.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProvisionerTest {

    /** What the characteristics would show, in order. */
    static final class Recorded implements Provisioner.Output {
        final List<ImprovState> states = new CopyOnWriteArrayList<>();
        final List<ImprovError> errors = new CopyOnWriteArrayList<>();
        final List<byte[]> results = new CopyOnWriteArrayList<>();
        final List<String> identified = new CopyOnWriteArrayList<>();

        @Override
        public void state(ImprovState state) {
            states.add(state);
        }

        @Override
        public void error(ImprovError error) {
            errors.add(error);
        }

        @Override
        public void result(byte[] packet) {
            results.add(packet);
        }

        @Override
        public void identify() {
            identified.add("identify");
        }

        ImprovError lastError() {
            return errors.isEmpty() ? null : errors.get(errors.size() - 1);
        }
    }

    /** NetworkManager's part: connects to the SSID "home" only, records what it was given. */
    static final class FakeWifi implements WifiBackend {
        final List<RpcCommand.WifiSettings> connected = new CopyOnWriteArrayList<>();

        @Override
        public List<Network> scan() {
            return List.of(new Network("home", -50, "WPA2"), new Network("cafe", -70, "NO"));
        }

        @Override
        public Optional<String> connect(RpcCommand.WifiSettings settings, Duration timeout) throws WifiException {
            if (!settings.ssidText().equals("home")) {
                throw new WifiException("\"" + settings.ssidText() + "\" did not connect");
            }
            connected.add(settings);
            return Optional.of("192.168.1.20");
        }
    }

    private final Recorded output = new Recorded();
    private final FakeWifi wifi = new FakeWifi();
    private final BleStats stats = new BleStats();
    private Provisioner provisioner;

    private Provisioner start(boolean requireAuthorization, Duration authorization, int writesPerSecond) {
        provisioner = new Provisioner(
                new Provisioner.Settings(
                        requireAuthorization,
                        authorization,
                        Duration.ofSeconds(5),
                        new Connections.Limits(writesPerSecond, Duration.ofMillis(300)),
                        List.of("Kinglet", "0.1.0", "test", "Lobby sign"),
                        new RedirectUrl("http://{ip}:{port}/", "kinglet", "8080")),
                wifi,
                output,
                stats);
        provisioner.begin();
        return provisioner;
    }

    @AfterEach
    void close() {
        provisioner.close();
    }

    @Test
    void credentialsBeforeAuthorizationAreRefusedAndAfterItConnect() throws Exception {
        start(true, Duration.ofSeconds(60), 100);
        assertThat(provisioner.write("dev_1", RpcCodecTest.wifi("home", "passphrase1"), 0))
                .isTrue();
        assertThat(provisioner.state()).isEqualTo(ImprovState.AUTHORIZATION_REQUIRED);
        assertThat(output.lastError()).isEqualTo(ImprovError.NOT_AUTHORIZED);
        assertThat(wifi.connected).isEmpty();

        provisioner.authorize("the joystick");
        provisioner.write("dev_1", RpcCodecTest.wifi("home", "passphrase1"), 0);
        await(() -> provisioner.state() == ImprovState.PROVISIONED);
        assertThat(output.states)
                .containsExactly(
                        ImprovState.AUTHORIZATION_REQUIRED,
                        ImprovState.AUTHORIZED,
                        ImprovState.PROVISIONING,
                        ImprovState.PROVISIONED);
        assertThat(wifi.connected)
                .singleElement()
                .satisfies(s -> assertThat(s.passphrase()).isEqualTo("passphrase1"));
        await(() -> !output.results.isEmpty());
        assertThat(output.results.get(0)).isEqualTo(RpcCodec.result(1, List.of("http://192.168.1.20:8080/")));
        assertThat(stats.provisioned.sum()).isEqualTo(1);
    }

    @Test
    void aFailedConnectionSaysUnableToConnectAndRestartsTheAuthorizationTimeout() throws Exception {
        start(true, Duration.ofMillis(400), 100);
        provisioner.authorize("the shell");
        provisioner.write("dev_1", RpcCodecTest.wifi("elsewhere", "passphrase1"), 0);
        await(() -> output.lastError() == ImprovError.UNABLE_TO_CONNECT);
        assertThat(provisioner.state()).isEqualTo(ImprovState.AUTHORIZED);
        await(() -> provisioner.state() == ImprovState.AUTHORIZATION_REQUIRED);
        assertThat(output.states)
                .endsWith(ImprovState.PROVISIONING, ImprovState.AUTHORIZED, ImprovState.AUTHORIZATION_REQUIRED);
    }

    @Test
    void withoutAuthorizationItStartsAuthorizedAndNeverExpires() throws Exception {
        start(false, Duration.ofMillis(100), 100);
        assertThat(provisioner.state()).isEqualTo(ImprovState.AUTHORIZED);
        Thread.sleep(300);
        assertThat(provisioner.state()).isEqualTo(ImprovState.AUTHORIZED);
    }

    @Test
    void identifyDeviceInfoAndScanNeedNoAuthorization() throws Exception {
        start(true, Duration.ofSeconds(60), 100);
        provisioner.write("dev_1", RpcCodecTest.packet(2, new byte[0]), 0);
        provisioner.write("dev_1", RpcCodecTest.packet(3, new byte[0]), 0);
        provisioner.write("dev_1", RpcCodecTest.packet(4, new byte[0]), 0);
        await(() -> output.results.size() == 2);
        assertThat(output.identified).hasSize(1);
        assertThat(output.results.get(0))
                .isEqualTo(RpcCodec.result(3, List.of("Kinglet", "0.1.0", "test", "Lobby sign")));
        assertThat(output.results.get(1))
                .isEqualTo(RpcCodec.result(4, List.of("home", "-50", "WPA2", "cafe", "-70", "NO")));
        assertThat(provisioner.state()).isEqualTo(ImprovState.AUTHORIZATION_REQUIRED);
    }

    @Test
    void aFloodIsThrottledPerConnectionWithoutStarvingOthers() {
        start(false, Duration.ofSeconds(60), 10);
        int accepted = 0;
        for (int i = 0; i < 100; i++) {
            accepted += provisioner.write("dev_flood", RpcCodecTest.packet(2, new byte[0]), 0) ? 1 : 0;
        }
        assertThat(accepted).isBetween(10, 12);
        assertThat(stats.throttled.sum()).isEqualTo(100 - accepted);
        assertThat(provisioner.write("dev_other", RpcCodecTest.packet(2, new byte[0]), 0))
                .isTrue();
    }

    @Test
    void anUnfinishedPacketIsReportedInvalidAfterTheReassemblyTimeout() throws Exception {
        start(false, Duration.ofSeconds(60), 100);
        provisioner.write("dev_1", new byte[] {1, 20, 4}, 0);
        assertThat(output.lastError()).isEqualTo(ImprovError.NONE);
        await(() -> output.lastError() == ImprovError.INVALID_RPC);
    }

    @Test
    void tenThousandRandomPacketsNeitherCrashNorWedgeIt() throws Exception {
        start(false, Duration.ofSeconds(60), 1_000_000);
        Random random = new Random(17);
        for (int i = 0; i < 10_000; i++) {
            byte[] junk = new byte[random.nextInt(40)];
            random.nextBytes(junk);
            if (junk.length > 2 && random.nextBoolean()) {
                // a plausible header, so the fuzz reaches the decoder, not only the length check
                junk[0] = (byte) (1 + random.nextInt(5));
                junk[1] = (byte) (junk.length - 3);
            }
            provisioner.write("dev_" + random.nextInt(40), junk, random.nextInt(8) == 0 ? random.nextInt(50) : 0);
        }
        // bounded state, still answering, and still provisioning
        assertThat(provisioner.connections()).isLessThanOrEqualTo(Connections.MAX);
        assertThat(output.lastError()).isNotNull();
        assertThat(stats.writes.sum()).isEqualTo(10_000);
        assertThat(wifi.connected).isEmpty();
        Thread.sleep(400);
        provisioner.write("dev_final", RpcCodecTest.wifi("home", "passphrase1"), 0);
        await(() -> provisioner.state() == ImprovState.PROVISIONED);
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(10);
        }
    }
}
