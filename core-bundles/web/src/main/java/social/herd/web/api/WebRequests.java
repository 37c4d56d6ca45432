package social.herd.web.api;

/**
 * Names shared between the web bundle's filters and other bundles' filters and resources.
 */
public final class WebRequests {

    /** Header carrying the request id, echoed on every response. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    /** SLF4J MDC key holding the request id while a request is processed. */
    public static final String MDC_REQUEST_ID = "request_id";

    /** Request property holding the request id ({@code ContainerRequestContext.getProperty}). */
    public static final String REQUEST_ID_PROPERTY = "social.herd.web.request_id";

    /**
     * Request property an authentication filter sets to the authenticated account's id (a
     * {@code String}). When it is set before the rate-limit filter runs, that is by a
     * {@code @PreMatching} filter with a priority below {@code Priorities.AUTHENTICATION + 500},
     * requests are rate-limited per account instead of per client address.
     */
    public static final String ACCOUNT_ID_PROPERTY = "social.herd.web.account_id";

    /** Request property holding the client's address as the web bundle determined it. */
    public static final String CLIENT_ADDRESS_PROPERTY = "social.herd.web.client_address";

    private WebRequests() {
    }
}
