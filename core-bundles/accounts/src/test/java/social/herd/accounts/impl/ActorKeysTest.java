package social.herd.accounts.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.herd.accounts.impl.keys.ActorKeyService;
import social.herd.api.auth.Role;
import social.herd.api.federation.ActorKeys;

/** Actor key pairs ({@link ActorKeys}) on real PostgreSQL. */
class ActorKeysTest {

    @TempDir
    static Path data;
    static Fixture f;

    @BeforeAll
    static void start() {
        f = new Fixture(data);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static long create(String username) {
        f.admin.create(username, username + "@example.org", Role.USER, true);
        return f.count("SELECT id FROM accounts WHERE domain IS NULL AND username = '" + username + "'");
    }

    /** An account as it was before key pairs existed: created, then its key row removed. */
    private static long older(String username) {
        long id = create(username);
        f.exec("DELETE FROM account_keys WHERE account_id = " + id);
        return id;
    }

    static PublicKey parse(String pem) throws Exception {
        assertThat(pem).startsWith(ActorKeys.PUBLIC_KEY_PEM_HEADER + "\n").endsWith("-----END PUBLIC KEY-----\n");
        String body = pem.replace(ActorKeys.PUBLIC_KEY_PEM_HEADER, "").replace("-----END PUBLIC KEY-----", "");
        body.lines().filter(l -> !l.isEmpty()).forEach(l -> assertThat(l.length()).isLessThanOrEqualTo(64));
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(body)));
    }

    static void assertPair(String pem, PrivateKey key) throws Exception {
        PublicKey pub = parse(pem);
        assertThat(((RSAPublicKey) pub).getModulus().bitLength()).isEqualTo(2048);
        assertThat(((RSAPrivateKey) key).getModulus()).isEqualTo(((RSAPublicKey) pub).getModulus());
        byte[] data = "(request-target): post /inbox".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(pub);
        verifier.update(data);
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void aNewAccountHasAKeyPairFromItsCreationThatSignsAndVerifies() throws Exception {
        long id = create("keyed");
        // written with the account, not on first use
        assertThat(f.count("SELECT count(*) FROM account_keys WHERE account_id = " + id)).isEqualTo(1);
        assertThat(f.count("SELECT count(*) FROM account_keys WHERE account_id = " + id
                + " AND private_key_pem LIKE '-----BEGIN PRIVATE KEY-----%'")).isEqualTo(1);
        String pem = f.keys.publicKeyPem(id).orElseThrow();
        assertPair(pem, f.keys.privateKey(id).orElseThrow());
        assertThat(f.keys.publicKeyPem(id)).contains(pem);
    }

    @Test
    void signUpsGetAKeyPairToo() throws Exception {
        long before = f.count("SELECT count(*) FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM account_keys k WHERE k.account_id = a.id) AND a.domain IS NULL");
        f.signUps.signUpWeb(new SignUpService.SignUp("signedup", "signedup@example.org", "correct horse battery staple",
                true, "en", null, null), "10.20.0.1");
        long id = f.count("SELECT id FROM accounts WHERE username = 'signedup'");
        assertThat(f.count("SELECT count(*) FROM account_keys WHERE account_id = " + id)).isEqualTo(1);
        assertThat(f.count("SELECT count(*) FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM account_keys k WHERE k.account_id = a.id) AND a.domain IS NULL"))
                .isEqualTo(before);
        assertPair(f.keys.publicKeyPem(id).orElseThrow(), f.keys.privateKey(id).orElseThrow());
    }

    @Test
    void twoAccountsHaveDifferentKeys() {
        long a = create("first"), b = create("second");
        assertThat(f.keys.publicKeyPem(a).orElseThrow()).isNotEqualTo(f.keys.publicKeyPem(b).orElseThrow());
        assertThat(f.keys.privateKey(a).orElseThrow()).isNotEqualTo(f.keys.privateKey(b).orElseThrow());
    }

    @Test
    void anOlderAccountGetsAKeyOnFirstUseAndKeepsIt() throws Exception {
        long id = older("oldtimer");
        String pem = f.keys.publicKeyPem(id).orElseThrow();
        assertThat(f.count("SELECT count(*) FROM account_keys WHERE account_id = " + id)).isEqualTo(1);
        assertThat(f.keys.publicKeyPem(id)).contains(pem);
        // also from the database, not just from this instance's memory
        ActorKeyService restarted = new ActorKeyService(f.db, Clock.systemUTC());
        assertThat(restarted.publicKeyPem(id)).contains(pem);
        assertPair(pem, restarted.privateKey(id).orElseThrow());
    }

    @Test
    void concurrentFirstUsesOfAnOlderAccountAgreeOnOneKey() throws Exception {
        long id = older("racer");
        // separate service instances: no shared in-memory cache, as on two nodes
        List<ActorKeyService> services = List.of(new ActorKeyService(f.db, Clock.systemUTC()),
                new ActorKeyService(f.db, Clock.systemUTC()), new ActorKeyService(f.db, Clock.systemUTC()));
        CyclicBarrier start = new CyclicBarrier(services.size());
        List<CompletableFuture<String>> answers = services.stream().map(s -> CompletableFuture.supplyAsync(() -> {
            try {
                start.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return s.publicKeyPem(id).orElseThrow();
        })).toList();
        List<String> pems = answers.stream().map(CompletableFuture::join).toList();
        assertThat(pems).allMatch(p -> p.equals(pems.get(0)));
        assertThat(f.keys.publicKeyPem(id)).contains(pems.get(0));
        assertThat(f.count("SELECT count(*) FROM account_keys WHERE account_id = " + id)).isEqualTo(1);
        for (ActorKeyService s : services) assertPair(pems.get(0), s.privateKey(id).orElseThrow());
    }

    @Test
    void unknownAndRemoteAccountsHaveNoKeys() {
        assertThat(f.keys.publicKeyPem(123_456_789L)).isEmpty();
        assertThat(f.keys.privateKey(123_456_789L)).isEmpty();
        long remote = f.ids.nextId();
        f.exec("INSERT INTO accounts (id, username, domain) VALUES (" + remote + ", 'alice', 'remote.example')");
        assertThat(f.keys.publicKeyPem(remote)).isEmpty();
        assertThat(f.keys.privateKey(remote)).isEmpty();
        // and asking wrote nothing for it
        assertThat(f.count("SELECT count(*) FROM account_keys WHERE account_id = " + remote)).isZero();
    }

    @Test
    void theInstanceKeyIsCreatedOnceAndStableAcrossRestarts() throws Exception {
        List<ActorKeyService> services = List.of(new ActorKeyService(f.db, Clock.systemUTC()),
                new ActorKeyService(f.db, Clock.systemUTC()));
        CyclicBarrier start = new CyclicBarrier(services.size());
        List<String> pems = services.stream().map(s -> CompletableFuture.supplyAsync(() -> {
            try {
                start.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return s.instancePublicKeyPem();
        })).toList().stream().map(CompletableFuture::join).toList();
        assertThat(pems.get(1)).isEqualTo(pems.get(0));
        assertThat(f.count("SELECT count(*) FROM instance_keys")).isEqualTo(1);
        // a new component instance on the same database: a restart
        ActorKeyService restarted = new ActorKeyService(f.db, Clock.systemUTC());
        assertThat(restarted.instancePublicKeyPem()).isEqualTo(pems.get(0));
        assertPair(pems.get(0), restarted.instancePrivateKey());
        // not any account's key
        long id = create("notinstance");
        assertThat(f.keys.publicKeyPem(id).orElseThrow()).isNotEqualTo(pems.get(0));
    }

    @Test
    void keysNeverPrintThemselves() {
        long id = create("quiet");
        assertThat(social.herd.accounts.impl.keys.RsaKeys.generate().toString()).doesNotContain("PRIVATE");
        assertThat(f.keys.privateKey(id).orElseThrow().getFormat()).isEqualTo("PKCS#8");
    }
}
