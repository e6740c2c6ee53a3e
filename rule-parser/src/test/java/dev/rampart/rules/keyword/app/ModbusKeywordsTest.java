package dev.rampart.rules.keyword.app;

import static dev.rampart.rules.keyword.KeywordTests.canonical;
import static dev.rampart.rules.keyword.KeywordTests.option;
import static dev.rampart.rules.keyword.KeywordTests.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code modbus:} ({@link ModbusOption}). What loads and what does not is suricata-oracle -T's verdict
 * (7.0.10) on the same values.
 */
class ModbusKeywordsTest {
    @Test
    void functionNumberSubfunctionAndCategory() throws Exception {
        ModbusOption f = option("modbus", "modbus: function 8, subfunction 4;", ModbusOption.class);
        assertEquals(8, f.function());
        assertEquals(4, f.subfunction());
        assertEquals(-1, f.category());
        assertEquals("modbus:function 8, subfunction 4", canonical(f));
        assertEquals(1, option("modbus", "modbus: function assigned;", ModbusOption.class).category());
        assertEquals(0xFE, option("modbus", "modbus: function !assigned;", ModbusOption.class).category());
        assertEquals(3, option("modbus", "modbus: function public;", ModbusOption.class).category());
        // a subfunction after a category is accepted and ignored
        assertEquals(-1, option("modbus", "modbus: function assigned, subfunction 3;", ModbusOption.class).subfunction());
        assertEquals(7, option("modbus", "modbus: function 007;", ModbusOption.class).function());
    }

    @Test
    void accessWithAddressAndValueRanges() throws Exception {
        ModbusOption a = option("modbus", "modbus: access write holding, address 100, value 500<>1000;", ModbusOption.class);
        assertEquals(2 | 32, a.access());
        assertEquals(100, a.addressStart());
        assertEquals(100, a.addressEnd());
        assertEquals(500, a.valueStart());
        assertEquals(1000, a.valueEnd());
        ModbusOption r = option("modbus", "modbus: access read coils, address <5;", ModbusOption.class);
        assertEquals(0, r.addressStart());
        assertEquals(5, r.addressEnd());
        assertEquals(1, option("modbus", "modbus: accessread;", ModbusOption.class).access());
    }

    @Test
    void unitWithAFunctionOrAccess() throws Exception {
        ModbusOption u = option("modbus", "modbus: unit >9, access read coils, address 0<>2;", ModbusOption.class);
        assertEquals(9, u.unitStart());
        assertEquals(0xFFFF, u.unitEnd());
        assertEquals(1 | 8, u.access());
        ModbusOption v = option("modbus", "modbus: unit 5<>3;", ModbusOption.class);
        assertEquals(5, v.unitStart());
        assertEquals(3, v.unitEnd());
        ModbusOption w = option("modbus", "modbus: unit 1, function 8, subfunction 4;", ModbusOption.class);
        assertEquals(8, w.function());
    }

    @ParameterizedTest
    @ValueSource(strings = {"function 0", "function !1", "function 256", "function Assigned", "function x",
        "function _", "access write discretes", "access write input", "access read, address 1, value 5",
        "access write, address 1<>5, value 3", "access write, address >5, value 3", "unit 70000", "unit 65536",
        "function 8, subfunction 70000", "unit 1, unit 2", "unit <5<>9", "unit 1, ",
        "access read coils, address 5<>", "access  write   coils ,address 3", "access write coils, address 1, value 2, ",
        "\"function 43\""})
    void refused(String value) {
        rejected("modbus", "modbus: " + value + ";");
    }

    @Test
    void anotherProtocolIsRefused() {
        rejected("http", "modbus: function 1;", "can't set rule app proto");
    }
}
