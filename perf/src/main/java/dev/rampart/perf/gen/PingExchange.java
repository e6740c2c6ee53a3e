package dev.rampart.perf.gen;

import java.util.SplittableRandom;

/** A few ICMP echo requests from a client, each answered, with a Linux ping's 56-byte payload. */
final class PingExchange implements Conversation {
    private static final int PAYLOAD = 56;

    private final Peer client;
    private final Peer target;
    private final int id;
    private final int count;
    private int sent;
    private boolean replyDue;
    private int clientIpId;
    private int targetIpId;
    private long requestTs;

    PingExchange(SplittableRandom rng, Peer client, Peer target) {
        this.client = client;
        this.target = target;
        this.id = rng.nextInt(0x10000);
        this.count = 1 + rng.nextInt(4);
        this.clientIpId = rng.nextInt(0x10000);
        this.targetIpId = rng.nextInt(0x10000);
    }

    @Override
    public boolean step(FrameWriter w, long ts) {
        if (!replyDue) {
            requestTs = ts;
            payload(w);
            w.icmp(ts, client, target, clientIpId++, 8, 0, (id << 16) | (sent + 1), PAYLOAD);
            replyDue = true;
            return true;
        }
        payload(w);
        w.icmp(ts, target, client, targetIpId++, 0, 0, (id << 16) | (sent + 1), PAYLOAD);
        replyDue = false;
        sent++;
        return sent < count;
    }

    /** struct timeval of the request (little-endian, as ping writes it), then bytes 0x10, 0x11, ... */
    private void payload(FrameWriter w) {
        byte[] b = w.buffer();
        int p = w.icmpPayloadAt();
        long sec = requestTs / 1_000_000L;
        long usec = requestTs % 1_000_000L;
        for (int i = 0; i < 4; i++) {
            b[p + i] = (byte) (sec >>> (8 * i));
            b[p + 8 + i] = (byte) (usec >>> (8 * i));
            b[p + 4 + i] = 0;
            b[p + 12 + i] = 0;
        }
        for (int i = 16; i < PAYLOAD; i++) {
            b[p + i] = (byte) (i - 8);
        }
    }
}
