package io.kinglet.hawkbit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The server's answers as hawkBit 1.0.4 sent them (recorded in src/test/resources/ddi), and broken ones. */
class DdiParserTest {

    private final DdiParser parser = new DdiParser(JsonProvider.provider());

    static String recorded(String name) throws IOException {
        try (InputStream in = DdiParserTest.class.getResourceAsStream("/ddi/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theBaseResourceGivesTheSleepAndTheLinks() throws IOException {
        Ddi.Base base = parser.base(recorded("base-deployment.json"));

        assertThat(base.sleep()).isEqualTo(Duration.ofSeconds(2));
        assertThat(base.deploymentBase().getPath()).endsWith("/DEFAULT/controller/v1/dev-001/deploymentBase/1");
        assertThat(base.cancelAction()).isNull();
        assertThat(base.configData().getPath()).endsWith("/DEFAULT/controller/v1/dev-001/configData");
    }

    @Test
    void anIdleBaseResourceHasNoLinks() {
        Ddi.Base base = parser.base("{\"config\":{\"polling\":{\"sleep\":\"12:00:00\"}}}");

        assertThat(base.sleep()).isEqualTo(Duration.ofHours(12));
        assertThat(base.deploymentBase()).isNull();
        assertThat(base.configData()).isNull();
    }

    @Test
    void aDeploymentGivesItsBundlesWithTheirHashesAndLinks() throws IOException {
        Ddi.Deployment d = parser.deployment(recorded("deployment.json"));

        assertThat(d.actionId()).isEqualTo("1");
        assertThat(d.download()).isEqualTo(Ddi.Handling.FORCED);
        assertThat(d.update()).isEqualTo(Ddi.Handling.FORCED);
        assertThat(d.windowOpen()).isNull();
        assertThat(d.mayInstall()).isTrue();
        assertThat(d.chunks()).hasSize(1);
        assertThat(d.bundles()).singleElement().satisfies(a -> {
            assertThat(a.filename()).isEqualTo("io.kinglet.demo-1.0.1.jar");
            assertThat(a.size()).isEqualTo(2345);
            assertThat(a.sha256()).hasSize(64);
            assertThat(a.sha1()).hasSize(40);
            assertThat(a.md5()).hasSize(32);
            assertThat(a.download())
                    .isEqualTo(
                            URI.create(
                                    "http://127.0.0.1:8080/DEFAULT/controller/v1/dev-001/softwaremodules/1/artifacts/io.kinglet.demo-1.0.1.jar"));
        });
    }

    @Test
    void aClosedMaintenanceWindowHoldsTheInstall() throws IOException {
        String json = recorded("deployment.json")
                .replace("\"update\":\"forced\"", "\"update\":\"forced\",\"maintenanceWindow\":\"unavailable\"");

        Ddi.Deployment d = parser.deployment(json);

        assertThat(d.windowOpen()).isFalse();
        assertThat(d.mayInstall()).isFalse();
    }

    @Test
    void aCancelNamesTheActionToStop() {
        Ddi.Cancel c = parser.cancel("{\"id\":\"7\",\"cancelAction\":{\"stopId\":\"6\"}}");

        assertThat(c.actionId()).isEqualTo("7");
        assertThat(c.stopId()).isEqualTo("6");
    }

    @Test
    void brokenAnswersNameWhatIsWrong() throws IOException {
        assertThatThrownBy(() -> parser.base("<html>502 Bad Gateway</html>"))
                .isInstanceOf(DdiException.class)
                .hasMessageStartingWith("the base resource is not a JSON object");
        assertThatThrownBy(() -> parser.base("{\"config\":{}}"))
                .isInstanceOf(DdiException.class)
                .hasMessage("'polling' is missing");
        assertThatThrownBy(() -> parser.base("{\"config\":{\"polling\":{\"sleep\":\"soon\"}}}"))
                .isInstanceOf(DdiException.class)
                .hasMessage("the polling sleep 'soon' is not HH:MM:SS");
        String noHash = recorded("deployment.json").replaceAll(",\"sha256\":\"[0-9a-f]+\"", "");
        assertThatThrownBy(() -> parser.deployment(noHash))
                .isInstanceOf(DdiException.class)
                .hasMessage("'sha256' is missing");
        assertThatThrownBy(() -> parser.deployment(recorded("deployment.json").replace("\"forced\"", "\"later\"")))
                .isInstanceOf(DdiException.class)
                .hasMessage("unknown handling type 'later'");
        assertThatThrownBy(() -> parser.deployment(recorded("deployment.json").replace("\"size\":2345", "\"size\":-1")))
                .isInstanceOf(DdiException.class)
                .hasMessage("'size' is not a size");
    }
}
