package dev.rampart.capture.live;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.rampart.capture.CaptureException;
import dev.rampart.capture.CaptureStats;
import dev.rampart.capture.Frame;
import dev.rampart.capture.FrameHandler;
import dev.rampart.capture.FrameSource;
import dev.rampart.capture.LinkType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapStat;

/**
 * Live capture from a network interface through libpcap. pcap4j opens and configures the handle
 * (snaplen, promiscuous, buffer size, timeout, BPF filter, nanosecond timestamps where the platform
 * has them); packets are read with {@code pcap_next_ex} and copied into one reusable direct buffer,
 * so no pcap4j packet objects are built and a poll allocates nothing.
 *
 * <p>The handle is always in libpcap's non-blocking mode: on Linux (TPACKET_V3) a blocking read
 * waits forever while the interface is idle, whatever the read timeout. A poll that finds nothing
 * waits instead on the handle's selectable descriptor for at most the read timeout (unless
 * {@link LiveCaptureOptions#nonBlocking}), so poll always returns.
 */
public final class LiveCaptureSource implements FrameSource {
    private final String name;
    private final PcapHandle handle;
    private final Pointer pcap;
    private final int linkType;
    private final boolean nanos;
    private final int statsEvery;
    private final ByteBuffer data;
    private final ByteBuffer header = ByteBuffer.allocateDirect(LibPcapDirect.HEADER_SIZE)
            .order(ByteOrder.nativeOrder());
    private final long[] headerOut = new long[1];
    private final long[] dataOut = new long[1];
    private final ByteBuffer pollfd = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
    private final int waitMillis;
    private final Frame frame = new Frame();
    private final CaptureStats stats = new CaptureStats();
    private long received;
    private long bytes;
    private int pollsSinceStats;
    private boolean closed;

    private LiveCaptureSource(String name, PcapHandle handle, LiveCaptureOptions o) throws CaptureException {
        int snaplen = o.snaplen;
        int statsEvery = o.statsEveryPolls;
        this.name = name;
        this.handle = handle;
        this.pcap = nativeHandle(handle);
        this.linkType = handle.getDlt().value();
        this.nanos = handle.getTimestampPrecision() == PcapHandle.TimestampPrecision.NANO;
        this.statsEvery = Math.max(1, statsEvery);
        this.data = ByteBuffer.allocateDirect(snaplen).order(ByteOrder.BIG_ENDIAN);
        if (!LinkType.isSupported(linkType)) {
            throw new CaptureException(name + ": unsupported link type " + linkType);
        }
        int fd = LibPcapDirect.pcap_get_selectable_fd(pcap);
        // Without a selectable descriptor a short sleep stands in for the wait.
        this.waitMillis = o.nonBlocking ? 0 : Math.max(1, o.readTimeoutMillis);
        pollfd.putInt(0, fd).putShort(4, LibPcapDirect.POLLIN).putShort(6, (short) 0);
    }

    /** Opens the interface; a missing libpcap, a bad filter or no permission is a CaptureException. */
    public static LiveCaptureSource open(LiveCaptureOptions o) throws CaptureException {
        String name = o.interfaceName;
        PcapHandle handle = null;
        try {
            handle = build(o, PcapHandle.TimestampPrecision.NANO);
        } catch (PcapNativeException | RuntimeException e) {
            try {
                // Not every platform has nanosecond timestamps; microseconds then.
                handle = build(o, PcapHandle.TimestampPrecision.MICRO);
            } catch (PcapNativeException | RuntimeException e2) {
                throw new CaptureException(name + ": cannot open live capture: " + e2.getMessage(), e2);
            }
        } catch (LinkageError e) {
            throw new CaptureException(name + ": libpcap is not available: " + e, e);
        }
        try {
            if (o.filter != null && !o.filter.isBlank()) {
                handle.setFilter(o.filter, BpfProgram.BpfCompileMode.OPTIMIZE);
            }
            handle.setBlockingMode(PcapHandle.BlockingMode.NONBLOCKING);
            return new LiveCaptureSource(name, handle, o);
        } catch (Exception | LinkageError e) {
            handle.close();
            if (e instanceof CaptureException ce) {
                throw ce;
            }
            throw new CaptureException(name + ": cannot set up live capture: " + e.getMessage(), e);
        }
    }

