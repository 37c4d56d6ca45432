package social.herd.accounts.impl.keys;

import java.security.PrivateKey;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.herd.api.db.Database;
import social.herd.api.db.SchemaReady;
import social.herd.api.federation.ActorKeys;

/**
 * {@link ActorKeys} from {@code account_keys} and {@code instance_keys}. New local accounts get
 * their key pair when they are created ({@code LocalUsers}); accounts older than the table get one
 * here on first use. Either way the database decides which key pair wins a race (insert if absent,
 * then read back), so every caller on every node sees the same key pair.
 */
@Component(service = ActorKeys.class)
public final class ActorKeyService implements ActorKeys {

    private static final Logger LOG = LoggerFactory.getLogger(ActorKeyService.class);

    /**
     * Parsed keys kept in memory. Signing for a handful of active senders dominates; a parsed RSA
     * key is ~2 KB, so this stays well under 2 MB however many accounts there are.
     */
    static final int CACHE_SIZE = 1_000;

    private final Database db;
    private final Clock clock;
    private final Map<Long, Loaded> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Loaded> eldest) {
            return size() > CACHE_SIZE;
        }
    };
    private volatile Loaded instance;

    @Activate
    public ActorKeyService(@Reference Database db,
                           @Reference(target = "(herd.schema=social.herd.accounts)") SchemaReady schema) {
        this(db, Clock.systemUTC());
    }

    /** For tests and embedding. */
    public ActorKeyService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Optional<String> publicKeyPem(long accountId) {
        return local(accountId).map(Loaded::publicPem);
    }

    @Override
    public Optional<PrivateKey> privateKey(long accountId) {
        return local(accountId).map(Loaded::privateKey);
    }

    @Override
    public String instancePublicKeyPem() {
        return instanceKeys().publicPem();
    }

    @Override
    public PrivateKey instancePrivateKey() {
        return instanceKeys().privateKey();
    }

    private Optional<Loaded> local(long accountId) {
        Loaded cached;
        synchronized (cache) {
            cached = cache.get(accountId);
        }
        if (cached != null) return Optional.of(cached);
        KeyRows.Lookup found = db.read(tx -> KeyRows.lookup(tx, accountId));
        // unknown and remote ids are not cached: they cost one indexed read, and caching them
        // would need invalidation when an account is created
        if (found == null || !found.local()) return Optional.empty();
        RsaKeys.PemPair keys = found.keys();
        if (keys == null) {
            // an account from before key pairs existed; generate outside the transaction
            RsaKeys.PemPair fresh = RsaKeys.generate();
            keys = db.transaction(tx -> {
                KeyRows.insertIfAbsent(tx, accountId, fresh, clock.instant());
                KeyRows.Lookup again = KeyRows.lookup(tx, accountId);
                return again == null ? null : again.keys();
            });
            // deleted (or its key pair lost) in between: as unknown
            if (keys == null) return Optional.empty();
            if (keys.publicPem().equals(fresh.publicPem())) LOG.info("actor key created for older account account_id={}", accountId);
        }
        Loaded loaded = new Loaded(keys.publicPem(), RsaKeys.privateKey(keys.privatePem()));
        synchronized (cache) {
            cache.put(accountId, loaded);
        }
        return Optional.of(loaded);
    }

    private Loaded instanceKeys() {
        Loaded known = instance;
        if (known != null) return known;
        synchronized (this) {
            // one generation per process; other nodes are settled by the database
            if (instance != null) return instance;
            RsaKeys.PemPair keys = db.read(KeyRows::instance);
            if (keys == null) {
                RsaKeys.PemPair fresh = RsaKeys.generate();
                keys = db.transaction(tx -> {
                    KeyRows.insertInstanceIfAbsent(tx, fresh, clock.instant());
                    return KeyRows.instance(tx);
                });
                if (keys.publicPem().equals(fresh.publicPem())) LOG.info("instance actor key created");
            }
            instance = new Loaded(keys.publicPem(), RsaKeys.privateKey(keys.privatePem()));
            return instance;
        }
    }

    /** A public key as served, and its parsed private key; never printed. */
    private record Loaded(String publicPem, PrivateKey privateKey) {
        @Override
        public String toString() {
            return "Loaded[RSA]";
        }
    }
}
