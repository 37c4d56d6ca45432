package social.herd.spi.favicon;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.annotation.bundle.Requirement;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Service properties of a {@link FaviconSet} component, and the bundle's requirement on this SPI
 * version ({@code herd.spi=favicon}, 1.0 up to 2.0).
 */
@ComponentPropertyType
@Requirement(namespace = "herd.spi", name = "favicon", version = "1.0.0")
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface FaviconProperties {

    /** {@code service.ranking}: with no admin choice, the highest ranked set is used. */
    int service_ranking() default 0;

    /** {@code herd.favicon.name}: how the admin chooses this set. */
    String herd_favicon_name();
}
