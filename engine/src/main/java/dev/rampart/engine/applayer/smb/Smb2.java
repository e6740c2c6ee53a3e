package dev.rampart.engine.applayer.smb;

import java.nio.ByteBuffer;

/**
 * SMB2/3 records (MS-SMB2 2.2): the 64-byte header, compounded commands (NextCommand), and the
 * commands whose content Suricata keeps: negotiate, session setup (the NTLMSSP user and domain),
 * tree connect (the share, a pipe by the response's share type), create (the file name, by file
 * id from the response), read and write (file data or DCERPC on a pipe), IOCTL pipe transceive
 * (DCERPC), close. Offsets inside a command are from its header, as the protocol counts them.
 */
final class Smb2 {
    static final int HEADER = 64;
    static final int NEGOTIATE = 0;
    static final int SESSION_SETUP = 1;
    static final int TREE_CONNECT = 3;
    static final int TREE_DISCONNECT = 4;
    static final int CREATE = 5;
    static final int CLOSE = 6;
    static final int READ = 8;
    static final int WRITE = 9;
    static final int IOCTL = 11;
    static final int GET_INFO = 16;
    static final int SET_INFO = 17;
    private static final long FSCTL_PIPE_TRANSCEIVE = 0x0011C017L;
    private static final long STATUS_PENDING = 0x103L;
    private static final int FLAG_ASYNC = 0x2;

    private Smb2() {
    }

    static void record(SmbSession s, boolean toServer, byte[] b, int off, int len) {
        int p = off;
        int end = off + len;
        while (true) {
            if (end - p < HEADER || (b[p] & 0xFF) != 0xFE || b[p + 1] != 'S' || b[p + 2] != 'M' || b[p + 3] != 'B') {
                s.countMalformed();
                return;
            }
            long next = u32(b, p + 20);
            int cmdEnd = next == 0 || next > end - p ? end : (int) (p + next);
            if (next != 0 && (next < HEADER || next > end - p)) {
                s.countMalformed();
                return;
            }
            s.curSession = u64(b, p + 40);
            s.curTree = (u32(b, p + 16) & FLAG_ASYNC) != 0 ? 0 : u32(b, p + 36);
            s.curStatus = u32(b, p + 8);
            s.curVersion = 2;
            s.curCommand = u16(b, p + 12);
            if (toServer) {
                request(s, b, p, cmdEnd);
            } else {
                response(s, b, p, cmdEnd);
            }
            if (next == 0) {
                return;
            }
            p += (int) next;
        }
    }

    private static long treeKey(long session, long tree) {
        return session * 0x9E3779B97F4A7C15L + tree;
    }

    private static long treeKeyOf(byte[] b, int p) {
        boolean async = (u32(b, p + 16) & FLAG_ASYNC) != 0;
        return treeKey(u64(b, p + 40), async ? 0 : u32(b, p + 36));
    }

