package io.kinglet.console.internal;

import io.kinglet.led.api.Animator;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LED: the frame on the LEDs now, redrawn as fast as the browser gets it ({@code led.json}, a few
 * hundred bytes: the pixels as hex), the animations with their parameters, and play and stop, POSTs
 * the console's CSRF check guards.
 */
@Component(
        service = Servlet.class,
        property = {
            ServletConstants.PLUGIN_LABEL + "=" + LedPage.LABEL,
            ServletConstants.PLUGIN_TITLE + "=LED",
            ServletConstants.PLUGIN_CATEGORY + "=Kinglet"
        })
public class LedPage extends KingletPage {

    static final String LABEL = "kinglet-led";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LedPage.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile Animator animator;

    @Activate
    public LedPage(@Reference JsonProvider json) {
        super("/kinglet/led.html", "led.json", json);
    }

    /** The frame and what plays; with {@code ?animations=true} also every animation and its parameters. */
    @Override
    String data(HttpServletRequest request) {
        Animator leds = animator;
        if (leds == null) {
            return off("the LED animator", "io.kinglet.led.cfg");
        }
        int[] rgb = leds.frame();
        byte[] bytes = new byte[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            bytes[i] = (byte) rgb[i];
        }
        JsonObjectBuilder frame = json.createObjectBuilder()
                .add("width", leds.width())
                .add("height", leds.height())
                .add("playing", leds.playing())
                .add("pixels", HexFormat.of().formatHex(bytes));
        if (Boolean.parseBoolean(request.getParameter("animations"))) {
            JsonArrayBuilder animations = json.createArrayBuilder();
            leds.animations()
                    .forEach((name, parameters) -> animations.add(json.createObjectBuilder()
                            .add("name", name)
                            .add(
                                    "parameters",
                                    json.createObjectBuilder(new LinkedHashMap<String, Object>(parameters)))));
            frame.add("animations", animations);
        }
        return frame.build().toString();
    }

    /** {@code /play} (form fields {@code name} and {@code parameters}, {@code key=value} words) and {@code /stop}. */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Animator leds = animator;
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (leds == null) {
            answer(response, 503, off("the LED animator", "io.kinglet.led.cfg"));
        } else if (path.endsWith("/stop")) {
            leds.stop();
            LOG.info("Console: {} stopped the LEDs", request.getAttribute(ConsoleSecurity.USER_ATTRIBUTE));
            answer(response, 200, data(request));
        } else if (path.endsWith("/play")) {
            play(leds, request, response);
        } else {
            answer(response, 404, error("no such action: " + path));
        }
    }

    private void play(Animator leds, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("name");
        if (name == null || name.isBlank()) {
            answer(response, 400, error("name is missing: which animation to play"));
            return;
        }
        try {
            List<String> parameters = parameters(request.getParameter("parameters"));
            leds.play(name.strip(), parameters);
            LOG.info(
                    "Console: {} played {}",
                    request.getAttribute(ConsoleSecurity.USER_ATTRIBUTE),
                    Stream.concat(Stream.of(name.strip()), parameters.stream()).collect(Collectors.joining(" ")));
            answer(response, 200, data(request));
        } catch (IllegalArgumentException e) {
            answer(response, 400, error(e.getMessage()));
        } catch (IllegalStateException e) {
            answer(response, 409, error(e.getMessage()));
        }
    }

    /** {@code color=ff0000 period=1}: the words, which the animator checks as {@code led:play} does. */
    static List<String> parameters(String words) {
        return words == null || words.isBlank()
                ? List.of()
                : List.of(words.strip().split("\\s+"));
    }
}
