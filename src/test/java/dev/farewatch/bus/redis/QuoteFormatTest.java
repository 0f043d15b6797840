package dev.farewatch.bus.redis;

import dev.farewatch.bus.Quote;
import dev.farewatch.flight.FlightId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuoteFormatTest {

    private static final FlightId LH400 = new FlightId("LH", 400, LocalDate.of(2026, 12, 24));

    @Test
    void readsAQuoteAsTheScriptWritesIt() {
        assertThat(QuoteFormat.parse("LH400-2026-12-24 3k9x0q2m 42 1796045189340 41237 -310 EUR"))
                .isEqualTo(new Quote(LH400, new BigDecimal("412.37"), Currency.getInstance("EUR"), 1796045189340L, "3k9x0q2m", 42,
                        new BigDecimal("-3.10")));
    }

    @Test
    void aCurrencyWithoutMinorUnitsKeepsWholeNumbers() {
        Quote yen = QuoteFormat.parse("LH400-2026-12-24 e 0 1 84500 0 JPY");

        assertThat(yen.price()).isEqualTo(new BigDecimal("84500"));
        assertThat(QuoteFormat.minorUnits(new BigDecimal("84500"), Currency.getInstance("JPY"))).isEqualTo("84500");
    }

    @Test
    void writesPricesInMinorUnits() {
        assertThat(QuoteFormat.minorUnits(new BigDecimal("412.37"), Currency.getInstance("EUR"))).isEqualTo("41237");
        assertThat(QuoteFormat.minorUnits(new BigDecimal("412.4"), Currency.getInstance("EUR"))).isEqualTo("41240");
    }

    @Test
    void refusesAPriceFinerThanItsCurrency() {
        assertThatThrownBy(() -> QuoteFormat.minorUnits(new BigDecimal("412.375"), Currency.getInstance("EUR")))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void refusesWhatIsNotAQuote() {
        assertThatThrownBy(() -> QuoteFormat.parse("hello")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QuoteFormat.parse("XX 3k 42 1 41237 -310 EUR")).isInstanceOf(IllegalArgumentException.class);
    }
}
