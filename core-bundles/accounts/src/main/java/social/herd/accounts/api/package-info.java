/**
 * What the accounts bundle asks of other bundles: {@link social.herd.accounts.api.SignUpTokens},
 * implemented by the OAuth bundle, issues the token a Mastodon sign-up answers with.
 */
@Export
@Version("1.0.0")
package social.herd.accounts.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
