package social.herd.launcher;

import java.util.Locale;

/**
 * One documented configuration key: where it lives in {@code conf/herd.yaml}, the environment
 * variable that overrides it, and how its text is checked and normalised.
 *
 * @param path   dotted path in herd.yaml, e.g. {@code server.port}
 * @param env    environment variable, e.g. {@code HERD_PORT}; {@code <env>_FILE} names a file holding the value
 * @param secret true for passwords: never printed, not even in error messages
 * @param parser checks the raw text and returns the normalised value
 */
record Setting(String path, String env, boolean secret, Parser parser) {

    /** Checks one raw value; throws with a message that completes "KEY ...". */
    @FunctionalInterface
    interface Parser {
        Object parse(String raw) throws IllegalArgumentException;
    }

    static Setting of(String path, Parser parser) {
        return new Setting(path, "HERD_" + path.substring(path.indexOf('.') + 1).toUpperCase(Locale.ROOT), false, parser);
    }

    static Setting of(String path, String env, Parser parser) {
        return new Setting(path, env, false, parser);
    }

    static Setting secret(String path, String env) {
        return new Setting(path, env, true, raw -> raw);
    }

    /** How error messages name this key: both spellings an admin may have used. */
    String label() {
        return path + " (" + env + ")";
    }
}
