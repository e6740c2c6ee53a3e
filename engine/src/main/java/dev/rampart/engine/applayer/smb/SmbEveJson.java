package dev.rampart.engine.applayer.smb;

import dev.rampart.engine.applayer.EveText;
import dev.rampart.engine.applayer.dcerpc.DcerpcInterface;

/**
 * The "smb" member of an alert on an SMB transaction (and "files" for a file's): the fields
 * Suricata 7's SMB logger writes for it that this parser keeps: id, dialect, command, status,
 * session and tree ids, the share or pipe, the file name, the DCERPC call, the NTLMSSP names.
 */
final class SmbEveJson {
    private SmbEveJson() {
    }

    static void append(SmbSession s, SmbTx t, StringBuilder sb) {
        sb.append("\"smb\":{\"id\":").append(t.id + 1).append(",\"dialect\":\"")
                .append(s.dialect == null ? "unknown" : s.dialect).append("\",\"command\":\"")
                .append(command(t.smbVersion, t.command)).append('"');
        if (t.status >= 0) {
            String name = status(t.status);
            sb.append(",\"status\":\"").append(name == null ? Long.toString(t.status) : name)
                    .append("\",\"status_code\":\"0x").append(Long.toHexString(t.status)).append('"');
        }
        sb.append(",\"session_id\":").append(t.sessionId).append(",\"tree_id\":").append(t.treeId);
        switch (t.kind) {
            case SmbTx.TREE_CONNECT -> {
                if (t.share != null) {
                    sb.append(t.isPipe ? ",\"named_pipe\":" : ",\"share\":");
                    EveText.quoted(sb, t.share, 0, t.share.length);
                }
                if (t.respDone && t.status == 0 && t.smbVersion == 2) {
                    sb.append(",\"share_type\":\"").append(t.isPipe ? "PIPE" : "FILE").append('"');
                }
                if (t.serviceRequest != null) {
                    sb.append(",\"service\":{\"request\":");
                    EveText.quoted(sb, t.serviceRequest, 0, t.serviceRequest.length);
                    if (t.serviceResponse != null) {
                        sb.append(",\"response\":");
                        EveText.quoted(sb, t.serviceResponse, 0, t.serviceResponse.length);
                    }
                    sb.append('}');
                }
            }
            case SmbTx.CREATE -> {
                if (t.fileName != null) {
                    sb.append(",\"filename\":");
                    if (t.fileName.length == 0) {
                        sb.append("\"<share_root>\"");
                    } else {
                        EveText.quoted(sb, t.fileName, 0, t.fileName.length);
                    }
                }
            }
            case SmbTx.SESSION_SETUP -> {
                if (t.ntlmUser != null || t.ntlmDomain != null) {
                    sb.append(",\"ntlmssp\":{\"domain\":");
                    quotedOrEmpty(sb, t.ntlmDomain);
                    sb.append(",\"user\":");
                    quotedOrEmpty(sb, t.ntlmUser);
                    sb.append(",\"host\":");
                    quotedOrEmpty(sb, t.ntlmHost);
                    if (t.ntlmVersion != null) {
                        sb.append(",\"version\":\"").append(t.ntlmVersion).append('"');
                    }
                    sb.append('}');
                }
            }
            case SmbTx.DCERPC -> dcerpc(s, t, sb);
            case SmbTx.FILE -> {
                sb.append(",\"filename\":");
                quotedOrEmpty(sb, t.fileName);
                sb.append(",\"share\":");
                quotedOrEmpty(sb, t.share);
                sb.append(",\"fuid\":\"").append(fuid(t.fileKey.array())).append('"');
            }
            default -> {
            }
        }
        sb.append('}');
        if (t.kind == SmbTx.FILE) {
            sb.append(",\"files\":[{\"filename\":");
            quotedOrEmpty(sb, t.fileName);
            // an open file is "UNKNOWN" in an alert, also at the flow's end (suricata 7.0.10, smb-eicar-andx)
            sb.append(",\"gaps\":false,\"state\":\"").append(t.fileClosed ? "CLOSED" : "UNKNOWN")
                    .append("\",\"stored\":false,\"size\":").append(t.fileSize).append(",\"tx_id\":").append(t.id)
                    .append("}]");
        }
    }

