package io.kinglet.config.internal;

/**
 * The PID a configuration file is for, by FileInstall's naming rule: {@code <pid>.cfg} is a
 * singleton configuration, {@code <factoryPid>-<name>.cfg} (or {@code ~<name>}) one instance of a
 * factory configuration.
 */
record ConfigFileName(String pid, String factoryPid, String name) {

    static boolean isConfigFile(String fileName) {
        return fileName.endsWith(".cfg") || fileName.endsWith(".config");
    }

    static ConfigFileName parse(String fileName) {
        String base = fileName.substring(0, fileName.lastIndexOf('.'));
        int dash = firstSeparator(base);
        if (dash > 0 && dash < base.length() - 1) {
            String factoryPid = base.substring(0, dash);
            String name = base.substring(dash + 1);
            return new ConfigFileName(factoryPid + "~" + name, factoryPid, name);
        }
        return new ConfigFileName(base, null, null);
    }

    private static int firstSeparator(String base) {
        int dash = base.indexOf('-');
        int tilde = base.indexOf('~');
        if (dash < 0) {
            return tilde;
        }
        return tilde < 0 ? dash : Math.min(dash, tilde);
    }

    boolean isFactory() {
        return factoryPid != null;
    }

    /** The PID whose metatype describes this file. */
    String schemaPid() {
        return isFactory() ? factoryPid : pid;
    }
}
