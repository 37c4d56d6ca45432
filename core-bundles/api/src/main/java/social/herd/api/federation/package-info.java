/**
 * What the accounts bundle offers federation: the RSA key pairs of local actors and of the
 * instance actor, used to publish {@code publicKey} in actor documents and to sign outgoing
 * requests (HTTP Signatures); what accounts and statuses offer it for applying activities from
 * other servers ({@link social.herd.api.federation.RemoteAccounts},
 * {@link social.herd.api.federation.FederatedGraph},
 * {@link social.herd.api.federation.FederatedStatuses}); and what federation offers the client
 * API ({@link social.herd.api.federation.Resolver}).
 */
@Export
@Version("1.4.0")
package social.herd.api.federation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
