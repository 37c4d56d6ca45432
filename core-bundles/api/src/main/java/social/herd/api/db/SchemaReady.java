package social.herd.api.db;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Registered once a bundle's migrations have been applied, with service property
 * {@value #BUNDLE_PROPERTY} = that bundle's symbolic name. Components that use their bundle's
 * tables reference it, e.g. {@code @Reference(target = "(herd.schema=social.herd.accounts)")}.
 */
@ProviderType
public interface SchemaReady {

    /** Service property naming the bundle whose schema is ready. */
    String BUNDLE_PROPERTY = "herd.schema";

    /** Symbolic name of the bundle whose migrations were applied. */
    String bundle();

    /** Highest migration version applied for that bundle, 0 if it has none. */
    int version();
}
