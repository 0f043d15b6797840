package dev.farewatch.admission;

import dev.farewatch.config.AddressRanges;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTest {

    private static final AddressRanges PROXIES = AddressRanges.parse("10.0.0.0/8");

    @Test
    void withoutTrustedProxiesThePeerIsTheClientWhateverTheHeaderSays() {
        assertThat(ClientAddress.of("203.0.113.9", List.of("198.51.100.1"), AddressRanges.NONE)).isEqualTo("203.0.113.9");
    }

    @Test
    void anUntrustedPeersHeaderIsNotBelieved() {
        assertThat(ClientAddress.of("203.0.113.9", List.of("198.51.100.1"), PROXIES)).isEqualTo("203.0.113.9");
    }

    @Test
    void aTrustedProxyNamesTheClientItWasReachedFrom() {
        assertThat(ClientAddress.of("10.0.0.2", List.of("198.51.100.1"), PROXIES)).isEqualTo("198.51.100.1");
    }

    @Test
    void theHeaderIsReadFromTheRightSkippingTrustedProxiesOnly() {
        // The client wrote "1.1.1.1" itself; the first proxy appended 198.51.100.1, an inner one 10.0.0.7.
        assertThat(ClientAddress.of("10.0.0.2", List.of("1.1.1.1, 198.51.100.1", "10.0.0.7"), PROXIES))
                .isEqualTo("198.51.100.1");
    }

    @Test
    void aHopThatIsNoAddressEndsTheChain() {
        assertThat(ClientAddress.of("10.0.0.2", List.of("unknown, 10.0.0.7"), PROXIES)).isEqualTo("10.0.0.7");
    }
}
