package io.kinglet.hardware.sim.internal;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** The simulated Sense HAT as the bus sees it: its chips by address, and the parts made to fail. */
final class SenseHat {

    static final List<String> PARTS = List.of("hts221", "lps25h", "lsm9ds1");

    private final TreeMap<Integer, Chip> chips = new TreeMap<>();
    private final Set<String> failed = ConcurrentHashMap.newKeySet();

    SenseHat(Environment environment, Hts221Calibration calibration) {
        for (Chip chip : List.of(
                new Hts221(environment, calibration),
                new Lps25h(environment),
                new Lsm9ds1AccelGyro(environment),
                new Lsm9ds1Magnetometer(environment))) {
            chips.put(chip.address(), chip);
        }
    }

    /** The chip that acknowledges {@code address}, or the failure a driver would see on the bus. */
    Chip chip(int bus, int address) throws IOException {
        Chip chip = chips.get(address);
        String why;
        if (chip == null) {
            why = "no chip at this address: the simulated Sense HAT has "
                    + chips.keySet().stream().map(SenseHat::hex).collect(Collectors.joining(", "));
        } else if (failed.contains(chip.part())) {
            why = chip.part() + " failed by sim:fail";
        } else {
            return chip;
        }
        throw new IOException(
                "no acknowledge from " + hex(address) + " on simulated I2C bus " + bus + " (" + why + ")");
    }

    Collection<Chip> chips() {
        return chips.values();
    }

    /** Makes every address of a part stop acknowledging; false if it already had. */
    boolean fail(String part) {
        return failed.add(known(part));
    }

    boolean heal(String part) {
        return failed.remove(known(part));
    }

    boolean failed(String part) {
        return failed.contains(part);
    }

    static String hex(int address) {
        return String.format(Locale.ROOT, "0x%02x", address);
    }

    private static String known(String part) {
        String name = part == null ? "" : part.toLowerCase(Locale.ROOT);
        if (!PARTS.contains(name)) {
            throw new IllegalArgumentException(
                    "unknown chip '" + part + "': the simulated Sense HAT has " + String.join(", ", PARTS));
        }
        return name;
    }
}
