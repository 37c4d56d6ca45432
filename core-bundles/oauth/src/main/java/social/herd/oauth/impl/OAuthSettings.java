package social.herd.oauth.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Tunables of the OAuth bundle, ConfigAdmin PID {@value #PID}; every key has a working default. */
@ObjectClassDefinition(name = "Herd OAuth", description = "OAuth token cache, token-endpoint throttle and code lifetime")
public @interface OAuthSettings {

    /** ConfigAdmin PID. */
    String PID = "social.herd.oauth";

    @AttributeDefinition(description = "Seconds a verified token (and its user's status) is cached in memory on a node")
    int token_cache_seconds() default 30;

    @AttributeDefinition(description = "Most verified tokens cached per node")
    int token_cache_size() default 10_000;

    @AttributeDefinition(description = "Failed /oauth/token requests allowed per client address per window")
    int token_failures_limit() default 30;

    @AttributeDefinition(description = "Window of token_failures_limit, in seconds")
    int token_failures_window_seconds() default 300;

    @AttributeDefinition(description = "Seconds an authorization code stays valid")
    int code_lifetime_seconds() default 600;
}
