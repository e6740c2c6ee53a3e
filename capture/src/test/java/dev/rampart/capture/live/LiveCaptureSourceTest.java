package dev.rampart.capture.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.capture.CaptureException;
import dev.rampart.capture.LinkType;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Captures real UDP datagrams on the loopback interface. Needs root (or CAP_NET_RAW) and libpcap. */
class LiveCaptureSourceTest {

    @ParameterizedTest
    @ValueSource(strings = {"non-blocking", "read-timeout", "immediate"})
    // a hung native read cannot be interrupted; the timeout at least fails the test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void capturesUdpDatagramsSentToLoopback(String mode) throws Exception {
        String user = System.getProperty("user.name");
        if (!"root".equals(user)) {
            System.out.println("LiveCaptureSourceTest skipped: not root (user " + user + ")");
            Assumptions.abort("live capture needs root; running as " + user);
        }
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                DatagramSocket sender = new DatagramSocket()) {
            int port = receiver.getLocalPort();
            LiveCaptureOptions o = new LiveCaptureOptions("lo").filter("udp and port " + port);
            o.readTimeoutMillis = 50;
            o.nonBlocking = mode.equals("non-blocking");
            o.immediate = mode.equals("immediate");
            o.statsEveryPolls = 4;
            LiveCaptureSource src;
            try {
                src = LiveCaptureSource.open(o);
            } catch (CaptureException e) {
                if (e.getMessage().contains("libpcap is not available")) {
                    System.out.println("LiveCaptureSourceTest skipped: " + e.getMessage());
                    Assumptions.abort(e.getMessage());
                }
                throw e;
            }
            try (src) {
                assertEquals(LinkType.ETHERNET, src.linkType());
                String tag = UUID.randomUUID().toString();
                List<String> sent = new ArrayList<>();
                long before = System.currentTimeMillis() * 1_000_000L;
                for (int i = 0; i < 5; i++) {
                    byte[] payload = ("rampart-" + tag + "-" + i).getBytes(StandardCharsets.US_ASCII);
                    sent.add(new String(payload, StandardCharsets.US_ASCII));
                    sender.send(new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), port));
                }
                Set<String> seen = new HashSet<>();
                List<Long> timestamps = new ArrayList<>();
                int[] lengths = {0, 0};
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (seen.size() < sent.size() && System.nanoTime() < deadline) {
                    src.poll(f -> {
                        byte[] d = new byte[f.captureLength];
                        f.buffer.get(f.offset, d);
                        // Ethernet (14) + IPv4 (20) + UDP (8) headers before the payload on lo
                        String text = new String(d, 42, d.length - 42, StandardCharsets.US_ASCII);
                        seen.add(text);
                        timestamps.add(f.timestampNanos);
                        lengths[0] = f.captureLength;
                        lengths[1] = f.originalLength;
                    }, 16);
                    if (o.nonBlocking) {
                        Thread.sleep(5);
                    }
                }
                assertEquals(new HashSet<>(sent), seen, "payloads captured, frames " + src.stats().received);
                assertEquals(lengths[1], lengths[0]);
                for (long ts : timestamps) {
                    assertTrue(ts >= before - 1_000_000_000L && ts <= System.currentTimeMillis() * 1_000_000L
                            + 1_000_000_000L, "timestamp " + ts);
                }
                assertTrue(src.stats().received >= 5, "received " + src.stats().received);
                System.out.println("live capture on lo (" + mode + "): " + src.stats().received + " frames, nanosecond timestamps "
                        + src.nanosecondTimestamps() + ", kernel drops " + src.stats().kernelDrops);
            }
            assertEquals(-1, src.poll(f -> { }, 1));
        }
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anIdlePollReturnsAfterTheReadTimeout() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        LiveCaptureOptions o = new LiveCaptureOptions("lo").filter("udp and port 9 and host 192.0.2.1");
        o.readTimeoutMillis = 200;
        try (LiveCaptureSource src = open(o)) {
            long t0 = System.nanoTime();
            assertEquals(0, src.poll(f -> { }, 10));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 150 && ms < 5_000, "idle poll took " + ms + " ms");
        }
    }

    /** The per-packet path (pcap_next_ex, memcpy, frame delivery) allocates nothing once warm. */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void pollingDoesNotAllocatePerPacket() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                DatagramSocket sender = new DatagramSocket()) {
            int port = receiver.getLocalPort();
            LiveCaptureOptions o = new LiveCaptureOptions("lo").filter("udp and dst port " + port);
            o.nonBlocking = true;
            o.statsEveryPolls = 1 << 30;
            byte[] payload = new byte[100];
            DatagramPacket dp = new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), port);
            long[] frames = {0};
            dev.rampart.capture.FrameHandler h = f -> frames[0] += f.captureLength > 0 ? 1 : 0;
            com.sun.management.ThreadMXBean mx =
                    (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            try (LiveCaptureSource src = open(o)) {
                long allocated = 0;
                long measured = 0;
                for (int round = 0; round < 30; round++) {
                    for (int i = 0; i < 200; i++) {
                        sender.send(dp);
                    }
                    long target = frames[0] + 200;
                    long deadline = System.nanoTime() + 5_000_000_000L;
                    long before = mx.getCurrentThreadAllocatedBytes();
                    long start = frames[0];
                    while (frames[0] < target && System.nanoTime() < deadline) {
                        src.poll(h, 64);
                    }
                    long after = mx.getCurrentThreadAllocatedBytes();
                    if (round >= 20) {
                        allocated += after - before;
                        measured += frames[0] - start;
                    }
                }
                System.out.println("live capture: " + allocated + " bytes allocated over " + measured
                        + " frames after warm-up");
                assertTrue(measured > 1000, "frames " + measured);
                assertTrue(allocated < measured, allocated + " bytes for " + measured + " frames");
            }
        }
    }

    private static LiveCaptureSource open(LiveCaptureOptions o) throws CaptureException {
        try {
            return LiveCaptureSource.open(o);
        } catch (CaptureException e) {
            Assumptions.assumeFalse(e.getMessage().contains("libpcap is not available"), e.getMessage());
            throw e;
        }
    }

    @Test
    void aBadFilterIsACaptureExceptionNamingTheInterface() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        LiveCaptureOptions o = new LiveCaptureOptions("lo").filter("udp and port banana");
        try {
            LiveCaptureSource.open(o).close();
            throw new AssertionError("filter accepted");
        } catch (CaptureException e) {
            Assumptions.assumeFalse(e.getMessage().contains("libpcap is not available"), e.getMessage());
            assertTrue(e.getMessage().startsWith("lo: "), e.getMessage());
        }
    }
}
