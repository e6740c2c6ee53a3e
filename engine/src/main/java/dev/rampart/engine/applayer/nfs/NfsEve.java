package dev.rampart.engine.applayer.nfs;

import java.nio.charset.StandardCharsets;

/**
 * The alert's {@code "rpc"} and {@code "nfs"} members as Suricata 7.0.10's alert logger writes them
 * for an NFS transaction (compared with suricata-oracle on the suricata-verify NFS captures): the
 * flow's version (not the transaction's), procedure and status names, the handle's CRC-32, the
 * transaction's 1-based id, always {@code "type":"response"}; read / write / rename details.
 */
final class NfsEve {
    private NfsEve() {
    }

    private static final String[] PROC3 = {"NULL", "GETATTR", "SETATTR", "LOOKUP", "ACCESS", "READLINK", "READ",
        "WRITE", "CREATE", "MKDIR", "SYMLINK", "MKNOD", "REMOVE", "RMDIR", "RENAME", "LINK", "READDIR", "READDIRPLUS",
        "FSSTAT", "FSINFO", "PATHCONF", "COMMIT"};
    private static final String[] PROC4 = {"NULL", "COMPOUND", null, "ACCESS", "CLOSE", "COMMIT", "CREATE",
        "DELEGPURGE", "DELEGRETURN", "GETATTR", "GETFH", "LINK", "LOCK", "LOCKT", "LOCKU", "LOOKUP", "LOOKUPP",
        "NVERIFY", "OPEN", "OPENATTR", "OPEN_CONFIRM", "OPEN_DOWNGRADE", "PUTFH", "PUTPUBFH", "PUTROOTFH", "READ",
        "READDIR", "READLINK", "REMOVE", "RENAME", "RENEW", "RESTOREFH", "SAVEFH", "SECINFO", "SETATTR",
        "SETCLIENTID", "SETCLIENTID_CONFIRM", "VERIFY", "WRITE", "RELEASE_LOCKOWNER"};
    private static final String[] AUTH = {"NULL", "UNIX", "SHORT", "DH", "KERB", "RSA", "GSS"};

    static boolean append(NfsTx tx, int version, StringBuilder out) {
        out.append("\"rpc\":{\"xid\":").append(tx.xid).append(",\"status\":\"")
                .append(tx.rpcStatus == 0 ? "ACCEPTED" : tx.rpcStatus == 1 ? "DENIED" : Long.toString(tx.rpcStatus))
                .append("\",\"auth_type\":\"")
                .append(tx.authType < AUTH.length ? AUTH[(int) tx.authType] : Long.toString(tx.authType)).append('"');
        if (tx.authType == 1) {
            out.append(",\"creds\":{\"machine_name\":");
            string(out, tx.machineName == null ? new byte[0] : tx.machineName);
            out.append(",\"uid\":").append(tx.uid).append(",\"gid\":").append(tx.gid).append('}');
        }
        out.append("},\"nfs\":{\"version\":").append(version).append(",\"procedure\":\"")
                .append(procedure(tx.procedure, version)).append("\",\"filename\":");
        string(out, tx.fileName);
        if (tx.fileHandle.length > 0) {
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(tx.fileHandle);
            out.append(",\"hhash\":\"").append(Long.toHexString(crc.getValue())).append('"');
        }
        out.append(",\"id\":").append(tx.id + 1).append(",\"file_tx\":").append(tx.fileTx)
                .append(",\"type\":\"response\",\"status\":\"").append(status(tx.nfsStatus)).append('"');
        if (tx.procedure == NfsSession.PROC3_READ || tx.procedure == NfsSession.PROC3_WRITE) {
            out.append(tx.procedure == NfsSession.PROC3_READ ? ",\"read\":{" : ",\"write\":{").append("\"first\":")
                    .append(tx.isFirst).append(",\"last\":").append(tx.isLast).append(",\"last_xid\":")
                    .append(tx.fileLastXid).append(",\"chunks\":").append(tx.chunkCount).append('}');
        } else if (tx.procedure == 14) {
            out.append(",\"rename\":{\"from\":");
            string(out, tx.fileName);
            out.append(",\"to\":");
            string(out, tx.renameTo == null ? new byte[0] : tx.renameTo);
            out.append('}');
        }
        out.append('}');
        return true;
    }

    private static String procedure(long p, int version) {
        String[] names = version < 4 ? PROC3 : PROC4;
        return p >= 0 && p < names.length && names[(int) p] != null ? names[(int) p] : Long.toString(p);
    }

    private static String status(long s) {
        return switch ((int) Math.min(s, Integer.MAX_VALUE)) {
            case 0 -> "OK";
            case 1 -> "ERR_PERM";
            case 2 -> "ERR_NOENT";
            case 5 -> "ERR_IO";
            case 6 -> "ERR_NXIO";
            case 13 -> "ERR_ACCES";
            case 17 -> "ERR_EXIST";
            case 18 -> "ERR_XDEV";
            case 19 -> "ERR_NODEV";
            case 20 -> "ERR_NOTDIR";
            case 21 -> "ERR_ISDIR";
            case 22 -> "ERR_INVAL";
            case 27 -> "ERR_FBIG";
            case 28 -> "ERR_NOSPC";
            case 30 -> "ERR_ROFS";
            case 31 -> "ERR_MLINK";
            case 63 -> "ERR_NAMETOOLONG";
            case 66 -> "ERR_NOTEMPTY";
            case 69 -> "ERR_DQUOT";
            case 70 -> "ERR_STALE";
            case 71 -> "ERR_REMOTE";
            case 10001 -> "ERR_BADHANDLE";
            case 10002 -> "ERR_NOT_SYNC";
            case 10003 -> "ERR_BAD_COOKIE";
            case 10004 -> "ERR_NOTSUPP";
            case 10005 -> "ERR_TOOSMALL";
            case 10006 -> "ERR_SERVERFAULT";
            case 10007 -> "ERR_BADTYPE";
            case 10008 -> "ERR_JUKEBOX";
            default -> Long.toString(s);
        };
    }

    /** A JSON string of bytes read as UTF-8, invalid sequences replaced (Rust's from_utf8_lossy). */
    private static void string(StringBuilder out, byte[] b) {
        String s = new String(b, StandardCharsets.UTF_8);
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
