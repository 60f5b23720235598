package io.kinglet.console.internal;

import io.kinglet.ota.api.DeploymentStatus;
import io.kinglet.ota.api.OtaDeployments;
import io.kinglet.ota.api.SubmissionException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Updates: the OTA history with every transition and reason, the deployment under way and its
 * probation, a signed bundle uploaded from the browser (the OTA agent's own intake and checks), and
 * the rollback to the previous set. The two actions are POSTs the console's CSRF check guards.
 */
@Component(
        service = Servlet.class,
        property = {
            ServletConstants.PLUGIN_LABEL + "=" + UpdatesPage.LABEL,
            ServletConstants.PLUGIN_TITLE + "=Updates",
            ServletConstants.PLUGIN_CATEGORY + "=Kinglet"
        })
public class UpdatesPage extends KingletPage {

    static final String LABEL = "kinglet-updates";
    private static final long serialVersionUID = 1L;

    private final transient OtaDeployments ota;

    @Activate
    public UpdatesPage(@Reference OtaDeployments ota, @Reference JsonProvider json) {
        super("/kinglet/updates.html", "updates.json", json);
        this.ota = ota;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        try {
            if (path.endsWith("/rollback")) {
                answer(response, 202, deployment(ota.rollback()).build().toString());
            } else if (path.endsWith("/upload")) {
                answer(response, 202, upload(request));
            } else {
                answer(response, 404, error("no such action: " + path));
            }
        } catch (SubmissionException | TooLarge e) {
            answer(response, 409, error(e.getMessage()));
        }
    }

    /** The request's body is one bundle: kept in a temporary file for the agent, which copies it. */
    private String upload(HttpServletRequest request) throws IOException, SubmissionException, TooLarge {
        Path file = Files.createTempFile("kinglet-console-upload", ".jar");
        try {
            long max = ota.maxBundleBytes();
            try (InputStream in = request.getInputStream();
                    OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                long total = 0;
                for (int n; (n = in.read(buffer)) > 0; ) {
                    total += n;
                    if (total > max) {
                        throw new TooLarge("the bundle is larger than the " + max + " bytes a deployment takes");
                    }
                    out.write(buffer, 0, n);
                }
            }
            return deployment(ota.submit(List.of(file), false)).build().toString();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Override
    String data(HttpServletRequest request) throws IOException {
        JsonArrayBuilder history = json.createArrayBuilder();
        for (DeploymentStatus d : ota.history()) {
            history.add(deployment(d));
        }
        return json.createObjectBuilder()
                .add("committed", ota.committed().orElse("none: the installed bundles"))
                .add("probationSecondsLeft", ota.probationSecondsLeft())
                .add("history", history)
                .build()
                .toString();
    }

    private JsonObjectBuilder deployment(DeploymentStatus d) {
        JsonArrayBuilder transitions = json.createArrayBuilder();
        d.transitions().forEach(t -> transitions.add(t.state().label() + " " + t.at()));
        return json.createObjectBuilder()
                .add("id", d.id())
                .add("state", d.state().label())
                .add("reason", d.reason() == null ? "" : d.reason())
                .add("bundles", json.createArrayBuilder(d.bundles()))
                .add("transitions", transitions);
    }

    /** An upload over the agent's size limit, refused before it is all read. */
    private static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }
}
