package social.herd.federation.impl;

import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.config.ServerSettings;
import social.herd.federation.impl.http.FederationHttpClient;
import social.herd.federation.impl.signatures.HttpSignatureVerifier;

/**
 * What every federation component shares, kept apart from the resources (trap 12: the REST
 * whiteboard re-gets resource services when it rebuilds): the settings, the local id layout, the
 * one outgoing HTTP client, and the one signature verifier (its replay memory must be shared by
 * both inboxes).
 */
@Component(service = FederationRuntime.class, immediate = true, configurationPid = FederationSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class FederationRuntime {

    private final FederationSettings settings;
    private final LocalUris uris;
    private final FederationHttpClient http;
    private final HttpSignatureVerifier verifier = new HttpSignatureVerifier();

    @Activate
    public FederationRuntime(@Reference ServerSettings server, Map<String, Object> properties) {
        this(FederationSettings.from(properties), LocalUris.of(server));
    }

    public FederationRuntime(FederationSettings settings, LocalUris uris) {
        this.settings = settings;
        this.uris = uris;
        this.http = new FederationHttpClient(settings.fetch());
    }

    public FederationSettings settings() { return settings; }

    public LocalUris uris() { return uris; }

    public FederationHttpClient http() { return http; }

    public HttpSignatureVerifier verifier() { return verifier; }
}
