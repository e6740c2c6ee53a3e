package dev.rampart.engine.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rampart.engine.scope.SocketOwners.ProcessInfo;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxSocketOwnersTest {

    private static final String TCP_HEADER =
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
    private static final String TCP6_HEADER = "  sl  local_address                         remote_address"
            + "                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

    private static final long IP_10_1_2_3 = 0x0A010203L;
    private static final long IP_NOT_OURS = 0xCB007107L; // 203.0.113.7
    private static final long DOC_HI = 0x20010DB800000000L; // 2001:db8::/64

    @TempDir
    Path root;

    private static String v4Row(int sl, String local, String remote, String st, long inode) {
        return String.format("%4d: %s %s %s 00000000:00000000 00:00000000 00000000  1000        0 %d 1 "
                + "0000000000000000 100 0 0 10 0%n", sl, local, remote, st, inode);
    }

    private static String v6Row(int sl, String local, String remote, String st, long inode) {
        return String.format("%4d: %s %s %s 00000000:00000000 00:00000000 00000000  1000        0 %d 1 "
                + "0000000000000000 100 0 0 10 0%n", sl, local, remote, st, inode);
    }

    private void process(int pid, String comm, String exe, long... inodes) throws IOException {
        Path dir = Files.createDirectories(root.resolve(Integer.toString(pid)).resolve("fd"));
        Files.writeString(root.resolve(Integer.toString(pid)).resolve("comm"), comm + "\n");
        if (exe != null) {
            Files.createSymbolicLink(root.resolve(Integer.toString(pid)).resolve("exe"), Paths.get(exe));
        }
        Files.createSymbolicLink(dir.resolve("0"), Paths.get("anon_inode:[eventfd]"));
        Files.createSymbolicLink(dir.resolve("1"), Paths.get("pipe:[424242]"));
        int fd = 3;
        for (long inode : inodes) {
            Files.createSymbolicLink(dir.resolve(Integer.toString(fd++)), Paths.get("socket:[" + inode + "]"));
        }
    }

    /** The fixture tree, words as a little-endian kernel prints them. */
    private LinuxSocketOwners fixture() throws IOException {
        Path net = Files.createDirectories(root.resolve("net"));
        Files.writeString(net.resolve("tcp"), TCP_HEADER
                + v4Row(0, "00000000:0050", "00000000:0000", "0A", 1001) // 0.0.0.0:80 listen
                + v4Row(1, "0302010A:1F90", "00000000:0000", "0A", 1002) // 10.1.2.3:8080 listen
                + v4Row(2, "0302010A:B26E", "22D8B85D:01BB", "01", 1003) // 10.1.2.3:45678 -> 93.184.216.34:443
                + v4Row(3, "0302010A:15B3", "22D8B85D:01BB", "06", 0)); // TIME_WAIT: no inode, no owner
        Files.writeString(net.resolve("tcp6"), TCP6_HEADER
                + v6Row(0, "00000000000000000000000000000000:0016", "00000000000000000000000000000000:0000", "0A", 2001)
                // 2001:db8::1 port 443
                + v6Row(1, "B80D0120000000000000000001000000:01BB", "00000000000000000000000000000000:0000", "0A", 2002)
                // ::ffff:10.1.2.3 port 9000
                + v6Row(2, "0000000000000000FFFF00000302010A:2328", "00000000000000000000000000000000:0000", "0A", 2003));
        Files.writeString(net.resolve("udp"), TCP_HEADER
                + v4Row(0, "00000000:0035", "00000000:0000", "07", 3001) // 0.0.0.0:53
                + v4Row(1, "0100007F:14E9", "00000000:0000", "07", 3002) // 127.0.0.1:5353, owner not visible
                + v4Row(2, "00000000:14E9", "00000000:0000", "07", 3003)); // 0.0.0.0:5353
        // no udp6 file: a host without IPv6 UDP table must still work
        process(100, "nginx", "/usr/sbin/nginx", 1001, 2003);
        process(200, "app", "/opt/app/bin/app", 1002, 1003);
        process(300, "sshd", "/usr/sbin/sshd", 2001, 2002);
        process(400, "dnsd", null, 3001, 3003);
        Files.createDirectories(root.resolve("500")); // vanished process: no fd dir
        Files.createDirectories(root.resolve("self").resolve("fd")); // not a pid
        LinuxSocketOwners owners = new LinuxSocketOwners(root, ByteOrder.LITTLE_ENDIAN, false,
                Duration.ofHours(1), Duration.ofMillis(100));
        owners.refreshNow();
        return owners;
    }

    @Test
    void fixtureOwnersByAddressAndPort() throws IOException {
        LinuxSocketOwners o = fixture();

        ProcessInfo nginx = o.owner(6, 4, 0, IP_10_1_2_3, 80);
        assertEquals(new ProcessInfo(100, "nginx", "/usr/sbin/nginx"), nginx);
        assertEquals(100, o.owner(6, 4, 0, 0x7F000001L, 80).pid(), "wildcard takes loopback");
        assertNull(o.owner(6, 4, 0, IP_NOT_OURS, 80), "wildcard listener, address not this host's");
        assertNull(o.owner(17, 4, 0, IP_10_1_2_3, 80), "TCP socket does not answer UDP");

        assertEquals(new ProcessInfo(200, "app", "/opt/app/bin/app"), o.owner(6, 4, 0, IP_10_1_2_3, 8080));
        assertNull(o.owner(6, 4, 0, 0x0A010204L, 8080), "bound to another address");
        assertEquals(200, o.owner(6, 4, 0, IP_10_1_2_3, 45678).pid(), "connected socket's local side");
        assertNull(o.owner(6, 4, 0, IP_10_1_2_3, 5555), "TIME_WAIT has no owner");
        assertNull(o.owner(6, 4, 0, IP_10_1_2_3, 1234), "unknown port");

        // IPv6 wildcard: dual stack, takes IPv6 and IPv4 addresses of this host
        assertEquals(300, o.owner(6, 6, DOC_HI, 1, 22).pid());
        assertEquals(300, o.owner(6, 4, 0, IP_10_1_2_3, 22).pid());
        assertEquals(300, o.owner(6, 6, 0, 1, 22).pid(), "::1");
        assertNull(o.owner(6, 6, DOC_HI, 0x99, 22), "2001:db8::99 is not local");
        assertEquals(new ProcessInfo(300, "sshd", "/usr/sbin/sshd"), o.owner(6, 6, DOC_HI, 1, 443));
        assertNull(o.owner(6, 6, DOC_HI, 2, 443));
        assertNull(o.owner(6, 4, 0, IP_10_1_2_3, 443), "IPv6-only exact socket");

        // IPv4-mapped IPv6 socket answers IPv4 lookups (and mapped IPv6 ones)
        assertEquals(100, o.owner(6, 4, 0, IP_10_1_2_3, 9000).pid());
        assertEquals(100, o.owner(6, 6, 0, 0x0000FFFF00000000L | IP_10_1_2_3, 9000).pid());
        assertNull(o.owner(6, 4, 0, 0x0A010204L, 9000));

        // UDP; a process without readable exe gets ""
        assertEquals(new ProcessInfo(400, "dnsd", ""), o.owner(17, 4, 0, IP_10_1_2_3, 53));
        assertNull(o.owner(6, 4, 0, IP_10_1_2_3, 53));
        assertNull(o.owner(17, 4, 0, 0x7F000001L, 5353), "exact socket with unknown owner beats the wildcard");
        assertEquals(400, o.owner(17, 4, 0, IP_10_1_2_3, 5353).pid());

        assertEquals(9, o.socketsKnown());
        assertEquals(4, o.processesKnown());
        assertEquals(1, o.refreshCount());
    }

    @Test
    void fixtureLocalAddresses() throws IOException {
        LinuxSocketOwners o = fixture();
        assertTrue(o.isLocal(4, 0, IP_10_1_2_3), "bound address in the tables");
        assertTrue(o.isLocal(4, 0, 0x7F000001L));
        assertTrue(o.isLocal(4, 0, 0x7F0A0B0CL), "127/8");
        assertTrue(o.isLocal(6, 0, 1), "::1");
        assertTrue(o.isLocal(6, DOC_HI, 1));
        assertTrue(o.isLocal(6, 0, 0x0000FFFF00000000L | IP_10_1_2_3), "mapped form of a local IPv4");
        assertFalse(o.isLocal(4, 0, IP_NOT_OURS));
        assertFalse(o.isLocal(4, 0, 0), "wildcard is no address");
        assertFalse(o.isLocal(6, 0, 0));
        assertFalse(o.isLocal(6, DOC_HI, 2));
        assertFalse(o.isLocal(4, 0, 0x5DB8D822L), "remote side of a connection is not local");
    }

    @Test
    void bigEndianKernelWords() throws IOException {
        Path net = Files.createDirectories(root.resolve("net"));
        Files.writeString(net.resolve("tcp"), TCP_HEADER
                + v4Row(0, "0A010203:1F90", "00000000:0000", "0A", 1002));
        Files.writeString(net.resolve("tcp6"), TCP6_HEADER
                + v6Row(0, "20010DB8000000000000000000000001:01BB", "00000000000000000000000000000000:0000", "0A", 2002));
        process(200, "app", "/opt/app/bin/app", 1002, 2002);
        LinuxSocketOwners o = new LinuxSocketOwners(root, ByteOrder.BIG_ENDIAN, false,
                Duration.ofHours(1), Duration.ofMillis(100));
        o.refreshNow();
        assertEquals(200, o.owner(6, 4, 0, IP_10_1_2_3, 8080).pid());
        assertEquals(200, o.owner(6, 6, DOC_HI, 1, 443).pid());
    }

    @Test
    void emptyBeforeFirstRefreshAndMissingTables() {
        LinuxSocketOwners o = new LinuxSocketOwners(root, ByteOrder.LITTLE_ENDIAN, false,
                Duration.ofHours(1), Duration.ofMillis(100));
        assertNull(o.owner(6, 4, 0, 0x7F000001L, 80));
        o.refreshNow(); // no net/ directory at all
        assertNull(o.owner(6, 4, 0, 0x7F000001L, 80));
        assertTrue(o.isLocal(4, 0, 0x7F000001L));
        assertEquals(0, o.socketsKnown());
        assertEquals(1, o.refreshCount());
    }

    @Test
    void liveSocketsOfThisProcess() throws IOException {
        assumeTrue(Files.isReadable(Paths.get("/proc/net/tcp")), "no /proc/net/tcp");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket server = new ServerSocket(0, 10, loopback);
                Socket client = new Socket(loopback, server.getLocalPort());
                Socket accepted = server.accept();
                DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
                LinuxSocketOwners o = new LinuxSocketOwners(Duration.ofHours(1), Duration.ofMillis(100))) {
            o.refreshNow();
            long self = ProcessHandle.current().pid();
            String comm = Files.readString(Paths.get("/proc/self/comm")).trim();

            ProcessInfo listener = o.owner(6, 4, 0, 0x7F000001L, server.getLocalPort());
            assertNotNull(listener, "listening socket");
            assertEquals(self, listener.pid());
            assertEquals(comm, listener.name());
            assertTrue(listener.exe().isEmpty() || Files.exists(Paths.get(listener.exe())), listener.exe());

            ProcessInfo clientSide = o.owner(6, 4, 0, 0x7F000001L, client.getLocalPort());
            assertNotNull(clientSide, "connected client socket");
            assertEquals(self, clientSide.pid());

            ProcessInfo udpOwner = o.owner(17, 4, 0, 0x7F000001L, udp.getLocalPort());
            assertNotNull(udpOwner, "UDP socket");
            assertEquals(self, udpOwner.pid());
            assertNull(o.owner(6, 4, 0, 0x7F000001L, udp.getLocalPort()), "the UDP port is not a TCP one");

            assertTrue(o.isLocal(4, 0, 0x7F000001L));
            assertTrue(o.socketsKnown() >= 4);
            assertTrue(o.processesKnown() >= 1);
        }
    }

    @Test
    void forThisHostFollowsProcAvailability() {
        SocketOwners owners = LinuxSocketOwners.forThisHost(Duration.ofSeconds(1));
        try {
            if (Files.isReadable(Paths.get("/proc/net/tcp"))) {
                assertTrue(owners instanceof LinuxSocketOwners);
            } else {
                assertTrue(owners == SocketOwners.NONE);
            }
        } finally {
            if (owners instanceof LinuxSocketOwners l) {
                l.close();
            }
        }
    }

    @Test
    void refreshSoonIsRateLimitedAndDoesNotBlock() throws Exception {
        Files.createDirectories(root.resolve("net"));
        Files.writeString(root.resolve("net").resolve("tcp"), TCP_HEADER);
        LinuxSocketOwners o = new LinuxSocketOwners(root, ByteOrder.LITTLE_ENDIAN, false,
                Duration.ofHours(1), Duration.ofMillis(500));
        try {
            o.start();
            awaitCount(o, 1); // the first refresh runs at once
            Thread.sleep(600); // past minGap since construction and the first refresh

            long t0 = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                o.refreshSoon();
            }
            long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(elapsedMs < 100, "1000 refreshSoon calls took " + elapsedMs + " ms");
            awaitCount(o, 2);
            Thread.sleep(300); // the other 999 calls fell inside minGap: ignored
            assertEquals(2, o.refreshCount());

            Thread.sleep(300); // now past minGap again
            o.refreshSoon();
            awaitCount(o, 3);
            assertTrue(o.lastRefreshMillis() >= 0);

            o.close();
            Thread.sleep(600);
            long after = o.refreshCount();
            o.refreshSoon();
            Thread.sleep(300);
            assertEquals(after, o.refreshCount(), "closed: no more refreshes");
        } finally {
            o.close();
        }
    }

    private static void awaitCount(LinuxSocketOwners o, long n) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (o.refreshCount() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(n, o.refreshCount());
    }
}
