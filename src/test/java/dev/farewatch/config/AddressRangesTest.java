package dev.farewatch.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AddressRangesTest {

    @Test
    void aBlockHoldsTheAddressesUnderItsPrefix() {
        AddressRanges ranges = AddressRanges.parse("10.1.0.0/16, 192.168.7.9");

        assertThat(ranges.test("10.1.255.3")).isTrue();
        assertThat(ranges.test("10.2.0.1")).isFalse();
        assertThat(ranges.test("192.168.7.9")).isTrue();
        assertThat(ranges.test("192.168.7.10")).isFalse();
    }

    @Test
    void aPrefixNeedNotEndOnAByte() {
        AddressRanges ranges = AddressRanges.parse("172.16.0.0/12");

        assertThat(ranges.test("172.31.255.255")).isTrue();
        assertThat(ranges.test("172.32.0.0")).isFalse();
    }

    @Test
    void privateCoversLoopbackRfc1918AndIpv6LocalAddresses() {
        AddressRanges ranges = AddressRanges.parse("private");

        assertThat(ranges.test("127.0.0.1")).isTrue();
        assertThat(ranges.test("10.0.0.1")).isTrue();
        assertThat(ranges.test("::1")).isTrue();
        assertThat(ranges.test("fd12:3456::1")).isTrue();
        assertThat(ranges.test("8.8.8.8")).isFalse();
        assertThat(ranges.test("2001:db8::1")).isFalse();
    }

    @Test
    void anIpv4MappedIpv6AddressIsItsIpv4One() {
        assertThat(AddressRanges.parse("loopback").test("::ffff:127.0.0.1")).isTrue();
    }

    @Test
    void namesAndGarbageAreInNoSetAndNeverLookedUp() {
        AddressRanges any = AddressRanges.parse("any");

        assertThat(any.test("localhost")).isFalse();
        // Shaped like addresses, but not: InetAddress would ask the name service about these.
        assertThat(any.test("999.1.1.1")).isFalse();
        assertThat(any.test("300.300.300.300")).isFalse();
        assertThat(any.test("1.2.3")).isFalse();
        assertThat(any.test("unknown")).isFalse();
        assertThat(any.test(null)).isFalse();
        assertThat(any.test("1.2.3.4")).isTrue();
    }

    @Test
    void noneAndNothingAreEmpty() {
        assertThat(AddressRanges.parse("none").isEmpty()).isTrue();
        assertThat(AddressRanges.parse("").test("127.0.0.1")).isFalse();
    }

    @Test
    void anEntryThatIsNotAnAddressIsRefusedNamingIt() {
        assertThatThrownBy(() -> AddressRanges.parse("10.0.0.0/8, proxy.local")).hasMessageContaining("proxy.local");
        assertThatThrownBy(() -> AddressRanges.parse("10.0.0.0/33")).hasMessageContaining("prefix length");
    }
}
