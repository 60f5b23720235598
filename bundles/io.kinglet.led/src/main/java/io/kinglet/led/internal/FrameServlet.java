package io.kinglet.led.internal;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /led/frame}: the frame on the LEDs now, as the output got it (after brightness, gamma and
 * rotation). A PNG, each LED a {@code scale} x {@code scale} square ({@code ?scale=}, 1–64, default 16);
 * JSON with {@code ?format=json}. Read-only, like the health endpoints.
 */
@Component(service = Servlet.class, property = "osgi.http.whiteboard.servlet.name=kinglet-led-frame")
@HttpWhiteboardServletPattern("/led/frame")
public class FrameServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final int DEFAULT_SCALE = 16;

    private final transient LedAnimator animator;
    private final transient JsonProvider json;

    @Activate
    public FrameServlet(@Reference LedAnimator animator, @Reference JsonProvider json) {
        this.animator = animator;
        this.json = json;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int[] rgb = animator.stats().lastFrame();
        int width = animator.width();
        int height = animator.height();
        response.setHeader("Cache-Control", "no-store");
        String format = request.getParameter("format");
        if ("json".equals(format)) {
            json(response, rgb, width, height);
        } else if (format == null || format.equals("png")) {
            Integer scale = scale(request.getParameter("scale"));
            if (scale == null) {
                error(
                        response,
                        "scale must be a whole number from 1 to 64, not '" + request.getParameter("scale") + "'");
                return;
            }
            png(response, rgb, width, height, scale);
        } else {
            error(response, "format must be png or json, not '" + format + "'");
        }
    }

    private static Integer scale(String parameter) {
        if (parameter == null) {
            return DEFAULT_SCALE;
        }
        try {
            int scale = Integer.parseInt(parameter.strip());
            return scale >= 1 && scale <= 64 ? scale : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void png(HttpServletResponse response, int[] rgb, int width, int height, int scale)
            throws IOException {
        BufferedImage image = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height * scale; y++) {
            for (int x = 0; x < width * scale; x++) {
                int i = 3 * ((y / scale) * width + x / scale);
                image.setRGB(x, y, rgb[i] << 16 | rgb[i + 1] << 8 | rgb[i + 2]);
            }
        }
        response.setContentType("image/png");
        ImageIO.write(image, "png", response.getOutputStream());
    }

    private void json(HttpServletResponse response, int[] rgb, int width, int height) throws IOException {
        JsonArrayBuilder pixels = json.createArrayBuilder();
        for (int i = 0; i < rgb.length; i += 3) {
            pixels.add(json.createArrayBuilder().add(rgb[i]).add(rgb[i + 1]).add(rgb[i + 2]));
        }
        String body = json.createObjectBuilder()
                .add("width", width)
                .add("height", height)
                .add("animation", animator.playing())
                .add("output", animator.output())
                .add("pixels", pixels)
                .build()
                .toString();
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    private void error(HttpServletResponse response, String message) throws IOException {
        response.setStatus(400);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        String body = json.createObjectBuilder().add("error", message).build().toString();
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
