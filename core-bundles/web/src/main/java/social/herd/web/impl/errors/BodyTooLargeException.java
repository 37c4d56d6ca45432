package social.herd.web.impl.errors;

import jakarta.ws.rs.WebApplicationException;
import java.io.Serial;

/**
 * Thrown when a request body exceeds {@code max_body_bytes}, either by its declared length or
 * while it is being read; answered {@code 413 {"error":"Request body too large"}}.
 */
public final class BodyTooLargeException extends WebApplicationException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** @param maxBytes the configured limit, for the log */
    public BodyTooLargeException(long maxBytes) {
        super("Request body larger than " + maxBytes + " bytes", 413);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
