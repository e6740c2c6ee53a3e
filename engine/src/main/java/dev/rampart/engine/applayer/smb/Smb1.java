package dev.rampart.engine.applayer.smb;

import java.nio.ByteBuffer;

/**
 * SMB1 records (MS-CIFS 2.2): the 32-byte header, the word and byte blocks of each command, AndX
 * chains, and the commands whose content Suricata keeps: negotiate, session setup (NTLMSSP user
 * and domain of an extended-security blob), tree connect (the path without its first character,
 * a pipe when the response's service is "IPC"), NT create (the name, by FID from the response),
 * read / write (file data or DCERPC on a pipe), TRANS named pipe transactions (DCERPC), close.
 * Strings are UTF-16LE when the header says so (aligned to two bytes from the header), else ASCII.
 */
final class Smb1 {
    static final int HEADER = 32;
    static final int CLOSE = 0x04;
    static final int TRANS = 0x25;
    static final int TRANS2 = 0x32;
    static final int READ_ANDX = 0x2E;
    static final int WRITE_ANDX = 0x2F;
    static final int TREE_DISCONNECT = 0x71;
    static final int NEGOTIATE = 0x72;
    static final int SESSION_SETUP_ANDX = 0x73;
    static final int TREE_CONNECT_ANDX = 0x75;
    static final int NT_CREATE_ANDX = 0xA2;
    private static final int TRANSACT_NM_PIPE = 0x26;
    private static final int FLAGS2_UNICODE = 0x8000;

    private Smb1() {
    }

    private static boolean andx(int cmd) {
        return switch (cmd) {
            case 0x24, 0x2D, READ_ANDX, WRITE_ANDX, SESSION_SETUP_ANDX, 0x74, TREE_CONNECT_ANDX, NT_CREATE_ANDX -> true;
            default -> false;
        };
    }

    private static boolean readAtAndxOffset(int cmd) {
        return cmd == READ_ANDX || cmd == WRITE_ANDX || cmd == NT_CREATE_ANDX || cmd == SESSION_SETUP_ANDX
                || cmd == TREE_CONNECT_ANDX;
    }

    static void record(SmbSession s, boolean toServer, byte[] b, int off, int len) {
        if (len < HEADER + 3) {
            s.countMalformed();
            return;
        }
        int end = off + len;
        int cmd = b[off + 4] & 0xFF;
        int at = off + HEADER; // the command's word count
        Command first = null;
        for (int hops = 0; hops < 16; hops++) {
            int wc = b[at] & 0xFF;
            int words = at + 1;
            if (words + 2 * wc + 2 > end) {
                s.countMalformed();
                return;
            }
            int bytes = words + 2 * wc + 2;
            int byteCount = Smb2.u16(b, words + 2 * wc);
            int bytesEnd = Math.min(end, bytes + byteCount);
            Command c = new Command(b, off, end, cmd, wc, words, bytes, bytesEnd);
            if (first == null) {
                first = c;
            } else if (!readAtAndxOffset(cmd)) {
                // Suricata 7 reads a chained command's parameters at its AndX offset only for the
                // commands below; any other command of the chain is parsed from the first command's
                // blocks (a CLOSE chained after a write does not close the file there: smb-eicar-andx)
                c = new Command(b, off, end, cmd, first.wc(), first.words(), first.bytes(), first.bytesEnd());
            }
            s.curSession = Smb2.u16(b, off + 28);
            s.curTree = Smb2.u16(b, off + 24);
            s.curStatus = c.status();
            s.curVersion = 1;
            s.curCommand = cmd;
            if (toServer) {
                request(s, c);
            } else {
                response(s, c);
            }
            if (!andx(cmd) || wc < 2) {
                return;
            }
            int next = b[words] & 0xFF;
            int nextAt = off + Smb2.u16(b, words + 2);
            if (next == 0xFF || nextAt <= at || nextAt >= end) {
                return;
            }
            cmd = next;
            at = nextAt;
        }
    }

