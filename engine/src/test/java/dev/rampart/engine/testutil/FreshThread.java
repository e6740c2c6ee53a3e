package dev.rampart.engine.testutil;

/** Runs a test body on a new thread: for code with per-thread state (pools), which starts empty there. */
public final class FreshThread {
    private FreshThread() {
    }

    /** Runs {@code body} on a new thread and rethrows what it threw (assertion failures as they are). */
    public static void run(Runnable body) throws InterruptedException {
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        t.start();
        t.join();
        if (failure[0] instanceof AssertionError a) {
            throw a;
        }
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
    }
}
