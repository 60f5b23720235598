package io.kinglet.addetect.internal;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A break as JSON, the same for telemetry ({@code addetect/break}) and an action's HTTP body:
 * {@code {"event": "started"|"ended", "start": s, "end": s (ended only), "confidence": 0..1,
 * "source": ..., "at": ISO-8601}}, times in seconds of the feed.
 */
final class BreakMessage {

    private BreakMessage() {}

    static String json(BreakActions.Occurrence what) {
        JsonObjectBuilder message =
                Json.createObjectBuilder().add("event", what.event()).add("start", rounded(what.start(), 1));
        if (!Double.isNaN(what.end())) {
            message.add("end", rounded(what.end(), 1));
        }
        return message.add("confidence", rounded(what.confidence(), 2))
                .add("source", what.source())
                .add("at", what.at().toString())
                .build()
                .toString();
    }

    /** Times to a tenth of a second (a tick), confidences to a hundredth: no false precision. */
    static BigDecimal rounded(double value, int places) {
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP);
    }
}
