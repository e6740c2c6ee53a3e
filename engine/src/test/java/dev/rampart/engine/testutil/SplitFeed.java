package dev.rampart.engine.testutil;

/** Feeds a direction's bytes to a parser cut at fuzzed lengths (split-invariance fuzz tests). */
public final class SplitFeed {
    /** A parser's in-order data input ({@code onData} of a session or parser). */
    @FunctionalInterface
    public interface Input {
        void onData(boolean toServer, byte[] data, int off, int len);
    }

    private SplitFeed() {
    }

    /** {@code b} in pieces of the {@code cuts} lengths (as far as they reach), then the rest. */
    public static void feed(Input p, boolean toServer, byte[] b, int[] cuts) {
        int at = 0;
        for (int c : cuts) {
            int end = Math.min(b.length, at + c);
            p.onData(toServer, b, at, end - at);
            at = end;
        }
        p.onData(toServer, b, at, b.length - at);
    }

    /**
     * A stream parser's two directions, each given to {@code whole} as one chunk and to {@code split} as
     * a chunk per piece of the {@code cuts} lengths (chunk-based parsers: MQTT, WebSocket, Modbus).
     */
    public static void chunks(dev.rampart.engine.applayer.AppSession whole, dev.rampart.engine.applayer.AppSession split,
                              byte[] toServer, byte[] toClient, int[] cuts) {
        whole.onData(true, toServer, 0, toServer.length);
        whole.onChunkEnd(true);
        whole.onData(false, toClient, 0, toClient.length);
        whole.onChunkEnd(false);
        Input chunked = (ts, b, off, len) -> {
            split.onData(ts, b, off, len);
            split.onChunkEnd(ts);
        };
        feed(chunked, true, toServer, cuts);
        feed(chunked, false, toClient, cuts);
    }
}
