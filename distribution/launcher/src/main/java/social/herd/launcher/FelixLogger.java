package social.herd.launcher;

import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes the Felix framework's own messages into the same structured log as everything else. */
final class FelixLogger extends org.apache.felix.framework.Logger {

    private static final Logger LOG = LoggerFactory.getLogger("org.apache.felix.framework");

    @Override
    protected void doLog(org.osgi.framework.Bundle bundle, ServiceReference sr, int level, String msg, Throwable t) {
        String where = bundle == null ? "" : " bundle=" + bundle.getSymbolicName();
        switch (level) {
            case LOG_ERROR -> LOG.error("{}{}", msg, where, t);
            case LOG_WARNING -> LOG.warn("{}{}", msg, where, t);
            case LOG_INFO -> LOG.debug("{}{}", msg, where, t);
            default -> LOG.trace("{}{}", msg, where, t);
        }
    }
}