    private static void request(SmbSession s, byte[] b, int p, int end) {
        int cmd = u16(b, p + 12);
        long msg = u64(b, p + 24);
        int body = p + HEADER;
        int bl = end - body;
        SmbTx tx = null;
        switch (cmd) {
            case NEGOTIATE -> tx = s.newTx(2, cmd, SmbTx.NEGOTIATE, msg);
            case SESSION_SETUP -> {
                tx = s.newTx(2, cmd, SmbTx.SESSION_SETUP, msg);
                if (bl >= 16) {
                    int at = p + u16(b, body + 12);
                    int n = u16(b, body + 14);
                    if (at >= body && at + n <= end) {
                        Ntlmssp.read(b, at, n, tx);
                    }
                }
            }
            case TREE_CONNECT -> {
                tx = s.newTx(2, cmd, SmbTx.TREE_CONNECT, msg);
                if (bl >= 8) {
                    int at = p + u16(b, body + 4);
                    int n = u16(b, body + 6);
                    if (at >= body && at + n <= end) {
                        tx.share = SmbSession.dropZeros(b, at, n);
                    }
                }
            }
            case TREE_DISCONNECT -> s.trees.remove(treeKeyOf(b, p));
            case CREATE -> {
                tx = s.newTx(2, cmd, SmbTx.CREATE, msg);
                if (bl >= 48) {
                    int at = p + u16(b, body + 44);
                    int n = u16(b, body + 46);
                    tx.fileName = at >= body && at + n <= end ? SmbSession.dropZeros(b, at, n) : new byte[0];
                }
            }
            case READ -> {
                // a read makes no transaction: its answer goes to the file's, or to a DCERPC call's
                if (bl >= 32) {
                    s.reads.put(msg, new SmbSession.PendingRead(SmbSession.key(b, body + 16, 16), u64(b, body + 8)));
                }
                return;
            }
            case WRITE -> {
                // nor does a write (the file's transaction, or a DCERPC call's)
                if (bl >= 48) {
                    write(s, b, p, end, msg);
                }
                return;
            }
            case IOCTL -> {
                // a pipe transceive carrying DCERPC is the call's transaction; any other IOCTL its own
                if (bl >= 56 && u32(b, body + 4) == FSCTL_PIPE_TRANSCEIVE) {
                    ByteBuffer file = SmbSession.key(b, body + 8, 16);
                    long at = p + u32(b, body + 24);
                    long n = u32(b, body + 28);
                    if (at >= body && at + n <= end && s.route(file, treeKeyOf(b, p), b, (int) at, (int) n) == SmbSession.ROUTE_DCERPC) {
                        s.reads.put(msg, new SmbSession.PendingRead(file, 0));
                        if (SmbDcerpc.write(s, 2, cmd, msg, b, (int) at, (int) n)) {
                            return;
                        }
                    }
                }
            }
            case CLOSE -> {
                if (bl >= 24) {
                    s.closeFile(SmbSession.key(b, body + 8, 16));
                }
            }
            case GET_INFO, SET_INFO -> {
                return; // no generic transaction for these (Suricata's smb2_create_new_tx)
            }
            default -> {
            }
        }
        if (tx == null) {
            tx = s.newTx(2, cmd, SmbTx.GENERIC, msg);
        }
        tx.reqDone = true;
        tx.version++;
    }

    /** A write's data: a DCERPC PDU on a service's pipe, else the file's bytes; false when it is neither. */
    private static boolean write(SmbSession s, byte[] b, int p, int end, long msg) {
        int body = p + HEADER;
        int at = p + u16(b, body + 2);
        long length = u32(b, body + 4);
        long offset = u64(b, body + 8);
        ByteBuffer file = SmbSession.key(b, body + 16, 16);
        if (at < body || at > end) {
            s.countMalformed();
            return false;
        }
        int n = (int) Math.min(length, end - at);
        switch (s.route(file, treeKeyOf(b, p), b, at, n)) {
            case SmbSession.ROUTE_DCERPC -> SmbDcerpc.write(s, 2, WRITE, msg, b, at, n);
            case SmbSession.ROUTE_FILE -> s.fileTx(2, WRITE, file, true, treeKeyOf(b, p)).fileWrite(offset, b, at, n);
            default -> {
            }
        }
        return true;
    }

