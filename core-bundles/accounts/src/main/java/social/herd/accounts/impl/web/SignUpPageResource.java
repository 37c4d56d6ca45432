package social.herd.accounts.impl.web;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import social.herd.accounts.impl.AccountRules;
import social.herd.accounts.impl.SignUpService;
import social.herd.api.config.ServerSettings;
import social.herd.api.config.ServerSettings.Registrations;
import social.herd.api.instance.ServerRules;
import social.herd.spi.rules.Rule;
import social.herd.web.api.ApiException;
import social.herd.web.api.Json;

/**
 * The web sign-up form ({@code /auth/sign_up}), for people without an app. It runs the API's
 * sign-up ({@link SignUpService#signUpWeb}) with its validation messages shown beside the fields;
 * it needs no OAuth token, so it is protected against cross-site posts by {@link Csrf} instead.
 */
@Component(service = SignUpPageResource.class)
@JakartarsResource
@Path("/auth/sign_up")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public final class SignUpPageResource {

    private final SignUpService signUps;
    private final Csrf csrf;
    /** Provided by the admin bundle; without it no rules are shown (acceptance is still required). */
    private volatile ServerRules rules;

    @Activate
    public SignUpPageResource(@Reference SignUpService signUps, @Reference ServerSettings server) {
        this.signUps = signUps;
        this.csrf = new Csrf(server);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void setRules(ServerRules rules) {
        this.rules = rules;
    }

    public void unsetRules(ServerRules gone) {
        if (this.rules == gone) this.rules = null;
    }

    /** What the form shows: the values typed (never passwords) and the problems per field. */
    private record Form(String username, String email, String reason, String invite, Map<String, List<String>> errors,
                        String general) {
        static Form empty(String invite) {
            return new Form("", "", "", invite == null ? "" : invite, Map.of(), null);
        }
    }

    @GET
    public Response form(@QueryParam("invite") String invite, @Context HttpHeaders headers) {
        if (closed(invite)) return closedPage();
        return render(200, Form.empty(invite), headers);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(MultivaluedMap<String, String> params, @Context HttpHeaders headers,
                           @Context ContainerRequestContext request) {
        if (!csrf.valid(headers, params.getFirst(Csrf.FIELD))) {
            return HtmlPage.text(403, "Form expired", "This form has expired. Reload the page and try again.");
        }
        Form typed = new Form(value(params, "username"), value(params, "email"), value(params, "reason"),
                value(params, "invite_code"), Map.of(), null);
        SignUpService.SignUp signUp = new SignUpService.SignUp(typed.username(), typed.email(), params.getFirst("password"),
                params.getFirst("agreement") != null, locale(headers), typed.reason(), typed.invite(),
                params.getFirst("password_confirmation") == null ? "" : params.getFirst("password_confirmation"));
        try {
            SignUpService.Registered done = signUps.signUpWeb(signUp, AccountsResource.clientAddress(request));
            return HtmlPage.text(200, "Check your inbox", done.approvalRequired()
                    ? "We sent a link to your e-mail address: follow it to confirm the address. A moderator will then "
                    + "review your sign-up; you will get an e-mail once it is approved."
                    : "We sent a link to your e-mail address: follow it to confirm the address, then sign in with your app.");
        } catch (ApiException e) {
            return switch (e.status()) {
                case 429 -> HtmlPage.text(429, "Too many requests", "Too many sign-ups from your address. Try again later.");
                case 403 -> closedPage();
                case 422 -> render(422, withErrors(typed, Map.of(), e.error()), headers);
                default -> throw e;
            };
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() != 422) throw e;
            return render(422, withErrors(typed, details(e), null), headers);
        }
    }

    private boolean closed(String invite) {
        return signUps.mode() == Registrations.CLOSED && signUps.inviteState(invite) != SignUpService.InviteState.VALID;
    }

    private static Response closedPage() {
        return HtmlPage.text(403, "Registrations are closed", "This server is not accepting new accounts right now. "
                + "You need a valid invite to sign up here.");
    }

    private Response render(int status, Form form, HttpHeaders headers) {
        String token = csrf.token(headers);
        boolean askReason = signUps.mode() == Registrations.APPROVAL
                && signUps.inviteState(form.invite()) != SignUpService.InviteState.VALID;
        StringBuilder b = new StringBuilder();
        if (form.general() != null) b.append("<p class=\"error\">").append(HtmlPage.esc(form.general())).append("</p>");
        b.append("<form method=\"post\" action=\"/auth/sign_up\">").append(Csrf.hiddenField(token));
        field(b, form, "username", "Username", "text", form.username(), "autocomplete=\"username\" required maxlength=\"30\"");
        field(b, form, "email", "E-mail address", "email", form.email(), "autocomplete=\"email\" required");
        field(b, form, "password", "Password", "password", "", "autocomplete=\"new-password\" required minlength=\"8\"");
        field(b, form, "password_confirmation", "Confirm password", "password", "", "autocomplete=\"new-password\" required");
        if (askReason) {
            b.append("<label>Why do you want to join? <textarea name=\"reason\" required>")
                    .append(HtmlPage.esc(form.reason())).append("</textarea></label>");
            errors(b, form, "reason");
        }
        rules(b, headers);
        b.append("<label><input type=\"checkbox\" name=\"agreement\" value=\"1\" required> ")
                .append("I have read and accept the server rules</label>");
        errors(b, form, "agreement");
        field(b, form, "invite_code", "Invite code (optional)", "text", form.invite(), "autocomplete=\"off\"");
        errors(b, form, "locale");
        b.append("<button type=\"submit\">Sign up</button></form>");
        return HtmlPage.builder(status, "Create an account", b.toString())
                .header("Set-Cookie", csrf.setCookie(token)).build();
    }

    private void rules(StringBuilder b, HttpHeaders headers) {
        ServerRules r = rules;
        List<Rule> current = r == null ? List.of() : r.current(Locale.forLanguageTag(locale(headers)));
        if (current.isEmpty()) return;
        b.append("<section class=\"rules\"><h2>Server rules</h2><ol>");
        for (Rule rule : current) {
            b.append("<li>").append(HtmlPage.esc(rule.text()));
            if (!rule.hint().isBlank()) b.append("<br><small>").append(HtmlPage.esc(rule.hint())).append("</small>");
            b.append("</li>");
        }
        b.append("</ol></section>");
    }

    private static void field(StringBuilder b, Form form, String name, String label, String type, String value,
                              String attributes) {
        b.append("<label>").append(HtmlPage.esc(label)).append(" <input type=\"").append(type).append("\" name=\"")
                .append(name).append("\" value=\"").append(HtmlPage.esc(value)).append("\" ").append(attributes)
                .append("></label>");
        errors(b, form, name);
    }

    private static void errors(StringBuilder b, Form form, String name) {
        for (String message : form.errors().getOrDefault(name, List.of())) {
            b.append("<p class=\"error\" data-field=\"").append(name).append("\">").append(HtmlPage.esc(message)).append("</p>");
        }
    }

    private static Form withErrors(Form typed, Map<String, List<String>> errors, String general) {
        return new Form(typed.username(), typed.email(), typed.reason(), typed.invite(), errors, general);
    }

    /** The API's 422 details as messages per field: {@code Username has already been taken}. */
    private static Map<String, List<String>> details(WebApplicationException e) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try {
            JsonNode details = Json.mapper().readTree(String.valueOf(e.getResponse().getEntity())).path("details");
            details.fields().forEachRemaining(entry -> entry.getValue().forEach(d -> out
                    .computeIfAbsent(entry.getKey(), k -> new java.util.ArrayList<>())
                    .add(humanise(entry.getKey()) + " " + d.path("description").asText())));
        } catch (Exception ignored) {
            out.put("username", List.of("The sign-up was not accepted."));
        }
        return out;
    }

    private static String humanise(String attribute) {
        String words = attribute.replace('_', ' ');
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** The browser's first language when the API would accept it, else English. */
    private static String locale(HttpHeaders headers) {
        if (headers != null) {
            for (Locale l : headers.getAcceptableLanguages()) {
                String tag = l.getLanguage();
                if (!tag.isEmpty() && !"*".equals(tag) && AccountRules.validLocale(tag)) return tag;
            }
        }
        return "en";
    }

    private static String value(MultivaluedMap<String, String> params, String name) {
        String v = params.getFirst(name);
        return v == null ? "" : v.trim();
    }
}
