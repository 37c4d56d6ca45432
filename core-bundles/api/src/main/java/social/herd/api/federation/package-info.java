/**
 * What the accounts bundle offers federation: the RSA key pairs of local actors and of the
 * instance actor, used to publish {@code publicKey} in actor documents and to sign outgoing
 * requests (HTTP Signatures).
 */
@Export
@Version("1.0.0")
package social.herd.api.federation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
