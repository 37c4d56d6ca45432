package social.herd.search.impl.engine;

/** The engine cannot answer now (OpenSearch down); searches answer 503 while the rest goes on. */
public final class SearchUnavailableException extends RuntimeException {
    public SearchUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public SearchUnavailableException(String message) {
        super(message);
    }
}
