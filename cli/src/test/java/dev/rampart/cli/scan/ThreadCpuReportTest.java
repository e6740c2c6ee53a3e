package dev.rampart.cli.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ThreadCpuReportTest {
    // a /proc/PID/task/TID/stat line of a JIT thread: utime 1234, stime 56 (fields 14, 15)
    private static final String STAT = "4242 (C2 CompilerThre) S 4200 4200 17 0 -1 4194368 300 0 0 0 1234 56 0 0 "
            + "20 0 25 0 1000 5000000 2000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 -1 1 0 0 0 0 0";

    @Test
    void readsNameAndUserPlusSystemTicks() {
        assertEquals("C2 CompilerThre", ThreadCpuReport.comm(STAT));
        assertEquals(1290, ThreadCpuReport.ticks(STAT));
    }

    @Test
    void aNameWithParenthesesAndSpacesIsCutAtTheLastParenthesis() {
        String s = "7 (a) b (c)) R 1 1 1 0 -1 0 0 0 0 0 5 7 0 0 20 0 1 0 0 0 0";
        assertEquals("a) b (c)", ThreadCpuReport.comm(s));
        assertEquals(12, ThreadCpuReport.ticks(s));
    }

    @Test
    void numberedThreadsOfOneKindShareAGroup() {
        assertEquals("GC Thread#", ThreadCpuReport.kind("GC Thread#12"));
        assertEquals("C1 CompilerThre", ThreadCpuReport.kind("C1 CompilerThre"));
        assertEquals("main", ThreadCpuReport.kind("main"));
        assertEquals("42", ThreadCpuReport.kind("42"));
    }
}
