package io.kinglet.e2e;

import static io.kinglet.e2e.OtaSetup.activation;
import static io.kinglet.e2e.OtaSetup.client;
import static io.kinglet.e2e.OtaSetup.deploy;
import static io.kinglet.e2e.OtaSetup.installedCopies;
import static io.kinglet.e2e.OtaSetup.served;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * An update of a bundle that exports a package: the bundles wired to the old exporter are rewired
 * to the new one (and back on rollback), and only they restart.
 */
class OtaPackageWiringTest {

    private static final String EXPORTER = "io.kinglet.demo";
    private static final String CONSUMER = "io.kinglet.demo.consumer";
    private static final String UNRELATED = "io.kinglet.demo2";
    private static final String PACKAGE = "io.kinglet.demo.internal";

    @AutoClose
    private static final OtaSetup setup = OtaSetup.create();

    @Test
    void consumersFollowTheExporterThroughUpdateRollbackAndRestart() throws Exception {
        try (KingletProcess kinglet = setup.runtime(2).start()) {
            OtaClient ota = client(kinglet);
            deploy(ota, "committed", exporter("1.0.0"), consumer("1.0.0", "[1.0,2)"), setup.demo(UNRELATED, "1.0.0"));
            assertThat(served(kinglet, CONSUMER)).isEqualTo(CONSUMER + " 1.0.0 code " + EXPORTER + " 1.0.0");
            String unrelatedActivated = activation(kinglet, UNRELATED);

            deploy(ota, "committed", exporter("1.1.0"));

            assertThat(served(kinglet, CONSUMER)).isEqualTo(CONSUMER + " 1.0.0 code " + EXPORTER + " 1.1.0");
            assertThat(installedCopies(kinglet, EXPORTER)).isEqualTo(1);
            assertThat(activation(kinglet, UNRELATED)).isEqualTo(unrelatedActivated);

            JsonNode rolledBack = deploy(ota, "rolled-back", exporter("1.2.0", "Demo-Health", "fail"));

            assertThat(rolledBack.get("reason").asText()).contains("Demo " + EXPORTER);
            assertThat(served(kinglet, CONSUMER)).isEqualTo(CONSUMER + " 1.0.0 code " + EXPORTER + " 1.1.0");
            assertThat(installedCopies(kinglet, EXPORTER)).isEqualTo(1);
            assertThat(activation(kinglet, UNRELATED)).isEqualTo(unrelatedActivated);

            kinglet.restart();

            assertThat(served(kinglet, CONSUMER)).isEqualTo(CONSUMER + " 1.0.0 code " + EXPORTER + " 1.1.0");
            assertThat(kinglet.log()).contains("Boot set: 0 installed, 0 updated, 0 uninstalled");
        }
    }

    @Test
    void anUpdateThatWouldLeaveAConsumerUnresolvedIsRefusedBeforeTheSwitch() throws Exception {
        try (KingletProcess kinglet = setup.runtime(2).start()) {
            OtaClient ota = client(kinglet);
            deploy(ota, "committed", exporter("1.0.0"), consumer("1.0.0", "[1.0,2)"));
            String consumerActivated = activation(kinglet, CONSUMER);

            // a new major version of the package: the consumer's range excludes it
            OtaClient.Response refused = ota.push(exporter("2.0.0"));

            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.json().get("reason").asText())
                    .contains("would leave running bundles unresolved")
                    .contains(CONSUMER + " 1.0.0 needs osgi.wiring.package")
                    .contains(PACKAGE)
                    .contains("which only " + EXPORTER + " 1.0.0 provides");
            assertThat(activation(kinglet, CONSUMER)).isEqualTo(consumerActivated);
            assertThat(installedCopies(kinglet, EXPORTER)).isEqualTo(1);

            // the consumer comes along in the same deployment: accepted
            deploy(ota, "committed", exporter("2.0.0"), consumer("2.0.0", "[2.0,3)"));
            assertThat(served(kinglet, CONSUMER)).isEqualTo(CONSUMER + " 2.0.0 code " + EXPORTER + " 2.0.0");
        }
    }

    /** The demo bundle exporting its package at the bundle's own version. */
    private static Path exporter(String version, String... headers) throws IOException {
        String[] all = new String[headers.length + 2];
        all[0] = "Export-Package";
        all[1] = PACKAGE + ";version=\"" + version + "\"";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return setup.demo(EXPORTER, version, all);
    }

    /** The demo bundle importing the exporter's package in {@code range}, so it runs the exporter's code. */
    private static Path consumer(String version, String range) throws IOException {
        return setup.demo(
                CONSUMER,
                version,
                "Import-Package",
                OtaSetup.DEMO_IMPORTS + "," + PACKAGE + ";version=\"" + range + "\"");
    }
}
