package dev.rampart.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands as child processes, optionally behind a fixed prefix: {@link #inNetns} wraps every
 * command in {@code ip netns exec <ns>} so a policy goes into that network namespace only.
 */
public final class ProcessCommandRunner implements CommandRunner {
    private final List<String> prefix;
    private final Duration timeout;

    public ProcessCommandRunner(List<String> prefix, Duration timeout) {
        this.prefix = List.copyOf(prefix);
        this.timeout = timeout;
    }

    /** Commands run as they are, 30 s at most each. */
    public static ProcessCommandRunner direct() {
        return new ProcessCommandRunner(List.of(), Duration.ofSeconds(30));
    }

    /** Commands run inside network namespace {@code ns} (which must be a plain name). */
    public static ProcessCommandRunner inNetns(String ns) {
        if (ns == null || !ns.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException("network namespace name " + IpNet.quote(ns));
        }
        return new ProcessCommandRunner(List.of("ip", "netns", "exec", ns), Duration.ofSeconds(30));
    }

    @Override
    public Result run(List<String> command, String stdin) throws IOException {
        List<String> argv = new ArrayList<>(prefix.size() + command.size());
        argv.addAll(prefix);
        argv.addAll(command);
        Process p = new ProcessBuilder(argv).start();
        // both pipes drained while stdin is written: a chatty child cannot block on a full pipe
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null && !stdin.isEmpty()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the child exited without reading its input; its status and stderr say why
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", argv) + ": no answer within " + timeout.toSeconds() + " s");
            }
            return new Result(p.exitValue(), out.get(), err.get());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + String.join(" ", argv), e);
        } catch (ExecutionException e) {
            throw new IOException("reading the output of " + String.join(" ", argv), e.getCause());
        }
    }

    /** Reads a pipe to its end on its own daemon thread (not the common pool: this blocks). */
    private static CompletableFuture<String> drain(InputStream s) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (s) {
                f.complete(new String(s.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                f.completeExceptionally(e);
            }
        }, "nft-output");
        t.setDaemon(true);
        t.start();
        return f;
    }
}
