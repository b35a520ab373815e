package io.github.cimflow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected strings are what C's printf("%g") prints for the same doubles (glibc). */
class CFormatTest {
    @ParameterizedTest
    @CsvSource({
        "2.08837, 2.08837",
        "2.0883749, 2.08837",
        "2.0883751, 2.08838",
        "0.52, 0.52",
        "100, 100",
        "123456, 123456",
        "1234567, 1.23457e+06",
        "0.0001, 0.0001",
        "0.00001, 1e-05",
        "4.4e-05, 4.4e-05",
        "0.000123456789, 0.000123457",
        "1e20, 1e+20",
        "-3.5, -3.5",
        "0, 0",
        "999999.5, 1e+06",
        "2.5, 2.5",
    })
    void g6MatchesPrintf(double value, String expected) {
        assertEquals(expected, CFormat.g6(value));
    }

    @ParameterizedTest
    @CsvSource({"4420.48953, 4420.4895", "0.53190, 0.5319", "9231608896.0073, 9231608896.0073"})
    void f4UsesPointAndFourDecimals(double value, String expected) {
        assertEquals(expected, CFormat.f4(value));
    }
}
