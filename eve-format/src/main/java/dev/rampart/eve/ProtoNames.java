package dev.rampart.eve;

/**
 * The EVE {@code proto} value for an IP protocol number: Suricata 7 prints its compiled-in IANA
 * keyword table (util-proto-name.c, protocols 0-143, with its own spellings such as
 * {@code IPv6-ICMP}, {@code IP-in-IP} and {@code Any} for the unassigned-by-purpose numbers) and
 * the decimal number for anything past the table.
 */
public final class ProtoNames {
    private static final String[] NAMES = new String[256];

    static {
        String table = "HOPOPT ICMP IGMP GGP IP-in-IP ST TCP CBT EGP IGP BBN-RCC-MON NVP-II PUP ARGUS EMCON"
                + " XNET CHAOS UDP MUX DCN-MEAS HMP PRM XNS-IDP TRUNK-1 TRUNK-2 LEAF-1 LEAF-2 RDP IRTP"
                + " ISO-TP4 NETBLT MFE-NSP MERIT-INP DCCP 3PC IDPR XTP DDP IDPR-CMTP TP++ IL IPv6 SDRP"
                + " IPv6-Route IPv6-Frag IDRP RSVP GRE DSR BNA ESP AH I-NLSP SwIPe NARP MOBILE TLSP SKIP"
                + " IPv6-ICMP IPv6-NoNxt IPv6-Opts Any CFTP Any SAT-EXPAK KRYPTOLAN RVD IPPC Any SAT-MON"
                + " VISA IPCU CPNX CPHB WSN PVP BR-SAT-MON SUN-ND WB-MON WB-EXPAK ISO-IP VMTP SECURE-VMTP"
                + " VINES TTP NSFNET-IGP DGP TCF EIGRP OSPF Sprite-RPC LARP MTP AX.25 OS MICP SCC-SP"
                + " ETHERIP ENCAP Any GMTP IFMP PNNI PIM ARIS SCPS QNX A/N IPComp SNP Compaq-Peer IPX-in-IP"
                + " VRRP PGM Any L2TP DDX IATP STP SRP UTI SMP SM PTP IS-IS FIRE CRTP CRUDP SSCOPMCE IPLT"
                + " SPS PIPE SCTP FC RSVP-E2E-IGNORE Mobility UDPLite MPLS-in-IP manet HIP Shim6 WESP ROHC"
                + " Ethernet";
        String[] names = table.split(" ");
        if (names.length != 144) {
            throw new AssertionError("protocol table has " + names.length + " names");
        }
        for (int i = 0; i < 256; i++) {
            NAMES[i] = i < names.length ? names[i] : Integer.toString(i);
        }
    }

    private ProtoNames() {
    }

    public static String name(int proto) {
        return NAMES[proto & 0xff];
    }

    /** Whether EVE gives the protocol's packets ports (TCP, UDP, SCTP). */
    public static boolean hasPorts(int proto) {
        return proto == 6 || proto == 17 || proto == 132;
    }
}
