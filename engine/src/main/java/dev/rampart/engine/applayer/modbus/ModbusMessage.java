package dev.rampart.engine.applayer.modbus;

import java.util.Arrays;

/**
 * One Modbus/TCP application data unit (MBAP header, unit, function, PDU data) read the way the
 * sawp-modbus crate in Suricata 7 reads it: a PDU that does not fit its function's layout is still a
 * message, with error flags (the events rules see) and what could be read of it. What it gets,
 * measured against suricata 7.0.10 where the crate's versions differ:
 * <ul>
 * <li>a length outside 2..254 is a message of its own (unit and function 0, flag DATA_LENGTH) that
 * passes over as many of the announced bytes as are there, without waiting for the others;</li>
 * <li>a function code with the high bit set is an exception answer to the code without it;</li>
 * <li>the data is an exception code, a diagnostic subfunction and its data, an MEI type and its data,
 * a read (address and quantity; or the bytes read), a write (address and value; address, quantity and
 * the bytes written; an AND and OR mask), both for function 23, or just the bytes.</li>
 * </ul>
 */
public final class ModbusMessage {
    /** Access type bits (sawp's AccessType). */
    public static final int READ = 1;
    public static final int WRITE = 2;
    public static final int DISCRETES = 4;
    public static final int COILS = 8;
    public static final int INPUT = 16;
    public static final int HOLDING = 32;
    public static final int SINGLE = 64;
    public static final int MULTIPLE = 128;
    static final int BIT_ACCESS = DISCRETES | COILS;
    public static final int FUNC_MASK = DISCRETES | COILS | INPUT | HOLDING;
    /** The access type names in the order its Display lists them (composites included). */
    private static final String[] ACCESS_NAMES = {"READ", "WRITE", "DISCRETES", "COILS", "INPUT", "HOLDING",
        "SINGLE", "MULTIPLE", "BIT_ACCESS_MASK", "FUNC_MASK", "WRITE_SINGLE", "WRITE_MULTIPLE"};
    private static final int[] ACCESS_BITS = {READ, WRITE, DISCRETES, COILS, INPUT, HOLDING, SINGLE, MULTIPLE,
        BIT_ACCESS, FUNC_MASK, WRITE | SINGLE, WRITE | MULTIPLE};

    /** Function code categories. */
    public static final int PUBLIC_ASSIGNED = 1;
    public static final int PUBLIC_UNASSIGNED = 2;
    public static final int USER_DEFINED = 4;
    public static final int RESERVED = 8;
    private static final String[] CATEGORY_NAMES = {"PUBLIC_ASSIGNED", "PUBLIC_UNASSIGNED", "USER_DEFINED", "RESERVED"};

    /** Error flags. */
    public static final int DATA_VALUE = 1;
    public static final int DATA_LENGTH = 2;
    public static final int EXC_CODE = 4;
    public static final int FUNC_CODE = 8;
    public static final int PROTO_ID = 16;
    private static final String[] FLAG_NAMES = {"DATA_VALUE", "DATA_LENGTH", "EXC_CODE", "FUNC_CODE", "PROTO_ID"};