    /** One command of a record: the record's header at {@code hdr}, its words and bytes. */
    private record Command(byte[] b, int hdr, int end, int cmd, int wc, int words, int bytes, int bytesEnd) {
        long key() {
            return (long) Smb2.u16(b, hdr + 26) << 16 | Smb2.u16(b, hdr + 30);
        }

        long treeKey() {
            return (long) Smb2.u16(b, hdr + 28) << 16 | Smb2.u16(b, hdr + 24);
        }

        long status() {
            return Smb2.u32(b, hdr + 5);
        }

        boolean unicode() {
            return (Smb2.u16(b, hdr + 10) & FLAGS2_UNICODE) != 0;
        }

        int word(int i) {
            return Smb2.u16(b, words + i);
        }

        /** Where the string at {@code p} of the byte block starts (UTF-16 is two-byte aligned from the header). */
        private int start(int p, boolean unicode) {
            return unicode && ((p - hdr) & 1) != 0 ? p + 1 : p;
        }

        /** Where the string starting at {@code p} ends: its terminator, or the end of the byte block. */
        private int terminator(int p, boolean unicode) {
            int step = unicode ? 2 : 1;
            while (p + step - 1 < bytesEnd && (b[p] != 0 || (unicode && b[p + 1] != 0))) {
                p += step;
            }
            return Math.min(p, bytesEnd);
        }

        /** The string at {@code p} of the byte block, without its terminator and zero bytes. */
        byte[] string(int p, boolean unicode) {
            p = start(p, unicode);
            return p >= bytesEnd ? new byte[0] : SmbSession.dropZeros(b, p, terminator(p, unicode) - p);
        }

        /** Where the byte block goes on after the string at {@code p} (past its terminator). */
        int after(int p, boolean unicode) {
            return terminator(start(p, unicode), unicode) + (unicode ? 2 : 1);
        }

        ByteBuffer fid(int wordOffset) {
            return SmbSession.key(b, words + wordOffset, 2);
        }

        /** WRITE_ANDX: where its data is written in the file (the high word with 14 words). */
        long writeOffset() {
            long offset = Smb2.u32(b, words + 6);
            return wc >= 14 ? offset | Smb2.u32(b, words + 24) << 32 : offset;
        }

        /** WRITE_ANDX: its data's length (with the high word). */
        long writeLength() {
            return word(20) | (long) word(18) << 16;
        }

        /** WRITE_ANDX: where its data starts in the record. */
        int writeDataAt() {
            return hdr + word(22);
        }

        /** READ_ANDX answer: its data's length (with the high word) and where it starts in the record. */
        long readLength() {
            return word(10) | (long) word(14) << 16;
        }

        int readDataAt() {
            return hdr + word(12);
        }
    }

