package io.kinglet.watchdog.internal;

import io.kinglet.boot.CheckedFiles;
import io.kinglet.boot.DamagedFileException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

/**
 * Why the last run ended, kept in the state directory. Each run records its state in {@code run}:
 * {@code running} while up, {@code pets-stopped} with the failing checks just before the pets stop,
 * {@code clean-stop} on an orderly stop. The next process reads it: pets stopped means the watchdog
 * rebooted the device, running means a crash (power cut, kill -9, the JVM died). The report is kept
 * in {@code last-reboot} for the rest of the process, so a restart of this bundle does not lose it.
 */
final class RebootHistory {

    enum Kind {
        FIRST_START("first start"),
        CLEAN_STOP("clean stop"),
        WATCHDOG("watchdog"),
        CRASH("crash"),
        UNKNOWN("unknown");

        final String label;

        Kind(String label) {
            this.label = label;
        }

        /** A reboot an operator should hear about. */
        boolean unexpected() {
            return this == WATCHDOG || this == CRASH || this == UNKNOWN;
        }
    }

    /** The end of the previous run, as this process found it. */
    record LastReboot(Kind kind, String cause, Instant at, boolean acknowledged) {

        /** {@code watchdog, because Telemetry queue: store failing}. */
        String describe() {
            return kind.label + (cause.isEmpty() ? "" : ", because " + cause);
        }
    }

    private static final String RUN = "run";
    private static final String LAST_REBOOT = "last-reboot";

    private final Path dir;
    private final String session;
    private boolean newProcess;

    /** {@code session} names this process: a record of the same session is a bundle restart, not a reboot. */
    RebootHistory(Path dir, String session) {
        this.dir = dir;
        this.session = session;
    }

    /**
     * The previous run's end: read once per process from its {@code run} record (then this run is
     * recorded as running), and afterwards from {@code last-reboot}. A damaged record is kept aside
     * and reported as unknown.
     */
    LastReboot open() throws IOException {
        Files.createDirectories(dir);
        Properties kept = readOrQuarantine(dir.resolve(LAST_REBOOT));
        newProcess = kept == null || !session.equals(kept.getProperty("session"));
        if (!newProcess) {
            return new LastReboot(
                    Kind.valueOf(kept.getProperty("kind")),
                    kept.getProperty("cause", ""),
                    Instant.parse(kept.getProperty("at")),
                    Boolean.parseBoolean(kept.getProperty("acknowledged")));
        }
        LastReboot last = fromRun();
        save(last);
        record("running", "");
        return last;
    }

    /** Whether {@link #open} read the previous process's record: the first activation in this process. */
    boolean newProcess() {
        return newProcess;
    }

    private LastReboot fromRun() throws IOException {
        Path run = dir.resolve(RUN);
        if (!Files.exists(run)) {
            return new LastReboot(Kind.FIRST_START, "", Instant.now(), true);
        }
        Properties p;
        try {
            p = properties(CheckedFiles.read(run, CheckedFiles.Legacy.REFUSE));
        } catch (DamagedFileException e) {
            Path aside = CheckedFiles.quarantine(run);
            return new LastReboot(
                    Kind.UNKNOWN, "the run record was damaged (kept as " + aside + ")", Instant.now(), false);
        }
        Instant at = Instant.parse(p.getProperty("since", Instant.now().toString()));
        if (session.equals(p.getProperty("session"))) {
            // this process's own record: only a damaged last-reboot file sends us here
            return new LastReboot(Kind.UNKNOWN, "the last-reboot record was damaged", at, false);
        }
        return switch (p.getProperty("state", "")) {
            case "clean-stop" -> new LastReboot(Kind.CLEAN_STOP, "", at, true);
            case "pets-stopped" -> new LastReboot(Kind.WATCHDOG, p.getProperty("cause", ""), at, false);
            default ->
                new LastReboot(
                        Kind.CRASH,
                        "no clean stop and no watchdog cause since " + at
                                + " (power cut, kill -9, out of memory or the JVM died)",
                        at,
                        false);
        };
    }

    /** Written before the pets stop, so the reboot they cause is explained at the next start. */
    void petsStopped(String cause) throws IOException {
        record("pets-stopped", cause);
    }

    void petsResumed() throws IOException {
        record("running", "");
    }

    void cleanStop() throws IOException {
        record("clean-stop", "");
    }

    LastReboot acknowledge(LastReboot last) throws IOException {
        LastReboot acknowledged = new LastReboot(last.kind(), last.cause(), last.at(), true);
        save(acknowledged);
        return acknowledged;
    }

    private void record(String state, String cause) throws IOException {
        Properties p = new Properties();
        p.setProperty("session", session);
        p.setProperty("state", state);
        p.setProperty("since", Instant.now().toString());
        p.setProperty("cause", cause);
        CheckedFiles.write(dir.resolve(RUN), bytes(p));
    }

    private void save(LastReboot last) throws IOException {
        Properties p = new Properties();
        p.setProperty("session", session);
        p.setProperty("kind", last.kind().name());
        p.setProperty("cause", last.cause());
        p.setProperty("at", last.at().toString());
        p.setProperty("acknowledged", Boolean.toString(last.acknowledged()));
        CheckedFiles.write(dir.resolve(LAST_REBOOT), bytes(p));
    }

    private static Properties readOrQuarantine(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return properties(CheckedFiles.read(file, CheckedFiles.Legacy.REFUSE));
        } catch (DamagedFileException e) {
            CheckedFiles.quarantine(file);
            return null;
        }
    }

    private static Properties properties(byte[] content) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(new String(content, StandardCharsets.UTF_8)));
        return p;
    }

    private static byte[] bytes(Properties p) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.store(out, null);
        return out.toByteArray();
    }
}
