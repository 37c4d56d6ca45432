package social.herd.admin.impl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** What the admin tells the world about this server (PID {@code social.herd.instance}). */
@ObjectClassDefinition(name = "Herd instance", description = "Title, description and contact of this server")
public @interface InstanceSettings {

    String PID = "social.herd.instance";

    @AttributeDefinition(description = "Name of the server")
    String title() default "Herd";

    @AttributeDefinition(description = "One or two sentences about the server")
    String description() default "A Herd server, a Mastodon-compatible home on the fediverse.";

    @AttributeDefinition(description = "Contact address shown publicly")
    String contact_email() default "";
}