    /** Function codes with a name (1..24, 43); every other value is {@link #UNKNOWN}. */
    static final int RD_COILS = 1;
    static final int RD_DISCRETE_INPUTS = 2;
    static final int RD_HOLD_REGS = 3;
    static final int RD_INPUT_REGS = 4;
    static final int WR_SINGLE_COIL = 5;
    static final int WR_SINGLE_REG = 6;
    static final int RD_EXC_STATUS = 7;
    static final int DIAGNOSTIC = 8;
    static final int GET_COMM_EVENT_CTR = 11;
    static final int GET_COMM_EVENT_LOG = 12;
    static final int WR_MULT_COILS = 15;
    static final int WR_MULT_REGS = 16;
    static final int REPORT_SERVER_ID = 17;
    static final int RD_FILE_REC = 20;
    static final int WR_FILE_REC = 21;
    static final int MASK_WR_REG = 22;
    static final int RD_WR_MULT_REGS = 23;
    static final int RD_FIFO_QUEUE = 24;
    static final int MEI = 43;
    /** Any code without a name (the crate's Unknown sits right after MEI). */
    public static final int UNKNOWN = 44;
    private static final String[] FUNCTION_NAMES = {null, "RdCoils", "RdDiscreteInputs", "RdHoldRegs", "RdInputRegs",
        "WrSingleCoil", "WrSingleReg", "RdExcStatus", "Diagnostic", "Program484", "Poll484", "GetCommEventCtr",
        "GetCommEventLog", "ProgramController", "PollController", "WrMultCoils", "WrMultRegs", "ReportServerID",
        "Program884", "ResetCommLink", "RdFileRec", "WrFileRec", "MaskWrReg", "RdWrMultRegs", "RdFIFOQueue"};
    private static final String[] SUBFUNCTION_NAMES = {"RetQueryData", "RestartCommOpt", "RetDiagReg",
        "ChangeInputDelimiter", "ForceListenOnlyMode", null, null, null, null, null, "ClearCtrDiagReg",
        "RetBusMsgCount", "RetBusCommErrCount", "RetBusExcErrCount", "RetServerMsgCount", "RetServerNoRespCount",
        "RetServerNAKCount", "RetServerBusyCount", "RetBusCharOverrunCount", "RetOverrunErrCount",
        "ClearOverrunCounterFlag", "GetClearPlusStats"};
    private static final String[] EXCEPTION_NAMES = {null, "IllegalFunction", "IllegalDataAddr", "IllegalDataValue",
        "ServerDeviceFail", "Ack", "ServerDeviceBusy", "NegAck", "MemParityErr", null, "GatewayPathUnavailable",
        "GatewayTargetFailToResp"};

    /** What the PDU data was read as. */
    static final int EMPTY = 0;
    static final int EXCEPTION = 1;
    static final int DIAG = 2;
    static final int MEI_DATA = 3;
    static final int READ_REQUEST = 4;
    static final int READ_RESPONSE = 5;
    static final int WRITE_MULT_REQ = 6;
    static final int WRITE_MASK = 7;
    static final int WRITE_OTHER = 8;
    /** Function 23's request: a read request and a multiple write. */
    static final int READ_WRITE = 9;
    static final int BYTES = 10;

    /** Directions of {@link #parse}. */
    static final int TO_SERVER = 0;
    static final int TO_CLIENT = 1;
    /** The probe's: neither (only exceptions, diagnostics and MEI are read apart). */
    static final int EITHER = 2;

    /** {@link #parse}: the unit is not all here. */
    static final int NEED_MORE = -1;
    /** Inside a PDU: its data ended before the layout did (the crate's streaming Incomplete). */
    private static final int SHORT = -1;
    private static final byte[] NONE = new byte[0];

    public int transactionId;
    public int protocolId;
    /** The MBAP length field (unit, function and data). */
    int length;
    public int unitId;
    public int functionRaw;
    /** {@link #functionRaw} without the exception bit, as a named code or {@link #UNKNOWN}. */
    public int code;
    public int access;
    public int category;
    public int flags;
    int kind = EMPTY;
    /** Exception code, diagnostic subfunction or MEI type. */
    int sub;
    /** Diagnostic / MEI data, the bytes read, the bytes written, or the PDU's bytes. */
    byte[] bytes = NONE;
    /** Read request: address and quantity. */
    int address;
    int quantity;
    /** Writes: address, then the value (single), quantity (multiple) or the masks. */
    int writeAddress;
    int writeQuantity;
    int writeValue;
    int andMask;
    int orMask;

    /** The named function code of {@code v} (high bit already cleared), or {@link #UNKNOWN}. */
    public static int codeOf(int v) {
        return (v >= 1 && v <= 24) || v == MEI ? v : UNKNOWN;
    }

    static int accessOf(int code) {
        return switch (code) {
            case RD_COILS -> COILS | READ;
            case RD_DISCRETE_INPUTS -> DISCRETES | READ;
            case RD_HOLD_REGS -> HOLDING | READ;
            case RD_INPUT_REGS -> INPUT | READ;
            case WR_SINGLE_COIL -> COILS | WRITE | SINGLE;
            case WR_SINGLE_REG -> HOLDING | WRITE | SINGLE;
            case WR_MULT_COILS -> COILS | WRITE | MULTIPLE;
            case WR_MULT_REGS -> HOLDING | WRITE | MULTIPLE;
            case MASK_WR_REG -> HOLDING | WRITE;
            case RD_WR_MULT_REGS -> HOLDING | READ | WRITE | MULTIPLE;
            default -> 0;
        };
    }

