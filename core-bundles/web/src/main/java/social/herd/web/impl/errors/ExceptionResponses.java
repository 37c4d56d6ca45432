package social.herd.web.impl.errors;

import com.fasterxml.jackson.core.JacksonException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import social.herd.web.api.ApiException;
import social.herd.web.api.WebRequests;

/**
 * The one place that turns an exception into the response a client sees. Bad input is logged at
 * DEBUG only; a genuine bug is logged once at ERROR with its stack trace and the request id, and
 * the client sees {@code 500 {"error":"Internal server error"}}.
 */
public final class ExceptionResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ExceptionResponses.class);

    /** Jersey's default WebApplicationException message, e.g. {@code HTTP 404 Not Found}. */
    private static final Pattern DEFAULT_MESSAGE = Pattern.compile("HTTP \\d{3}( .*)?");

    private ExceptionResponses() {
    }

    /** Responds to any throwable, looking through wrappers for a known request error. */
    public static Response toResponse(Throwable t) {
        Throwable known = ErrorResponses.knownCause(t);
        if (known instanceof ApiException api) {
            return toResponse(api);
        }
        if (known instanceof WebApplicationException wae) {
            return toResponse(wae);
        }
        if (known instanceof JacksonException json) {
            return toResponse(json);
        }
        return internalError(t);
    }

    /** Responds to an {@link ApiException}. */
    public static Response toResponse(ApiException e) {
        LOG.debug("Request failed: {} {}", e.status(), e.error());
        return ErrorResponses.of(e);
    }

    /** Responds to a Jackson error: 400 for bad input, 500 for a serialisation bug. */
    public static Response toResponse(JacksonException e) {
        if (!ErrorResponses.isJsonInputError(e)) {
            return internalError(e);
        }
        LOG.debug("Malformed JSON in request: {}", e.getOriginalMessage());
        return ErrorResponses.malformedJson(e);
    }

    /** Responds to a {@link WebApplicationException}, keeping its status and headers. */
    public static Response toResponse(WebApplicationException e) {
        JacksonException json = ErrorResponses.jsonInputCause(e.getCause());
        if (json != null) {
            return toResponse(json);
        }
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (original != null && original.hasEntity()) {
            return original;
        }
        if (status < 400) {
            // redirects and the like thrown as exceptions are not errors
            return original;
        }
        String error = message(e, status);
        if (status >= 500) {
            if (status == 500) {
                LOG.error("Internal server error [request_id={}]", MDC.get(WebRequests.MDC_REQUEST_ID), e);
            } else {
                LOG.warn("Request answered {}: {}", status, e.toString());
            }
        } else {
            LOG.debug("Request failed: {} {}", status, error);
        }
        Response.ResponseBuilder builder = original == null ? Response.status(status) : Response.fromResponse(original);
        return builder.type(ErrorResponses.JSON_UTF8).entity(ErrorResponses.body(error, null)).build();
    }

    /** 500 for a genuine bug, logged once at ERROR. */
    public static Response internalError(Throwable t) {
        LOG.error("Internal server error [request_id={}]", MDC.get(WebRequests.MDC_REQUEST_ID), t);
        return ErrorResponses.json(500, ErrorResponses.reason(500));
    }

    private static String message(WebApplicationException e, int status) {
        if (e instanceof NotFoundException || e instanceof NotAllowedException
                || e instanceof NotSupportedException || e instanceof NotAcceptableException
                || e instanceof BodyTooLargeException || status >= 500) {
            return ErrorResponses.reason(status);
        }
        String message = e.getMessage();
        if (message == null || message.isBlank() || DEFAULT_MESSAGE.matcher(message).matches()) {
            return ErrorResponses.reason(status);
        }
        return message;
    }
}
