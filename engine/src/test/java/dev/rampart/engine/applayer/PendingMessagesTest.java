package dev.rampart.engine.applayer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.flow.Spares;
import dev.rampart.engine.testutil.FreshThread;
import org.junit.jupiter.api.Test;

/** Pending message transactions: released ones serve any session of the thread; the bound holds. */
class PendingMessagesTest {
    static final class Msg extends PendingMessages.Message {
        int payload;
    }

    private static Msg claim(PendingMessages<Msg> p, long txId, boolean toServer) {
        Msg m = p.claim();
        m.txId = txId;
        m.toServer = toServer;
        return m;
    }

    @Test
    void releasedTransactionsGoToTheThreadsSparesAndTheRestStayInOrder() throws InterruptedException {
        FreshThread.run(() -> {
            ThreadLocal<Spares<PendingMessages.Message>> spares = ThreadLocal.withInitial(() -> new Spares<>(8));
            PendingMessages<Msg> a = new PendingMessages<>(4, Msg::new, spares);
            Msg q = claim(a, 0, true);
            Msg r = claim(a, 1, false);
            Msg q2 = claim(a, 2, true);
            a.release(2); // detection is done with 0 and 1
            assertEquals(1, a.count());
            assertSame(q2, a.get(0));
            assertEquals(2, spares.get().size(), "the flow keeps none of the released objects");

            // another flow's session of the same kind takes them
            PendingMessages<Msg> b = new PendingMessages<>(4, Msg::new, spares);
            Msg reused = b.claim();
            assertEquals(1, spares.get().size());
            Msg next = b.claim();
            assertTrue((reused == q && next == r) || (reused == r && next == q), "the two released objects");
            Msg fresh = b.claim();
            assertEquals(0, spares.get().size());
            assertEquals(3, b.count());
            assertSame(fresh, b.get(2));
        });
    }

    @Test
    void aFullSessionClaimsNothingAndReleasedObjectsGoRound() throws InterruptedException {
        FreshThread.run(() -> {
            ThreadLocal<Spares<PendingMessages.Message>> spares = ThreadLocal.withInitial(() -> new Spares<>(8));
            PendingMessages<Msg> p = new PendingMessages<>(2, Msg::new, spares);
            claim(p, 0, true);
            claim(p, 1, false);
            assertNull(p.claim(), "all pending: the caller counts a drop");
            for (int i = 0; i < 20; i++) {
                PendingMessages<Msg> s = new PendingMessages<>(1, Msg::new, spares);
                claim(s, 0, true);
                s.release(1);
            }
            // each session above took the spare the previous one gave back: one object went round
            assertEquals(1, spares.get().size());
            p.release(2);
            assertEquals(3, spares.get().size());
        });
    }
}
