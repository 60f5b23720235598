package io.kinglet.launcher;

import io.kinglet.boot.KingletDirectories;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where Kinglet keeps its configuration and state, and the framework properties that follow.
 *
 * <p>Precedence, lowest first: the profile's built-in defaults, {@code kinglet.properties} in the
 * config folder, {@code -D} system properties, then command-line options ({@code --profile},
 * {@code --config}, {@code --state}).
 */
final class LauncherSettings {

    static final String PROFILE = "kinglet.profile";
    static final String CONFIG_DIR = KingletDirectories.CONFIG_DIR;
    static final String STATE_DIR = KingletDirectories.STATE_DIR;
    static final String PROPERTIES_FILE = "kinglet.properties";
    /** Seconds a trial boot (an update of the OTA agent) may run without committing before it is reverted. */
    static final String TRIAL_TIMEOUT = "kinglet.ota.trialTimeoutSeconds";
    /** One timestamp shape for every log line, whichever logging API wrote it. */
    static final String LOG_TIME_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSX";

    private final Map<String, String> properties;

    private LauncherSettings(Map<String, String> properties) {
        this.properties = properties;
    }

    static LauncherSettings load(String[] args, Properties system, Map<String, String> env) throws IOException {
        Map<String, String> options = parseOptions(args);
        String profile =
                first(options.get(PROFILE), system.getProperty(PROFILE), env.get("KINGLET_PROFILE"), "default");
        Map<String, String> properties = new LinkedHashMap<>(defaults(profile));
        String configDir = first(
                options.get(CONFIG_DIR),
                system.getProperty(CONFIG_DIR),
                env.get("KINGLET_CONFIG_DIR"),
                properties.get(CONFIG_DIR));
        Path file = Path.of(configDir).resolve(PROPERTIES_FILE);
        if (Files.isRegularFile(file)) {
            Properties fromFile = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                fromFile.load(reader);
            }
            fromFile.stringPropertyNames()
                    .forEach(name ->
                            properties.put(name, fromFile.getProperty(name).strip()));
        }
        system.stringPropertyNames().stream()
                .filter(name -> properties.containsKey(name)
                        || name.startsWith("kinglet.")
                        || name.startsWith("felix.")
                        || name.startsWith("org.osgi.")
                        || name.startsWith("org.apache.felix.")
                        || name.startsWith("gosh."))
                .forEach(name -> properties.put(name, system.getProperty(name)));
        String stateDir = first(options.get(STATE_DIR), env.get("KINGLET_STATE_DIR"), properties.get(STATE_DIR));
        properties.put(PROFILE, profile);
        properties.put(
                CONFIG_DIR, Path.of(configDir).toAbsolutePath().normalize().toString());
        properties.put(STATE_DIR, Path.of(stateDir).toAbsolutePath().normalize().toString());
        return new LauncherSettings(derive(properties));
    }

    /** What a profile means when nothing overrides it; both work without root except the device paths. */
    static Map<String, String> defaults(String profile) {
        Map<String, String> d = new LinkedHashMap<>();
        switch (profile) {
            case "default" -> {
                d.put(CONFIG_DIR, "runtime-config");
                d.put(STATE_DIR, "state");
                d.put("org.apache.felix.http.host", "127.0.0.1");
            }
            case "device" -> {
                d.put(CONFIG_DIR, "/etc/kinglet");
                d.put(STATE_DIR, "/var/lib/kinglet");
                d.put("org.apache.felix.http.host", "0.0.0.0");
            }
            default -> throw new IllegalArgumentException("unknown profile '" + profile + "' (known: default, device)");
        }
        d.put("org.osgi.service.http.port", "8080");
        return d;
    }

    /** Framework properties that follow from the directories, unless already set. */
    private static Map<String, String> derive(Map<String, String> p) {
        String state = p.get(STATE_DIR);
        p.putIfAbsent("org.osgi.framework.storage", Path.of(state, "framework").toString());
        // The boot set decides what is installed; the cache survives restarts (no re-install churn).
        p.putIfAbsent("org.osgi.framework.storage.clean", "none");
        p.putIfAbsent("felix.fileinstall.dir", p.get(CONFIG_DIR));
        p.putIfAbsent("felix.fileinstall.filter", ".*\\.(cfg|config)");
        p.putIfAbsent("felix.fileinstall.poll", "500");
        p.putIfAbsent("felix.fileinstall.noInitialDelay", "true");
        p.putIfAbsent("felix.fileinstall.subdir.mode", "skip");
        // The config folder is the operator's: the runtime never rewrites or deletes files in it.
        p.putIfAbsent("felix.fileinstall.enableConfigSave", "false");
        p.putIfAbsent("felix.fileinstall.log.level", "2");
        p.putIfAbsent("felix.log.level", "1");
        p.putIfAbsent("ds.loglevel", "warn");
        p.putIfAbsent("kinglet.version", version());
        // The web console waits for Kinglet's security provider: never Felix's own admin/admin.
        p.putIfAbsent("felix.webconsole.security.providers", "kinglet");
        p.putIfAbsent(TRIAL_TIMEOUT, "300");
        LoopGuard.Settings.defaults(p);
        // Gogo's console reads stdin: only when the start script saw a terminal (kinglet.console=true).
        // Without one (systemd, tests) it must not read at all. Leaving the console never stops the
        // runtime: gogo would only do so at end of input; Ctrl-C, SIGTERM or `stop 0` stop it.
        p.putIfAbsent(
                "gosh.args",
                Boolean.parseBoolean(p.get("kinglet.console")) ? "--noshutdown" : "--nointeractive --noshutdown");
        return p;
    }

    void applyLoggingDefaults(Properties system) {
        system.putIfAbsent(
                "org.slf4j.simpleLogger.defaultLogLevel", properties.getOrDefault("kinglet.log.level", "info"));
        system.putIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        system.putIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", LOG_TIME_FORMAT);
        system.putIfAbsent("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL%1$tz %4$s %3$s - %5$s%6$s%n");
        system.putIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        system.putIfAbsent("org.slf4j.simpleLogger.levelInBrackets", "false");
        system.putIfAbsent("org.slf4j.simpleLogger.logFile", "System.out");
        // the process's stdout, fixed at start: gogo swaps System.out per shell session, and a
        // log line written while a command runs belongs in the journal, not in the command's output
        system.putIfAbsent("org.slf4j.simpleLogger.cacheOutputStream", "true");
        // Libraries that narrate their own start-up at INFO: only what needs attention.
        system.putIfAbsent("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        system.putIfAbsent("org.slf4j.simpleLogger.log.org.apache.felix.hc", "warn");
    }

    /** The framework's properties: these settings plus what the runtime definition fixes. */
    Map<String, String> frameworkProperties(RuntimeDefinition runtime) {
        Map<String, String> framework = new LinkedHashMap<>(properties);
        framework.putIfAbsent("org.osgi.framework.startlevel.beginning", Integer.toString(runtime.finalStartLevel()));
        // The launcher/OTA contract comes from the class path, so an agent update cannot change it.
        framework.putIfAbsent("org.osgi.framework.system.packages.extra", runtime.systemPackages());
        return framework;
    }

    Path stateDir() {
        return Path.of(properties.get(STATE_DIR));
    }

    long trialTimeoutSeconds() {
        try {
            return Long.parseLong(properties.get(TRIAL_TIMEOUT).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    TRIAL_TIMEOUT + " must be a number of seconds, not '" + properties.get(TRIAL_TIMEOUT) + "'", e);
        }
    }

    LoopGuard.Settings loopGuard() {
        return LoopGuard.Settings.from(properties);
    }

    private static Map<String, String> parseOptions(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String key = switch (args[i]) {
                case "--profile" -> PROFILE;
                case "--config" -> CONFIG_DIR;
                case "--state" -> STATE_DIR;
                default ->
                    throw new IllegalArgumentException(
                            "unknown option '" + args[i]
                                    + "' (usage: kinglet [--profile default|device] [--config DIR] [--state DIR] | kinglet shell COMMAND | kinglet ad-scan FILE...)");
            };
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            options.put(key, args[++i]);
        }
        return options;
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
