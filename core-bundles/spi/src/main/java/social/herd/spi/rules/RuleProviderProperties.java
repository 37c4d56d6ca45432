package social.herd.spi.rules;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.annotation.bundle.Requirement;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Service properties of a {@link RuleProvider} component, and the bundle's requirement on this SPI
 * version ({@code herd.spi=rules}, 1.1 up to 2.0): a plugin built for another major version does
 * not resolve, and the admin is told which version it needs.
 *
 * @since 1.1
 */
@ComponentPropertyType
@Requirement(namespace = "herd.spi", name = "rules", version = "1.1.0")
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface RuleProviderProperties {

    /** {@code service.ranking}: providers are listed highest first. */
    int service_ranking() default 0;

    /** {@code herd.rules.name}: the provider's name as admins see it. */
    String herd_rules_name();
}
