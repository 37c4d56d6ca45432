package social.herd.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Jackson configured for the Mastodon API, the same configuration the web bundle's JAX-RS JSON
 * provider uses: {@code snake_case} property names, instants as ISO-8601 UTC with milliseconds
 * ({@code 2026-11-22T10:00:00.000Z}), {@code null} values written (Mastodon sends
 * {@code "url": null}), unknown properties ignored on input, trailing garbage rejected. Ids are
 * strings: domain records carry {@code String} ids, and {@code long} ids are annotated
 * {@link JsonId}.
 */
public final class Json {

    /** The Mastodon timestamp format, always UTC with exactly three fraction digits. */
    public static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final ObjectMapper MAPPER = newMapper();

    private Json() {
    }

    /**
     * The shared, configured mapper. It is thread-safe for reading and writing; do not reconfigure
     * it (use {@link #newMapper()} for a private variant).
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A new mapper with the Mastodon configuration, for callers that need to customise it. */
    public static ObjectMapper newMapper() {
        SimpleModule timestamps = new SimpleModule("herd-timestamps");
        timestamps.addSerializer(Instant.class, new TimestampSerializer<>(Instant.class));
        timestamps.addSerializer(OffsetDateTime.class, new TimestampSerializer<>(OffsetDateTime.class));
        timestamps.addSerializer(ZonedDateTime.class, new TimestampSerializer<>(ZonedDateTime.class));
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(timestamps)
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .serializationInclusion(JsonInclude.Include.ALWAYS)
                .build();
    }

    /** Formats an instant as Mastodon does: {@code 2026-11-22T10:00:00.000Z}. */
    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    /**
     * Serialises {@code value} with the shared mapper.
     *
     * @throws UncheckedIOException if Jackson cannot serialise it (a programming error)
     */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes instants and offset/zoned date-times as UTC millisecond timestamps. */
    private static final class TimestampSerializer<T> extends StdSerializer<T> {

        private static final long serialVersionUID = 1L;

        TimestampSerializer(Class<T> type) {
            super(type);
        }

        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            Instant instant = switch (value) {
                case Instant i -> i;
                case OffsetDateTime o -> o.toInstant();
                case ZonedDateTime z -> z.toInstant();
                default -> throw new IllegalStateException("unexpected type " + value.getClass());
            };
            gen.writeString(TIMESTAMP.format(instant));
        }
    }
}
