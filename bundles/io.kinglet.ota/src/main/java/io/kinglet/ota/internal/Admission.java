package io.kinglet.ota.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may push and what is accepted, from the agent's configuration: the bearer token, the
 * certificates whose signatures are trusted, and the largest artifact.
 */
final class Admission {

    private static final Logger LOG = LoggerFactory.getLogger(Admission.class);

    private final ApiToken token;
    private final ArtifactVerifier verifier;
    private final String problem;
    private final long maxArtifactBytes;

    private Admission(ApiToken token, ArtifactVerifier verifier, String problem, long maxArtifactBytes) {
        this.token = token;
        this.verifier = verifier;
        this.problem = problem;
        this.maxArtifactBytes = maxArtifactBytes;
    }

    /** {@code trustedCertificates} is read relative to {@code configDir}; the token falls back to {@code tokenFile}. */
    static Admission of(OtaConfiguration config, Path configDir, Path tokenFile) throws IOException {
        ApiToken token = ApiToken.resolve(config.token(), tokenFile);
        if (config.trustedCertificates().isBlank()) {
            return new Admission(
                    token,
                    new ArtifactVerifier(List.of()),
                    "no trustedCertificates configured",
                    config.maxArtifactBytes());
        }
        Path pem = configDir.resolve(config.trustedCertificates());
        try {
            return new Admission(
                    token,
                    new ArtifactVerifier(ArtifactVerifier.loadCertificates(pem)),
                    null,
                    config.maxArtifactBytes());
        } catch (IOException | GeneralSecurityException e) {
            String problem = "trustedCertificates " + pem + " unreadable: " + e.getMessage();
            LOG.error("OTA: {}; every artifact is refused until it is fixed", problem);
            return new Admission(token, new ArtifactVerifier(List.of()), problem, config.maxArtifactBytes());
        }
    }

    boolean authorized(String authorizationHeader) {
        return token.matches(authorizationHeader);
    }

    ArtifactVerifier verifier() {
        return verifier;
    }

    /** Why every push is refused before its content is read; null when a trust store is in place. */
    String problem() {
        return problem;
    }

    long maxArtifactBytes() {
        return maxArtifactBytes;
    }
}