    private static void response(SmbSession s, byte[] b, int p, int end) {
        int cmd = u16(b, p + 12);
        long status = u32(b, p + 8);
        long msg = u64(b, p + 24);
        int body = p + HEADER;
        int bl = end - body;
        if (status == STATUS_PENDING) {
            return; // an interim answer: the final one follows
        }
        switch (cmd) {
            case NEGOTIATE -> {
                if (status == 0 && bl >= 6) {
                    s.dialect = dialectName(u16(b, body + 4));
                }
            }
            case TREE_CONNECT -> {
                SmbTx tx = s.awaiting(2, msg, cmd);
                if (tx != null) {
                    tx.treeId = s.curTree;
                }
                if (tx != null && status == 0 && bl >= 4) {
                    tx.isPipe = b[body + 2] == 2;
                    s.trees.put(treeKeyOf(b, p), new SmbSession.Tree(tx.share == null ? new byte[0] : tx.share, tx.isPipe));
                }
            }
            case CREATE -> {
                SmbTx tx = s.awaiting(2, msg, cmd);
                if (tx != null && status == 0 && bl >= 80) {
                    s.fileNames.put(SmbSession.key(b, body + 64, 16), tx.fileName == null ? new byte[0] : tx.fileName);
                }
            }
            case READ -> {
                SmbSession.PendingRead r = s.reads.remove(msg);
                if (r != null && status == 0 && bl >= 16) {
                    int at = p + (b[body + 2] & 0xFF);
                    long n = u32(b, body + 4);
                    if (at < body || at > end) {
                        s.countMalformed();
                    } else {
                        int len = (int) Math.min(n, end - at);
                        switch (s.route(r.file(), treeKeyOf(b, p), b, at, len)) {
                            case SmbSession.ROUTE_DCERPC -> SmbDcerpc.read(s, b, at, len);
                            case SmbSession.ROUTE_FILE -> s.fileTx(2, READ, r.file(), false, treeKeyOf(b, p))
                                    .fileWrite(r.offset(), b, at, len);
                            default -> {
                            }
                        }
                    }
                }
            }
            case IOCTL -> {
                SmbSession.PendingRead r = s.reads.remove(msg);
                if (r != null && bl >= 40) {
                    long at = p + u32(b, body + 32);
                    long n = u32(b, body + 36);
                    if (at >= body && at + n <= end && n > 0) {
                        SmbDcerpc.read(s, b, (int) at, (int) n);
                    }
                }
            }
            default -> {
            }
        }
        SmbTx tx = s.awaiting(2, msg, cmd);
        if (tx == null && cmd == NEGOTIATE) {
            tx = s.awaitingSmb1Negotiate(); // an SMB1 negotiate answered with SMB2
        }
        if (tx != null) {
            s.respond(tx);
        }
    }

    /** A record longer than its head: a write's or a read answer's file data streams to its file; false: read it whole. */
    static boolean largeHead(SmbSession s, boolean toServer, byte[] h, int len, long total) {
        if (len < HEADER + 48 || u32(h, 20) != 0) {
            return false;
        }
        int cmd = u16(h, 12);
        long msg = u64(h, 24);
        if (toServer && cmd == WRITE) {
            ByteBuffer file = SmbSession.key(h, HEADER + 16, 16);
            long at = u16(h, HEADER + 2);
            if (at > len || s.route(file, treeKeyOf(h, 0), h, (int) at, (int) (len - at)) != SmbSession.ROUTE_FILE) {
                return false;
            }
            SmbTx f = s.fileTx(2, WRITE, file, true, treeKeyOf(h, 0));
            s.streamTo(true, f, u64(h, HEADER + 8), at, at + u32(h, HEADER + 4), h, len);
            return true;
        }
        if (!toServer && cmd == READ && u32(h, 8) == 0) {
            SmbSession.PendingRead r = s.reads.get(msg);
            long at = h[HEADER + 2] & 0xFF;
            if (r == null || at > len || s.route(r.file(), treeKeyOf(h, 0), h, (int) at, (int) (len - at)) != SmbSession.ROUTE_FILE) {
                return false; // read whole (the pending read stays for it)
            }
            s.reads.remove(msg);
            SmbTx f = s.fileTx(2, READ, r.file(), false, treeKeyOf(h, 0));
            s.streamTo(false, f, r.offset(), at, at + u32(h, HEADER + 4), h, len);
            return true;
        }
        return false;
    }

    static String dialectName(int d) {
        return switch (d) {
            case 0x0202 -> "2.02";
            case 0x0210 -> "2.10";
            case 0x0222 -> "2.22";
            case 0x0224 -> "2.24";
            case 0x02ff -> "2.??";
            case 0x0300 -> "3.00";
            case 0x0302 -> "3.02";
            case 0x0310 -> "3.10";
            case 0x0311 -> "3.11";
            default -> Integer.toString(d);
        };
    }

    static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
    }

    static long u32(byte[] b, int p) {
        return u16(b, p) | (long) u16(b, p + 2) << 16;
    }

    static long u64(byte[] b, int p) {
        return u32(b, p) | u32(b, p + 4) << 32;
    }
}
