package dev.rampart.engine.applayer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rampart.engine.testutil.SplitFeed;

/**
 * HTTP/2 parser on fuzzed frames (after a valid preface) in both directions: nothing throws, the
 * transactions stay under the stream cap, and any split of the bytes gives the same transactions
 * as one piece (frames are read whole). {@code mvn test} replays {@code Http2ParserFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1} fuzzes.
 */
class Http2ParserFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void framesAnySplit(FuzzedDataProvider in) {
        int n = in.consumeInt(0, 6);
        int[] cuts = new int[n];
        for (int i = 0; i < n; i++) {
            cuts[i] = in.consumeInt(0, 4000);
        }
        byte[] toClient = in.consumeBytes(in.consumeInt(0, 8000));
        byte[] toServer = in.consumeRemainingAsBytes();
        HttpConfig cfg = new HttpConfig();
        Http2Parser whole = new Http2Parser(cfg);
        Http2Parser split = new Http2Parser(cfg);
        byte[] preface = Http2Parser.PREFACE;
        whole.onData(true, preface, 0, preface.length);
        split.onData(true, preface, 0, preface.length);
        whole.onData(true, toServer, 0, toServer.length);
        whole.onData(false, toClient, 0, toClient.length);
        SplitFeed.feed(split::onData, true, toServer, cuts);
        SplitFeed.feed(split::onData, false, toClient, cuts);
        assertEquals(dump(whole), dump(split));
        assertTrue(whole.txCount() <= Http2Parser.MAX_STREAMS);
    }

    static String dump(Http2Parser p) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < p.txCount(); i++) {
            HttpTx t = p.tx(i);
            Http2Stream s = t.http2();
            sb.append(t.id()).append(' ').append(s.streamId).append(' ').append(s.state).append(' ')
                    .append(s.events).append(' ').append(t.method()).append(' ').append(t.uri()).append(' ')
                    .append(t.host()).append(' ').append(t.statusCode()).append(' ').append(t.requestHeader())
                    .append(' ').append(t.responseHeaderRaw()).append(' ').append(t.request.bodyLen).append(' ')
                    .append(t.response.bodyLen).append(' ').append(s.side(true).frameTypes).append(' ')
                    .append(s.side(false).frameTypes).append('\n');
        }
        return sb.toString();
    }
}
