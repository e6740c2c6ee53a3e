package dev.rampart.engine.applayer.rfb;

import dev.rampart.engine.applayer.AppProto;
import dev.rampart.engine.applayer.HeldBytes;
import dev.rampart.engine.applayer.ListedTransactions;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@link dev.rampart.engine.applayer.AppSession} for RFB over TCP, the handshake as Suricata 7's
 * parser follows it: one state for both directions (server version, client version, then the 3.3
 * server-decided security type or the 3.7 / 3.8 list and the client's choice, the VNC challenge and
 * response, the security result, ClientInit, ServerInit), after which the rest of the flow is passed
 * over. Each direction's bytes are held until a chunk ends (what one acknowledgement delivered, the
 * unit Suricata hands its parser) and read message by message; a message not all here waits.
 *
 * <p>Kept from that parser because rules and alerts see it: a protocol version that does not parse
 * is a parser error (the flow's app layer stops); bytes in a direction the handshake does not expect
 * raise confused_state; a security type other than None (1) or VNC (2) raises
 * unimplemented_security_type (and completes the transaction only when a 3.3 server decided it); a
 * failure reason is read again from each later chunk and what follows it in its chunk is dropped;
 * the security result is kept only when it is OK. Bounded: one message of {@link #MAX_MESSAGE} bytes
 * held per direction (beyond, parsing stops: Suricata's default stream depth would never deliver it).
 */
public final class RfbSession extends ListedTransactions<RfbTx> {
    /** The most a direction holds for one message (a ServerInit name or failure reason). */
    static final int MAX_MESSAGE = 1 << 20;

    private enum State {
        TC_SERVER_VERSION, TC_SUPPORTED_TYPES, TC_VNC_CHALLENGE, TC_SERVER_INIT, TC_FAILURE_REASON,
        TS_CLIENT_VERSION, TC_SERVER_SECURITY_TYPE, TS_SECURITY_TYPE_SELECTION, TS_VNC_RESPONSE,
        TC_SECURITY_RESULT, TS_CLIENT_INIT, SKIP
    }

    /** A message reader's answers besides the bytes it read: wait for more, or the bytes are wrong. */
    private static final int INCOMPLETE = -1;
    private static final int ERROR = -2;

    private final RfbCounters counters;
    private final Side toServerSide = new Side();
    private final Side toClientSide = new Side();
    private State state = State.TC_SERVER_VERSION;
    /** Parsing ended for the flow (parser error, gap, oversized message). */
    private boolean failed;
    private long parseErrors;
    /** The transaction the handshake fills (Suricata's current one: the last opened). */
    private RfbTx current;

    public RfbSession(RfbCounters counters) {
        this.counters = counters;
    }

    /** One direction's bytes not read yet. */
    private static final class Side {
        final HeldBytes held = new HeldBytes(64);
    }

    @Override
    public AppProto proto() {
        return AppProto.RFB;
    }

    @Override
    public void onData(boolean toServer, byte[] data, int off, int len) {
        Side s = side(toServer);
        if (failed || state == State.SKIP) {
            counters.bytesIgnored(len);
            return;
        }
        if (s.held.length() + len > MAX_MESSAGE) {
            counters.oversized();
            counters.bytesIgnored(s.held.length() + (long) len);
            s.held.clear();
            failed = true;
            return;
        }
        s.held.append(data, off, len);
    }

    private Side side(boolean toServer) {
        return toServer ? toServerSide : toClientSide;
    }

    @Override
    public void onChunkEnd(boolean toServer) {
        Side s = side(toServer);
        int fill = s.held.length();
        if (failed || fill == 0) {
            return;
        }
        changes++;
        int used = toServer ? request(s.held.array(), fill) : response(s.held.array(), fill);
        if (state == State.SKIP || failed) {
            // the rest of the chunk and everything after is not parsed
            if (used < fill) {
                counters.bytesIgnored(fill - used);
            }
            s.held.clear();
            Side other = side(!toServer);
            counters.bytesIgnored(other.held.length());
            other.held.clear();
        } else {
            s.held.consume(used);
        }
    }

    /** Reads the client's bytes; returns how many were used (the rest waits for more). */
    private int request(byte[] b, int n) {
        int pos = 0;
        while (pos < n) {
            switch (state) {
                case TS_CLIENT_VERSION -> {
                    int r = version(b, pos, n);
                    if (r == INCOMPLETE) {
                        return pos;
                    }
                    if (r == ERROR) {
                        parseError();
                        return n;
                    }
                    String major = ascii3(b, pos + 4);
                    String minor = ascii3(b, pos + 8);
                    state = major.equals("003") && minor.equals("003") ? State.TC_SERVER_SECURITY_TYPE
                            : State.TC_SUPPORTED_TYPES;
                    if (current != null) {
                        current.clientMajor = major;
                        current.clientMinor = minor;
                        current.version++;
                    }
                    pos += r;
                }
                case TS_SECURITY_TYPE_SELECTION -> {
                    int type = b[pos++] & 0xFF;
                    if (current != null) {
                        current.chosenSecurityType = type;
                        current.version++;
                    }
                    if (type == 2) {
                        state = State.TC_VNC_CHALLENGE;
                    } else if (type == 1) {
                        state = State.TS_CLIENT_INIT;
                    } else {
                        // a proprietary or newer type: the transaction stays open, as Suricata leaves it
                        if (current != null) {
                            current.raise(RfbEvent.UNIMPLEMENTED_SECURITY_TYPE);
                        }
                        state = State.SKIP;
                        return pos;
                    }
                }
                case TS_VNC_RESPONSE -> {
                    if (n - pos < 16) {
                        return pos;
                    }
                    if (current != null) {
                        current.vncResponse = Arrays.copyOfRange(b, pos, pos + 16);
                        current.version++;
                    }
                    pos += 16;
                    state = State.TC_SECURITY_RESULT;
                }
                case TS_CLIENT_INIT -> {
                    if (current != null) {
                        current.shared = b[pos] & 0xFF;
                        current.version++;
                    }
                    pos++;
                    state = State.TC_SERVER_INIT;
                }
                case SKIP -> {
                    return pos;
                }
                default -> {
                    confused();
                    return pos;
                }
            }
        }
        return pos;
    }

    /** Reads the server's bytes; returns how many were used (the rest waits for more). */
    private int response(byte[] b, int n) {
        int pos = 0;
        while (pos < n) {
            switch (state) {
                case TC_SERVER_VERSION -> {
                    int r = version(b, pos, n);
                    if (r == INCOMPLETE) {
                        return pos;
                    }
                    if (r == ERROR) {
                        parseError();
                        return n;
                    }
                    current = new RfbTx();
                    current.serverMajor = ascii3(b, pos + 4);
                    current.serverMinor = ascii3(b, pos + 8);
                    txs.add(current);
                    nextId++;
                    state = State.TS_CLIENT_VERSION;
                    pos += r;
                }
                case TC_SUPPORTED_TYPES -> {
                    int count = b[pos] & 0xFF;
                    if (n - pos < 1 + count) {
                        return pos;
                    }
                    pos += 1 + count; // the list itself is neither logged nor matched
                    state = count == 0 ? State.TC_FAILURE_REASON : State.TS_SECURITY_TYPE_SELECTION;
                }
                case TC_SERVER_SECURITY_TYPE -> {
                    if (n - pos < 4) {
                        return pos;
                    }
                    long type = u32(b, pos);
                    pos += 4;
                    if (type == 0) {
                        state = State.TC_FAILURE_REASON;
                    } else if (type == 1) {
                        state = State.TS_CLIENT_INIT;
                    } else if (type == 2) {
                        state = State.TC_VNC_CHALLENGE;
                    } else {
                        if (current != null) {
                            current.raise(RfbEvent.UNIMPLEMENTED_SECURITY_TYPE);
                            current.complete = true;
                        }
                        state = State.SKIP;
                        return pos;
                    }
                    if (current != null) {
                        current.chosenSecurityType = type;
                        current.version++;
                    }
                }
                case TC_VNC_CHALLENGE -> {
                    if (n - pos < 16) {
                        return pos;
                    }
                    if (current != null) {
                        current.vncChallenge = Arrays.copyOfRange(b, pos, pos + 16);
                        current.version++;
                    }
                    pos += 16;
                    state = State.TS_VNC_RESPONSE;
                }
                case TC_SECURITY_RESULT -> {
                    if (n - pos < 4) {
                        return pos;
                    }
                    long status = u32(b, pos);
                    pos += 4;
                    if (status == 0) {
                        state = State.TS_CLIENT_INIT;
                        if (current != null) {
                            current.securityResult = 0;
                            current.version++;
                        }
                    } else if (status == 1) {
                        state = State.TC_FAILURE_REASON; // the failed result itself is not kept
                    } else {
                        malformedOrUnknown(RfbEvent.UNKNOWN_SECURITY_RESULT);
                        return pos;
                    }
                }
                case TC_FAILURE_REASON -> {
                    if (n - pos < 4) {
                        return pos;
                    }
                    long len = u32(b, pos);
                    if (n - pos - 4 < len) {
                        return pos;
                    }
                    String reason = utf8(b, pos + 4, (int) len);
                    if (reason == null) {
                        malformedOrUnknown(RfbEvent.MALFORMED_MESSAGE);
                        return pos;
                    }
                    if (current != null) {
                        current.failureReason = reason;
                        current.version++;
                    }
                    // the state stays: a later chunk is read as another reason; the rest of this one is dropped
                    counters.bytesIgnored(n - pos - 4 - len);
                    return n;
                }
                case TC_SERVER_INIT -> {
                    // width, height, 16-byte pixel format, name length, name
                    if (n - pos < 24) {
                        return pos;
                    }
                    long len = u32(b, pos + 20);
                    if (n - pos - 24 < len) {
                        return pos;
                    }
                    if (current != null) {
                        current.width = (b[pos] & 0xFF) << 8 | (b[pos + 1] & 0xFF);
                        current.height = (b[pos + 2] & 0xFF) << 8 | (b[pos + 3] & 0xFF);
                        current.pixelFormat = Arrays.copyOfRange(b, pos + 4, pos + 20);
                        current.name = Arrays.copyOfRange(b, pos + 24, pos + 24 + (int) len);
                        current.complete = true;
                        current.version++;
                    }
                    pos += 24 + (int) len;
                    state = State.SKIP;
                    return pos;
                }
                case SKIP -> {
                    return pos;
                }
                default -> {
                    confused();
                    return pos;
                }
            }
        }
        return pos;
    }

    /** Bytes in a direction the handshake does not expect now: the parser stops following the flow. */
    private void confused() {
        malformedOrUnknown(RfbEvent.CONFUSED_STATE);
    }

    /** An event on the transaction, which completes; the rest of the flow is passed over. */
    private void malformedOrUnknown(RfbEvent e) {
        if (current != null) {
            current.raise(e);
            current.complete = true;
        }
        state = State.SKIP;
    }

    private void parseError() {
        parseErrors++;
        failed = true;
    }

    /**
     * {@code "RFB " major "." minor "\n"} with three-byte UTF-8 parts: 12 when it is all here,
     * {@link #INCOMPLETE} while what is here agrees with it, {@link #ERROR} at the first byte that
     * does not (the literal parts are exact, unlike detection's case-insensitive pattern).
     */
    private static int version(byte[] b, int pos, int n) {
        int have = Math.min(n - pos, 12);
        for (int i = 0; i < have; i++) {
            byte c = b[pos + i];
            boolean ok = switch (i) {
                case 0 -> c == 'R';
                case 1 -> c == 'F';
                case 2 -> c == 'B';
                case 3 -> c == ' ';
                case 7 -> c == '.';
                case 11 -> c == '\n';
                default -> true;
            };
            if (!ok) {
                return ERROR;
            }
            if ((i == 6 || i == 10) && utf8(b, pos + i - 2, 3) == null) {
                return ERROR;
            }
        }
        return have == 12 ? 12 : INCOMPLETE;
    }

    /** A version part already checked as UTF-8. */
    private static String ascii3(byte[] b, int off) {
        return utf8(b, off, 3);
    }

    /** Strict UTF-8 (as Rust's from_utf8), or null. */
    private static String utf8(byte[] b, int off, int len) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, off, len)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static long u32(byte[] b, int i) {
        return (b[i] & 0xFFL) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }

    @Override
    public void onGap(boolean toServer, long len) {
        // Suricata's RFB parser takes no gaps: the flow's parsing ends
        if (!failed && state != State.SKIP) {
            counters.lostAfterGap();
            counters.bytesIgnored(toServerSide.held.length() + (long) toClientSide.held.length());
        }
        toServerSide.held.clear();
        toClientSide.held.clear();
        failed = true;
    }

    @Override
    public void onEnd(boolean toServer) {
    }

    /** Suricata's RFB parser never asks for raw stream inspection (so: reports its triggers, none). */
    @Override
    public boolean triggersRawInspection() {
        return true;
    }

    @Override
    public long parseErrors() {
        return parseErrors;
    }

    @Override
    protected long idOf(RfbTx tx) {
        return 0;
    }

    @Override
    public boolean txComplete(Object tx, boolean toServer) {
        return ((RfbTx) tx).complete;
    }

    @Override
    public long txVersion(Object tx, boolean toServer) {
        return ((RfbTx) tx).version;
    }

    @Override
    public boolean appendEve(Object tx, StringBuilder out) {
        ((RfbTx) tx).appendEve(out);
        return true;
    }
}
