package dev.farewatch.flight;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class FlightIdTest {

    @Test
    void readsCarrierNumberAndDepartureDate() {
        FlightId id = FlightId.parse("LH400-2026-12-24").orElseThrow();

        assertThat(id.carrier()).isEqualTo("LH");
        assertThat(id.flightNumber()).isEqualTo(400);
        assertThat(id.departureDate()).isEqualTo(LocalDate.of(2026, 12, 24));
        assertThat(id.designator()).isEqualTo("LH400");
    }

    @ParameterizedTest
    @ValueSource(strings = {"LH400-2026-12-24", "U21-2027-01-02", "9W9999-2026-02-28", "BA1-2028-02-29"})
    void writesBackWhatItRead(String text) {
        assertThat(FlightId.parse(text).orElseThrow()).hasToString(text);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"LH400", "lh400-2026-12-24", "LH-2026-12-24", "LH12345-2026-12-24", "LHA400-2026-12-24",
            "LH400-2026-02-30", "LH400-2026-13-01", "LH400-26-12-24", "LH400 2026-12-24", " LH400-2026-12-24",
            "LH400-2026-12-24\n", "LH0-2026-12-24", "LH0400-2026-12-24", "LH400-2026-12-24-1"})
    void refusesAnythingElse(String text) {
        assertThat(FlightId.parse(text)).isEmpty();
    }
}