    /** The category of a code without a name, by its raw value (0 and 128 up: none). */
    static int categoryOfRaw(int raw) {
        if (raw == 0 || raw >= 128) {
            return 0;
        }
        if (raw < 9) {
            return PUBLIC_UNASSIGNED;
        }
        if (raw < 15) {
            return RESERVED;
        }
        if (raw < 41) {
            return PUBLIC_UNASSIGNED;
        }
        if (raw < 43) {
            return RESERVED;
        }
        if (raw < 65) {
            return PUBLIC_UNASSIGNED;
        }
        if (raw < 73) {
            return USER_DEFINED;
        }
        if (raw < 90) {
            return PUBLIC_UNASSIGNED;
        }
        if (raw < 92) {
            return RESERVED;
        }
        if (raw < 100) {
            return PUBLIC_UNASSIGNED;
        }
        if (raw < 111) {
            return USER_DEFINED;
        }
        return raw < 125 ? PUBLIC_UNASSIGNED : RESERVED;
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
    }

    /**
     * Reads one unit from {@code len} bytes at {@code off} into {@code m} (a fresh message): the bytes
     * it takes, or {@link #NEED_MORE}. Never fails otherwise: what does not fit is flagged.
     */
    static int parse(byte[] b, int off, int len, int dir, ModbusMessage m) {
        if (len < 6) {
            return NEED_MORE;
        }
        m.transactionId = u16(b, off);
        m.protocolId = u16(b, off + 2);
        m.length = u16(b, off + 4);
        m.flags = m.protocolId != 0 ? PROTO_ID : 0;
        m.code = UNKNOWN;
        if (m.length < 2 || m.length > 254) {
            // the crate gives up on the PDU and passes over what of it is here already
            m.flags |= DATA_LENGTH;
            return 6 + Math.min(m.length, len - 6);
        }
        if (len - 6 < m.length) {
            return NEED_MORE;
        }
        m.unitId = b[off + 6] & 0xFF;
        m.functionRaw = b[off + 7] & 0xFF;
        m.code = codeOf(m.functionRaw >= 0x80 ? m.functionRaw ^ 0x80 : m.functionRaw);
        m.access = accessOf(m.code);
        int p = off + 8;
        int end = off + 6 + m.length;
        int r = dir == TO_SERVER ? m.request(b, p, end) : dir == TO_CLIENT ? m.response(b, p, end) : m.either(b, p, end);
        if (r == SHORT) {
            m.flags |= DATA_LENGTH;
            if (m.kind == EMPTY) {
                m.kind = BYTES;
                m.bytes = Arrays.copyOfRange(b, p, end);
            }
        } else if (r != end) {
            m.flags |= DATA_LENGTH;
        }
        m.category = m.categoryOf();
        return 6 + m.length;
    }

    private int dataLength() {
        return length - 2;
    }

    private int request(byte[] b, int p, int end) {
        int dl = dataLength();
        switch (code) {
            case DIAGNOSTIC -> {
                if (dl != 4) {
                    flags |= DATA_LENGTH;
                }
                int q = diagnostic(b, p, end);
                if (kind == DIAG && bytes.length == 2) {
                    int d0 = bytes[0] & 0xFF;
                    int d1 = bytes[1] & 0xFF;
                    boolean bad = switch (sub) {
                        case 0, 4 -> false;
                        case 1 -> d1 != 0 || (d0 != 0 && d0 != 0xFF);
                        case 3 -> d1 != 0;
                        default -> subfunctionName(sub) != null && (d0 != 0 || d1 != 0);
                    };
                    if (bad) {
                        flags |= DATA_VALUE;
                    }
                }
                return q;
            }
            case MEI -> {
                return mei(b, p, end);
            }
            default -> {
            }
        }
        if (((code == RD_FILE_REC || code == WR_FILE_REC) && dl == 0)
                || ((code == RD_EXC_STATUS || code == GET_COMM_EVENT_CTR || code == GET_COMM_EVENT_LOG
                        || code == REPORT_SERVER_ID) && dl > 0)
                || (code == RD_FIFO_QUEUE && dl != 2)) {
            flags |= DATA_LENGTH;
            return bytevec(b, p, end);
        }
        if (functionRaw == 0 || functionRaw >= 0x80) {
            flags |= FUNC_CODE;
        }
        if ((access & READ) != 0) {
            int q = readRequest(b, p, end);
            if (q == SHORT || (access & WRITE) == 0) {
                return q;
            }
            return writeRequest(b, q, end);
        }
        if ((access & WRITE) != 0) {
            return writeRequest(b, p, end);
        }
        return bytevec(b, p, end);
    }

