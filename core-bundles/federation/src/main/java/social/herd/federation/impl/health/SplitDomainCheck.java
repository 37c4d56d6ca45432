package social.herd.federation.impl.health;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.health.HealthCheck;
import social.herd.api.health.HealthStatus;
import social.herd.federation.impl.FederationRuntime;
import social.herd.federation.impl.LocalUris;
import social.herd.federation.impl.render.Documents;

/**
 * With split domains (handles on {@code LOCAL_DOMAIN}, Herd served on {@code WEB_DOMAIN}) other
 * servers find our users through {@code https://LOCAL_DOMAIN/.well-known/webfinger}, which only the
 * admin's web server on the local domain can answer — by redirecting to Herd. Without that redirect
 * every remote follow stays pending, silently. This check asks the local domain as a remote server
 * would (every 10 minutes, in the background), reports the result in {@code /health/ready} (as
 * degraded: the server itself works) and logs it once per change; {@code bin/herd federation
 * check} prints it on demand.
 */
@Component(service = {HealthCheck.class, SplitDomainCheck.class})
public final class SplitDomainCheck implements HealthCheck {

    private static final Logger LOG = LoggerFactory.getLogger(SplitDomainCheck.class);

    private final LocalUris uris;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService timer;
    private volatile HealthStatus last = HealthStatus.up("not checked yet");

    @Activate
    public SplitDomainCheck(@Reference FederationRuntime runtime) {
        this.uris = runtime.uris();
        if (split()) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "herd-webfinger-check"));
            timer.scheduleWithFixedDelay(this::refresh, 5, 600, TimeUnit.SECONDS);
        } else {
            timer = null;
        }
    }

    @Deactivate
    void stop() {
        if (timer != null) timer.shutdownNow();
    }

    @Override
    public String name() {
        return "webfinger";
    }

    @Override
    public HealthStatus check() {
        return split() ? last : HealthStatus.up("handles are on the web domain " + uris.webDomain());
    }

    private boolean split() {
        return !uris.localDomain().equalsIgnoreCase(uris.webDomain());
    }

    private void refresh() {
        HealthStatus now = probe();
        if (now.state() != last.state()) {
            if (now.state() == HealthStatus.State.UP) LOG.info("webfinger split_domain ok: {}", now.detail());
            else LOG.warn("webfinger split_domain broken: {}", now.detail());
        }
        last = now;
    }

    /** One probe of {@code https://LOCAL_DOMAIN/.well-known/webfinger}, as another server makes it. */
    public HealthStatus probe() {
        String local = uris.localDomain().toLowerCase(Locale.ROOT);
        String url = "https://" + local + "/.well-known/webfinger?resource="
                + URLEncoder.encode("acct:" + local + "@" + local, StandardCharsets.UTF_8);
        String fix = "remote follows of @user@" + local + " will stay pending: redirect it to "
                + uris.base() + "/.well-known/webfinger (README, 'Split domains')";
        try {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Accept", "application/jrd+json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                return HealthStatus.degraded(url + " answered " + r.statusCode() + " at " + r.uri() + ": " + fix);
            }
            JsonNode jrd = Documents.mapper().readTree(r.body());
            for (JsonNode link : jrd.path("links")) {
                if ("self".equals(link.path("rel").asText()) && uris.instanceActor().equals(link.path("href").asText())) {
                    return HealthStatus.up(url + " leads to this server (checked " + Instant.now() + ")");
                }
            }
            return HealthStatus.degraded(url + " is answered by another server (" + r.uri() + "): " + fix);
        } catch (Exception e) {
            return HealthStatus.degraded(url + " could not be reached (" + e.getClass().getSimpleName() + "): " + fix);
        } 
    }
}
