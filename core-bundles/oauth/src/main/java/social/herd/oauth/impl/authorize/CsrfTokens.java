package social.herd.oauth.impl.authorize;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.oauth.impl.Secrets;
import social.herd.oauth.impl.store.KeyMapper;

/**
 * CSRF protection of the authorization form, without server-side sessions: the browser gets a
 * random nonce in an HttpOnly cookie, and the form carries an HMAC over that nonce, an expiry and
 * every hidden field of the request. A forged post lacks the cookie's nonce; a form whose client,
 * redirect URI, scopes, state or PKCE challenge were altered fails the HMAC. The key is kept in
 * the database so that every node accepts the forms of every other.
 */
@Component(service = CsrfTokens.class, immediate = true)
public final class CsrfTokens {

    /** How long a rendered form may be submitted. */
    static final Duration LIFETIME = Duration.ofHours(1);

    private static final String KEY_NAME = "authorize_csrf_hmac";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] key;

    @Activate
    public CsrfTokens(@Reference Database db,
            @Reference(target = "(" + SchemaReady.BUNDLE_PROPERTY + "=social.herd.oauth)") SchemaReady schema) {
        this(db);
    }

    /** For tests and embedding: the key is created on first use and shared through the database. */
    public CsrfTokens(Database db) {
        String candidate = Secrets.random();
        String stored = db.transaction(tx -> {
            KeyMapper keys = tx.mapper(KeyMapper.class);
            keys.insertIfAbsent(KEY_NAME, candidate);
            return keys.value(KEY_NAME);
        });
        this.key = stored.getBytes(StandardCharsets.UTF_8);
    }

    /** A token for a form rendered now for {@code request}, bound to the cookie's {@code nonce}. */
    String issue(String nonce, AuthRequest request) {
        long expires = Instant.now().plus(LIFETIME).getEpochSecond();
        return expires + "." + mac(nonce, expires, request);
    }

    /** True when {@code token} was issued for this nonce and request and has not expired. */
    boolean check(String token, String nonce, AuthRequest request) {
        if (token == null || nonce == null || nonce.isEmpty()) return false;
        int dot = token.indexOf('.');
        if (dot <= 0) return false;
        long expires;
        try {
            expires = Long.parseLong(token.substring(0, dot));
        } catch (NumberFormatException e) {
            return false;
        }
        if (Instant.now().getEpochSecond() > expires) return false;
        return Secrets.constantTimeEquals(token.substring(dot + 1), mac(nonce, expires, request));
    }

    private String mac(String nonce, long expires, AuthRequest request) {
        StringBuilder input = new StringBuilder("herd-oauth-authorize-v1");
        field(input, nonce);
        field(input, Long.toString(expires));
        request.hiddenFields().values().forEach(v -> field(input, v));
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            return B64.encodeToString(hmac.doFinal(input.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    /** Length-prefixed, so that no shift of text between fields yields the same input. */
    private static void field(StringBuilder out, String value) {
        String v = value == null ? "" : value;
        out.append('|').append(value == null ? -1 : v.length()).append(':').append(v);
    }
}
