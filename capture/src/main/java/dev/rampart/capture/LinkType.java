package dev.rampart.capture;

/** libpcap LINKTYPE_* values the decoders understand. */
public final class LinkType {
    private LinkType() {
    }

    /** BSD loopback: 4-byte address family in host byte order. */
    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    /** PPP (RFC 1661), optionally with HDLC-like framing (FF 03). */
    public static final int PPP = 9;
    /** Raw IP (LINKTYPE_RAW); some files use the DLT value 12 or 14 for it. */
    public static final int RAW = 101;
    public static final int RAW_DLT12 = 12;
    public static final int RAW_DLT14 = 14;
    /** OpenBSD loopback: address family in network byte order. */
    public static final int LOOP = 108;
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int LINUX_SLL2 = 276;

    public static boolean isSupported(int linkType) {
        return switch (linkType) {
            case NULL, ETHERNET, PPP, RAW, RAW_DLT12, RAW_DLT14, LOOP, LINUX_SLL, IPV4, IPV6, LINUX_SLL2 -> true;
            default -> false;
        };
    }
}
