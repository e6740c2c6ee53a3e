package dev.rampart.engine.applayer.http;

import dev.rampart.engine.applayer.Slice;

/**
 * Renders the {@code "http":{...}} object Suricata 7 puts in an alert record for an HTTP
 * transaction, fields in Suricata's order (checked against suricata 7.0.10 eve.json):
 * hostname, http_port, url (raw), http_user_agent, xff, http_content_type (response, up to ';'),
 * content_range (a response's "bytes S-E/Z"), http_refer, http_method, protocol, status, redirect,
 * length. Absent fields are left out.
 * Strings are escaped as Suricata's EVE does: control bytes as \\u00XX, bytes from 0x80 as the
 * text \\xHH. Appends to a caller-owned {@link StringBuilder}; nothing is allocated per call.
 */
public final class HttpEveJson {
    static final byte[] XFF = HttpBytes.ascii("x-forwarded-for");

    private final Slice scratch = new Slice();
    /** Suricata logs "xff" when the header is present and xff logging is on (the oracle's config has it). */
    public boolean logXff = true;

    public StringBuilder append(HttpTx tx, StringBuilder sb) {
        sb.append("\"http\":{");
        int start = sb.length();
        if (!tx.host().isEmpty()) {
            string(sb, start, "hostname", tx.host());
        }
        if (!tx.requestHeadersSeen && !tx.http09) {
            comma(sb, start).append("\"http_port\":0"); // libhtp's zeroed port before headers
        } else if (tx.hostPort() >= 0) {
            comma(sb, start).append("\"http_port\":").append(tx.hostPort());
        }
        if (tx.uriRaw().array != null) {
            string(sb, start, "url", tx.uriRaw());
        }
        Slice ua = tx.request.headerValue(HttpTx.USER_AGENT, scratch);
        if (tx.request.hasHeader(HttpTx.USER_AGENT)) {
            string(sb, start, "http_user_agent", ua);
        }
        if (logXff && tx.request.hasHeader(XFF)) {
            string(sb, start, "xff", tx.request.headerValue(XFF, scratch));
        }
        if (tx.response.hasHeader(HttpTx.CONTENT_TYPE)) {
            Slice ct = tx.response.headerValue(HttpTx.CONTENT_TYPE, scratch);
            int n = 0;
            while (n < ct.length && ct.array[ct.offset + n] != ';') {
                n++;
            }
            ct.length = n;
            string(sb, start, "http_content_type", ct);
        }
        contentRange(sb, start, tx.response.headerValue(CONTENT_RANGE, scratch));
        if (tx.request.hasHeader(HttpTx.REFERER)) {
            string(sb, start, "http_refer", tx.request.headerValue(HttpTx.REFERER, scratch));
        }
        if (tx.method().array != null && tx.requestProgress() >= HttpTx.PROGRESS_LINE) {
            string(sb, start, "http_method", tx.method());
        }
        if (!tx.requestProtocol().isEmpty()) {
            string(sb, start, "protocol", tx.requestProtocol());
        }
        if (tx.statusNumber() > 0) {
            comma(sb, start).append("\"status\":").append(tx.statusNumber());
        } else if (!tx.statusCode().isEmpty()) {
            string(sb, start, "status", tx.statusCode());
        }
        if (tx.response.hasHeader(HttpTx.LOCATION)) {
            string(sb, start, "redirect", tx.response.headerValue(HttpTx.LOCATION, scratch));
        }
        comma(sb, start).append("\"length\":").append(tx.responseLength());
        return sb.append('}');
    }

