package social.herd.web.impl;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the Jakarta REST whiteboard (org.eclipse.osgitech.rest) the configuration it needs before
 * it does anything (OSGI-NOTES trap 5): creates PID {@value #WHITEBOARD_PID} with
 * {@code jersey.context.path=/} unless a configuration already exists (one written by hand or by
 * the launcher wins and is left alone).
 */
@Component(immediate = true)
public final class WhiteboardBootstrap {

    /** The osgitech servlet whiteboard runtime's configuration PID. */
    public static final String WHITEBOARD_PID = "JakartarsServletWhiteboardRuntimeComponent";

    /** The property naming the servlet context path Jersey serves under. */
    public static final String CONTEXT_PATH_KEY = "jersey.context.path";

    private static final Logger LOG = LoggerFactory.getLogger(WhiteboardBootstrap.class);

    /** Creates the whiteboard configuration if it is missing. */
    @Activate
    public WhiteboardBootstrap(@Reference ConfigurationAdmin configurationAdmin) {
        try {
            if (ensureConfiguration(configurationAdmin)) {
                LOG.info("Created REST whiteboard configuration {} ({}=/)", WHITEBOARD_PID, CONTEXT_PATH_KEY);
            } else {
                LOG.debug("REST whiteboard configuration {} already present", WHITEBOARD_PID);
            }
        } catch (IOException | InvalidSyntaxException | RuntimeException e) {
            LOG.error("Cannot create REST whiteboard configuration {}: {}", WHITEBOARD_PID, e.toString());
        }
    }

    /**
     * Creates the configuration when none with properties exists.
     *
     * @return whether it was created
     */
    static boolean ensureConfiguration(ConfigurationAdmin configurationAdmin)
            throws IOException, InvalidSyntaxException {
        Configuration[] existing =
                configurationAdmin.listConfigurations("(service.pid=" + WHITEBOARD_PID + ")");
        if (existing != null && existing.length > 0) {
            return false;
        }
        Configuration configuration = configurationAdmin.getConfiguration(WHITEBOARD_PID, "?");
        if (configuration.getProperties() != null) {
            return false;
        }
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(CONTEXT_PATH_KEY, "/");
        configuration.update(properties);
        return true;
    }
}
