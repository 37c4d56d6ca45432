package social.herd.oauth.impl.authorize;

import java.util.Map;

/**
 * The server-rendered pages of the authorization endpoint: plain HTML without scripts or inline
 * styles (the Content-Security-Policy allows neither; the web UI's base stylesheet is linked), every
 * value escaped. The web UI bundle may later restyle them; the form fields are the contract.
 */
final class AuthorizePages {

    private AuthorizePages() {}

    /** The login and consent form. */
    static String form(AuthRequest request, String csrfToken, String lang, String error) {
        StringBuilder b = new StringBuilder(2048);
        String appName = Html.escape(request.app().name());
        head(b, lang, "Authorize " + request.app().name());
        b.append("<h1>Authorize ").append(appName).append("</h1>\n");
        if (request.app().website() != null) {
            b.append("<p>Website: ").append(Html.escape(request.app().website())).append("</p>\n");
        }
        b.append("<p>").append(appName).append(" asks for these permissions:</p>\n<ul>\n");
        for (String scope : request.scope().split(" ")) {
            b.append("<li>").append(Html.escape(ScopeWords.describe(scope))).append(" <code>").append(Html.escape(scope))
                    .append("</code></li>\n");
        }
        b.append("</ul>\n");
        if (error != null) b.append("<p class=\"error\" role=\"alert\">").append(Html.escape(error)).append("</p>\n");
        b.append("<form method=\"post\" action=\"/oauth/authorize\">\n");
        for (Map.Entry<String, String> f : request.hiddenFields().entrySet()) {
            if (f.getValue() != null) hidden(b, f.getKey(), f.getValue());
        }
        hidden(b, "authenticity_token", csrfToken);
        if (lang != null) hidden(b, "lang", lang);
        b.append("<label for=\"login\">E-mail address or username</label>\n")
                .append("<input type=\"text\" id=\"login\" name=\"login\" autocomplete=\"username\" required>\n")
                .append("<label for=\"password\">Password</label>\n")
                .append("<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\" required>\n")
                .append("<button type=\"submit\" name=\"decision\" value=\"approve\">Authorize</button>")
                .append("<button type=\"submit\" name=\"decision\" value=\"deny\" formnovalidate>Deny</button>\n")
                .append("</form>\n");
        return tail(b);
    }

    /** The code for a client that registered {@code urn:ietf:wg:oauth:2.0:oob}. */
    static String code(String code, String lang) {
        StringBuilder b = new StringBuilder(1024);
        head(b, lang, "Authorization code");
        b.append("<h1>Authorization code</h1>\n<p>Copy this code and paste it into the application:</p>\n<p><code id=\"code\">")
                .append(Html.escape(code)).append("</code></p>\n");
        return tail(b);
    }

    /** A page explaining why the request cannot go on. */
    static String error(String title, String message, String lang) {
        StringBuilder b = new StringBuilder(1024);
        head(b, lang, title);
        b.append("<h1>").append(Html.escape(title)).append("</h1>\n<p class=\"error\">").append(Html.escape(message))
                .append("</p>\n");
        return tail(b);
    }

    private static void head(StringBuilder b, String lang, String title) {
        b.append("<!DOCTYPE html>\n<html lang=\"").append(Html.escape(lang == null ? "en" : lang)).append("\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\">\n<title>").append(Html.escape(title))
                .append("</title>\n<link rel=\"stylesheet\" href=\"/static/web/base.css\">\n</head>\n<body>\n<main>\n");
    }

    private static String tail(StringBuilder b) {
        return b.append("</main>\n</body>\n</html>\n").toString();
    }

    private static void hidden(StringBuilder b, String name, String value) {
        b.append("<input type=\"hidden\" name=\"").append(Html.escape(name)).append("\" value=\"")
                .append(Html.escape(value)).append("\">\n");
    }
}
