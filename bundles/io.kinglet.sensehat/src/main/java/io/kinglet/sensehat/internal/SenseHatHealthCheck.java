package io.kinglet.sensehat.internal;

import org.apache.felix.hc.annotation.HealthCheckService;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Warns for each chip that does not answer (naming the chip, its address and why; the others keep
 * reporting) and for each raised alert. Not critical: a missing sensor or a hot room does not make
 * the device useless.
 */
@Component
@HealthCheckService(
        name = "Sense HAT",
        tags = {"sensehat"})
public class SenseHatHealthCheck implements HealthCheck {

    private final SenseHat hat;
    private final AlertMonitor alerts;
    private final JoystickEvents joystick;

    @Activate
    public SenseHatHealthCheck(
            @Reference SenseHat hat, @Reference AlertMonitor alerts, @Reference JoystickEvents joystick) {
        this.hat = hat;
        this.alerts = alerts;
        this.joystick = joystick;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        for (ChipReader.State chip : hat.chips()) {
            if (chip.up()) {
                log.info("{}: answering", chip.where());
            } else {
                log.warn(
                        "{} does not answer: {}; {} attempts, next at {}",
                        chip.where(),
                        chip.failure(),
                        chip.failures(),
                        chip.nextAttempt());
            }
        }
        log.info("joystick: {}", joystick.where());
        for (AlertMonitor.Active alert : alerts.active()) {
            log.warn("alert {}", alert.describe());
        }
        return new Result(log);
    }
}
