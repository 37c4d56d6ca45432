package social.herd.web.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts a resource method (or every method of a resource class) behind an OAuth scope, as Mastodon
 * documents per endpoint. Without a valid bearer token the caller gets 401
 * {@code {"error":"The access token is invalid"}}; with a token lacking the scope, 403
 * {@code {"error":"This action is outside the authorized scopes"}}; with an application-only token
 * where a user is needed, 422 {@code {"error":"This method requires an authenticated user"}}.
 * A user who has not confirmed the e-mail address (or awaits approval) gets 403
 * {@code {"error":"Your login is missing a confirmed e-mail address"}} unless the endpoint allows
 * it. A method annotation overrides the class annotation.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresScope {

    /** The scope, e.g. {@code read:accounts}; a broader granted scope ({@code read}) covers it. */
    String value();

    /** Whether the token must belong to a user (false for endpoints such as {@code apps/verify_credentials}). */
    boolean userRequired() default true;

    /** Whether unconfirmed users may call it (true only for resending the confirmation). */
    boolean allowUnconfirmed() default false;
}
