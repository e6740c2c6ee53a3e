package dev.rampart.engine.applayer.nfs;

/**
 * The arguments of the NFSv4 operations a COMPOUND call may hold, as Suricata's request parser
 * reads them (nfs4_records.rs): each is skipped field by field, so that a compound whose every
 * operation reads is one Suricata reads too. An operation it does not know makes the compound
 * unreadable.
 */
final class Nfs4Ops {
    private Nfs4Ops() {
    }

    /** Skips the arguments of operation {@code op}; false when Suricata does not know it. */
    static boolean skipArgs(Xdr w, long op) {
        switch ((int) Math.min(op, Integer.MAX_VALUE)) {
            case 22 -> w.take(w.u32()); // PUTFH: a handle (no fill bytes read)
            case 25 -> { // READ
                stateid(w);
                w.u64();
                w.u32();
            }
            case 38 -> { // WRITE
                stateid(w);
                w.u64();
                w.u32();
                long n = w.u32();
                w.take(n);
                w.pad(n);
            }
            case 10, 32, 24 -> {
                // GETFH, SAVEFH, PUTROOTFH: no arguments
            }
            case 18 -> open(w);
            case 4 -> { // CLOSE
                w.u32();
                stateid(w);
            }
            case 15, 28 -> string(w); // LOOKUP, REMOVE
            case 3, 52 -> w.u32(); // ACCESS, SECINFO_NO_NAME
            case 5 -> { // COMMIT
                w.u64();
                w.u32();
            }
            case 9 -> attrBits(w); // GETATTR
            case 26 -> { // READDIR
                w.u64();
                w.u64();
                w.u32();
                w.u32();
                attrBits(w);
            }
            case 30 -> w.u64(); // RENEW
            case 20 -> { // OPEN_CONFIRM
                w.u32();
                stateid(w);
            }
            case 29 -> { // RENAME
                string(w);
                string(w);
            }
            case 6 -> { // CREATE
                long type = w.u32();
                if (type == 5) {
                    string(w);
                }
                string(w);
                attrs(w);
            }
            case 8 -> stateid(w); // DELEGRETURN
            case 34 -> { // SETATTR
                stateid(w);
                attrs(w);
            }
            case 35 -> { // SETCLIENTID
                w.take(8);
                string(w);
                w.u32();
                string(w);
                string(w);
                w.u32();
            }
            case 36 -> { // SETCLIENTID_CONFIRM
                w.take(8);
                w.take(8);
            }
            case 53 -> { // SEQUENCE
                w.take(16);
                w.u32();
                w.u32();
                w.u32();
                w.u32();
            }
            case 42 -> { // EXCHANGE_ID
                w.take(8);
                string(w);
                w.u32();
                w.u32();
                w.u32();
                string(w);
                string(w);
                w.u64();
                w.u32();
            }
            case 43 -> { // CREATE_SESSION: Suricata takes the rest of the compound with it
                w.take(8);
                w.u32();
                w.u32();
                w.take(28);
                w.take(28);
                w.u32();
                w.u32();
                w.u32();
                w.u32();
                string(w);
                if (w.ok()) {
                    w.p = w.end;
                }
            }
            case 58 -> w.atMost(1); // RECLAIM_COMPLETE
            case 50 -> { // LAYOUTGET
                w.atMost(1);
                w.u32();
                w.u32();
                w.u64();
                w.u64();
                w.u64();
                stateid(w);
                w.u32();
            }
            case 47 -> { // GETDEVINFO
                w.take(16);
                w.u32();
                w.u32();
                w.u32();
                w.u32();
            }
            case 51 -> { // LAYOUTRETURN
                w.atMost(1);
                w.u32();
                w.u32();
                w.u32();
                w.u64();
                w.u64();
                stateid(w);
                string(w);
            }
            case 44 -> w.take(16); // DESTROY_SESSION
            case 57 -> w.take(8); // DESTROY_CLIENTID
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void stateid(Xdr w) {
        w.u32();
        w.take(12);
    }

    /** An XDR string: length, bytes, fill bytes. */
    private static void string(Xdr w) {
        long n = w.u32();
        w.take(n);
        w.pad(n);
    }

    /** A bitmap of up to three words. */
    private static void attrBits(Xdr w) {
        long n = w.u32();
        w.u32();
        if (n >= 2) {
            w.u32();
        }
        if (n == 3) {
            w.u32();
        }
    }

    /** A bitmap and its values (opaque). */
    private static void attrs(Xdr w) {
        attrBits(w);
        w.take(w.u32());
    }

    private static void open(Xdr w) {
        w.u32();
        w.u32();
        w.u32();
        w.u64();
        long owner = w.u32();
        if (owner > 0) {
            w.take(owner);
        }
        long type = w.u32();
        if (type == 1) {
            long mode = w.u32();
            if (mode == 0 || mode == 1) {
                attrs(w);
            } else if (mode == 2) {
                w.take(8);
            } else {
                w.fail();
            }
        }
        w.u32();
        string(w);
    }
}
