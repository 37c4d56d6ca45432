package social.herd.web.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import social.herd.api.health.HealthCheck;
import social.herd.web.impl.errors.ApiExceptionMapper;
import social.herd.web.impl.errors.JacksonExceptionMapper;
import social.herd.web.impl.errors.ThrowableMapper;
import social.herd.web.impl.errors.WebApplicationExceptionMapper;
import social.herd.web.impl.filters.BodyLimitFilter;
import social.herd.web.impl.filters.CorsFilter;
import social.herd.web.impl.filters.HttpMetricsFilter;
import social.herd.web.impl.filters.RateLimitFilter;
import social.herd.web.impl.filters.RequestIdFilter;
import social.herd.web.impl.health.HealthAggregator;
import social.herd.web.impl.health.HealthResource;
import social.herd.web.impl.json.MastodonJsonProvider;
import social.herd.web.impl.metrics.MetricsResource;
import social.herd.web.impl.metrics.PrometheusMetrics;

/** Every component of the bundle wired as DS would, served by an in-memory Jersey. */
final class WebStack implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-11-22T10:02:30Z");

    final PrometheusMetrics metrics = new PrometheusMetrics();
    final InMemoryRateLimiter limiter = new InMemoryRateLimiter(NOW);
    final HealthAggregator health = new HealthAggregator(Duration.ofMillis(300));
    final JerseyHarness http;

    WebStack() {
        this(Map.of());
    }

    WebStack(Map<String, Object> config) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("max_body_bytes", 1024);
        properties.put("rate_limit_requests", 1000);
        properties.putAll(config);
        WebSettings settings = WebSettings.from(properties);
        http = new JerseyHarness(
                new MastodonJsonProvider(),
                new ApiExceptionMapper(),
                new WebApplicationExceptionMapper(),
                new JacksonExceptionMapper(),
                new ThrowableMapper(),
                new RequestIdFilter(),
                new HttpMetricsFilter(metrics),
                new CorsFilter(),
                new BodyLimitFilter(settings),
                new RateLimitFilter(limiter, settings),
                new HealthResource(health),
                new MetricsResource(metrics),
                new TestResource());
    }

    WebStack withCheck(HealthCheck check) {
        health.addCheck(check);
        return this;
    }

    @Override
    public void close() {
        http.close();
        health.close();
    }
}
