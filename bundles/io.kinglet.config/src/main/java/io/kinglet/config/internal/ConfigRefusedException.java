package io.kinglet.config.internal;

/** A configuration file that must not apply: what is wrong with it, and where. */
final class ConfigRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String property;

    /** @param property the offending property, or null when the whole file is at fault */
    ConfigRefusedException(String property, String reason) {
        super(reason);
        this.property = property;
    }

    String property() {
        return property;
    }

    /** "property 'port': ..." or the bare reason, for a log line and the health check. */
    String describe() {
        return property == null ? getMessage() : "property '" + property + "': " + getMessage();
    }
}
