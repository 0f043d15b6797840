package dev.farewatch.redis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisAddressTest {

    @Test
    void readsHostAndPort() {
        assertThat(RedisAddress.parse("redis://cache.internal:6380"))
                .isEqualTo(new RedisAddress(false, "cache.internal", 6380, null, null, 0));
    }

    @Test
    void defaultsThePortTo6379() {
        assertThat(RedisAddress.parse("redis://localhost").port()).isEqualTo(6379);
    }

    @Test
    void readsUserPasswordDatabaseAndTls() {
        assertThat(RedisAddress.parse("rediss://fares:s%40cret@10.0.0.5:6390/2"))
                .isEqualTo(new RedisAddress(true, "10.0.0.5", 6390, "fares", "s@cret", 2));
    }

    @Test
    void aPasswordAloneIsForTheDefaultUser() {
        RedisAddress address = RedisAddress.parse("redis://:secret@localhost:6379");

        assertThat(address.user()).isNull();
        assertThat(address.password()).isEqualTo("secret");
    }

    @Test
    void takesAnIpv6Literal() {
        assertThat(RedisAddress.parse("redis://[::1]:6379").host()).isEqualTo("::1");
    }

    @Test
    void neverShowsThePassword() {
        assertThat(RedisAddress.parse("redis://fares:secret@localhost:6379/1")).hasToString("redis://fares:***@localhost:6379/1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:6379", "http://localhost:6379", "redis://", "redis://localhost:6379/zero",
            "redis://localhost:6379/-1", "redis:// spaces"})
    void refusesWhatIsNotARedisUrlNamingTheSetting(String url) {
        assertThatThrownBy(() -> RedisAddress.parse(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FAREWATCH_REDIS_URL");
    }

    @Test
    void aRefusedUrlIsShownWithoutItsPassword() {
        assertThatThrownBy(() -> RedisAddress.parse("http://fares:secret@localhost"))
                .hasMessageNotContaining("secret");
    }
}
