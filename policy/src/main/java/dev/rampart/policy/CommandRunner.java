package dev.rampart.policy;

import java.io.IOException;
import java.util.List;

/** Runs an external command (here: {@code nft}); injectable so tests record or redirect it. */
@FunctionalInterface
public interface CommandRunner {
    /**
     * Runs {@code command} with {@code stdin} (may be empty) as its standard input and waits for it.
     *
     * @throws IOException when the command cannot be started (not installed) or does not finish in time
     */
    Result run(List<String> command, String stdin) throws IOException;

    /** Exit status and the captured output of a finished command. */
    record Result(int exitCode, String stdout, String stderr) {
    }
}
