/**
 * What other Herd bundles' JAX-RS resources use from the web glue: Mastodon-shaped errors
 * ({@link social.herd.web.api.ApiException}), the shared Jackson configuration
 * ({@link social.herd.web.api.Json}, {@link social.herd.web.api.JsonId}), pagination parameters and
 * {@code Link} headers ({@link social.herd.web.api.PageRequest},
 * {@link social.herd.web.api.PaginationLinks}) and request-scoped names
 * ({@link social.herd.web.api.WebRequests}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package social.herd.web.api;
