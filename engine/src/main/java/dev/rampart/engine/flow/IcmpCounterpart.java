package dev.rampart.engine.flow;

/** Request/reply pairs of ICMP message types, as Suricata pairs them for flow keys. */
final class IcmpCounterpart {
    private IcmpCounterpart() {
    }

    /** The paired type, or -1 when the message has none. */
    static int of(int ipProto, int type) {
        if (ipProto == 1) {
            switch (type) {
                case 8: return 0;    // echo
                case 0: return 8;
                case 13: return 14;  // timestamp
                case 14: return 13;
                case 15: return 16;  // information
                case 16: return 15;
                case 17: return 18;  // address mask
                case 18: return 17;
                case 9: return 10;   // router advertisement / solicitation
                case 10: return 9;
                default: return -1;
            }
        }
        switch (type) {
            case 128: return 129;    // echo
            case 129: return 128;
            case 133: return 134;    // router solicitation / advertisement
            case 134: return 133;
            case 135: return 136;    // neighbour solicitation / advertisement
            case 136: return 135;
            case 139: return 140;    // node information
            case 140: return 139;
            default: return -1;
        }
    }
}
