package io.kinglet.hawkbit.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What a hawkBit server says through its Direct Device Integration API, as far as the client acts on
 * it. Links are absolute, as the server sends them; an absent one is null.
 */
final class Ddi {

    private Ddi() {}

    /** The base resource: how long to sleep, and what the server wants done now. */
    record Base(Duration sleep, URI deploymentBase, URI cancelAction, URI configData) {}

    /** How a step of a deployment may be taken: not yet, when convenient, or at once. */
    enum Handling {
        SKIP,
        ATTEMPT,
        FORCED;

        static Handling of(String value) {
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new DdiException("unknown handling type '" + value + "'");
            }
        }
    }

    /** One file of a software module, with what it must hash to. */
    record Artifact(String filename, long size, String sha256, String sha1, String md5, URI download) {

        /** A bundle is a jar; a module may carry other files (release notes, scripts), which Kinglet leaves. */
        boolean bundle() {
            return filename.toLowerCase(Locale.ROOT).endsWith(".jar");
        }
    }

    /** A software module of the distribution set. */
    record Chunk(String name, String version, List<Artifact> artifacts) {}

    /**
     * An action to deploy a distribution set.
     *
     * @param windowOpen null without a maintenance window; else whether it is open now
     */
    record Deployment(String actionId, Handling download, Handling update, Boolean windowOpen, List<Chunk> chunks) {

        List<Artifact> bundles() {
            return chunks.stream()
                    .flatMap(c -> c.artifacts().stream())
                    .filter(Artifact::bundle)
                    .toList();
        }

        /** Whether the bundles may be installed now, once downloaded. */
        boolean mayInstall() {
            return update != Handling.SKIP && (windowOpen == null || windowOpen);
        }

        /** The distribution set, for people: {@code name version} of each module. */
        String describe() {
            return String.join(
                    ", ", chunks.stream().map(c -> c.name() + " " + c.version()).toList());
        }
    }

    /** An action the server wants stopped: {@code stopId} is the action to cancel. */
    record Cancel(String actionId, String stopId) {}
}
