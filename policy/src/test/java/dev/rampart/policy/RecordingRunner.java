package dev.rampart.policy;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A command runner that records each call and answers from a queue of canned results. */
final class RecordingRunner implements CommandRunner {
    record Call(List<String> command, String stdin) {
    }

    final List<Call> calls = new ArrayList<>();
    private final Deque<Result> answers = new ArrayDeque<>();
    private boolean missing;

    RecordingRunner answer(int exit, String stdout, String stderr) {
        answers.add(new Result(exit, stdout, stderr));
        return this;
    }

    /** Every call fails as if nft were not installed. */
    RecordingRunner missingBinary() {
        missing = true;
        return this;
    }

    @Override
    public Result run(List<String> command, String stdin) throws IOException {
        calls.add(new Call(List.copyOf(command), stdin));
        if (missing) {
            throw new IOException("Cannot run program \"nft\": error=2, No such file or directory");
        }
        Result r = answers.poll();
        return r != null ? r : new Result(0, "", "");
    }
}