    private int response(byte[] b, int p, int end) {
        if (functionRaw >= 0x80) {
            return exception(b, p, end);
        }
        int dl = dataLength();
        if (code == DIAGNOSTIC) {
            return diagnostic(b, p, end);
        }
        if (code == MEI) {
            return mei(b, p, end);
        }
        if ((code == RD_EXC_STATUS && dl != 1) || (code == GET_COMM_EVENT_CTR && dl != 4)) {
            flags |= DATA_LENGTH;
            return bytevec(b, p, end);
        }
        if ((access & READ) != 0) {
            return readResponse(b, p, end);
        }
        if ((access & WRITE) != 0) {
            return writeResponse(b, p, end);
        }
        return bytevec(b, p, end);
    }

    private int either(byte[] b, int p, int end) {
        if (functionRaw >= 0x80) {
            return exception(b, p, end);
        }
        if (code == DIAGNOSTIC) {
            return diagnostic(b, p, end);
        }
        return code == MEI ? mei(b, p, end) : bytevec(b, p, end);
    }

    private int exception(byte[] b, int p, int end) {
        if (end - p < 1) {
            return SHORT;
        }
        int exc = b[p] & 0xFF;
        // (the address / value conditions compare the raw code, which has the exception bit: never true)
        boolean lowRaw = (functionRaw > 6 && functionRaw < 15) || (functionRaw > 16 && functionRaw < 20);
        if ((exc == 3 && code != DIAGNOSTIC && lowRaw) || (exc == 2 && lowRaw)
                || (exc == 8 && code != RD_FILE_REC && code != WR_FILE_REC) || exceptionName(exc) == null) {
            flags |= EXC_CODE;
        }
        kind = EXCEPTION;
        sub = exc;
        return p + 1;
    }

    private int diagnostic(byte[] b, int p, int end) {
        if (dataLength() < 2) {
            flags |= DATA_LENGTH;
            return p;
        }
        kind = DIAG;
        sub = u16(b, p);
        bytes = Arrays.copyOfRange(b, p + 2, end);
        return end;
    }

    private int mei(byte[] b, int p, int end) {
        if (dataLength() < 1) {
            flags |= DATA_LENGTH;
            return p;
        }
        kind = MEI_DATA;
        sub = b[p] & 0xFF;
        bytes = Arrays.copyOfRange(b, p + 1, end);
        return end;
    }

    private int bytevec(byte[] b, int p, int end) {
        kind = BYTES;
        bytes = Arrays.copyOfRange(b, p, end);
        return end;
    }

    private int readRequest(byte[] b, int p, int end) {
        if (end - p < 4) {
            return SHORT;
        }
        int a = u16(b, p);
        int q = u16(b, p + 2);
        if (q == 0) {
            flags |= DATA_VALUE;
        }
        if (code != RD_WR_MULT_REGS && dataLength() > 4) {
            flags |= DATA_LENGTH;
        }
        if (q > ((access & BIT_ACCESS) != 0 ? 2000 : 125)) {
            flags |= DATA_VALUE;
        }
        kind = READ_REQUEST;
        address = a;
        quantity = q;
        return p + 4;
    }

    private int writeRequest(byte[] b, int p, int end) {
        if (end - p < 2) {
            return SHORT;
        }
        int a = u16(b, p);
        p += 2;
        if ((access & SINGLE) != 0) {
            if (end - p < 2) {
                return SHORT;
            }
            int v = u16(b, p);
            if ((access & COILS) != 0 && v != 0 && v != 0xFF00) {
                flags |= DATA_VALUE;
            }
            kind = WRITE_OTHER;
            writeAddress = a;
            writeValue = v;
            return p + 2;
        }
        if ((access & MULTIPLE) != 0) {
            if (end - p < 3) {
                return SHORT;
            }
            int q = u16(b, p);
            int count = b[p + 2] & 0xFF;
            p += 3;
            int offset = code == RD_WR_MULT_REGS ? 11 : 7;
            if (q == 0 || length - offset != count) {
                flags |= DATA_LENGTH;
            }
            boolean bad = (access & BIT_ACCESS) != 0 ? q > 2000 || count != q / 8 + (q % 8 != 0 ? 1 : 0)
                    : q > 125 || count != 2 * q;
            if (bad) {
                flags |= DATA_VALUE;
            }
            int take = length - offset;
            if (end - p < take) {
                return SHORT;
            }
            kind = kind == READ_REQUEST ? READ_WRITE : WRITE_MULT_REQ;
            writeAddress = a;
            writeQuantity = q;
            bytes = Arrays.copyOfRange(b, p, p + take);
            return p + take;
        }
        return mask(b, a, p, end);
    }

