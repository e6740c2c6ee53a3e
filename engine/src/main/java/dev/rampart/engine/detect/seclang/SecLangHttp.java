package dev.rampart.engine.detect.seclang;

import dev.rampart.engine.applayer.EveText;
import dev.rampart.engine.applayer.Slice;
import dev.rampart.engine.applayer.http.HttpMessage;
import dev.rampart.engine.applayer.http.HttpTx;
import dev.rampart.engine.decode.Packet;
import dev.rampart.engine.detect.seclang.variable.HttpVariables;
import dev.rampart.engine.detect.seclang.variable.VarEntry;
import dev.rampart.eve.EveIp;
import dev.rampart.eve.JsonBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The SecLang evaluation of one HTTP transaction as the sensor sees it pass: its variables, filled
 * from the parsed request and response, and the rule evaluation with its TX collection. Phases 1
 * and 2 run once the request is complete, 3 to 5 once the response is (or at the flow's end, on
 * what was seen). Kept on the transaction ({@link HttpTx#detectState}) by the worker owning the flow.
 */
public final class SecLangHttp {
    private static final byte[] CONTENT_TYPE = "content-type".getBytes(StandardCharsets.US_ASCII);

    private final SecLangRules rules;
    private final HttpVariables vars = new HttpVariables();
    private final SecLangTx eval;
    private boolean requestDone;
    private boolean responseDone;

    public SecLangHttp(SecLangRules rules) {
        this(rules, null);
    }

    /** @param profile where each rule's evaluation cost goes when profiling, or null */
    public SecLangHttp(SecLangRules rules, SecLangTx.Profile profile) {
        this.rules = rules;
        this.eval = new SecLangTx(rules, SecLangTx.Variables.of(vars), profile);
    }

    /** The client and server of the flow, from a packet of it going {@code toServer} or not. */
    public void connection(Packet p, boolean toServer) {
        String src = address(p.ipVersion, p.srcHi, p.srcLo);
        String dst = address(p.ipVersion, p.dstHi, p.dstLo);
        if (toServer) {
            vars.connection(src, p.srcPort, dst, p.dstPort);
        } else {
            vars.connection(dst, p.dstPort, src, p.srcPort);
        }
    }

    /**
     * Runs the phases now due on a packet going {@code toServer} or not: the request phases on a
     * packet to the server, the response phases on one to the client (as transaction rules alert
     * in the direction they inspect, so an alert names the request's client as its source);
     * {@code flowEnd}: the flow ends, run what is still due. True once every phase ran.
     */
    public boolean advance(HttpTx tx, boolean toServer, boolean flowEnd, Consumer<SecLangMatch> out) {
        if (!requestDone && (toServer || flowEnd) && (flowEnd || tx.requestProgress() >= HttpTx.PROGRESS_COMPLETE)) {
            requestDone = true;
            // the joined table: Apache merges a repeated request header into one, values joined with ", "
            List<VarEntry> headers = headers(tx.request, true);
            // a request without Content-Length or chunked coding has no body for the server (RFC 9112
            // 6.3), even where the sensor's parser keeps the bytes that follow as one, as libhtp does
            Slice body = tx.requestBody();
            vars.request(tx.method().toString(), tx.uriRaw().toString(), tx.requestProtocol().toString(), headers,
                    rules.requestBodyAccess() && tx.requestBodyFramed() && body.length > 0 ? body.toString() : null);
            eval.runPhase(1, out);
            vars.setPathDecoded(true);
            eval.runPhase(2, out);
        }
        if (requestDone && !responseDone && (!toServer || flowEnd)) {
            boolean complete = tx.responseProgress() >= HttpTx.PROGRESS_COMPLETE;
            if (complete || flowEnd) {
                responseDone = true;
                if (tx.responseProgress() > HttpTx.PROGRESS_NONE) {
                    // response headers as they came (Apache does not merge them: Set-Cookie repeats)
                    List<VarEntry> headers = headers(tx.response, false);
                    Slice body = tx.responseBody();
                    boolean keep = rules.responseBodyAccess() && body.length > 0
                            && rules.responseBodyMimeType(tx.response.headerValue(CONTENT_TYPE, new Slice()).toString());
                    vars.response(tx.responseProtocol().toString(), Math.max(tx.statusNumber(), 0), headers,
                            keep ? body.toString() : null);
                    eval.runPhase(3, out);
                    eval.runPhase(4, out);
                }
                eval.runPhase(5, out);
                eval.releaseCaches();
            }
        }
        return responseDone;
    }

    /**
     * What a transaction's {@link HttpTx#detectState} becomes once all its phases ran: the
     * evaluation, its variables and their copies of the bodies are dropped then, not when the
     * pooled transaction is next reused.
     */
    public static final Object FINISHED = new Object();

    /** A message's headers as Latin-1 entries: the joined table, or the fields as they came. */
    private static List<VarEntry> headers(HttpMessage m, boolean joined) {
        Slice name = new Slice();
        Slice value = new Slice();
        int n = joined ? m.headerCount() : m.fieldEntryCount();
        List<VarEntry> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (joined) {
                m.header(i, name, value);
            } else {
                m.fieldEntry(i, name, value);
            }
            out.add(new VarEntry(name.toString(), value.toString()));
        }
        return out;
    }

    /** REMOTE_ADDR / SERVER_ADDR text: the address as the alert's EVE record writes it. */
    static String address(int version, long hi, long lo) {
        JsonBuffer b = new JsonBuffer(40);
        EveIp.append(b, version, hi, lo);
        return b.toString();
    }

    /**
     * The alert's {@code "seclang":{...}} member: the expanded message, logdata, the matched
     * variable's name and (transformed) value, phase, where the rule was written, as JSON bytes.
     */
    public static byte[] eveJson(SecLangMatch m) {
        StringBuilder b = new StringBuilder(256);
        b.append("\"seclang\":{\"id\":").append(m.rule().id());
        b.append(",\"msg\":");
        str(b, m.msg());
        if (!m.logdata().isEmpty()) {
            b.append(",\"data\":");
            str(b, m.logdata());
        }
        if (!m.matchedVarName().isEmpty()) {
            b.append(",\"matched_var_name\":");
            str(b, m.matchedVarName());
            b.append(",\"matched_var\":");
            str(b, m.matchedVar().length() > 256 ? m.matchedVar().substring(0, 256) : m.matchedVar());
        }
        b.append(",\"phase\":").append(m.phase());
        if (!m.rule().severity().isEmpty()) {
            b.append(",\"severity\":");
            str(b, m.rule().severity());
        }
        b.append(",\"source\":");
        str(b, m.rule().source());
        b.append('}');
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A byte string (Latin-1; other text as UTF-8) as EVE writes protocol fields ({@link EveText}). */
    private static void str(StringBuilder b, String s) {
        byte[] bytes = s.getBytes(canLatin1(s) ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        EveText.quoted(b, bytes, 0, bytes.length);
    }

    private static boolean canLatin1(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xff) {
                return false;
            }
        }
        return true;
    }
}
