/**
 * Transactions, MyBatis mappers and per-bundle schema migrations on the one PostgreSQL database. A bundle declares its migrations with the {@code Herd-Migrations} manifest header and waits for its {@link social.herd.api.db.SchemaReady} service before touching its tables.
 */
@Export
@Version("1.0.0")
package social.herd.api.db;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
