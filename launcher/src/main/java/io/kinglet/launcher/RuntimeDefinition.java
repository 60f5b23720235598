package io.kinglet.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What {@code cnf/runtime.bnd} (on the launcher's class path beside this class) says the
 * launcher must do: the packages the system bundle exports, and each bundle's start level. The
 * launcher bndrun includes the same file, so the resolved set and the booted one follow one text.
 */
record RuntimeDefinition(String systemPackages, List<StartLevelRule> startLevels) {

    static final String RESOURCE = "runtime.bnd";
    private static final String SYSTEM_PACKAGES = "-runsystempackages";
    private static final String BUNDLE_DECORATIONS = "-runbundles+";

    /** A symbolic name (or a prefix ending in {@code *}) and the start level it gets. */
    record StartLevelRule(String pattern, int level) {
        boolean matches(String bsn) {
            return pattern.endsWith("*")
                    ? bsn.startsWith(pattern.substring(0, pattern.length() - 1))
                    : bsn.equals(pattern);
        }
    }

    /** The definition on the class path; the launcher cannot start without it. */
    static RuntimeDefinition load() throws IOException {
        try (InputStream in = RuntimeDefinition.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        RESOURCE + " is missing from the launcher (built from cnf/runtime.bnd)");
            }
            return parse(in);
        }
    }

    static RuntimeDefinition parse(InputStream in) throws IOException {
        Properties bnd = new Properties();
        bnd.load(in);
        String systemPackages = bnd.getProperty(SYSTEM_PACKAGES, "").strip();
        List<StartLevelRule> rules = new ArrayList<>();
        for (String clause : bnd.getProperty(BUNDLE_DECORATIONS, "").split(",")) {
            String[] parts = clause.strip().split("\\s*;\\s*");
            for (int i = 1; i < parts.length; i++) {
                if (parts[i].startsWith("startlevel=")) {
                    rules.add(
                            new StartLevelRule(parts[0], Integer.parseInt(parts[i].substring("startlevel=".length()))));
                }
            }
        }
        if (rules.isEmpty() || rules.stream().noneMatch(r -> r.pattern().equals("*"))) {
            throw new IllegalStateException(BUNDLE_DECORATIONS + " in " + RESOURCE
                    + " must give every bundle a start level " + "(end with *;startlevel=N)");
        }
        return new RuntimeDefinition(systemPackages, List.copyOf(rules));
    }

    /** The level of the first rule that matches. */
    int startLevel(String bsn) {
        return startLevels.stream()
                .filter(r -> r.matches(bsn))
                .findFirst()
                .orElseThrow()
                .level();
    }

    /** The level the framework starts up to: the highest any bundle gets. */
    int finalStartLevel() {
        return startLevels.stream().mapToInt(StartLevelRule::level).max().orElseThrow();
    }
}
