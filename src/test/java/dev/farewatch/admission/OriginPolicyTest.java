package dev.farewatch.admission;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OriginPolicyTest {

    private final OriginPolicy defaults = new OriginPolicy(List.of(), true);
    private final OriginPolicy configured = new OriginPolicy(List.of("https://fares.example.com/", "http://intranet:8080"), false);

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost", "http://localhost:3000", "https://127.0.0.1:8443", "http://[::1]:8080", "HTTP://LOCALHOST:80"})
    void allowsPagesOnThisMachineOnAnyPort(String origin) {
        assertThat(defaults.allows(origin, "fares.example.com")).isTrue();
    }

    @Test
    void allowsTheServersOwnOrigin() {
        assertThat(defaults.allows("https://fares.example.com", "fares.example.com")).isTrue();
        assertThat(defaults.allows("http://fares.example.com:8080", "fares.example.com:8080")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example", "https://fares.example.com.evil.example", "https://evil.example/fares.example.com",
            "http://localhost.evil.example", "https://user@localhost", "null", "file://", "ftp://localhost", "not a uri", "https://"})
    void refusesEveryOtherOrigin(String origin) {
        assertThat(defaults.allows(origin, "fares.example.com")).isFalse();
    }

    @Test
    void theServersOwnOriginMustMatchItsPortToo() {
        assertThat(defaults.allows("http://fares.example.com:9999", "fares.example.com:8080")).isFalse();
    }

    @Test
    void allowsConfiguredOriginsExactlyAndNothingThatMerelyContainsThem() {
        assertThat(configured.allows("https://fares.example.com", null)).isTrue();
        assertThat(configured.allows("http://intranet:8080", null)).isTrue();
        assertThat(configured.allows("https://fares.example.com.evil.example", null)).isFalse();
        assertThat(configured.allows("http://intranet:8081", null)).isFalse();
        assertThat(configured.allows("https://sub.fares.example.com", null)).isFalse();
    }

    @Test
    void aMissingOriginIsAcceptedOnlyWhenConfiguredSo() {
        assertThat(defaults.allows(null, null)).isTrue();
        assertThat(defaults.allows(" ", null)).isTrue();
        assertThat(configured.allows(null, null)).isFalse();
    }
}
