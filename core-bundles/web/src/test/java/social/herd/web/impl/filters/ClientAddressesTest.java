package social.herd.web.impl.filters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    @Test
    void peerIsTheClientWhenNoProxyIsTrusted() {
        ClientAddresses addresses = new ClientAddresses(List.of());

        assertThat(addresses.resolve("192.0.2.1", "203.0.113.5")).isEqualTo("192.0.2.1");
        assertThat(addresses.resolve(null, null)).isEqualTo("unknown");
    }

    @Test
    void forwardedForIsWalkedFromTheRightSkippingTrustedHops() {
        ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8", "2001:db8::/32", "192.0.2.9", "nonsense"));

        assertThat(addresses.resolve("10.0.0.1", "198.51.100.1, 203.0.113.5, 10.2.2.2")).isEqualTo("203.0.113.5");
        assertThat(addresses.resolve("192.0.2.9", "203.0.113.5:4711")).isEqualTo("203.0.113.5");
        assertThat(addresses.resolve("2001:db8::1", "[2001:db9::7]")).isEqualTo("2001:db9:0:0:0:0:0:7");
        assertThat(addresses.resolve("10.0.0.1", "10.3.3.3")).isEqualTo("10.3.3.3");
        assertThat(addresses.resolve("10.0.0.1", "evil.example, 10.3.3.3")).isEqualTo("10.3.3.3");
        assertThat(addresses.resolve("192.0.2.10", "203.0.113.5")).isEqualTo("192.0.2.10");
    }

    @Test
    void cidrBoundaries() {
        ClientAddresses addresses = new ClientAddresses(List.of("172.16.0.0/12"));

        assertThat(addresses.isTrusted(ClientAddresses.literal("172.31.255.255"))).isTrue();
        assertThat(addresses.isTrusted(ClientAddresses.literal("172.32.0.0"))).isFalse();
        assertThat(addresses.isTrusted(ClientAddresses.literal("172.15.255.255"))).isFalse();
        assertThat(ClientAddresses.literal("localhost")).isNull();
    }

    @Test
    void routeTemplatesDropParameterRegexes() throws Exception {
        class Res {
            @jakarta.ws.rs.Path("{id: [0-9]+}/statuses/")
            public void m() {
            }
        }
        @jakarta.ws.rs.Path("/api/v1/accounts/")
        class Annotated extends Res {
        }
        assertThat(RouteTemplates.build(Annotated.class, Res.class.getMethod("m")))
                .isEqualTo("/api/v1/accounts/{id}/statuses");
        assertThat(new RouteTemplates().of(null, null)).isEqualTo("unmatched");
    }
}
