package social.herd.oauth.impl.apps;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.auth.Scopes;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.id.IdGenerator;
import social.herd.oauth.impl.OAuthErrors;
import social.herd.oauth.impl.Params;
import social.herd.oauth.impl.Secrets;
import social.herd.oauth.impl.store.ApplicationMapper;
import social.herd.oauth.impl.store.ApplicationMapper.ApplicationRow;
import social.herd.web.api.ApiException;

/** Registers OAuth applications and authenticates them by client id and secret. */
@Component(service = ApplicationService.class, immediate = true)
public final class ApplicationService {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationService.class);

    /** Mastodon's limits on the registration fields. */
    static final int MAX_NAME = 60;
    static final int MAX_URI = 2000;

    /** Schemes that would run code or read files in the browser if we ever redirected to them. */
    private static final Set<String> FORBIDDEN_SCHEMES = Set.of("javascript", "data", "vbscript", "file");

    private final Database db;
    private final IdGenerator ids;

    @Activate
    public ApplicationService(@Reference Database db, @Reference IdGenerator ids,
            @Reference(target = "(" + SchemaReady.BUNDLE_PROPERTY + "=social.herd.oauth)") SchemaReady schema) {
        this.db = db;
        this.ids = ids;
    }

    /** A new application and its client secret in clear, which is never available again. */
    public record Registered(Application application, String clientSecret) {}

    /**
     * Registers {@code client_name}, {@code redirect_uris} (newline/space-separated or several
     * values), {@code scopes} (default {@code read}) and {@code website}.
     *
     * @throws ApiException 422 {@code Validation failed: ...} as Mastodon words it
     */
    public Registered register(Params params) {
        String name = params.get("client_name");
        if (name == null) throw invalid("Name can't be blank");
        if (name.length() > MAX_NAME) throw invalid("Name is too long (maximum is " + MAX_NAME + " characters)");
        List<String> redirectUris = redirectUris(params.all("redirect_uris"));
        Set<String> scopes = Scopes.parse(params.get("scopes"));
        if (!Scopes.allKnown(scopes)) throw invalid("Scopes are invalid");
        String website = params.get("website");
        if (website != null && website.length() > MAX_URI) throw invalid("Website is too long (maximum is " + MAX_URI + " characters)");

        String clientId = Secrets.random();
        String clientSecret = Secrets.random();
        Application app = new Application(ids.nextId(), name, website, redirectUris, scopes, clientId,
                Secrets.hash(clientSecret));
        db.transaction(tx -> {
            tx.mapper(ApplicationMapper.class).insert(app.id(), app.name(), app.website(),
                    String.join("\n", app.redirectUris()), app.scopeText(), app.clientId(), app.clientSecretHash());
            return null;
        });
        LOG.info("OAuth application registered app_id={} scopes=\"{}\"", app.id(), app.scopeText());
        return new Registered(app, clientSecret);
    }

    /** The application with this client id. */
    public Optional<Application> byClientId(String clientId) {
        if (clientId == null || clientId.length() > 200) return Optional.empty();
        return Optional.ofNullable(db.read(tx -> tx.mapper(ApplicationMapper.class).byClientId(clientId)))
                .map(ApplicationService::toApplication);
    }

    /** The application with this id. */
    public Optional<Application> byId(long id) {
        return Optional.ofNullable(db.read(tx -> tx.mapper(ApplicationMapper.class).byId(id)))
                .map(ApplicationService::toApplication);
    }

    /**
     * The application whose client id and secret these are.
     *
     * @throws ApiException 401 {@code invalid_client} otherwise, the same for an unknown id and a
     *                      wrong secret
     */
    public Application authenticate(String clientId, String clientSecret) {
        Application app = byClientId(clientId).orElseThrow(OAuthErrors::invalidClient);
        if (clientSecret == null || !Secrets.constantTimeEquals(app.clientSecretHash(), Secrets.hash(clientSecret))) {
            throw OAuthErrors.invalidClient();
        }
        return app;
    }

    /** Validates the redirect URIs as Mastodon does: absolute, no fragment, or the OOB URN. */
    static List<String> redirectUris(List<String> values) {
        List<String> uris = new ArrayList<>();
        for (String value : values) {
            if (value == null) continue;
            Arrays.stream(value.split("\\s+")).filter(s -> !s.isEmpty()).forEach(uris::add);
        }
        if (uris.isEmpty()) throw invalid("Redirect URI can't be blank");
        for (String uri : uris) {
            if (uri.equals(Application.OOB)) continue;
            if (uri.length() > MAX_URI) throw invalid("Redirect URI is too long (maximum is " + MAX_URI + " characters)");
            try {
                URI parsed = new URI(uri);
                String scheme = parsed.getScheme();
                if (scheme == null || !parsed.isAbsolute()) throw invalid("Redirect URI must be an absolute URI.");
                if (parsed.getFragment() != null) throw invalid("Redirect URI cannot contain a fragment.");
                String lower = scheme.toLowerCase(Locale.ROOT);
                if (FORBIDDEN_SCHEMES.contains(lower)) throw invalid("Redirect URI is forbidden by the server.");
                if ((lower.equals("http") || lower.equals("https")) && parsed.getHost() == null) {
                    throw invalid("Redirect URI must be an absolute URI.");
                }
            } catch (URISyntaxException e) {
                throw invalid("Redirect URI must be an absolute URI.");
            }
        }
        return List.copyOf(new java.util.LinkedHashSet<>(uris));
    }

    private static ApiException invalid(String reason) {
        return ApiException.unprocessable("Validation failed: " + reason);
    }

    private static Application toApplication(ApplicationRow row) {
        List<String> uris = row.redirectUris() == null || row.redirectUris().isEmpty()
                ? List.of() : List.of(row.redirectUris().split("\n"));
        return new Application(row.id(), row.name(), row.website(), uris, Scopes.parse(row.scopes()), row.clientId(),
                row.clientSecretHash());
    }
}
