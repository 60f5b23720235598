package io.kinglet.ota.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinglet.boot.DeploymentManifest;
import io.kinglet.boot.OtaLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

class IntakeTest {

    private static final String DEMO = "io.kinglet.demo";

    private static String sha(char c) {
        return String.valueOf(c).repeat(64);
    }

    private static ArtifactVerifier.Verified verified(String name, String version, char content) {
        return new ArtifactVerifier.Verified(name, Version.parseVersion(version), sha(content), Path.of(name + ".jar"));
    }

    /** The framework runs {@code demo} 1.0.0 from the store (content 'a'), nothing else. */
    private static final Function<String, Optional<Intake.Running>> DEMO_1_0 = name -> DEMO.equals(name)
            ? Optional.of(new Intake.Running(Version.parseVersion("1.0.0"), OtaLayout.STORE_LOCATION_PREFIX + sha('a')))
            : Optional.empty();

    private static DeploymentManifest manifest(String id, DeploymentManifest.Artifact... artifacts) {
        return DeploymentManifest.EMPTY.with(id, List.of(artifacts));
    }

    private static DeploymentManifest.Artifact artifact(String name, String version, char content) {
        return new DeploymentManifest.Artifact(name, version, sha(content));
    }

    @Test
    void aPushChangesEachBundleFromTheRunningVersionOrAddsIt() throws Refusal {
        List<Deployment.Change> changes = Intake.push(
                List.of(verified(DEMO, "1.1.0", 'b'), verified("io.kinglet.extra", "0.1.0", 'c')), false, DEMO_1_0);

        assertEquals(
                List.of(
                        new Deployment.Change(DEMO, "1.1.0", sha('b'), "1.0.0"),
                        new Deployment.Change("io.kinglet.extra", "0.1.0", sha('c'), null)),
                changes);
        assertEquals(OtaLayout.STORE_LOCATION_PREFIX + sha('b'), changes.get(0).location());
    }

    @Test
    void aPushNamingABundleTwiceIsUnacceptable() {
        Refusal refusal = assertThrows(
                Refusal.class,
                () -> Intake.push(
                        List.of(verified(DEMO, "1.1.0", 'b'), verified(DEMO, "1.2.0", 'c')), false, DEMO_1_0));

        assertEquals(Refusal.UNACCEPTABLE, refusal.status());
        assertEquals(DEMO + " appears twice in the deployment", refusal.getMessage());
    }

    @Test
    void theContentAlreadyRunningIsAConflictEvenWithDowngrade() {
        Refusal refusal =
                assertThrows(Refusal.class, () -> Intake.push(List.of(verified(DEMO, "1.0.0", 'a')), true, DEMO_1_0));

        assertEquals(Refusal.CONFLICT, refusal.status());
        assertTrue(refusal.getMessage().contains("is already running (same content)"), refusal.getMessage());
    }

    @Test
    void aVersionNotNewerIsRefusedUnlessTheOperatorAsksForADowngrade() throws Refusal {
        for (String version : List.of("1.0.0", "0.9.0")) {
            Refusal refusal = assertThrows(
                    Refusal.class, () -> Intake.push(List.of(verified(DEMO, version, 'b')), false, DEMO_1_0));
            assertEquals(Refusal.CONFLICT, refusal.status());
            assertTrue(
                    refusal.getMessage().contains("is not newer than the running 1.0.0")
                            && refusal.getMessage().contains("?downgrade=true"),
                    refusal.getMessage());
        }

        assertEquals(
                List.of(new Deployment.Change(DEMO, "0.9.0", sha('b'), "1.0.0")),
                Intake.push(List.of(verified(DEMO, "0.9.0", 'b')), true, DEMO_1_0));
    }

    @Test
    void aPushWithoutABundleIsABadRequest() {
        assertEquals(
                Refusal.BAD_REQUEST,
                assertThrows(Refusal.class, () -> Intake.push(List.of(), false, DEMO_1_0))
                        .status());
    }

    @Test
    void aRollbackReturnsEachChangedBundleToItsPreviousArtifactItsEmbeddedVersionOrNone() throws Refusal {
        DeploymentManifest previous =
                manifest("d1", artifact(DEMO, "1.0.0", 'a'), artifact("io.kinglet.same", "2.0.0", 'e'));
        DeploymentManifest committed = manifest(
                "d2",
                artifact(DEMO, "1.1.0", 'b'),
                artifact("io.kinglet.same", "2.0.0", 'e'),
                artifact("io.kinglet.embedded", "3.1.0", 'c'),
                artifact("io.kinglet.added", "0.1.0", 'd'));

        List<Deployment.Change> changes = Intake.rollback(
                committed, Optional.of(previous), Map.of("io.kinglet.embedded", "3.0.0", DEMO, "0.5.0"));

        assertEquals(
                List.of(
                        new Deployment.Change("io.kinglet.added", "none", null, "0.1.0"),
                        new Deployment.Change(DEMO, "1.0.0", sha('a'), "1.1.0"),
                        new Deployment.Change("io.kinglet.embedded", "3.0.0", null, "3.1.0")),
                changes);
        assertEquals(
                OtaLayout.BOOT_LOCATION_PREFIX + "io.kinglet.embedded",
                changes.get(2).location());
    }

    @Test
    void aRollbackBringsBackABundleTheCommittedSetNoLongerNames() throws Refusal {
        DeploymentManifest previous = manifest("d1", artifact(DEMO, "1.0.0", 'a'));

        assertEquals(
                List.of(new Deployment.Change(DEMO, "1.0.0", sha('a'), null)),
                Intake.rollback(manifest("d2"), Optional.of(previous), Map.of()));
    }

    @Test
    void aRollbackIsRefusedWithoutAPreviousSetOrWhenThereIsNothingToChange() {
        DeploymentManifest committed = manifest("d2", artifact(DEMO, "1.1.0", 'b'));

        Refusal none = assertThrows(Refusal.class, () -> Intake.rollback(committed, Optional.empty(), Map.of()));
        Refusal same = assertThrows(
                Refusal.class,
                () -> Intake.rollback(committed, Optional.of(manifest("d1", artifact(DEMO, "1.1.0", 'b'))), Map.of()));

        assertEquals(Refusal.CONFLICT, none.status());
        assertEquals("there is no previous committed set to roll back to", none.getMessage());
        assertEquals(Refusal.CONFLICT, same.status());
        assertEquals("the committed set already equals the previous one", same.getMessage());
    }
}
