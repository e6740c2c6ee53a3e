package dev.rampart.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessCommandRunnerTest {
    @Test
    void passesStdinAndCapturesBothStreamsAndTheStatus() throws IOException {
        CommandRunner.Result r = ProcessCommandRunner.direct()
                .run(List.of("sh", "-c", "tr a-z A-Z; echo oops >&2; exit 3"), "table inet rampart_x\n");
        assertEquals(3, r.exitCode());
        assertEquals("TABLE INET RAMPART_X\n", r.stdout());
        assertEquals("oops\n", r.stderr());
    }

    @Test
    void largeOutputDoesNotDeadlock() throws IOException {
        String big = "x".repeat(1 << 20);
        CommandRunner.Result r = ProcessCommandRunner.direct().run(List.of("sh", "-c", "cat; cat >&2 </dev/null"), big);
        assertEquals(0, r.exitCode());
        assertEquals(big.length(), r.stdout().length());
    }

    @Test
    void prefixIsPrepended() throws IOException {
        CommandRunner.Result r = new ProcessCommandRunner(List.of("env", "RAMPART_PREFIX=yes"), Duration.ofSeconds(10))
                .run(List.of("sh", "-c", "echo $RAMPART_PREFIX"), "");
        assertEquals("yes\n", r.stdout());
    }

    @Test
    void missingProgramAndTimeoutAreIoErrors() {
        assertThrows(IOException.class, () -> ProcessCommandRunner.direct().run(List.of("rampart-no-such-program-" + ProcessHandle.current().pid()), ""));
        IOException e = assertThrows(IOException.class,
                () -> new ProcessCommandRunner(List.of(), Duration.ofMillis(300)).run(List.of("sleep", "30"), ""));
        assertTrue(e.getMessage().contains("no answer"), e.getMessage());
    }

    @Test
    void netnsNamesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> ProcessCommandRunner.inNetns("a b"));
        assertThrows(IllegalArgumentException.class, () -> ProcessCommandRunner.inNetns("--all"));
        ProcessCommandRunner.inNetns("rampart-b-1");
    }

    @Test
    void rootCheckAgreesWithTheKernel() throws IOException {
        // a child inherits our effective uid; id -u prints it
        String euid = ProcessCommandRunner.direct().run(List.of("id", "-u"), "").stdout().trim();
        assertEquals(euid.equals("0"), Privileges.effectiveUidIsRoot(), "id -u says " + euid);
    }
}
