package social.herd.streaming.impl.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-address limits must count clients behind a trusted proxy, and never believe anyone else's header. */
class ClientAddressTest {

    final ClientAddress addresses = new ClientAddress(List.of("10.0.0.0/8", "::1", "not-an-address"));

    @Test
    void aTrustedProxysForwardedForIsReadFromTheRight() {
        assertThat(addresses.resolve("10.1.2.3", "203.0.113.7, 10.9.9.9")).isEqualTo("203.0.113.7");
        assertThat(addresses.resolve("::1", "[2001:db8::5]:443")).isEqualTo("2001:db8:0:0:0:0:0:5");
        assertThat(addresses.resolve("10.1.2.3", "198.51.100.1:5555")).isEqualTo("198.51.100.1");
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItClaims() {
        assertThat(addresses.resolve("192.0.2.10", "203.0.113.7")).isEqualTo("192.0.2.10");
        assertThat(addresses.resolve("10.1.2.3", "evil.example, cafe.face")).as("names are never resolved").isEqualTo("10.1.2.3");
        assertThat(addresses.resolve(null, null)).isEqualTo("unknown");
    }
}