    private int mask(byte[] b, int a, int p, int end) {
        if (end - p < 4) {
            return SHORT;
        }
        kind = WRITE_MASK;
        writeAddress = a;
        andMask = u16(b, p);
        orMask = u16(b, p + 2);
        return p + 4;
    }

    private int readResponse(byte[] b, int p, int end) {
        int dl = dataLength();
        if (dl < 1) {
            flags |= DATA_LENGTH;
            return p;
        }
        int count = b[p] & 0xFF;
        if (count < 1 || count > 250 || dl - 1 != count) {
            flags |= DATA_VALUE;
        }
        kind = READ_RESPONSE;
        bytes = Arrays.copyOfRange(b, p + 1, end);
        return end;
    }

    private int writeResponse(byte[] b, int p, int end) {
        if (end - p < 2) {
            return SHORT;
        }
        int a = u16(b, p);
        p += 2;
        if ((access & (SINGLE | MULTIPLE)) != 0) {
            if (end - p < 2) {
                return SHORT;
            }
            int v = u16(b, p);
            if ((access & MULTIPLE) != 0 && (v == 0 || v > ((access & BIT_ACCESS) != 0 ? 125 : 2000))) {
                flags |= DATA_VALUE; // (the crate's limits are the other way round than the request's)
            }
            kind = WRITE_OTHER;
            writeAddress = a;
            writeValue = v;
            return p + 2;
        }
        return mask(b, a, p, end);
    }

    private int categoryOf() {
        return switch (code) {
            case DIAGNOSTIC -> kind != DIAG ? 0 : subfunctionName(sub) == null ? RESERVED : PUBLIC_ASSIGNED;
            case MEI -> kind != MEI_DATA ? 0 : meiName(sub).equals("Unknown") ? RESERVED : PUBLIC_ASSIGNED;
            case UNKNOWN -> categoryOfRaw(functionRaw);
            default -> PUBLIC_ASSIGNED;
        };
    }

    /**
     * Whether this message answers {@code other} (or is answered by it), the crate's validation: same
     * transaction, unit, function and access; for public assigned functions also fitting data, a
     * mismatch in the values flagging DATA_VALUE on this message.
     */
    boolean matches(ModbusMessage o) {
        if (transactionId != o.transactionId || unitId != o.unitId || code != o.code || access != o.access) {
            return false;
        }
        if (category != PUBLIC_ASSIGNED || o.kind == EXCEPTION || kind == EXCEPTION) {
            return true;
        }
        if (kind == BYTES || o.kind == BYTES) {
            return kind == o.kind || (kind == BYTES ? (flags & DATA_LENGTH) != 0 : (o.flags & DATA_LENGTH) != 0);
        }
        switch (kind) {
            case READ_RESPONSE -> {
                if (o.kind == READ_REQUEST) {
                    flagIf(bytes.length != bitBytes(o.quantity));
                    return true;
                }
                if (o.kind == READ_WRITE) {
                    flagIf(bytes.length != 2 * o.quantity);
                    return true;
                }
                return false;
            }
            case READ_REQUEST, READ_WRITE -> {
                if (o.kind != READ_RESPONSE) {
                    return false;
                }
                flagIf(o.bytes.length != (kind == READ_REQUEST ? bitBytes(quantity) : 2 * quantity));
                return true;
            }
            case WRITE_OTHER -> {
                if (o.kind == WRITE_OTHER) {
                    flagIf(writeAddress != o.writeAddress || writeValue != o.writeValue);
                    return true;
                }
                if (o.kind == WRITE_MULT_REQ) {
                    flagIf(writeAddress != o.writeAddress || writeValue != o.writeQuantity);
                    return true;
                }
                return false;
            }
            case WRITE_MULT_REQ -> {
                if (o.kind != WRITE_OTHER) {
                    return false;
                }
                flagIf(writeAddress != o.writeAddress || writeQuantity != o.writeValue);
                return true;
            }
            case WRITE_MASK -> {
                if (o.kind != WRITE_MASK) {
                    return false;
                }
                flagIf(writeAddress != o.writeAddress || andMask != o.andMask || orMask != o.orMask);
                return true;
            }
            case DIAG -> {
                return o.kind == DIAG && sub == o.sub;
            }
            case MEI_DATA -> {
                return o.kind == MEI_DATA && sub == o.sub;
            }
            default -> {
                return false;
            }
        }
    }

