package dev.rampart.engine.applayer.ftp;

import dev.rampart.engine.flow.Flow;
import java.util.ArrayList;
import java.util.List;

/**
 * Data connections announced on a worker's FTP sessions, waiting for their flow (Suricata's
 * app-layer expectations): a transfer command (RETR, STOR) after the session learnt a data port
 * expects a new flow between the same two hosts, to that port, whose first bytes go in the
 * transfer's direction; that flow is FTP-DATA. An address pair always lands on one worker, so each
 * worker keeps its own. Bounded as Suricata's: at most {@link #MAX_PER_PAIR} per address pair (a new
 * one replaces the oldest), and one older than {@link #TIMEOUT_NANOS} is dropped.
 */
public final class FtpExpectations {
    static final int MAX_PER_PAIR = 10;
    static final long TIMEOUT_NANOS = 30_000_000_000L;
    /** All pairs together: past this many the oldest goes (a flood of transfer commands stays bounded). */
    static final int MAX = 4096;

    /** One announced data connection. */
    public static final class Expectation {
        final int ipVersion;
        final long aHi, aLo, bHi, bLo;
        final int port;
        /** The data flows to the data connection's server (an upload in passive mode, a download in active). */
        final boolean toServer;
        final FtpCommand command;
        final String fileName;
        final long createdNanos;

        Expectation(int ipVersion, long aHi, long aLo, long bHi, long bLo, int port, boolean toServer,
                FtpCommand command, String fileName, long nowNanos) {
            this.ipVersion = ipVersion;
            this.aHi = aHi;
            this.aLo = aLo;
            this.bHi = bHi;
            this.bLo = bLo;
            this.port = port;
            this.toServer = toServer;
            this.command = command;
            this.fileName = fileName;
            this.createdNanos = nowNanos;
        }

        boolean samePair(int version, long xHi, long xLo, long yHi, long yLo) {
            if (version != ipVersion) {
                return false;
            }
            return (xHi == aHi && xLo == aLo && yHi == bHi && yLo == bLo)
                    || (xHi == bHi && xLo == bLo && yHi == aHi && yLo == aLo);
        }

        public FtpCommand command() {
            return command;
        }

        public String fileName() {
            return fileName;
        }

        public boolean toServer() {
            return toServer;
        }
    }

    private final List<Expectation> list = new ArrayList<>();
    private long created;
    private long matched;
    private long expired;
    private long evicted;

    public boolean isEmpty() {
        return list.isEmpty();
    }

    /** A transfer command on {@code control}: its data connection is expected now. */
    public void add(Flow control, int port, boolean toServer, FtpCommand command, String fileName) {
        add(control.ipVersion, control.srcHi, control.srcLo, control.dstHi, control.dstLo, port, toServer, command,
                fileName, control.lastSeenNanos);
    }

    /** A transfer command between hosts a and b: its data connection is expected from {@code nowNanos}. */
    public void add(int ipVersion, long aHi, long aLo, long bHi, long bLo, int port, boolean toServer,
            FtpCommand command, String fileName, long nowNanos) {
        Expectation e = new Expectation(ipVersion, aHi, aLo, bHi, bLo, port, toServer, command, fileName, nowNanos);
        int samePair = 0;
        int oldestOfPair = -1;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).samePair(ipVersion, aHi, aLo, bHi, bLo)) {
                samePair++;
                if (oldestOfPair < 0) {
                    oldestOfPair = i;
                }
            }
        }
        if (samePair >= MAX_PER_PAIR) {
            list.remove(oldestOfPair);
            evicted++;
        } else if (list.size() >= MAX) {
            list.remove(0);
            evicted++;
        }
        list.add(e);
        created++;
    }

    /**
     * The expectation a new flow's first bytes fulfil, taken out of the table, or null: same two hosts,
     * its server port the expected one, the bytes going the expected way. Expired ones are dropped on
     * the way.
     */
    public Expectation take(Flow flow, boolean toServer) {
        return take(flow.ipVersion, flow.srcHi, flow.srcLo, flow.dstHi, flow.dstLo, flow.dstPort, toServer,
                flow.lastSeenNanos);
    }

    /** {@link #take(Flow, boolean)} for a flow from {@code src} to {@code dst} at {@code dstPort}. */
    public Expectation take(int ipVersion, long srcHi, long srcLo, long dstHi, long dstLo, int dstPort,
            boolean toServer, long now) {
        for (int i = 0; i < list.size(); i++) {
            Expectation e = list.get(i);
            if (now - e.createdNanos > TIMEOUT_NANOS) {
                list.remove(i--);
                expired++;
                continue;
            }
            if (e.port == dstPort && e.toServer == toServer && e.samePair(ipVersion, srcHi, srcLo, dstHi, dstLo)) {
                list.remove(i);
                matched++;
                return e;
            }
        }
        return null;
    }

    /** Suricata-style counters ({@code app_layer.expectations} and ours). */
    public void writeStats(java.util.Map<String, Object> root) {
        dev.rampart.engine.pipeline.StatsTree.put(root, "app_layer.rampart.ftp.expectations_created", created);
        dev.rampart.engine.pipeline.StatsTree.put(root, "app_layer.rampart.ftp.expectations_matched", matched);
        dev.rampart.engine.pipeline.StatsTree.put(root, "app_layer.rampart.ftp.expectations_expired", expired);
        dev.rampart.engine.pipeline.StatsTree.put(root, "app_layer.rampart.ftp.expectations_evicted", evicted);
    }
}
