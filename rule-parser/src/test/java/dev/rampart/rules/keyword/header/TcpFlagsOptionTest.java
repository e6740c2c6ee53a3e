package dev.rampart.rules.keyword.header;

import static dev.rampart.rules.keyword.KeywordTests.canonical;
import static dev.rampart.rules.keyword.KeywordTests.option;
import static dev.rampart.rules.keyword.KeywordTests.rejected;
import static dev.rampart.rules.keyword.header.TcpFlagsOption.ACK;
import static dev.rampart.rules.keyword.header.TcpFlagsOption.CWR;
import static dev.rampart.rules.keyword.header.TcpFlagsOption.ECE;
import static dev.rampart.rules.keyword.header.TcpFlagsOption.PSH;
import static dev.rampart.rules.keyword.header.TcpFlagsOption.RST;
import static dev.rampart.rules.keyword.header.TcpFlagsOption.SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.keyword.header.FragbitsOption.Modifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TcpFlagsOptionTest {

    @Test
    void synIgnoringReservedBits() throws Exception {
        TcpFlagsOption f = option("tcp", "flags:S,12;", TcpFlagsOption.class);
        assertEquals(new TcpFlagsOption(Modifier.EXACT, SYN, CWR | ECE), f);
        assertEquals("tcp.flags:S,CE", canonical(f));
        assertTrue(f.matches(SYN));
        assertTrue(f.matches(SYN | CWR | ECE));
        assertFalse(f.matches(SYN | ACK));
    }

    @Test
    void modifiers() throws Exception {
        TcpFlagsOption plus = option("tcp", "flags:AP+;", TcpFlagsOption.class);
        assertEquals(new TcpFlagsOption(Modifier.PLUS, ACK | PSH, 0), plus);
        assertTrue(plus.matches(ACK | PSH | SYN));
        assertFalse(plus.matches(ACK));
        TcpFlagsOption any = option("tcp", "flags:*FSR,12;", TcpFlagsOption.class);
        assertTrue(any.matches(RST));
        TcpFlagsOption not = option("tcp", "tcp.flags:!U;", TcpFlagsOption.class);
        assertTrue(not.matches(ACK));
        TcpFlagsOption none = option("tcp", "flags:0;", TcpFlagsOption.class);
        assertTrue(none.matches(0));
        assertFalse(none.matches(ACK));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        "S => tcp.flags:S",
        "SA => tcp.flags:SA",
        "PA12 => tcp.flags:PACE",
        "SFU12 => tcp.flags:FSUCE",
        "A+ => tcp.flags:+A",
        "+A => tcp.flags:+A",
        "S+A => tcp.flags:+SA",
        "!A,12 => tcp.flags:!A,CE",
        "0,12 => tcp.flags:0,CE",
        "0S => tcp.flags:S",
        "S0 => tcp.flags:0",
        "SS => tcp.flags:S",
        "S, 12 => tcp.flags:S,CE",
        "S,A => tcp.flags:S,A",
        "R,A => tcp.flags:R,A",
        "SRAFPU,12 => tcp.flags:FSRPAU,CE",
        "1 => tcp.flags:C",
        "2 => tcp.flags:E",
        "CE => tcp.flags:CE",
        "SAPRFU12CE0SAP => tcp.flags:SPA",
    })
    void forms(String value, String canon) throws Exception {
        assertEquals(canon, canonical(option("tcp", "flags:" + value + ";", TcpFlagsOption.class)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"s", "S,", "S,X", "X", "+*S", "S,+", "+", "!", "S,0", "S A", "\"S\"",
        "SAPRFU12CE0SAPRF", "S,SAPRFU12CESAPRFU"})
    void refused(String value) {
        rejected("tcp", "flags:" + value + ";", "tcp.flags");
    }
}
