package io.kinglet.console.internal;

import io.kinglet.sensehat.api.Alert;
import io.kinglet.sensehat.api.SensorReadings;
import io.kinglet.sensehat.api.Series;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Sensors: the Sense HAT's last hour plotted with uPlot (embedded in this bundle: the device may be
 * offline), and its alerts with their thresholds. The page asks once for everything kept, then every
 * two seconds only for what came after ({@code sensors.json?since=}), so a poll stays small.
 */
@Component(
        service = Servlet.class,
        property = {
            ServletConstants.PLUGIN_LABEL + "=" + SensorsPage.LABEL,
            ServletConstants.PLUGIN_TITLE + "=Sensors",
            ServletConstants.PLUGIN_CATEGORY + "=Kinglet"
        })
public class SensorsPage extends KingletPage {

    static final String LABEL = "kinglet-sensors";
    private static final long serialVersionUID = 1L;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile SensorReadings readings;

    @Activate
    public SensorsPage(@Reference JsonProvider json) {
        super("/kinglet/sensors.html", "sensors.json", json);
    }

    @Override
    String data(HttpServletRequest request) {
        SensorReadings sensors = readings;
        if (sensors == null) {
            return off("the Sense HAT reader", "io.kinglet.sensehat.cfg");
        }
        Instant since = Instant.ofEpochMilli(since(request.getParameter("since")));
        JsonArrayBuilder series = json.createArrayBuilder();
        for (Series s : sensors.history(since)) {
            JsonArrayBuilder times = json.createArrayBuilder();
            JsonArrayBuilder values = json.createArrayBuilder();
            for (int i = 0; i < s.times().length; i++) {
                times.add(s.times()[i]);
                double v = s.values()[i];
                if (Double.isFinite(v)) {
                    values.add(v);
                } else {
                    values.addNull(); // JSON has no NaN: a gap in the plot
                }
            }
            series.add(json.createObjectBuilder()
                    .add("quantity", s.quantity())
                    .add("unit", s.unit())
                    .add("times", times)
                    .add("values", values));
        }
        JsonArrayBuilder alerts = json.createArrayBuilder();
        for (Alert a : sensors.alerts()) {
            alerts.add(json.createObjectBuilder()
                    .add("name", a.name())
                    .add("quantity", a.quantity())
                    .add("unit", a.unit())
                    .add("min", a.min())
                    .add("max", a.max())
                    .add("raised", a.raised())
                    .add("detail", a.detail()));
        }
        return json.createObjectBuilder()
                .add("intervalSeconds", sensors.interval().toSeconds())
                .add("keptSeconds", sensors.kept().toSeconds())
                .add("series", series)
                .add("alerts", alerts)
                .build()
                .toString();
    }

    /** {@code ?since=} in milliseconds since the epoch; absent: everything kept. */
    private static long since(String parameter) {
        try {
            return parameter == null ? 0 : Math.max(0, Long.parseLong(parameter.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "since must be a time in milliseconds since the epoch, not '" + parameter + "'", e);
        }
    }
}
