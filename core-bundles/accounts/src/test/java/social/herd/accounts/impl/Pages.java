package social.herd.accounts.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import social.herd.web.testing.ApiHarness;

/**
 * What a browser takes from a server-rendered form page (the CSRF cookie and hidden field), and its
 * post of the form back.
 */
record Pages(String cookie, String token) {

    private static final Pattern FIELD = Pattern.compile("name=\"authenticity_token\" value=\"([^\"]+)\"");

    /** Reads the form's token and the cookie set beside it; both must be there and agree. */
    static Pages of(ApiHarness.Response page) {
        Matcher m = FIELD.matcher(page.body());
        assertThat(m.find()).as("hidden CSRF field in " + page.body()).isTrue();
        String setCookie = page.headers().get("set-cookie");
        assertThat(setCookie).as("Set-Cookie").isNotNull().contains("HttpOnly").contains("SameSite=Strict");
        String pair = setCookie.split(";", 2)[0];
        assertThat(pair).isEqualTo("__Host-herd_csrf=" + m.group(1));
        return new Pages(pair, m.group(1));
    }

    /** {@code form} plus the token field. */
    String with(String form) {
        return "authenticity_token=" + token + (form.isEmpty() ? "" : "&" + form);
    }

    /** A form post as a browser sends it: no token, a Cookie header (null for none). */
    static ApiHarness.Response submit(ApiHarness http, String path, String cookie, String form) {
        return http.send("POST", path, null, "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8),
                cookie == null ? Map.of() : Map.of("Cookie", cookie));
    }
}
