package social.herd.web.api;

import java.io.Serial;
import java.util.Objects;

/**
 * An error to answer in Mastodon's shape, {@code {"error": "...", "error_description": "..."}},
 * with the given HTTP status. Throw it from a resource or service; the web bundle maps it. It is a
 * control-flow exception: it carries no stack trace and is never logged above DEBUG.
 */
public class ApiException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final String errorDescription;

    /**
     * @param status HTTP status, 400–599
     * @param error  the human-readable {@code error} text, e.g. {@code Record not found}
     */
    public ApiException(int status, String error) {
        this(status, error, null);
    }

    /**
     * @param status           HTTP status, 400–599
     * @param error            the {@code error} text (an OAuth error code such as
     *                         {@code invalid_grant} on OAuth endpoints)
     * @param errorDescription optional {@code error_description}; {@code null} leaves it out
     */
    public ApiException(int status, String error, String errorDescription) {
        super(error, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be 400-599, got " + status);
        }
        this.status = status;
        this.error = Objects.requireNonNull(error, "error");
        this.errorDescription = errorDescription;
    }

    /** The HTTP status. */
    public int status() { return status; }

    /** The {@code error} text. */
    public String error() { return error; }

    /** The optional {@code error_description}, or {@code null}. */
    public String errorDescription() { return errorDescription; }

    /** 400 with the given reason. */
    public static ApiException badRequest(String error) { return new ApiException(400, error); }

    /** 401 as Mastodon answers a missing or bad token. */
    public static ApiException unauthorized() { return new ApiException(401, "The access token is invalid"); }

    /** 403 with the given reason, e.g. {@code This action is not allowed}. */
    public static ApiException forbidden(String error) { return new ApiException(403, error); }

    /** 404 as Mastodon answers an unknown record. */
    public static ApiException notFound() { return new ApiException(404, "Record not found"); }

    /** 422 with the given reason, e.g. {@code Validation failed: Text can't be blank}. */
    public static ApiException unprocessable(String error) { return new ApiException(422, error); }

    @Override
    public String toString() {
        return "ApiException(" + status + ", " + error + ")";
    }
}
