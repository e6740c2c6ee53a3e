package dev.rampart.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Entry point of the {@code rampart} command. Exit codes: 0 ok, 1 findings or failure, 2 usage
 * error.
 */
public final class Main {
    public static final int OK = 0;
    public static final int FINDINGS = 1;
    public static final int USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        boolean scan = isScan(args);
        if (scan) {
            // the launcher's stand-in for -XX:+AlwaysPreTouch (offline scans): off the main thread
            dev.rampart.cli.scan.OldGenTouch.start(args);
        }
        Thread warmup = null;
        if (scan && !Boolean.getBoolean("rampart.no-warmup")) {
            // on the spare core while picocli and the configuration take the main thread
            warmup = dev.rampart.cli.scan.StartupWarmup.start();
        }
        int code = newCommandLine(args).execute(args);
        if (warmup != null && Boolean.getBoolean("rampart.warmup.wait")) {
            // the launcher's class-archive training run: archive every class the warm-up loads
            try {
                warmup.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        System.exit(code);
    }

    private static boolean isScan(String[] args) {
        return args.length > 0 && args[0].equals("scan");
    }

    /** The configured command line: usage errors map to 2, failures to 1 with a one-line message. */
    public static CommandLine newCommandLine() {
        return configure(new CommandLine(new RampartCommand()));
    }

    /** {@link #newCommandLine()}, with only the scan subcommand's model when {@code args} run a scan. */
    static CommandLine newCommandLine(String[] args) {
        return isScan(args)
                ? configure(new CommandLine(new RampartCommand.ScanOnly())) : newCommandLine();
    }

    private static CommandLine configure(CommandLine cl) {
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println("rampart: error: " + message(ex));
            if (Boolean.getBoolean("rampart.debug")) {
                ex.printStackTrace(err);
            }
            err.flush();
            return FINDINGS;
        });
        return cl;
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.toString() : m;
    }

    /** Runs the command line with the given writers (for tests and embedding). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = newCommandLine(args);
        cl.setOut(out);
        cl.setErr(err);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
