package aftersales.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Words: money is minor units of an ISO-4217 currency; amounts are never negative and never mix currencies. */
class MoneyTest {

    private static final Money USD_10 = Money.of(1_000, "USD");
    private static final Money EUR_10 = Money.of(1_000, "EUR");

    @Test
    void keepsAmountsInMinorUnitsOfTheCurrency() {
        Money m = Money.of(1_050, "USD");
        assertEquals(1_050L, m.minorUnits());
        assertEquals(Currency.getInstance("USD"), m.currency());
        Money yen = Money.of(500, "JPY");
        assertEquals(500L, yen.minorUnits());
        assertEquals(Currency.getInstance("JPY"), yen.currency());
    }

    @Test
    void zeroIsZeroAndNotPositive() {
        Money zero = Money.zero(Currency.getInstance("EUR"));
        assertEquals(0L, zero.minorUnits());
        assertTrue(zero.isZero());
        assertFalse(zero.isPositive());
        assertTrue(Money.of(1, "EUR").isPositive());
        assertFalse(Money.of(1, "EUR").isZero());
    }

    @Test
    void moneyIsNeverNegative() {
        assertThrows(IllegalArgumentException.class, () -> Money.of(-1, "USD"));
        assertThrows(IllegalArgumentException.class, () -> new Money(Long.MIN_VALUE, Currency.getInstance("USD")));
        assertThrows(NullPointerException.class, () -> new Money(1, null));
    }

    @Test
    void plusAndMinusWorkInMinorUnits() {
        assertEquals(Money.of(1_250, "USD"), USD_10.plus(Money.of(250, "USD")));
        assertEquals(Money.of(750, "USD"), USD_10.minus(Money.of(250, "USD")));
        assertEquals(Money.of(0, "USD"), USD_10.minus(USD_10));
    }

    @Test
    void minusBelowZeroThrowsBecauseMoneyIsNeverNegative() {
        assertThrows(IllegalArgumentException.class, () -> USD_10.minus(Money.of(1_001, "USD")));
    }

    @Test
    void plusAcrossCurrenciesThrows() {
        assertThrows(IllegalArgumentException.class, () -> USD_10.plus(EUR_10));
    }

    @Test
    void minusAcrossCurrenciesThrows() {
        assertThrows(IllegalArgumentException.class, () -> USD_10.minus(EUR_10));
    }

    @Test
    void compareAcrossCurrenciesThrows() {
        assertThrows(IllegalArgumentException.class, () -> USD_10.compareTo(EUR_10));
        assertThrows(IllegalArgumentException.class, () -> USD_10.isGreaterThan(EUR_10));
    }

    @Test
    void sameCurrencyAsComparesCurrencyOnly() {
        assertTrue(USD_10.sameCurrencyAs(Money.of(1, "USD")));
        assertFalse(USD_10.sameCurrencyAs(EUR_10));
    }

    @Test
    void comparesByMinorUnitsWithinOneCurrency() {
        assertTrue(Money.of(1_001, "USD").isGreaterThan(USD_10));
        assertFalse(USD_10.isGreaterThan(USD_10));
        assertFalse(Money.of(999, "USD").isGreaterThan(USD_10));
        assertEquals(0, USD_10.compareTo(Money.of(1_000, "USD")));
        assertTrue(Money.of(999, "USD").compareTo(USD_10) < 0);
        assertTrue(Money.of(1_001, "USD").compareTo(USD_10) > 0);
    }

    @Test
    void overflowOnPlusThrowsInsteadOfWrapping() {
        Money max = new Money(Long.MAX_VALUE, Currency.getInstance("USD"));
        assertThrows(ArithmeticException.class, () -> max.plus(Money.of(1, "USD")));
        assertEquals(Long.MAX_VALUE, max.plus(Money.of(0, "USD")).minorUnits());
    }

    @ParameterizedTest
    @ValueSource(strings = {"USD", "EUR", "JPY", "GBP", "CNY"})
    void parsesKnownUpperCaseIso4217Codes(String code) {
        assertEquals(Currency.getInstance(code), Money.currency(code));
        assertEquals(code, Money.of(1, code).currency().getCurrencyCode());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"usd", "Usd", "uSD", "XXXX", "US", "U5D", " USD", "USD ", "ABC", "QQQ"})
    void rejectsAnythingButAKnownUpperCaseIso4217Code(String code) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Money.currency(code));
        assertTrue(e.getMessage().contains("ISO-4217"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Money.of(1, code));
    }
}
