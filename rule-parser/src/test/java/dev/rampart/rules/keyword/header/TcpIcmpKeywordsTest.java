package dev.rampart.rules.keyword.header;

import static dev.rampart.rules.keyword.KeywordTests.canonical;
import static dev.rampart.rules.keyword.KeywordTests.option;
import static dev.rampart.rules.keyword.KeywordTests.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.rules.keyword.Uint;
import dev.rampart.rules.keyword.UintOption;
import org.junit.jupiter.api.Test;

/** seq, ack, window, tcp.mss, itype, icode, icmp_id, icmp_seq. */
class TcpIcmpKeywordsTest {

    @Test
    void seqAndAck() throws Exception {
        assertEquals(new SeqOption(3964863680L), option("tcp", "seq:3964863680;", SeqOption.class));
        assertEquals(new AckOption(0), option("tcp", "ack:0;", AckOption.class));
        assertEquals(new SeqOption(1), option("tcp", "seq:+1;", SeqOption.class));
        assertEquals(new AckOption(4294967295L), option("tcp", "ack:4294967295;", AckOption.class));
        for (String bad : new String[] {"4294967296", ">5", "!5", "\"5\"", "0x10", "-1", "1-5"}) {
            rejected("tcp", "seq:" + bad + ";", "seq");
            rejected("tcp", "ack:" + bad + ";", "ack");
        }
    }

    @Test
    void window() throws Exception {
        assertEquals(new WindowOption(false, 2048), option("tcp", "window:2048;", WindowOption.class));
        assertEquals(new WindowOption(true, 0), option("tcp", "window:!0;", WindowOption.class));
        assertEquals("window:!5", canonical(option("tcp", "window:! 5;", WindowOption.class)));
        for (String bad : new String[] {"65536", ">5", "0x10", "!", "-1", "1 2", "\"5\""}) {
            rejected("tcp", "window:" + bad + ";", "window");
        }
    }

    @Test
    void tcpMss() throws Exception {
        assertEquals(new UintOption("tcp.mss", new Uint(Uint.Mode.LT, 536, 536)),
                option("tcp", "tcp.mss:<536;", UintOption.class));
        rejected("tcp", "tcp.mss:65536;", "tcp.mss");
        rejected("tcp", "tcp.mss:>65535;", "tcp.mss");
    }

    @Test
    void itypeIcode() throws Exception {
        assertEquals(new UintOption("itype", Uint.eq(8)), option("icmp", "itype:8;", UintOption.class));
        assertEquals("icode:>0", canonical(option("icmp", "icode:>0;", UintOption.class)));
        assertEquals("itype:1<>10", canonical(option("icmp", "itype:1-10;", UintOption.class)));
        assertEquals("icode:>254", canonical(option("icmp", "icode:>254;", UintOption.class)));
        for (String bad : new String[] {"<0", "256", "\"8\"", ">255", ">=0", "0<>1"}) {
            rejected("icmp", "itype:" + bad + ";", "itype");
        }
    }

    @Test
    void icmpIdSeq() throws Exception {
        assertEquals(new IcmpIdOption(666), option("icmp", "icmp_id:666;", IcmpIdOption.class));
        assertEquals(new IcmpSeqOption(0), option("icmp", "icmp_seq:0;", IcmpSeqOption.class));
        assertEquals(new IcmpIdOption(5), option("icmp", "icmp_id: 5 ;", IcmpIdOption.class));
        for (String bad : new String[] {"65536", ">5", "!5", "\"5\"", "0x5"}) {
            rejected("icmp", "icmp_id:" + bad + ";", "icmp_id");
            rejected("icmp", "icmp_seq:" + bad + ";", "icmp_seq");
        }
    }
}
