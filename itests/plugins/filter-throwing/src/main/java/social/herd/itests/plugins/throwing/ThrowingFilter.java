package social.herd.itests.plugins.throwing;

import org.osgi.service.component.annotations.Component;
import social.herd.spi.moderation.ModerationFilter;
import social.herd.spi.moderation.ModerationFilterProperties;
import social.herd.spi.moderation.ModerationSubject;
import social.herd.spi.moderation.Verdict;

/**
 * A broken plugin for the tests: it throws on every subject, the way a buggy filter would. The
 * server must keep posting (the chain skips it and records the failure).
 */
@Component
@ModerationFilterProperties(service_ranking = 1000, herd_filter_name = "throwing")
public final class ThrowingFilter implements ModerationFilter {

    @Override
    public Verdict review(ModerationSubject subject) {
        throw new IllegalStateException("this test plugin fails on purpose");
    }
}
