package io.kinglet.ota.internal;

import io.kinglet.boot.FreeSpace;
import io.kinglet.boot.LocalTransport;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OTA API under {@code /ota}; every request needs {@code Authorization: Bearer <token>}, and
 * HTTPS unless it comes from the device itself.
 * <ul>
 * <li>{@code POST /ota/deployments[?downgrade=true]}: one bundle as the raw body, or several as
 *     {@code multipart/form-data} parts; 202 with the deployment, or 4xx with the reason;</li>
 * <li>{@code GET /ota/deployments}, {@code GET /ota/deployments/<id>}: history and progress;</li>
 * <li>{@code GET /ota/status}: committed set and the deployment under way;</li>
 * <li>{@code POST /ota/rollback}: back to the previous committed set.</li>
 * </ul>
 */
@Component(
        service = Servlet.class,
        property = {
            "osgi.http.whiteboard.servlet.multipart.enabled:Boolean=true",
            "osgi.http.whiteboard.servlet.name=kinglet-ota"
        })
@HttpWhiteboardServletPattern("/ota/*")
public class OtaServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(OtaServlet.class);
    private static final String DEPLOYMENTS = "/deployments";

    private final transient OtaAgent agent;

    @Activate
    public OtaServlet(@Reference OtaAgent agent) {
        this.agent = agent;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (!LocalTransport.allowed(request.isSecure(), request.getRemoteAddr())) {
            LOG.warn(
                    "OTA API: {} {} from {} refused: plain HTTP from another host",
                    request.getMethod(),
                    request.getRequestURI(),
                    request.getRemoteAddr());
            error(
                    response,
                    403,
                    "OTA over plain HTTP is accepted only from this device itself: use HTTPS "
                            + "(org.apache.felix.https.enable in kinglet.properties)");
            return;
        }
        if (!agent.authorized(request.getHeader("Authorization"))) {
            LOG.warn(
                    "OTA API: {} {} from {} refused: missing or wrong bearer token",
                    request.getMethod(),
                    request.getRequestURI(),
                    request.getRemoteAddr());
            response.setHeader("WWW-Authenticate", "Bearer realm=\"kinglet-ota\"");
            error(
                    response,
                    401,
                    "authentication required: send 'Authorization: Bearer <token>' "
                            + "(io.kinglet.ota token, or the file <state>/ota/token)");
            return;
        }
        try {
            super.service(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            // every answer is JSON an operator's tooling can read, an unexpected failure too
            LOG.error("OTA API: {} {} failed: {}", request.getMethod(), request.getRequestURI(), e.toString());
            if (!response.isCommitted()) {
                response.reset();
                boolean full = e instanceof IOException io && FreeSpace.isDiskFull(io);
                error(
                        response,
                        full ? Refusal.INSUFFICIENT_STORAGE : Refusal.SERVER_ERROR,
                        (full ? "the device's disk is full: " : "the OTA agent failed: ") + e.getMessage());
            }
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = path(request);
        if (path.equals("/status")) {
            json(response, 200, OtaStatus.json(agent));
        } else if (path.equals(DEPLOYMENTS)) {
            JsonArrayBuilder list = Json.createArrayBuilder();
            agent.history().forEach(d -> list.add(d.toJson()));
            json(response, 200, list.build());
        } else if (path.startsWith(DEPLOYMENTS + "/")) {
            String id = path.substring(DEPLOYMENTS.length() + 1);
            Optional<Deployment> d = agent.find(id);
            if (d.isPresent()) {
                json(response, 200, d.get().toJson());
            } else {
                error(response, 404, "no deployment " + id);
            }
        } else {
            error(response, 404, "no such OTA resource: " + path + " (try /ota/status or /ota/deployments)");
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String path = path(request);
        try {
            Submissions.Submitted submitted;
            if (path.equals(DEPLOYMENTS)) {
                submitted = agent.push(receive(request), "true".equalsIgnoreCase(request.getParameter("downgrade")));
            } else if (path.equals("/rollback")) {
                submitted = agent.rollback();
            } else {
                error(response, 404, "no such OTA resource: " + path);
                return;
            }
            if (submitted.status() < 300) {
                response.setHeader("Location", "/ota/deployments/" + submitted.id());
            }
            json(response, submitted.status(), submitted.snapshot());
        } catch (Refusal refusal) {
            error(response, refusal.status(), refusal.getMessage());
        }
    }

    private List<ArtifactStore.Received> receive(HttpServletRequest request)
            throws IOException, ServletException, Refusal {
        List<ArtifactStore.Received> uploads = new ArrayList<>();
        String type = request.getContentType();
        try {
            if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
                for (Part part : request.getParts()) {
                    if (part.getSubmittedFileName() != null || part.getName().equals("bundle")) {
                        try (InputStream in = part.getInputStream()) {
                            uploads.add(agent.receive(in));
                        }
                    }
                }
            } else {
                try (InputStream in = request.getInputStream()) {
                    uploads.add(agent.receive(in));
                }
            }
        } catch (Refusal | IOException | ServletException | RuntimeException e) {
            agent.discard(uploads);
            throw e;
        }
        return uploads;
    }

    private static String path(HttpServletRequest request) {
        String info = request.getPathInfo();
        return info == null ? "/" : info.replaceAll("/+$", "");
    }

    static void json(HttpServletResponse response, int status, JsonStructure body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        Json.createWriter(response.getWriter()).write(body);
    }

    private static void error(HttpServletResponse response, int status, String message) throws IOException {
        JsonObject body = Json.createObjectBuilder().add("error", message).build();
        json(response, status, body);
    }
}
