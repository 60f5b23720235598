package io.kinglet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BLE provisioner in the real launcher, against a private D-Bus where python-dbusmock stands in
 * for bluetoothd (calling the GATT application back as it does) and NetworkManager. The test is the
 * phone: it finds the registered application, subscribes to its notifications and writes Improv
 * packets built here byte by byte, as the specification lays them out. One runtime for the class; the
 * tests run in order because the provisioner's state carries over, as it does for a user.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BleProvisioningTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String STATE = "8001";
    private static final String ERROR = "8002";
    private static final String RPC = "8003";
    private static final String RESULT = "8004";
    private static final String CAPABILITIES = "8005";

    @TempDir
    static Path dir;

    private static PrivateBus bus;
    private static KingletProcess kinglet;
    private static BleCentral phone;

    @BeforeAll
    static void start() throws Exception {
        bus = PrivateBus.start(dir);
        bus.startBluez();
        bus.startNetworkManager();
        bus.addWifi("wlan0");
        bus.addAccessPoint("HomeNet", 80, true);
        bus.addAccessPoint("Cafe", 40, false);
        bus.addAccessPoint("Neighbour", 60, true);
        kinglet = KingletProcess.builder()
                .configFile(
                        "io.kinglet.ble.cfg",
                        "deviceName = Lobby sign\nauthorizationSeconds = 60\nconnectTimeoutSeconds = 5\ndbusAddress = unix:path="
                                + dir.resolve("bus") + "\nredirectUrl = http://{ip}:{port}/health\nbutton = button@11\n"
                                + "sysfsRoot = ${kinglet.state.dir}/sim/sys\ndevRoot = ${kinglet.state.dir}/sim/dev\n")
                .start();
        phone = BleCentral.connect(bus, "AA:BB:CC:DD:EE:01", WAIT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (phone != null) {
            phone.close();
        }
        if (kinglet != null) {
            kinglet.close();
        }
        if (bus != null) {
            bus.close();
        }
    }

    @Test
    @Order(1)
    void advertisesTheImprovServiceWithItsStateAndAsksForAuthorization() {
        assertThat(phone.read(STATE)).containsExactly(0x01);
        assertThat(phone.read(CAPABILITIES)).containsExactly(0x07);
        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, Variant<?>> ad = phone.advertisement();
            Object uuids = ad.get("ServiceUUIDs").getValue();
            assertThat(uuids instanceof Object[] array ? List.of(array) : (List<?>) uuids)
                    .containsExactly((Object) "00467768-6228-2272-4663-277478268000");
            assertThat(ad.get("LocalName").getValue()).isEqualTo("Lobby sign");
            Map<?, ?> serviceData = (Map<?, ?>) ad.get("ServiceData").getValue();
            assertThat(DBusCalls.bytes(((Variant<?>) serviceData.get("4677")).getValue()))
                    .containsExactly(0x01, 0x07, 0, 0, 0, 0);
        });

        phone.write(RPC, wifi("HomeNet", "correct horse"));
        phone.awaitNotification(ERROR, v -> v[0] == 0x04, WAIT); // not authorized
        assertThat(phone.read(STATE)).containsExactly(0x01);
        assertThat(bus.savedConnections()).isEmpty();
        assertThat(kinglet.log()).doesNotContain("correct horse");
    }

    @Test
    @Order(2)
    void hostileInputGetsTheDefinedErrorsAndAFloodIsThrottled() throws Exception {
        byte[] badChecksum = packet(3, new byte[0]);
        badChecksum[2]++;
        phone.write(RPC, badChecksum);
        phone.awaitNotification(ERROR, v -> v[0] == 0x01, WAIT); // invalid RPC packet
        phone.write(RPC, packet(0x42, new byte[0]));
        phone.awaitNotification(ERROR, v -> v[0] == 0x02, WAIT); // unknown command
        int before = phone.notifications(ERROR).size();
        phone.write(RPC, wifi("x".repeat(33), "correct horse"));
        phone.write(RPC, wifi("HomeNet", "short"));
        await().atMost(WAIT).until(() -> phone.notifications(ERROR).size() >= before + 2);
        assertThat(phone.notifications(ERROR).subList(before, before + 2))
                .allSatisfy(n -> assertThat(n.value()).containsExactly(0x01));

        // identify, device info and scan need no authorization; identify flashes the LEDs (a reaction)
        phone.write(RPC, packet(2, new byte[0]));
        kinglet.awaitLogLine("reaction 'ble-identify' starts pulse", WAIT);
        phone.write(RPC, packet(3, new byte[0]));
        assertThat(strings(phone.awaitNotification(RESULT, v -> v[0] == 3, WAIT)))
                .hasSize(4)
                .startsWith("Kinglet")
                .endsWith("Lobby sign");
        phone.write(RPC, packet(4, new byte[0]));
        assertThat(strings(phone.awaitNotification(RESULT, v -> v[0] == 4, WAIT)))
                .containsExactly("HomeNet", "-52", "WPA2", "Neighbour", "-64", "WPA2", "Cafe", "-76", "NO");

        try (BleCentral flooder = BleCentral.connect(bus, "AA:BB:CC:DD:EE:66", WAIT)) {
            assertThatThrownBy(() -> {
                        for (int i = 0; i < 100; i++) {
                            flooder.write(RPC, packet(3, new byte[0]));
                        }
                    })
                    .isInstanceOfSatisfying(
                            DBusCalls.Failure.class,
                            e -> assertThat(e.errorName()).isEqualTo("org.bluez.Error.NotPermitted"));
        }
        // the phone is another connection, with its own budget
        phone.write(RPC, packet(3, new byte[0]));
        assertThat(kinglet.shell("ble:status"))
                .contains("state: authorization required")
                .contains("throttled ");
    }

    @Test
    @Order(3)
    void aNetworkThatDoesNotConnectSaysUnableToConnectAndLeavesNoProfile() throws Exception {
        bus.failSsid("Neighbour");
        kinglet.shell("ble:authorize");
        phone.awaitNotification(STATE, v -> v[0] == 0x02, WAIT);
        phone.write(RPC, wifi("Neighbour", "n0t-the-key"));
        phone.awaitNotification(STATE, v -> v[0] == 0x03, WAIT);
        phone.awaitNotification(ERROR, v -> v[0] == 0x03, WAIT); // unable to connect
        await().atMost(WAIT).until(() -> phone.read(STATE)[0] == 0x02);
        assertThat(bus.savedConnections()).isEmpty();
        assertThat(kinglet.log()).doesNotContain("n0t-the-key");
    }

    @Test
    @Order(4)
    void aNetworkOutOfRangeIsTriedAsHiddenUntilTheConnectTimeout() throws Exception {
        bus.hangSsid("Attic");
        int errors = phone.notifications(ERROR).size();
        phone.write(RPC, wifi("Attic", "attic-key-1"));
        phone.awaitNotification(STATE, v -> v[0] == 0x03, WAIT);
        // while NetworkManager tries: a profile for a hidden network, as no access point announces it
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(bus.savedConnections())
                        .singleElement()
                        .satisfies(profile -> assertThat(profile.get("802-11-wireless")
                                        .get("hidden")
                                        .getValue())
                                .isEqualTo(true)));
        await().atMost(WAIT)
                .until(() -> phone.notifications(ERROR).stream().skip(errors).anyMatch(n -> n.value()[0] == 0x03));
        assertThat(kinglet.log()).contains("\"Attic\" was not connected after 5 s");
        await().atMost(WAIT).until(() -> bus.savedConnections().isEmpty());
        assertThat(phone.read(STATE)).containsExactly(0x02);
    }

    @Test
    @Order(5)
    void theJoystickAuthorizesAndAPacketInTwentyByteWritesProvisions() throws Exception {
        kinglet.shell("sim:press ENTER");
        await().atMost(WAIT).until(() -> kinglet.shell("ble:status").contains("io/kinglet/sensehat/joystick/ENTER"));

        byte[] credentials = wifi("HomeNet", "correct horse battery");
        long sent = System.currentTimeMillis();
        for (int at = 0; at < credentials.length; at += 20) {
            phone.write(RPC, Arrays.copyOfRange(credentials, at, Math.min(credentials.length, at + 20)));
        }
        phone.awaitNotification(STATE, v -> v[0] == 0x04, WAIT);
        byte[] result = phone.awaitNotification(RESULT, v -> v[0] == 1, WAIT);
        assertThat(strings(result)).singleElement().asString().matches("http://.+:\\d+/health");
        assertThat(result[result.length - 1] & 0xFF).isEqualTo(sum(result, result.length - 1));
        assertThat(phone.notifications(STATE).getLast().atMillis()).isGreaterThanOrEqualTo(sent);

        assertThat(bus.savedConnections()).singleElement().satisfies(profile -> {
            assertThat(DBusCalls.bytes(
                            profile.get("802-11-wireless").get("ssid").getValue()))
                    .isEqualTo("HomeNet".getBytes(StandardCharsets.UTF_8));
            assertThat(profile.get("802-11-wireless-security").get("key-mgmt").getValue())
                    .isEqualTo("wpa-psk");
            assertThat(profile.get("802-11-wireless-security").get("psk").getValue())
                    .isEqualTo("correct horse battery");
        });
        // provisioned: the advertisement goes, the service stays for the phone to read the result
        await().atMost(WAIT).until(() -> bus.bluez().Advertisements().isEmpty());
        assertThat(bus.bluez().Applications()).isNotEmpty();
        assertThat(kinglet.log()).doesNotContain("correct horse battery");
        assertThat(kinglet.get("/metrics").body()).contains("kinglet_ble_provisioned_total 1.0");
    }

    @Test
    @Order(6)
    void theGpioButtonAuthorizesToo() throws Exception {
        kinglet.shell("ble:start");
        phone.awaitNotification(STATE, v -> v[0] == 0x01, WAIT);
        int states = phone.notifications(STATE).size();
        assertThat(kinglet.shell("sim:press BUTTON")).contains("button BUTTON pressed");
        await().atMost(WAIT)
                .until(() -> phone.notifications(STATE).stream().skip(states).anyMatch(n -> n.value()[0] == 0x02));
        assertThat(kinglet.shell("ble:status"))
                .contains("last authorized by the button button@11")
                .contains("presence button button@11: read");
    }

    @Test
    @Order(7)
    void registersAgainWhenBluetoothdRestartsAndBleStartStartsOver() throws Exception {
        bus.stopBluez();
        await().atMost(WAIT)
                .until(() -> kinglet.get("/health?tags=ble").body().contains("bluetoothd is not on the bus"));
        bus.startBluez();
        await().atMost(WAIT).until(() -> !bus.bluez().Applications().isEmpty());

        kinglet.shell("ble:start");
        await().atMost(WAIT).until(() -> !bus.bluez().Advertisements().isEmpty());
        try (BleCentral next = BleCentral.connect(bus, "AA:BB:CC:DD:EE:02", WAIT)) {
            assertThat(next.read(STATE)).containsExactly(0x01);
        }
        bus.setAdapterPowered(false);
        await().atMost(WAIT).until(() -> kinglet.get("/health?tags=ble").body().contains("is powered off"));

        kinglet.shell("ble:stop");
        await().atMost(WAIT)
                .until(() -> bus.bluez().Applications().isEmpty()
                        && bus.bluez().Advertisements().isEmpty());
    }

    /** An Improv RPC packet: command, data length, data, low byte of the sum. */
    static byte[] packet(int command, byte[] data) {
        byte[] frame = new byte[data.length + 3];
        frame[0] = (byte) command;
        frame[1] = (byte) data.length;
        System.arraycopy(data, 0, frame, 2, data.length);
        frame[frame.length - 1] = (byte) sum(frame, frame.length - 1);
        return frame;
    }

    static byte[] wifi(String ssid, String passphrase) {
        byte[] s = ssid.getBytes(StandardCharsets.UTF_8);
        byte[] p = passphrase.getBytes(StandardCharsets.UTF_8);
        byte[] data = new byte[s.length + p.length + 2];
        data[0] = (byte) s.length;
        System.arraycopy(s, 0, data, 1, s.length);
        data[s.length + 1] = (byte) p.length;
        System.arraycopy(p, 0, data, s.length + 2, p.length);
        return packet(1, data);
    }

    /** The strings of an RPC result packet. */
    static List<String> strings(byte[] result) {
        List<String> strings = new java.util.ArrayList<>();
        int end = 2 + (result[1] & 0xFF);
        for (int at = 2; at < end; ) {
            int length = result[at] & 0xFF;
            strings.add(new String(result, at + 1, length, StandardCharsets.UTF_8));
            at += 1 + length;
        }
        return strings;
    }

    static int sum(byte[] bytes, int count) {
        int sum = 0;
        for (int i = 0; i < count; i++) {
            sum += bytes[i] & 0xFF;
        }
        return sum & 0xFF;
    }
}
