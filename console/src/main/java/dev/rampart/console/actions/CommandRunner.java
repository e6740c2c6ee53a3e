package dev.rampart.console.actions;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command with some standard input; injectable so that tests see the exact argv. */
public interface CommandRunner {
    record Result(int exitCode, String output) {
    }

    Result run(List<String> argv, String stdin) throws IOException;

    /** A real process, at most 30 s, output (stdout and stderr together) bounded to 16 KiB. */
    static CommandRunner process() {
        return (argv, stdin) -> {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            byte[] out = p.getInputStream().readNBytes(16 * 1024);
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Result(124, "timed out: " + String.join(" ", argv));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
                return new Result(130, "interrupted");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        };
    }
}
