package social.herd.accounts.impl;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import social.herd.web.api.Json;

/**
 * Collects validation problems and answers them as Mastodon's sign-up does:
 * {@code 422 {"error":"Validation failed: Username has already been taken",
 * "details":{"username":[{"error":"ERR_TAKEN","description":"has already been taken"}]}}}.
 */
public final class ValidationErrors {

    /** One problem with one attribute. */
    public record Detail(String error, String description) {}

    private final Map<String, List<Detail>> details = new LinkedHashMap<>();

    public ValidationErrors add(String attribute, String code, String description) {
        details.computeIfAbsent(attribute, a -> new ArrayList<>()).add(new Detail(code, description));
        return this;
    }

    public boolean has(String attribute) {
        return details.containsKey(attribute);
    }

    public boolean isEmpty() {
        return details.isEmpty();
    }

    /** {@code Validation failed: Username has already been taken, Password can't be blank}. */
    public String message() {
        List<String> parts = new ArrayList<>();
        details.forEach((attribute, list) -> list.forEach(d -> parts.add(humanise(attribute) + " " + d.description())));
        return "Validation failed: " + String.join(", ", parts);
    }

    /** Throws the 422 response when there is any problem. */
    public void throwIfAny() {
        if (!isEmpty()) throw toException();
    }

    public WebApplicationException toException() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message());
        body.put("details", details);
        Response response = Response.status(422).type(MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8"))
                .entity(Json.write(body)).build();
        return new WebApplicationException(message(), response);
    }

    /** {@code invite_code} -> {@code Invite code}, as Rails names attributes in messages. */
    static String humanise(String attribute) {
        String words = attribute.replace('_', ' ');
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
