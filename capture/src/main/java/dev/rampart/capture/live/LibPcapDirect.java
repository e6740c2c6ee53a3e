package dev.rampart.capture.live;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;

/**
 * The two native calls of the per-packet path, bound with JNA direct mapping so that reading a
 * packet allocates nothing: {@code pcap_next_ex} with out-pointers in {@code long[1]} arrays, and
 * {@code memcpy} from libpcap's buffer into a direct ByteBuffer. Everything else (open, filter,
 * stats) goes through pcap4j. Uses the same library pcap4j loads.
 */
final class LibPcapDirect {
    static {
        String name = System.getProperty("org.pcap4j.core.pcapLibName", Platform.isWindows() ? "wpcap" : "pcap");
        Native.register(LibPcapDirect.class, NativeLibrary.getInstance(name));
    }

    private LibPcapDirect() {
    }

    /** 1: a packet; 0: timeout or nothing queued; -1: error; -2: no more packets. */
    static native int pcap_next_ex(Pointer pcap, long[] header, long[] data);

    static native String pcap_geterr(Pointer pcap);

    /** A file descriptor that polls readable when packets can be read; -1 where there is none. */
    static native int pcap_get_selectable_fd(Pointer pcap);

    /** poll(2) on one {@code struct pollfd} (int fd, short events, short revents) held in a direct buffer. */
    static int poll(ByteBuffer pollfd, int timeoutMillis) {
        return LibC.poll(pollfd, 1, timeoutMillis);
    }

    static final short POLLIN = 1;

    /** Size of {@code struct pcap_pkthdr}: a struct timeval, then caplen and len. */
    static final int HEADER_SIZE = Native.LONG_SIZE * 2 + 8;

    static void copy(ByteBuffer directDestination, long source, long length) {
        LibC.memcpy(directDestination, source, length);
    }

    private static final class LibC {
        static {
            Native.register(LibC.class, Platform.C_LIBRARY_NAME);
        }

        static native long memcpy(ByteBuffer destination, long source, long length);

        static native int poll(ByteBuffer fds, long count, int timeoutMillis);
    }
}
