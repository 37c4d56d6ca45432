package social.herd.federation.impl.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Which addresses are internal; literals only, so no DNS is needed. */
class AddressPolicyTest {
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "100.64.0.1", "100.127.255.254", "169.254.169.254", "0.0.0.0", "224.0.0.1", "255.255.255.255",
            "192.0.0.8", "198.18.0.1", "::1", "::", "fe80::1", "fc00::1", "fd00:ec2::254", "ff02::1",
            "::ffff:10.0.0.1", "64:ff9b::a9fe:a9fe", "2002:c0a8:0101::1", "2001:db8::1"})
    void internal(String ip) throws Exception {
        assertThat(AddressPolicy.isInternal(InetAddress.getByName(ip))).as(ip).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.1.1.1", "93.184.216.34", "172.32.0.1", "100.128.0.1", "192.169.0.1",
            "2606:4700:4700::1111", "64:ff9b::101:101"})
    void external(String ip) throws Exception {
        assertThat(AddressPolicy.isInternal(InetAddress.getByName(ip))).as(ip).isFalse();
    }

    @Test
    void urls() throws Exception {
        AddressPolicy strict = new AddressPolicy(FetchSettings.defaults());
        for (String u : new String[] {"ftp://1.1.1.1/", "file:///etc/passwd", "https://user:pw@1.1.1.1/", "mailto:a@b"}) {
            assertThatThrownBy(() -> strict.check(URI.create(u))).as(u)
                    .hasFieldOrPropertyWithValue("reason", FetchException.Reason.BAD_URL);
        }
        assertThatThrownBy(() -> strict.check(URI.create("http://localhost:8080/x")))
                .hasFieldOrPropertyWithValue("reason", FetchException.Reason.FORBIDDEN_ADDRESS);
        assertThatThrownBy(() -> strict.check(URI.create("http://[::1]/x")))
                .hasFieldOrPropertyWithValue("reason", FetchException.Reason.FORBIDDEN_ADDRESS);
        strict.check(URI.create("https://1.1.1.1/"));
        new AddressPolicy(FetchSettings.defaults().withAllowedHosts(Set.of("LOCALHOST"))).check(URI.create("http://localhost/"));
        new AddressPolicy(FetchSettings.defaults().withAllowPrivate(true)).check(URI.create("http://10.0.0.1/"));
    }
}
