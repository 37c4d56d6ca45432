package social.herd.itests.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.herd.itests.Http;
import social.herd.itests.federation.FakePeer.Actor;

/**
 * A Herd without HERD_FEDERATION_ALLOW_PRIVATE (the production default) never makes a request to a
 * loopback address, whatever a user or a remote server names: a lookup answers 404, a signed
 * activity whose key would have to be fetched from loopback is refused, and the remote server, as
 * well as a bare TCP tripwire, sees no connection at all.
 */
class PrivateAddressTest {

    static FakePeer remote;
    static Actor mallory;
    static Peer herd;
    static Peer.User alice;
    static ServerSocket tripwire;
    static final AtomicInteger connections = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        remote = FakePeer.start();
        mallory = remote.actor("mallory");
        // counts TCP connections of any kind (an https attempt never reaches FakePeer's handler)
        tripwire = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!tripwire.isClosed()) {
                try (Socket s = tripwire.accept()) {
                    connections.incrementAndGet();
                } catch (IOException e) {
                    // closed at the end
                }
            }
        }, "tripwire");
        t.setDaemon(true);
        t.start();
        herd = Peer.start("127.0.0.1", "HERD_FEDERATION_ALLOW_PRIVATE", "false");
        alice = herd.user("alice");
    }

    @AfterAll
    static void stop() throws Exception {
        if (herd != null) herd.close();
        if (remote != null) remote.close();
        if (tripwire != null) tripwire.close();
    }

    @Test
    void loopbackAccountsAreNotLookedUpAndNothingIsContacted() {
        for (String acct : new String[] {mallory.acct(), "mallory@localhost:" + remote.port,
                "mallory@127.0.0.1:" + tripwire.getLocalPort(), "mallory@localhost:" + tripwire.getLocalPort()}) {
            Http.Reply r = alice.get("/api/v1/accounts/lookup?acct=" + Peer.enc(acct));
            assertThat(r.status()).as("%s: %s", acct, r.body()).isEqualTo(404);
        }
        Http.Reply search = alice.get("/api/v2/search?resolve=true&q=" + Peer.enc(mallory.id()));
        assertThat(search.status()).as(search.body()).isIn(200, 404);
        if (search.status() == 200) assertThat(search.json().get("accounts")).isEmpty();
        Http.Reply byHandle = alice.get("/api/v2/search?resolve=true&q=" + Peer.enc("@" + mallory.acct()));
        if (byHandle.status() == 200) assertThat(byHandle.json().get("accounts")).isEmpty();

        // an activity whose signing key lives on loopback cannot be verified: refused, key not fetched
        String follow = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + remote.base()
                + "/activities/follow-1\",\"type\":\"Follow\",\"actor\":\"" + mallory.id() + "\",\"object\":\""
                + herd.publicUrl + "/users/alice\"}";
        Http.Reply inbox = herd.http.send(FakePeer.post(herd.publicUrl + "/users/alice/inbox", follow, mallory).builder());
        assertThat(inbox.status()).as(inbox.body()).isEqualTo(401);

        assertThat(remote.received).as("the loopback peer saw no request").isEmpty();
        assertThat(connections.get()).as("no connection to loopback at all").isZero();
        assertThat(alice.ok(alice.get("/api/v1/accounts/" + alice.id + "/followers"))).isEmpty();
        assertThat(herd.serverErrors()).isEmpty();
    }
}
