package dev.rampart.engine.detect.keyword;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequiresKeywordTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            ">= 8; true",
            ">= 8.0.1; false",
            "< 8; false",
            ">= 7.0.3 < 8 | >= 9; false",
            ">= 7.0.3 < 8 | >= 8 < 9; true",
            "= 8; true",
            "= 8.0.0; true",
            ">7 <=8.0.0; true",
            "> 8; false"})
    void versionAgainstEight(String expr, boolean expected) {
        assertEquals(expected, RequiresKeyword.versionMatches(expr, new int[] {8, 0, 0}));
    }
}
