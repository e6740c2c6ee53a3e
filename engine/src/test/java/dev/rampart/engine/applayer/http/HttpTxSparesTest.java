package dev.rampart.engine.applayer.http;

import static dev.rampart.engine.applayer.http.HttpParserTest.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.testutil.FreshThread;
import org.junit.jupiter.api.Test;

/** Released transactions serve any flow of the thread, clean; a flow keeps only its live ones. */
class HttpTxSparesTest {
    private static final String REQ = "POST /upload?a=1 HTTP/1.1\r\nHost: one.example\r\nCookie: c=1\r\n"
            + "Content-Length: 6\r\n\r\nbody-1";
    private static final String RESP = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nSet-Cookie: s=1\r\n\r\nhello";

    private static void feed(HttpParser p, boolean toServer, String s) {
        p.onData(toServer, b(s), 0, s.length());
    }

    @Test
    void anotherFlowTakesAReleasedTransactionWithNothingOfTheFirstLeft() throws InterruptedException {
        FreshThread.run(() -> {
            HttpConfig cfg = new HttpConfig();
            HttpParser first = new HttpParser(cfg);
            feed(first, true, REQ);
            feed(first, false, RESP);
            HttpTx done = first.tx(0);
            assertEquals("one.example", done.host().toString());
            assertEquals(1, first.releaseComplete());
            assertEquals(0, first.txCount(), "the flow keeps no recycled transaction");
            assertEquals(1, cfg.txSpares.get().size());

            HttpParser second = new HttpParser(cfg);
            feed(second, true, "GET /x HTTP/1.1\r\nHost: two.example\r\n\r\n");
            HttpTx tx = second.tx(0);
            assertSame(done, tx, "the other flow's recycled transaction");
            assertEquals(0, cfg.txSpares.get().size());
            assertEquals(0, tx.id(), "ids are per flow");
            assertEquals("GET", tx.method().toString());
            assertEquals("/x", tx.uri().toString());
            assertEquals("two.example", tx.host().toString());
            assertEquals(0, tx.cookie().length, "no header of the first flow's transaction");
            assertEquals(0, tx.requestBody().length);
            assertEquals(HttpTx.PROGRESS_NONE, tx.responseProgress());
            assertEquals(-1, tx.statusNumber());
            feed(second, false, "HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\nno");
            assertEquals(404, tx.statusNumber());
            assertEquals("no", tx.responseBody().toString());
            assertEquals(0, tx.setCookie().length);
        });
    }

    @Test
    void aConfigurationsTransactionsServeOnlyItsOwnParsers() throws InterruptedException {
        FreshThread.run(() -> {
            HttpConfig small = new HttpConfig();
            small.maxHeadBytes = 64;
            HttpConfig hashing = new HttpConfig();
            hashing.fileHashes = true;
            HttpParser a = new HttpParser(hashing);
            feed(a, true, REQ);
            HttpTx hashed = a.tx(0);
            assertNotNull(hashed.request.digests);
            feed(a, false, RESP);
            a.releaseComplete();
            assertEquals(1, hashing.txSpares.get().size());
            assertEquals(0, small.txSpares.get().size());

            HttpParser b = new HttpParser(small);
            feed(b, true, REQ);
            assertNotSame(hashed, b.tx(0), "another configuration's transaction is not taken");
            assertNull(b.tx(0).request.digests);
            assertTrue(b.tx(0).request.head.length <= small.maxHeadBytes);

            HttpParser c = new HttpParser(hashing);
            feed(c, true, REQ);
            assertSame(hashed, c.tx(0));
            assertNotNull(c.tx(0).request.digests);
        });
    }

    @Test
    void aTransactionGoesToThePoolOfTheThreadThatReleasesIt() throws InterruptedException {
        HttpConfig cfg = new HttpConfig();
        HttpParser p = new HttpParser(cfg); // made here, used on another thread
        FreshThread.run(() -> {
            feed(p, true, REQ);
            feed(p, false, RESP);
            p.releaseComplete();
            assertEquals(1, cfg.txSpares.get().size());
        });
        assertEquals(0, cfg.txSpares.get().size(), "not this thread's");
    }
}
