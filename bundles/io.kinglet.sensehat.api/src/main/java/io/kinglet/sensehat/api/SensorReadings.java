package io.kinglet.sensehat.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The Sense HAT reader's recent readings and its alerts, registered while it samples. */
@ProviderType
public interface SensorReadings {

    /** How far back the history reaches: samples older than this are gone. */
    Duration kept();

    /** The time between two samples. */
    Duration interval();

    /**
     * Each quantity's samples taken after {@code since}, oldest first; a quantity with none is left
     * out. {@link Instant#EPOCH} asks for all that is kept.
     */
    List<Series> history(Instant since);

    /** Every configured alert with its thresholds, raised or not, by name. */
    List<Alert> alerts();
}
