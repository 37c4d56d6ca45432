package social.herd.launcher;

/**
 * A configuration value is missing, malformed or out of range. Its message is the one line shown
 * to the admin: it names the key (and the environment variable) and the problem, never a secret.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