    private static PcapHandle build(LiveCaptureOptions o, PcapHandle.TimestampPrecision precision)
            throws PcapNativeException {
        PcapHandle.Builder b = new PcapHandle.Builder(o.interfaceName)
                .snaplen(o.snaplen)
                .promiscuousMode(o.promiscuous ? PcapNetworkInterface.PromiscuousMode.PROMISCUOUS
                        : PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
                .timeoutMillis(o.readTimeoutMillis)
                .timestampPrecision(precision);
        if (o.bufferSize > 0) {
            b.bufferSize(o.bufferSize);
        }
        if (o.immediate) {
            b.immediateMode(true);
        }
        return b.build();
    }

    // pcap4j keeps the pcap_t private; the per-packet path needs it for the direct pcap_next_ex.
    private static Pointer nativeHandle(PcapHandle handle) throws CaptureException {
        try {
            Field f = PcapHandle.class.getDeclaredField("handle");
            f.setAccessible(true);
            return (Pointer) f.get(handle);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new CaptureException("pcap4j " + PcapHandle.class.getPackage().getImplementationVersion()
                    + ": cannot reach the native pcap handle: " + e, e);
        }
    }

    public int linkType() {
        return linkType;
    }

    public boolean nanosecondTimestamps() {
        return nanos;
    }

    @Override
    public int poll(FrameHandler handler, int limit) throws CaptureException {
        if (closed) {
            return -1;
        }
        int n = 0;
        boolean waited = waitMillis == 0;
        try {
            while (n < limit) {
                int r = LibPcapDirect.pcap_next_ex(pcap, headerOut, dataOut);
                if (r == 1) {
                    deliver(handler);
                    n++;
                } else if (r == 0) {
                    if (n > 0 || waited) {
                        break;
                    }
                    waited = true;
                    awaitPackets();
                } else if (r == -2) {
                    closed = true;
                    break;
                } else {
                    throw new CaptureException(name + ": " + LibPcapDirect.pcap_geterr(pcap));
                }
            }
        } finally {
            stats.received = received;
            stats.bytes = bytes;
            if (++pollsSinceStats >= statsEvery) {
                pollsSinceStats = 0;
                refreshDrops();
            }
        }
        return n == 0 && closed ? -1 : n;
    }

    private void awaitPackets() throws CaptureException {
        if (pollfd.getInt(0) < 0) {
            try {
                Thread.sleep(Math.min(waitMillis, 10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        pollfd.putShort(6, (short) 0);
        if (LibPcapDirect.poll(pollfd, waitMillis) < 0 && Native.getLastError() != 4 /* EINTR */) {
            throw new CaptureException(name + ": poll failed, errno " + Native.getLastError());
        }
    }

    private void deliver(FrameHandler handler) {
        LibPcapDirect.copy(header, headerOut[0], LibPcapDirect.HEADER_SIZE);
        long seconds;
        long fraction;
        if (Native.LONG_SIZE == 8) {
            seconds = header.getLong(0);
            fraction = header.getLong(8);
        } else {
            seconds = header.getInt(0) & 0xFFFF_FFFFL;
            fraction = header.getInt(4) & 0xFFFF_FFFFL;
        }
        int caplen = header.getInt(Native.LONG_SIZE * 2);
        int len = header.getInt(Native.LONG_SIZE * 2 + 4);
        int copy = Math.min(caplen, data.capacity());
        LibPcapDirect.copy(data, dataOut[0], copy);
        received++;
        bytes += copy;
        long ts = seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1000);
        handler.onFrame(frame.set(data, 0, copy, len, linkType, ts, received, 0));
    }

    private void refreshDrops() {
        if (!handle.isOpen()) {
            return;
        }
        try {
            PcapStat s = handle.getStats();
            stats.kernelDrops = s.getNumPacketsDropped();
            stats.interfaceDrops = s.getNumPacketsDroppedByIf();
        } catch (Exception e) {
            // stats are best effort: some devices (savefiles, some drivers) have none
        }
    }

    @Override
    public CaptureStats stats() {
        return stats;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        closed = true;
        if (handle.isOpen()) {
            refreshDrops();
            handle.close();
        }
    }
}