    private static final String[] ERROR_NAMES = {"NOERROR", "PROTOCOLERROR", "INTERNALERROR", "FLOWCONTROLERROR",
        "SETTINGSTIMEOUT", "STREAMCLOSED", "FRAMESIZEERROR", "REFUSEDSTREAM", "CANCEL", "COMPRESSIONERROR",
        "CONNECTERROR", "ENHANCEYOURCALM", "INADEQUATESECURITY", "HTTP11REQUIRED"};
    private static final String[] RST_ERROR_NAMES = {"NoError", "ProtocolError", "InternalError", "FlowControlError",
        "SettingsTimeout", "StreamClosed", "FrameSizeError", "RefusedStream", "Cancel", "CompressionError",
        "ConnectError", "EnhanceYourCalm", "InadequateSecurity", "Http11Required"};
    private static final String[] SETTING_NAMES = {"SETTINGSHEADERTABLESIZE", "SETTINGSENABLEPUSH",
        "SETTINGSMAXCONCURRENTSTREAMS", "SETTINGSINITIALWINDOWSIZE", "SETTINGSMAXFRAMESIZE", "SETTINGSMAXHEADERLISTSIZE"};
    private final Slice name = new Slice();
    private final Slice value = new Slice();

    /**
     * The {@code "http":{...}} object of an alert on an HTTP/2 transaction, with suricata 7.0.10's
     * members: version "2", request_headers / response_headers (name, value, in arrival order),
     * hostname (the Host header), url, http_user_agent, http_method, status, length, and "http2"
     * with the stream id and per side the settings, the error code (GOAWAY as "NOERROR", RST_STREAM as
     * "NoError", as Suricata spells them) and the priority. Suricata's member order varies (a map);
     * this one is fixed.
     */
    public StringBuilder appendHttp2(HttpTx tx, StringBuilder sb) {
        Http2Stream h2 = tx.h2;
        sb.append("\"http\":{");
        int start = sb.length();
        sb.append("\"version\":\"2\"");
        headers(sb, "request_headers", h2.side(true));
        headers(sb, "response_headers", h2.side(false));
        if (tx.request.hasHeader(HttpTx.HOST)) {
            string(sb, start, "hostname", tx.request.headerValue(HttpTx.HOST, scratch));
        }
        if (tx.uriRaw().array != null) {
            string(sb, start, "url", tx.uriRaw());
        }
        if (tx.request.hasHeader(HttpTx.USER_AGENT)) {
            string(sb, start, "http_user_agent", tx.request.headerValue(HttpTx.USER_AGENT, scratch));
        }
        if (tx.method().array != null) {
            string(sb, start, "http_method", tx.method());
        }
        if (tx.statusNumber() > 0) {
            sb.append(",\"status\":").append(tx.statusNumber());
        }
        // the response's announced content-length, only (suricata 7.0.10: logged before the body
        // came, and not at all for a body without one)
        long length = tx.response.hasHeader(HttpTx.CONTENT_LENGTH)
                ? contentLength(tx.response.headerValue(HttpTx.CONTENT_LENGTH, scratch)) : -1;
        if (length > 0) {
            sb.append(",\"length\":").append(length);
        }
        sb.append(",\"http2\":{\"stream_id\":").append(h2.streamId);
        side(sb, "request", h2.side(true));
        side(sb, "response", h2.side(false));
        return sb.append("}}");
    }

    static final byte[] CONTENT_RANGE = HttpBytes.ascii("content-range");

    /**
     * {@code "content_range":{"raw":...,"start":S,"end":E,"size":Z}} of an HTTP/1 response's
     * "bytes S-E/Z" Content-Range (an unknown size "*" leaves size out; suricata 7.0.10 logs it
     * after http_content_type, and not for HTTP/2); nothing for another form.
     */
    private static void contentRange(StringBuilder sb, int start, Slice v) {
        if (v.array == null || v.length < 10 || !HttpBytes.equalsIgnoreCase(v.array, v.offset, 6, BYTES_SP, 0, 6)) {
            return;
        }
        byte[] a = v.array;
        int end = v.offset + v.length;
        int s0 = v.offset + 6;
        int s1 = digits(a, s0, end);
        if (s1 < 0 || s1 >= end || a[s1] != '-') {
            return;
        }
        int e1 = digits(a, s1 + 1, end);
        if (e1 < 0 || e1 >= end || a[e1] != '/') {
            return;
        }
        boolean star = e1 + 2 == end && a[e1 + 1] == '*';
        if (!star && digits(a, e1 + 1, end) != end) {
            return;
        }
        comma(sb, start).append("\"content_range\":{");
        string(sb, sb.length(), "raw", v);
        sb.append(",\"start\":").append(value(a, s0, s1)).append(",\"end\":").append(value(a, s1 + 1, e1));
        if (!star) {
            sb.append(",\"size\":").append(value(a, e1 + 1, end));
        }
        sb.append('}');
    }