    private static void dcerpc(SmbSession s, SmbTx t, StringBuilder sb) {
        sb.append(",\"dcerpc\":{\"request\":\"").append(pduName(t.dceType)).append("\",\"response\":\"")
                .append(t.respType < 0 ? "UNREPLIED" : pduName(t.respType)).append('"');
        if (t.dceType == 0) {
            sb.append(",\"opnum\":").append(t.opnum).append(",\"req\":{\"frag_cnt\":").append(t.frags[0])
                    .append(",\"stub_data_size\":").append(t.stubLength(0)).append('}');
            interfaces(s, sb, false);
            if (t.respType >= 0) {
                sb.append(",\"res\":{\"frag_cnt\":").append(t.frags[1]).append(",\"stub_data_size\":")
                        .append(t.stubLength(1)).append('}');
            }
        } else if (t.dceType == 11 || t.dceType == 14) {
            interfaces(s, sb, t.respType >= 0);
        }
        sb.append(",\"call_id\":").append(t.callId).append('}');
    }

    /** The last bind's interfaces (with their acknowledgement's results once there is one). */
    private static void interfaces(SmbSession s, StringBuilder sb, boolean results) {
        if (s.bound == null) {
            return;
        }
        sb.append(",\"interfaces\":[");
        boolean first = true;
        for (DcerpcInterface i : s.bound) {
            sb.append(first ? "" : ",").append("{\"uuid\":\"").append(i.uuidText()).append("\",\"version\":\"")
                    .append(i.major()).append('.').append(i.minor()).append('"');
            if (results) {
                sb.append(",\"ack_result\":").append(i.result()).append(",\"ack_reason\":0");
            }
            sb.append('}');
            first = false;
        }
        sb.append(']');
    }

    /** Byte order of an SMB2 GUID as Suricata prints it (8-4-4-4-12 digits). */
    private static final int[] GUID_ORDER = {3, 2, 1, 0, 5, 4, 7, 6, 9, 8, 11, 10, 15, 14, 13, 12};

    /** A file id as Suricata prints it: an SMB2 GUID in its mixed byte order, an SMB1 FID as its number in hex. */
    static String fuid(byte[] g) {
        byte[] r = new byte[g.length];
        for (int i = 0; i < g.length; i++) {
            // a GUID in Suricata's order; a FID as the little-endian number it is
            r[i] = g[g.length == 16 ? GUID_ORDER[i] : g.length - 1 - i];
        }
        String h = dev.rampart.engine.applayer.Hex.lower(r);
        return g.length != 16 ? h : h.substring(0, 8) + '-' + h.substring(8, 12) + '-' + h.substring(12, 16) + '-'
                + h.substring(16, 20) + '-' + h.substring(20);
    }

    private static void quotedOrEmpty(StringBuilder sb, byte[] v) {
        if (v == null) {
            sb.append("\"\"");
        } else {
            EveText.quoted(sb, v, 0, v.length);
        }
    }

    static String pduName(int type) {
        return switch (type) {
            case 0 -> "REQUEST";
            case 2 -> "RESPONSE";
            case 3 -> "FAULT";
            case 11 -> "BIND";
            case 12 -> "BINDACK";
            case 13 -> "BINDNAK";
            case 14 -> "ALTER_CONTEXT";
            case 15 -> "ALTER_CONTEXT_RESP";
            default -> Integer.toString(type);
        };
    }