    /** Bytes of a bit read of {@code q} items (the crate applies it to register reads too). */
    private static int bitBytes(int q) {
        return q / 8 + (q % 8 != 0 ? 1 : 0);
    }

    private void flagIf(boolean mismatch) {
        if (mismatch) {
            flags |= DATA_VALUE;
        }
    }

    /** First address (1-based) this message reads or writes, or -1 (then {@link #rangeEnd} is too). */
    int rangeStart() {
        return switch (kind) {
            case WRITE_OTHER, WRITE_MASK -> (writeAddress + 1) & 0xFFFF;
            case READ_REQUEST -> quantity > 0 && quantity <= 0xFFFF - address ? address + 1 : -1;
            case WRITE_MULT_REQ, READ_WRITE -> writeQuantity > 0 && writeQuantity <= 0xFFFF - writeAddress
                    ? writeAddress + 1 : -1;
            default -> -1;
        };
    }

    /** Last address (1-based, inclusive) this message reads or writes, or -1. */
    int rangeEnd() {
        return switch (kind) {
            case WRITE_OTHER, WRITE_MASK -> (writeAddress + 1) & 0xFFFF;
            case READ_REQUEST -> rangeStart() < 0 ? -1 : address + quantity;
            case WRITE_MULT_REQ, READ_WRITE -> rangeStart() < 0 ? -1 : writeAddress + writeQuantity;
            default -> -1;
        };
    }

    /** The value this message writes at 1-based {@code at}, or -1 (the crate's get_write_value_at_address). */
    int writeValueAt(int at) {
        int s = rangeStart();
        if (s >= 0 && (at < s || at > rangeEnd())) {
            return -1;
        }
        if ((access & SINGLE) != 0) {
            if (kind != WRITE_OTHER) {
                return -1;
            }
            return (access & COILS) != 0 ? (writeValue != 0 ? 1 : 0) : writeValue;
        }
        if ((access & MULTIPLE) == 0 || (kind != WRITE_MULT_REQ && kind != READ_WRITE)) {
            return -1;
        }
        if (writeAddress == 0xFFFF || writeAddress >= at) {
            return -1;
        }
        int index = at - (writeAddress + 1);
        int offset = index * 2;
        if ((access & COILS) != 0) {
            offset >>= 3;
        }
        if (offset + 1 >= bytes.length) {
            return -1;
        }
        int v = (bytes[offset] & 0xFF) << 8 | (bytes[offset + 1] & 0xFF);
        return (access & COILS) != 0 ? (v >> (index & 7)) & 1 : v;
    }

    static String functionName(int code) {
        return code == MEI ? "MEI" : code >= 1 && code <= 24 ? FUNCTION_NAMES[code] : "Unknown";
    }

    /** A diagnostic subfunction's name, or null for a reserved one. */
    static String subfunctionName(int v) {
        return v < SUBFUNCTION_NAMES.length ? SUBFUNCTION_NAMES[v] : null;
    }

    static String meiName(int v) {
        return v == 0x0D ? "CANOpenGenRefReqResp" : v == 0x0E ? "RdDevId" : "Unknown";
    }

    /** An exception code's name, or null for an unknown one. */
    static String exceptionName(int v) {
        return v < EXCEPTION_NAMES.length ? EXCEPTION_NAMES[v] : null;
    }

    static String accessText(int bits) {
        return flagText(bits, ACCESS_NAMES, ACCESS_BITS);
    }

    static String categoryText(int bits) {
        return flagText(bits, CATEGORY_NAMES, new int[] {1, 2, 4, 8});
    }

    static String flagsText(int bits) {
        return flagText(bits, FLAG_NAMES, new int[] {1, 2, 4, 8, 16});
    }

    /** The names of every flag (composites too) all of whose bits are set, joined by " | "; NONE for none. */
    private static String flagText(int bits, String[] names, int[] values) {
        if (bits == 0) {
            return "NONE";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            if ((bits & values[i]) == values[i]) {
                sb.append(sb.length() > 0 ? " | " : "").append(names[i]);
            }
        }
        return sb.toString();
    }
}
