package io.kinglet.console.internal;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.felix.hc.api.ResultLog;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;

/**
 * What Kinglet's console pages share: an HTML template from the bundle, given the plugin's root and
 * the CSRF token its scripts send, and a JSON resource beside it that the page asks for every two
 * seconds.
 */
abstract class KingletPage extends AbstractServlet {

    private static final long serialVersionUID = 1L;

    final transient JsonProvider json;
    private final String template;
    private final String data;

    /**
     * @param template the page's HTML in the bundle, e.g. {@code /kinglet/overview.html}
     * @param data the JSON resource's name under the page, e.g. {@code overview.json}
     */
    KingletPage(String template, String data, JsonProvider json) {
        this.json = json;
        this.template = template;
        this.data = data;
    }

    /**
     * The JSON the page shows, for {@code request} (its parameters).
     *
     * @throws IllegalArgumentException naming the parameter that is wrong: answered 400 with the message
     */
    abstract String data(HttpServletRequest request) throws IOException;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (request.getPathInfo() != null && request.getPathInfo().endsWith("/" + data)) {
            try {
                answer(response, 200, data(request));
            } catch (IllegalArgumentException e) {
                answer(response, 400, error(e.getMessage()));
            }
            return;
        }
        super.doGet(request, response);
    }

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter()
                .write(readTemplateFile(template)
                        .replace(
                                "${pluginRoot}",
                                String.valueOf(request.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT)))
                        .replace("${csrf}", String.valueOf(request.getAttribute(ConsoleSecurity.CSRF_ATTRIBUTE))));
    }

    static void answer(HttpServletResponse response, int status, String json) throws IOException {
        setNoCache(response);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json);
    }

    String error(String message) {
        return json.createObjectBuilder().add("error", message).build().toString();
    }

    /** What a page shows when the service it shows is not there: {@code {"off": …}}, saying where to look. */
    String off(String service, String configuration) {
        return json.createObjectBuilder()
                .add(
                        "off",
                        service + " is not running: its health check on the Overview says why (it needs"
                                + " runtime-config/" + configuration + ")")
                .build()
                .toString();
    }

    /** Adds a health check's messages as the pages show them, each after its status: {@code WARN not watching …}. */
    static void addMessages(JsonArrayBuilder messages, HealthCheckExecutionResult result) {
        for (ResultLog.Entry entry : result.getHealthCheckResult()) {
            messages.add(entry.getStatus() + " " + entry.getMessage());
        }
    }
}
