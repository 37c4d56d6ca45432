package social.herd.web.impl.errors;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import social.herd.web.api.ApiException;
import social.herd.web.api.Json;

/**
 * Builds Mastodon-shaped error responses ({@code {"error": "..."}}) and classifies exceptions.
 * The body is serialised here, so an error never depends on a JSON provider being bound.
 */
public final class ErrorResponses {

    /** {@code application/json; charset=utf-8}, as Mastodon answers. */
    public static final MediaType JSON_UTF8 = MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8");

    private static final int MAX_REASON_LENGTH = 160;

    /** Fully qualified Java class names, e.g. {@code java.lang.String} or {@code a.b.C$D}. */
    private static final Pattern CLASS_NAME =
            Pattern.compile("`?\\b(?:[a-z_][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_]*)(?:\\$[A-Za-z0-9_]+)*`?");

    /** Jackson's internal token notes, e.g. {@code (token `JsonToken.START_ARRAY`)}. */
    private static final Pattern TOKEN_NOTE = Pattern.compile("\\s*\\(token `[^`]*`\\)");

    private ErrorResponses() {
    }

    /** A JSON error response with {@code error} only. */
    public static Response json(int status, String error) {
        return json(status, error, null);
    }

    /** A JSON error response; {@code description} is left out when {@code null}. */
    public static Response json(int status, String error, String description) {
        return Response.status(status).type(JSON_UTF8).entity(body(error, description)).build();
    }

    /** The error body as a JSON string. */
    public static String body(String error, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        if (description != null) {
            body.put("error_description", description);
        }
        return Json.write(body);
    }

    /** The text answered for a status when the exception gives none worth showing. */
    public static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "The access token is invalid";
            case 403 -> "This action is not allowed";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 411 -> "Length required";
            case 413 -> "Request body too large";
            case 415 -> "Unsupported media type";
            case 422 -> "Unprocessable entity";
            case 429 -> "Too many requests";
            case 500 -> "Internal server error";
            case 501 -> "Not implemented";
            case 502 -> "Bad gateway";
            case 503 -> "Service unavailable";
            case 504 -> "Gateway timeout";
            default -> {
                Response.Status known = Response.Status.fromStatusCode(status);
                yield known != null ? known.getReasonPhrase() : (status >= 500 ? "Server error" : "Request error");
            }
        };
    }

    /** The response for an {@link ApiException}. */
    public static Response of(ApiException e) {
        return json(e.status(), e.error(), e.errorDescription());
    }

    /**
     * The first exception in {@code t}'s cause chain (including {@code t}) that is a request error
     * we know how to answer: an {@link ApiException}, a {@link WebApplicationException} or a
     * Jackson input error.
     */
    public static Throwable knownCause(Throwable t) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < 16; c = c.getCause(), depth++) {
            if (c instanceof ApiException || c instanceof WebApplicationException || isJsonInputError(c)) {
                return c;
            }
        }
        return null;
    }

    /** The first Jackson input error in {@code t}'s cause chain, or {@code null}. */
    public static JacksonException jsonInputCause(Throwable t) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < 16; c = c.getCause(), depth++) {
            if (isJsonInputError(c)) {
                return (JacksonException) c;
            }
        }
        return null;
    }

    /**
     * True for errors caused by the client's JSON (syntax, wrong types), false for server-side
     * problems such as a type Jackson cannot serialise or construct.
     */
    public static boolean isJsonInputError(Throwable t) {
        if (!(t instanceof JacksonException e) || t instanceof InvalidDefinitionException) {
            return false;
        }
        return e instanceof StreamReadException || e.getProcessor() instanceof JsonParser;
    }

    /** 400 {@code Malformed JSON: <reason>} for a Jackson input error. */
    public static Response malformedJson(JacksonException e) {
        return json(400, "Malformed JSON: " + shortReason(e));
    }

    /** A one-line reason for a Jackson error, without Java class names or source locations. */
    static String shortReason(JacksonException e) {
        String reason;
        if (e instanceof DatabindException && e instanceof JsonMappingException mapping) {
            String path = path(mapping.getPath());
            reason = e instanceof MismatchedInputException && !(e instanceof InvalidFormatException)
                    ? "unexpected value for " + path
                    : "invalid value for " + path;
        } else {
            reason = e.getOriginalMessage();
            if (reason == null || reason.isBlank()) {
                reason = "cannot parse request body";
            }
            reason = reason.lines().findFirst().orElse("").trim();
            reason = CLASS_NAME.matcher(reason).replaceAll("$1");
            reason = TOKEN_NOTE.matcher(reason).replaceAll("").replace("`", "'");
        }
        if (reason.length() > MAX_REASON_LENGTH) {
            reason = reason.substring(0, MAX_REASON_LENGTH) + "…";
        }
        return reason;
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "request body" : "'" + out + "'";
    }
}
