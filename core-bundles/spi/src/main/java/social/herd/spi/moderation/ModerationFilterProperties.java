package social.herd.spi.moderation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.annotation.bundle.Requirement;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Service properties of a {@link ModerationFilter} component, and the bundle's requirement on
 * this SPI version: a plugin whose component carries this annotation gets
 * {@code Require-Capability: herd.spi;filter:="(&(herd.spi=moderation)(version>=1.2.0)(!(version>=2.0.0)))"},
 * so on a server with another major SPI version it does not resolve and the admin is told which
 * version it needs. Every element may be overridden by the component's configuration (the admin
 * plugin config), e.g. {@code herd.filter.failClosed=true}.
 *
 * <pre>{@code
 * @Component(configurationPid = "social.herd.filter.keywords")
 * @ModerationFilterProperties(service_ranking = 300, herd_filter_name = "keywords")
 * public final class KeywordFilter implements ModerationFilter { ... }
 * }</pre>
 *
 * @since 1.2
 */
@ComponentPropertyType
@Requirement(namespace = "herd.spi", name = "moderation", version = "1.2.0")
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ModerationFilterProperties {

    /** {@code service.ranking}: filters run highest first; ties by service id. */
    int service_ranking() default 0;

    /** {@code herd.filter.name}: the name shown to moderators in decisions and metrics. */
    String herd_filter_name();

    /** {@code herd.filter.contexts}: the contexts this filter is asked about (all by default). */
    ModerationContext[] herd_filter_contexts() default {ModerationContext.LOCAL_POST, ModerationContext.EDIT,
            ModerationContext.INCOMING, ModerationContext.SIGN_UP};

    /** {@code herd.filter.budget}: milliseconds per call; 0 uses the chain's default budget. */
    long herd_filter_budget() default 0;

    /**
     * {@code herd.filter.failClosed}: when this filter throws or overruns, hold the subject for
     * review instead of skipping the filter.
     */
    boolean herd_filter_failClosed() default false;
}
