/**
 * Who is calling: OAuth bearer tokens verified into a {@link social.herd.api.auth.Principal}, Mastodon's scopes, and ending a user's sessions. Implemented by the oauth bundle, used by the web bundle's authentication filter.
 */
@Export
@Version("1.1.0")
package social.herd.api.auth;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
