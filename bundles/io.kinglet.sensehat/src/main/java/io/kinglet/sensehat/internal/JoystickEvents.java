package io.kinglet.sensehat.internal;

import java.nio.file.Path;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joystick presses as Event Admin events {@code io/kinglet/sensehat/joystick/<UP|DOWN|LEFT|RIGHT|ENTER>}
 * (property {@code repeat}): the BLE provisioner takes ENTER as proof that someone is at the device.
 */
@Component(
        service = JoystickEvents.class,
        configurationPid = SenseHat.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class JoystickEvents {

    static final String TOPIC = "io/kinglet/sensehat/joystick/";
    private static final Logger LOG = LoggerFactory.getLogger(JoystickEvents.class);

    private final Joystick joystick;
    private final String where;
    private volatile String last = "none yet";

    @Activate
    public JoystickEvents(SenseHatConfiguration config, @Reference EventAdmin events) {
        Path sysfs = Path.of(config.sysfsRoot());
        this.joystick = Joystick.find(sysfs, Path.of(config.devRoot()))
                .map(device -> new Joystick(device, (key, repeat) -> {
                    LOG.debug("Sense HAT: joystick {}{}", key, repeat ? " (repeat)" : "");
                    last = key + (repeat ? " (repeat)" : "") + " at " + java.time.Instant.now();
                    events.postEvent(new Event(TOPIC + key, Map.of("repeat", repeat)));
                }))
                .orElse(null);
        this.where = joystick == null
                ? "none found (no input device named '" + Joystick.NAME + "' under " + sysfs.resolve("class/input")
                        + ")"
                : joystick.device().toString();
        LOG.info("Sense HAT: joystick {}", where);
    }

    /** The device read, or why there is none. */
    String where() {
        return where;
    }

    /** The last key pressed and when, for the shell. */
    String last() {
        return last;
    }

    @Deactivate
    void deactivate() {
        if (joystick != null) {
            joystick.close();
        }
    }
}
