package dev.rampart.rules.keyword.header;

import java.util.HashMap;
import java.util.Map;

/**
 * IP protocol names {@code ip_proto} accepts: the IANA keyword of each assigned number (exact
 * case, e.g. {@code TCP}, {@code IPv6-ICMP}) plus the lower-case /etc/protocols style alias where
 * one exists ({@code tcp}, {@code ipv6-icmp}). Lookup is case-sensitive, as in Suricata.
 */
final class IpProtoNames {
    private IpProtoNames() {
    }

    /** Entries "number:IANA-name[:alias]". */
    private static final String[] TABLE = {
        "0:HOPOPT:ip", "1:ICMP:icmp", "2:IGMP:igmp", "3:GGP:ggp", "4:IP-in-IP:ipencap", "5:ST:st", "6:TCP:tcp",
        "7:CBT", "8:EGP:egp", "9:IGP:igp", "10:BBN-RCC-MON", "11:NVP-II", "12:PUP:pup", "13:ARGUS", "14:EMCON",
        "15:XNET", "16:CHAOS", "17:UDP:udp", "18:MUX", "19:DCN-MEAS", "20:HMP:hmp", "21:PRM", "22:XNS-IDP:xns-idp",
        "23:TRUNK-1", "24:TRUNK-2", "25:LEAF-1", "26:LEAF-2", "27:RDP:rdp", "28:IRTP", "29:ISO-TP4:iso-tp4",
        "30:NETBLT", "31:MFE-NSP", "32:MERIT-INP", "33:DCCP:dccp", "34:3PC", "35:IDPR", "36:XTP:xtp",
        "37:DDP:ddp", "38:IDPR-CMTP:idpr-cmtp", "39:TP++", "40:IL", "41:IPv6:ipV6", "42:SDRP",
        "43:IPv6-Route:ipv6-route", "44:IPv6-Frag:ipv6-frag", "45:IDRP:idrp", "46:RSVP:rsvp", "47:GRE:gre",
        "48:DSR", "49:BNA", "50:ESP:esp", "51:AH:ah", "52:I-NLSP", "53:SwIPe", "54:NARP", "55:MOBILE", "56:TLSP",
        "57:SKIP:skip", "58:IPv6-ICMP:ipv6-icmp", "59:IPv6-NoNxt:ipv6-nonxt", "60:IPv6-Opts:ipv6-opts", "61:Any",
        "62:CFTP", "64:SAT-EXPAK", "65:KRYPTOLAN", "66:RVD", "67:IPPC", "69:SAT-MON", "70:VISA", "71:IPCU",
        "72:CPNX", "73:CPHB:cphb", "74:WSN", "75:PVP", "76:BR-SAT-MON", "77:SUN-ND", "78:WB-MON", "79:WB-EXPAK",
        "80:ISO-IP", "81:VMTP:vmtp", "82:SECURE-VMTP", "83:VINES", "84:TTP", "85:NSFNET-IGP", "86:DGP", "87:TCF",
        "88:EIGRP:eigrp", "89:OSPF:ospf", "90:Sprite-RPC", "91:LARP", "92:MTP", "93:AX.25:ax.25", "94:OS:ipip",
        "95:MICP", "96:SCC-SP", "97:ETHERIP:etherip", "98:ENCAP:encap", "100:GMTP", "101:IFMP", "102:PNNI",
        "103:PIM:pim", "104:ARIS", "105:SCPS", "106:QNX", "107:A/N", "108:IPComp:ipcomp", "109:SNP",
        "110:Compaq-Peer", "111:IPX-in-IP", "112:VRRP:vrrp", "113:PGM", "115:L2TP:l2tp", "116:DDX", "117:IATP",
        "118:STP", "119:SRP", "120:UTI", "121:SMP", "122:SM", "123:PTP", "124:IS-IS:isis", "125:FIRE",
        "126:CRTP", "127:CRUDP", "128:SSCOPMCE", "129:IPLT", "130:SPS", "131:PIPE", "132:SCTP:sctp", "133:FC:fc",
        "134:RSVP-E2E-IGNORE", "135:Mobility:mobility-header", "136:UDPLite:udplite", "137:MPLS-in-IP:mpls-in-ip",
        "138:manet", "139:HIP:hip", "140:Shim6:shim6", "141:WESP:wesp", "142:ROHC:rohc", "143:Ethernet",
    };

    private static final Map<String, Integer> BY_NAME = new HashMap<>();

    static {
        for (String e : TABLE) {
            String[] f = e.split(":");
            int n = Integer.parseInt(f[0]);
            for (int i = 1; i < f.length; i++) {
                BY_NAME.putIfAbsent(f[i], n);
            }
        }
    }

    /** Protocol number for a name, or -1. */
    static int number(String name) {
        Integer n = BY_NAME.get(name);
        return n == null ? -1 : n;
    }
}
