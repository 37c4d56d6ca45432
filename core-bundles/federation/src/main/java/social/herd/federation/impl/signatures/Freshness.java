package social.herd.federation.impl.signatures;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Clock skew and replay checks shared by both schemes. A signature is remembered for twice the
 * skew: after that its date alone makes it stale, so the memory stays bounded by traffic.
 */
final class Freshness {
    private final Clock clock;
    private final Duration skew;
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private volatile Instant nextSweep = Instant.MIN;

    Freshness(Clock clock, Duration skew) {
        this.clock = clock;
        this.skew = skew;
    }

    Instant now() {
        return clock.instant();
    }

    /** Refuses a signing time outside now ± skew. */
    void checkTime(Instant when, String keyId) throws SignatureException {
        Instant now = now();
        if (when.isBefore(now.minus(skew))) {
            throw new SignatureException(SignatureException.Reason.STALE, keyId, "signed at " + when);
        }
        if (when.isAfter(now.plus(skew))) {
            throw new SignatureException(SignatureException.Reason.FUTURE, keyId, "signed at " + when);
        }
    }

    void checkExpires(Instant expires, String keyId) throws SignatureException {
        if (expires != null && expires.isBefore(now())) {
            throw new SignatureException(SignatureException.Reason.STALE, keyId, "expired at " + expires);
        }
    }

    static Instant parseHttpDate(String value, String keyId) throws SignatureException {
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new SignatureException(SignatureException.Reason.MALFORMED, keyId, "Date header");
        }
    }

    static Instant parseEpoch(String value, String keyId) throws SignatureException {
        try {
            // draft-cavage allows a fraction; RFC 9421 does not, but ignoring it is harmless.
            return Instant.ofEpochSecond(Long.parseLong(value.split("\\.")[0].strip()));
        } catch (NumberFormatException e) {
            throw new SignatureException(SignatureException.Reason.MALFORMED, keyId, "timestamp " + value);
        }
    }

    /** Remembers an accepted signature; refuses it the second time. Call only after it verified. */
    void remember(byte[] signature, String keyId) throws SignatureException {
        Instant now = now();
        if (now.isAfter(nextSweep)) {
            sweep(now);
        }
        String k = Base64.getEncoder().encodeToString(signature);
        if (seen.putIfAbsent(k, now.plus(skew.multipliedBy(2))) != null) {
            throw new SignatureException(SignatureException.Reason.REPLAYED, keyId, "signature already used");
        }
    }

    private void sweep(Instant now) {
        nextSweep = now.plus(Duration.ofMinutes(1));
        for (Iterator<Instant> it = seen.values().iterator(); it.hasNext();) {
            if (it.next().isBefore(now)) it.remove();
        }
    }
}