    private static void request(SmbSession s, Command c) {
        SmbTx tx = null;
        switch (c.cmd()) {
            case NEGOTIATE -> {
                tx = s.newTx(1, c.cmd(), SmbTx.NEGOTIATE, c.key());
                // the byte block: 0x02 and a NUL-terminated dialect name, repeated
                java.util.List<String> offered = new java.util.ArrayList<>();
                int p = c.bytes();
                while (p < c.bytesEnd() && c.b()[p] == 2 && offered.size() < 64) {
                    int q = p + 1;
                    while (q < c.bytesEnd() && c.b()[q] != 0) {
                        q++;
                    }
                    offered.add(new String(c.b(), p + 1, q - p - 1, java.nio.charset.StandardCharsets.ISO_8859_1));
                    p = q + 1;
                }
                s.offeredDialects = offered;
            }
            case SESSION_SETUP_ANDX -> {
                tx = s.newTx(1, c.cmd(), SmbTx.SESSION_SETUP, c.key());
                if (c.wc() == 12) {
                    int n = c.word(14);
                    if (c.bytes() + n <= c.bytesEnd()) {
                        Ntlmssp.read(c.b(), c.bytes(), n, tx);
                    }
                }
            }
            case TREE_CONNECT_ANDX -> {
                tx = s.newTx(1, c.cmd(), SmbTx.TREE_CONNECT, c.key());
                tx.treeId = 0; // the tree is the answer's
                if (c.wc() >= 4) {
                    int at = c.bytes() + c.word(6);
                    byte[] path = c.string(at, c.unicode());
                    tx.serviceRequest = c.string(c.after(at, c.unicode()), false);
                    // Suricata keeps the path without its first character (one of the two backslashes)
                    tx.share = path.length > 1 ? java.util.Arrays.copyOfRange(path, 1, path.length) : path;
                }
            }
            case TREE_DISCONNECT -> s.trees.remove(c.treeKey());
            case NT_CREATE_ANDX -> {
                tx = s.newTx(1, c.cmd(), SmbTx.CREATE, c.key());
                if (c.wc() >= 24) {
                    tx.fileName = c.string(c.bytes(), c.unicode());
                }
            }
            case READ_ANDX -> {
                // a read makes no transaction: its answer goes to the file's, or to a DCERPC call's
                if (c.wc() >= 10) {
                    long offset = Smb2.u32(c.b(), c.words() + 6);
                    if (c.wc() >= 12) {
                        offset |= Smb2.u32(c.b(), c.words() + 20) << 32;
                    }
                    s.reads.put(c.key(), new SmbSession.PendingRead(c.fid(4), offset));
                }
                return;
            }
            case WRITE_ANDX -> {
                // nor does a write (the file's transaction, or a DCERPC call's)
                if (c.wc() >= 12) {
                    write(s, c);
                }
                return;
            }
            case TRANS -> {
                // nor a TRANS: only a named pipe transaction carrying DCERPC makes one (the call's)
                if (c.wc() >= 16 && (c.b()[c.words() + 26] & 0xFF) >= 2 && c.word(28) == TRANSACT_NM_PIPE) {
                    ByteBuffer fid = c.fid(30);
                    int at = c.hdr() + c.word(24);
                    int n = c.word(22);
                    if (at >= c.bytes() && at + n <= c.end() && s.route(fid, c.treeKey(), c.b(), at, n) == SmbSession.ROUTE_DCERPC) {
                        s.reads.put(c.key(), new SmbSession.PendingRead(fid, 0));
                        SmbDcerpc.write(s, 1, c.cmd(), c.key(), c.b(), at, n);
                    }
                }
                return;
            }
            case CLOSE -> {
                if (c.wc() >= 1) {
                    s.closeFile(c.fid(0));
                }
            }
            case TRANS2 -> {
                return; // no generic transaction (Suricata's smb1_create_new_tx)
            }
            default -> {
            }
        }
        if (tx == null) {
            tx = s.newTx(1, c.cmd(), SmbTx.GENERIC, c.key());
            // no answer comes to these (Suricata marks their response side done at once)
            tx.respDone = c.cmd() == 0x24 || c.cmd() == 0xA4 || c.cmd() == 0x33;
        }
        tx.reqDone = true;
        tx.version++;
    }

    private static boolean write(SmbSession s, Command c) {
        ByteBuffer fid = c.fid(4);
        long offset = c.writeOffset();
        long n = c.writeLength();
        int at = c.writeDataAt();
        if (at < c.words() || at > c.end()) {
            s.countMalformed();
            return false;
        }
        int len = (int) Math.min(n, c.end() - at);
        switch (s.routeSmb1(c.treeKey())) {
            case SmbSession.ROUTE_DCERPC -> SmbDcerpc.write(s, 1, WRITE_ANDX, c.key(), c.b(), at, len);
            case SmbSession.ROUTE_FILE -> s.fileTx(1, WRITE_ANDX, fid, true, c.treeKey()).fileWrite(offset, c.b(), at, len);
            default -> {
            }
        }
        return true;
    }

