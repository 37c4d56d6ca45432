package social.herd.accounts.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a browser takes from a server-rendered form page: the CSRF cookie and hidden field. */
record Pages(String cookie, String token) {

    private static final Pattern FIELD = Pattern.compile("name=\"authenticity_token\" value=\"([^\"]+)\"");

    /** Reads the form's token and the cookie set beside it; both must be there and agree. */
    static Pages of(Http.Response page) {
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
}
