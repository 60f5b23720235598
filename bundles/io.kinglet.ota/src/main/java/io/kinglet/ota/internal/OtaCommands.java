package io.kinglet.ota.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code ota:status|history|rollback|install}: the device-side view of updates. */
@Component(
        service = OtaCommands.class,
        property = {
            "osgi.command.scope=ota",
            "osgi.command.function=status",
            "osgi.command.function=history",
            "osgi.command.function=rollback",
            "osgi.command.function=install"
        })
public class OtaCommands {

    private final OtaAgent agent;

    @Activate
    public OtaCommands(@Reference OtaAgent agent) {
        this.agent = agent;
    }

    @Descriptor("show the committed set and the deployment under way")
    public String status() throws IOException {
        return OtaStatus.text(agent);
    }

    @Descriptor("list the latest deployments, newest first")
    public String history(
            @Descriptor("how many")
                    @Parameter(
                            names = {"-n", "--count"},
                            absentValue = "20")
                    int count)
            throws IOException {
        StringBuilder out = new StringBuilder(
                String.format("%-8s %-10s %-12s %-24s %s%n", "ID", "KIND", "STATE", "SINCE", "BUNDLES / REASON"));
        for (Deployment d : agent.history().stream().limit(count).toList()) {
            out.append(String.format(
                    "%-8s %-10s %-12s %-24s %s%s%n",
                    d.id(),
                    d.kind().name().toLowerCase(java.util.Locale.ROOT),
                    d.state().label(),
                    d.since().toString(),
                    String.join(", ", d.summary()),
                    d.reason() == null ? "" : " — " + d.reason()));
        }
        return out.toString();
    }

    @Descriptor("revert to the previous committed set (through the same switch and probation)")
    public String rollback() {
        return describe(() -> agent.rollback());
    }

    @Descriptor("install a signed bundle from a file or URL, like a push")
    public String install(
            @Descriptor("allow a version that is not newer than the running one")
                    @Parameter(names = "--downgrade", presentValue = "true", absentValue = "false")
                    boolean downgrade,
            @Descriptor("file path or URL of the signed bundle") String source) {
        return describe(() -> {
            ArtifactStore.Received upload;
            try (InputStream in = open(source)) {
                upload = agent.receive(in);
            }
            return agent.push(List.of(upload), downgrade);
        });
    }

    private static InputStream open(String source) throws IOException {
        Path file = Path.of(source);
        if (Files.isRegularFile(file)) {
            return Files.newInputStream(file);
        }
        if (source.contains("://")) {
            return URI.create(source).toURL().openStream();
        }
        throw new IOException("no such file: " + file.toAbsolutePath());
    }

    private interface Submission {
        Submissions.Submitted submit() throws Refusal, IOException;
    }

    private static String describe(Submission submission) {
        try {
            return "Deployment " + submission.submit().summary();
        } catch (Refusal refusal) {
            return "Refused: " + refusal.getMessage();
        } catch (IOException e) {
            return "Failed: " + e.getMessage();
        }
    }
}
