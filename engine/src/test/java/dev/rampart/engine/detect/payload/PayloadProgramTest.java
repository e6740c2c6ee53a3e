package dev.rampart.engine.detect.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.rules.Buffer;
import dev.rampart.rules.PayloadOption;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleParser;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadProgramTest {

    private static PayloadProgram program(String rule, String buffer) throws Exception {
        Rule r = new RuleParser().parse(rule);
        List<PayloadOption> options = r.optionsOf(PayloadOption.class).stream()
                .filter(o -> o.buffer().name().equals(buffer)).map(o -> (PayloadOption) o).toList();
        return PayloadProgram.compile(options);
    }

    private static PayloadProgram payload(String options) throws Exception {
        return program("alert udp any any -> any any (" + options + " sid:1;)", Buffer.PAYLOAD_NAME);
    }

    private static boolean match(PayloadProgram p, String data, InspectScratch s) {
        byte[] b = data.getBytes(StandardCharsets.ISO_8859_1);
        return p.match(b, 0, b.length, s);
    }

    @Test
    void bsizeConditionsTheWholeBuffer() throws Exception {
        PayloadProgram p = program("alert http any any -> any any (http.uri; content:\"a\"; bsize:<5; sid:1;)",
                "http.uri");
        assertTrue(p.isCompilable(), p.uncompilableReason());
        InspectScratch s = new InspectScratch();
        assertTrue(match(p, "/a", s));
        assertFalse(match(p, "/abcdef", s));
        PayloadProgram exact = program("alert http any any -> any any (http.uri; bsize:0; sid:1;)", "http.uri");
        assertTrue(exact.match(new byte[0], 0, 0, s));
    }

    @Test
    void emptyProgramMatches() {
        assertTrue(PayloadProgram.compile(List.of()).match(new byte[0], 0, 0, new InspectScratch()));
    }

    @Test
    void dceAndForeignVariablesAndMixedBuffersAreUncompilable() throws Exception {
        PayloadProgram dce = program("alert dcerpc any any -> any any (content:\"a\"; byte_test:1,=,1,0,relative,dce; sid:1;)",
                Buffer.PAYLOAD_NAME);
        assertFalse(dce.isCompilable());
        assertTrue(dce.uncompilableReason().contains("dce"));
        assertFalse(dce.match(new byte[] {'a', 1}, 0, 2, new InspectScratch()));

        Rule r = new RuleParser().parse("alert http any any -> any any (http.uri; byte_extract:1,0,v; "
                + "http.host; content:\"a\"; offset:v; sid:1;)");
        List<PayloadOption> all = r.optionsOf(PayloadOption.class).stream().map(o -> (PayloadOption) o).toList();
        assertTrue(PayloadProgram.compile(all).uncompilableReason().contains("more than one buffer"));
        List<PayloadOption> host = all.stream().filter(o -> o.buffer().name().equals("http.host")).toList();
        assertTrue(PayloadProgram.compile(host).uncompilableReason().contains("variable v"));
    }

    @Test
    void recursionLimitEndsTheInspection() throws Exception {
        PayloadProgram p = payload("content:\"a\"; content:\"a\"; within:1; content:\"b\"; within:1;");
        InspectScratch small = new InspectScratch(50, InspectScratch.DEFAULT_PCRE_BUDGET);
        assertFalse(match(p, "a".repeat(100) + "b", small));
        assertEquals(1, small.recursionLimitReached());
        assertTrue(match(p, "a".repeat(10) + "b", small));
        assertTrue(match(p, "a".repeat(100) + "b", new InspectScratch()));
    }

    @Test
    void pcreBudgetExhaustionIsNoMatchEvenNegated() throws Exception {
        InspectScratch s = new InspectScratch(3000, 10_000);
        // catastrophic backtracking that java.util.regex does not memoize away
        String evil = "a".repeat(30) + "!";
        PayloadProgram p = payload("pcre:\"/(.*a){12}$/\";");
        assertFalse(match(p, evil, s));
        assertEquals(1, s.pcreBudgetExceeded());
        PayloadProgram negated = payload("pcre:!\"/(.*a){12}$/\";");
        assertFalse(match(negated, evil, s));
        assertEquals(2, s.pcreBudgetExceeded());
        assertTrue(match(negated, "bbb", s));
    }

    @Test
    void byteMathAndExtractFillVariableSlots() throws Exception {
        PayloadProgram p = payload("byte_extract:1,0,a; byte_math:bytes 1,offset 1,oper <<,rvalue a,result b;");
        InspectScratch s = new InspectScratch();
        assertTrue(match(p, "\u0003\u0001", s));
        assertEquals(3, s.variable(0));
        assertEquals(8, s.variable(1));
        PayloadProgram div = payload("byte_math:bytes 1,offset 0,oper /,rvalue 0,result b;");
        assertFalse(match(div, "\u0003", s), "division by zero is no match");
    }

    @Test
    void steadyStateInspectionDoesNotAllocate() throws Exception {
        PayloadProgram p = payload("content:\"GET \"; content:\"/x\"; distance:0; within:20; "
                + "content:\"Host|3a|\"; nocase; distance:0; pcre:\"/^\\s+evil\\.[a-z]{2,4}\\r?$/Rmi\"; "
                + "byte_test:1,=,0x0a,0,relative;");
        assertTrue(p.isCompilable(), p.uncompilableReason());
        byte[] data = "GET /x/y HTTP/1.1\r\nUser-Agent: z\r\nHost: evil.com\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        InspectScratch s = new InspectScratch();
        for (int i = 0; i < 20_000; i++) {
            assertTrue(p.match(data, 0, data.length, s));
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        boolean all = true;
        for (int i = 0; i < 10_000; i++) {
            all &= p.match(data, 0, data.length, s);
        }
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertTrue(all);
        assertTrue(allocated < 10_000, "allocated " + allocated + " bytes in 10000 inspections");
    }
}
