/**
 * What the accounts bundle offers other bundles: checking a user's password (for OAuth logins) and looking users up.
 */
@Export
@Version("1.5.0")
package social.herd.api.accounts;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
