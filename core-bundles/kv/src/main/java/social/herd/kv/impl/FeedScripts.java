package social.herd.kv.impl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The Lua scripts of {@link KvFeeds}, one per operation on one feed, so that each is atomic:
 * a fan-out, a read and a rebuild of the same feed never see each other half done. KEYS[1] is
 * always the feed; the state marker (score -1, so always rank 0) is {@code ~b}, {@code ~r} or
 * {@code ~t}, and trimming starts at rank 1 to keep it.
 */
final class FeedScripts {

    private FeedScripts() {}

    /**
     * ARGV: score, member, the reblogged status's member ('' for none), ':' + its id, cap,
     * collapse window. 1 when added; 0 for a missing feed, a present member or a collapsed reblog.
     */
    static final String ADD = """
            local key = KEYS[1]
            if redis.call('EXISTS', key) == 0 then return 0 end
            if redis.call('ZSCORE', key, ARGV[2]) then return 0 end
            if ARGV[3] ~= '' then
              local within = tonumber(ARGV[6])
              local rank = redis.call('ZREVRANK', key, ARGV[3])
              if rank and rank < within then return 0 end
              local suffix = ARGV[4]
              for _, m in ipairs(redis.call('ZREVRANGE', key, 0, within - 1)) do
                if string.sub(m, -string.len(suffix)) == suffix then return 0 end
              end
            end
            redis.call('ZADD', key, ARGV[1], ARGV[2])
            local cap = tonumber(ARGV[5])
            local n = redis.call('ZCARD', key)
            if n > cap + 1 then
              redis.call('ZREMRANGEBYRANK', key, 1, n - cap - 1)
              if redis.call('ZSCORE', key, '~r') then
                redis.call('ZREM', key, '~r')
                redis.call('ZADD', key, -1, '~t')
              end
            end
            return 1
            """;

    /**
     * ARGV: max score, min score (inclusive), count, '1' for ascending, idle TTL (ms). Answers
     * {-1} for a missing or unfinished feed, else {0 complete | 1 truncated, oldest member, members...}.
     */
    static final String RANGE = """
            local key = KEYS[1]
            local state
            if redis.call('ZSCORE', key, '~r') then state = 0
            elseif redis.call('ZSCORE', key, '~t') then state = 1
            else return {-1} end
            redis.call('PEXPIRE', key, ARGV[5])
            local oldest = redis.call('ZRANGE', key, 1, 1)
            local items
            if ARGV[4] == '1' then
              items = redis.call('ZRANGEBYSCORE', key, ARGV[2], ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
            else
              items = redis.call('ZREVRANGEBYSCORE', key, ARGV[1], ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
            end
            local out = {state, oldest[1] or ''}
            for i, m in ipairs(items) do out[i + 2] = m end
            return out
            """;

    /** ARGV: lease (ms). 1 when the missing feed was created in state {@code ~b}, 0 when it exists. */
    static final String CLAIM = """
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('ZADD', KEYS[1], -1, '~b')
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return 1
            """;

    /**
     * ARGV: cap, '1' when the entries may not be all there is, idle TTL (ms), then score and member
     * pairs. Fills a feed in state {@code ~b} (entries fanned out meanwhile stay) and makes it ready.
     */
    static final String COMPLETE = """
            local key = KEYS[1]
            if not redis.call('ZSCORE', key, '~b') then return 0 end
            for i = 4, #ARGV, 2 do redis.call('ZADD', key, ARGV[i], ARGV[i + 1]) end
            local cap = tonumber(ARGV[1])
            local n = redis.call('ZCARD', key)
            local truncated = ARGV[2] == '1'
            if n > cap + 1 then
              redis.call('ZREMRANGEBYRANK', key, 1, n - cap - 1)
              truncated = true
            end
            redis.call('ZREM', key, '~b')
            if truncated then redis.call('ZADD', key, -1, '~t') else redis.call('ZADD', key, -1, '~r') end
            redis.call('PEXPIRE', key, ARGV[3])
            return 1
            """;

    /** SHA-1 of each script, for EVALSHA: the script text travels once, after Redis (re)starts. */
    static final Map<String, String> SHA = Map.of(ADD, sha1(ADD), RANGE, sha1(RANGE), CLAIM, sha1(CLAIM),
            COMPLETE, sha1(COMPLETE));

    private static String sha1(String script) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