    private static final byte[] BYTES_SP = HttpBytes.ascii("bytes ");

    /** The end of a run of 1 to 18 decimal digits at {@code from} (before {@code end}), or -1. */
    private static int digits(byte[] a, int from, int end) {
        int p = from;
        while (p < end && a[p] >= '0' && a[p] <= '9') {
            p++;
        }
        return p == from || p - from > 18 ? -1 : p;
    }

    private static long value(byte[] a, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + (a[i] - '0');
        }
        return n;
    }

    /** A Content-Length of digits only, or -1. */
    private static long contentLength(Slice v) {
        long n = 0;
        for (int i = 0; i < v.length; i++) {
            int c = v.array[v.offset + i] - '0';
            if (c < 0 || c > 9 || n > Long.MAX_VALUE / 10 - 10) {
                return -1;
            }
            n = n * 10 + c;
        }
        return v.length == 0 ? -1 : n;
    }

    /** Whether an HTTP/2 transaction has anything its EVE object would carry beyond the stream id. */
    static boolean hasHttp2Details(Http2Stream h2) {
        return hasDetails(h2.side(true)) || hasDetails(h2.side(false));
    }

    private static boolean hasDetails(Http2Stream.Side s) {
        return s.fieldCount() > 0 || s.settings().size() > 0 || s.errorCodes().size() > 0 || s.priorities().size() > 0;
    }

    private void headers(StringBuilder sb, String key, Http2Stream.Side side) {
        if (side.fieldCount() == 0) {
            return;
        }
        sb.append(",\"").append(key).append("\":[");
        for (int i = 0; i < side.fieldCount(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('{');
            int at = sb.length();
            string(sb, at, "name", side.name(i, name));
            string(sb, at, "value", side.value(i, value));
            sb.append('}');
        }
        sb.append(']');
    }

    private static void side(StringBuilder sb, String key, Http2Stream.Side side) {
        sb.append(",\"").append(key).append("\":{");
        int at = sb.length();
        Http2Stream.IntList st = side.settings();
        if (st.size() > 0) {
            sb.append("\"settings\":[");
            for (int i = 0; i + 1 < st.size(); i += 2) {
                if (i > 0) {
                    sb.append(',');
                }
                int id = st.get(i);
                sb.append("{\"settings_id\":\"")
                        .append(id >= 1 && id <= SETTING_NAMES.length ? SETTING_NAMES[id - 1] : "SETTINGSUNKNOWN")
                        .append("\",\"settings_value\":").append(st.get(i + 1) & 0xffffffffL).append('}');
            }
            sb.append(']');
        }
        if (side.errorCodes().size() > 0) {
            int code = side.errorCodes().get(side.errorCodes().size() - 1);
            String[] names = side.hasFrameType(Http2Parser.GOAWAY) ? ERROR_NAMES : RST_ERROR_NAMES;
            comma(sb, at).append("\"error_code\":\"")
                    .append(code >= 0 && code < names.length ? names[code] : "UNKNOWN").append('"');
        }
        if (side.priorities().size() > 0) {
            comma(sb, at).append("\"priority\":").append(side.priorities().get(side.priorities().size() - 1));
        }
        sb.append('}');
    }

    private static StringBuilder comma(StringBuilder sb, int start) {
        if (sb.length() > start) {
            sb.append(',');
        }
        return sb;
    }

    private static void string(StringBuilder sb, int start, String key, Slice v) {
        comma(sb, start).append('"').append(key).append("\":");
        dev.rampart.engine.applayer.EveText.quoted(sb, v.array, v.offset, v.length);
    }
}
