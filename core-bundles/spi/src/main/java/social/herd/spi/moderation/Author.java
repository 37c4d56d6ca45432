package social.herd.spi.moderation;

import java.time.Instant;
import java.util.Objects;

/**
 * What the server knows about the author of a post or activity, so that filters can judge
 * newcomers without looking anything up themselves.
 *
 * @param accountId      the author's account id on this server (0 when not stored yet)
 * @param username       the author's username, without domain
 * @param domain         the author's server, empty for local accounts
 * @param createdAt      when the account was created (remote: when this server first saw it);
 *                       {@link Instant#EPOCH} when unknown
 * @param followersCount followers as this server knows them
 * @param statusesCount  posts as this server knows them
 * @since 1.2
 */
public record Author(long accountId, String username, String domain, Instant createdAt, long followersCount,
                     long statusesCount) {
    public Author {
        Objects.requireNonNull(username, "username");
        domain = domain == null ? "" : domain;
        createdAt = createdAt == null ? Instant.EPOCH : createdAt;
    }

    /** An author nothing is known about (age and counts zero). */
    public static Author unknown(String username, String domain) {
        return new Author(0, username, domain, Instant.EPOCH, 0, 0);
    }

    /** True for accounts of this server. */
    public boolean local() {
        return domain.isEmpty();
    }
}