    private static void response(SmbSession s, Command c) {
        long status = c.status();
        switch (c.cmd()) {
            case NEGOTIATE -> {
                if (status == 0 && c.wc() >= 1 && c.word(0) < s.offeredDialects.size()) {
                    s.dialect = s.offeredDialects.get(c.word(0));
                }
            }
            case TREE_CONNECT_ANDX -> {
                SmbTx tx = s.awaiting(1, c.key(), c.cmd());
                if (tx != null) {
                    tx.treeId = s.curTree;
                }
                if (tx != null && status == 0 && c.wc() >= 3) {
                    byte[] service = c.string(c.bytes(), false);
                    tx.serviceResponse = service;
                    tx.isPipe = java.util.Arrays.equals(service, new byte[] {'I', 'P', 'C'});
                    s.trees.put(c.treeKey(), new SmbSession.Tree(tx.share == null ? new byte[0] : tx.share, tx.isPipe));
                }
            }
            case NT_CREATE_ANDX -> {
                SmbTx tx = s.awaiting(1, c.key(), c.cmd());
                if (tx != null && status == 0 && c.wc() >= 34) {
                    s.fileNames.put(SmbSession.key(c.b(), c.words() + 5, 2), tx.fileName == null ? new byte[0] : tx.fileName);
                }
            }
            case READ_ANDX -> {
                SmbSession.PendingRead r = s.reads.remove(c.key());
                if (r != null && status == 0 && c.wc() >= 12) {
                    long n = c.readLength();
                    int at = c.readDataAt();
                    if (at < c.words() || at > c.end()) {
                        s.countMalformed();
                    } else {
                        int len = (int) Math.min(n, c.end() - at);
                        switch (s.routeSmb1(c.treeKey())) {
                            case SmbSession.ROUTE_DCERPC -> SmbDcerpc.read(s, c.b(), at, len);
                            case SmbSession.ROUTE_FILE -> s.fileTx(1, READ_ANDX, r.file(), false, c.treeKey())
                                    .fileWrite(r.offset(), c.b(), at, len);
                            default -> {
                            }
                        }
                    }
                }
            }
            case TRANS -> {
                SmbSession.PendingRead r = s.reads.remove(c.key());
                if (r != null && status == 0 && c.wc() >= 10) {
                    int n = c.word(12);
                    int at = c.hdr() + c.word(14);
                    if (at >= c.words() && at + n <= c.end() && n > 0) {
                        SmbDcerpc.read(s, c.b(), at, n);
                    }
                }
            }
            default -> {
            }
        }
        SmbTx tx = s.awaiting(1, c.key(), c.cmd());
        if (tx != null) {
            s.respond(tx);
        }
    }

    /** A record longer than its head: a WRITE_ANDX's or READ_ANDX answer's file data streams to its file; false: read it whole. */
    static boolean largeHead(SmbSession s, boolean toServer, byte[] h, int len, long total) {
        int cmd = h[4] & 0xFF;
        int wc = h[HEADER] & 0xFF;
        int words = HEADER + 1;
        if (words + 2 * wc + 2 > len) {
            return false;
        }
        Command c = new Command(h, 0, len, cmd, wc, words, words + 2 * wc + 2, len);
        if (toServer && cmd == WRITE_ANDX && wc >= 12) {
            long at = c.writeDataAt();
            if (at > len || s.routeSmb1(c.treeKey()) != SmbSession.ROUTE_FILE) {
                return false;
            }
            SmbTx f = s.fileTx(1, WRITE_ANDX, c.fid(4), true, c.treeKey());
            s.streamTo(true, f, c.writeOffset(), at, at + c.writeLength(), h, len);
            return true;
        }
        if (!toServer && cmd == READ_ANDX && wc >= 12 && c.status() == 0) {
            SmbSession.PendingRead r = s.reads.get(c.key());
            long at = c.readDataAt();
            if (r == null || at > len || s.routeSmb1(c.treeKey()) != SmbSession.ROUTE_FILE) {
                return false; // read whole (the pending read stays for it)
            }
            s.reads.remove(c.key());
            SmbTx f = s.fileTx(1, READ_ANDX, r.file(), false, c.treeKey());
            s.streamTo(false, f, r.offset(), at, at + c.readLength(), h, len);
            return true;
        }
        return false;
    }
}
