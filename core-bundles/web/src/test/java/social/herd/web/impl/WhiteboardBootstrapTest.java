package social.herd.web.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** The REST whiteboard gets its configuration without a hand-written file. */
class WhiteboardBootstrapTest {

    /** A ConfigurationAdmin holding at most the one configuration. */
    private static final class FakeConfigAdmin {
        Dictionary<String, Object> stored;
        final List<String> calls = new ArrayList<>();

        @SuppressWarnings("unchecked")
        ConfigurationAdmin admin() {
            Configuration configuration = (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Configuration.class}, (p, m, args) -> switch (m.getName()) {
                        case "getProperties" -> stored;
                        case "update" -> {
                            stored = (Dictionary<String, Object>) args[0];
                            yield null;
                        }
                        default -> null;
                    });
            return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ConfigurationAdmin.class}, (p, m, args) -> {
                        calls.add(m.getName() + (args == null ? "" : List.of(args)));
                        return switch (m.getName()) {
                            case "listConfigurations" -> stored == null ? null : new Configuration[] {configuration};
                            case "getConfiguration" -> configuration;
                            default -> null;
                        };
                    });
        }
    }

    @Test
    void createsTheConfigurationWhenMissing() {
        FakeConfigAdmin cm = new FakeConfigAdmin();

        new WhiteboardBootstrap(cm.admin());

        assertThat(cm.stored.get("jersey.context.path")).isEqualTo("/");
        assertThat(cm.calls).contains("getConfiguration[JakartarsServletWhiteboardRuntimeComponent, ?]");
    }

    @Test
    void leavesAnExistingConfigurationAlone() {
        FakeConfigAdmin cm = new FakeConfigAdmin();
        Hashtable<String, Object> handWritten = new Hashtable<>();
        handWritten.put("jersey.context.path", "/rest");
        cm.stored = handWritten;

        new WhiteboardBootstrap(cm.admin());

        assertThat(cm.stored.get("jersey.context.path")).isEqualTo("/rest");
        assertThat(cm.calls).noneMatch(c -> c.startsWith("getConfiguration"));
    }
}