    static String status(long s) {
        return switch ((int) s) {
            case 0x00000000 -> "STATUS_SUCCESS";
            case 0x00000103 -> "STATUS_PENDING";
            case 0x80000005 -> "STATUS_BUFFER_OVERFLOW";
            case 0x80000006 -> "STATUS_NO_MORE_FILES";
            case 0xC000000D -> "STATUS_INVALID_PARAMETER";
            case 0xC0000008 -> "STATUS_INVALID_HANDLE";
            case 0xC0000010 -> "STATUS_INVALID_DEVICE_REQUEST";
            case 0xC0000011 -> "STATUS_END_OF_FILE";
            case 0xC0000016 -> "STATUS_MORE_PROCESSING_REQUIRED";
            case 0xC0000022 -> "STATUS_ACCESS_DENIED";
            case 0xC0000034 -> "STATUS_OBJECT_NAME_NOT_FOUND";
            case 0xC0000035 -> "STATUS_OBJECT_NAME_COLLISION";
            case 0xC000003A -> "STATUS_OBJECT_PATH_NOT_FOUND";
            case 0xC0000043 -> "STATUS_SHARING_VIOLATION";
            case 0xC000006D -> "STATUS_LOGON_FAILURE";
            case 0xC00000BB -> "STATUS_NOT_SUPPORTED";
            case 0xC00000CC -> "STATUS_BAD_NETWORK_NAME";
            case 0xC0000120 -> "STATUS_CANCELLED";
            case 0xC0000128 -> "STATUS_FILE_CLOSED";
            case 0xC0000225 -> "STATUS_NOT_FOUND";
            default -> null;
        };
    }

    static String command(int version, int c) {
        if (version == 2) {
            String n = switch (c) {
                case 0 -> "NEGOTIATE_PROTOCOL";
                case 1 -> "SESSION_SETUP";
                case 2 -> "SESSION_LOGOFF";
                case 3 -> "TREE_CONNECT";
                case 4 -> "TREE_DISCONNECT";
                case 5 -> "CREATE";
                case 6 -> "CLOSE";
                case 7 -> "FLUSH";
                case 8 -> "READ";
                case 9 -> "WRITE";
                case 10 -> "LOCK";
                case 11 -> "IOCTL";
                case 12 -> "CANCEL";
                case 13 -> "KEEPALIVE";
                case 14 -> "FIND";
                case 15 -> "CHANGE_NOTIFY";
                case 16 -> "GET_INFO";
                case 17 -> "SET_INFO";
                case 18 -> "OPLOCK_BREAK";
                default -> null;
            };
            return n == null ? Integer.toString(c) : "SMB2_COMMAND_" + n;
        }
        String n = switch (c) {
            case 0x00 -> "CREATE_DIRECTORY";
            case 0x01 -> "DELETE_DIRECTORY";
            case 0x02 -> "OPEN";
            case 0x03 -> "CREATE";
            case 0x04 -> "CLOSE";
            case 0x05 -> "FLUSH";
            case 0x06 -> "DELETE";
            case 0x07 -> "RENAME";
            case 0x08 -> "QUERY_INFORMATION";
            case 0x09 -> "SET_INFORMATION";
            case 0x0A -> "READ";
            case 0x0B -> "WRITE";
            case 0x24 -> "LOCKING_ANDX";
            case 0x25 -> "TRANS";
            case 0x26 -> "TRANS_SECONDARY";
            case 0x2B -> "ECHO";
            case 0x2D -> "OPEN_ANDX";
            case 0x2E -> "READ_ANDX";
            case 0x2F -> "WRITE_ANDX";
            case 0x32 -> "TRANS2";
            case 0x33 -> "TRANS2_SECONDARY";
            case 0x34 -> "FIND_CLOSE2";
            case 0x71 -> "TREE_DISCONNECT";
            case 0x72 -> "NEGOTIATE_PROTOCOL";
            case 0x73 -> "SESSION_SETUP_ANDX";
            case 0x74 -> "LOGOFF_ANDX";
            case 0x75 -> "TREE_CONNECT_ANDX";
            case 0x80 -> "QUERY_INFO_DISK";
            case 0xA0 -> "NT_TRANS";
            case 0xA1 -> "NT_TRANS_SECONDARY";
            case 0xA2 -> "NT_CREATE_ANDX";
            case 0xA4 -> "NT_CANCEL";
            default -> null;
        };
        return n == null ? Integer.toString(c) : "SMB1_COMMAND_" + n;
    }
}
