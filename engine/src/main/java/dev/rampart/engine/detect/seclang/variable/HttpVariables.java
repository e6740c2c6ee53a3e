package dev.rampart.engine.detect.seclang.variable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The request and response variables of one HTTP transaction, as ModSecurity 2.9.7 (Apache)
 * produces them, and the request body processors that fill them. The integrator feeds the
 * connection, the request and later the response as Latin-1 strings; the evaluator reads them
 * with {@link #get(String)}.
 *
 * <p>Variables provided: ARGS, ARGS_NAMES, ARGS_GET, ARGS_GET_NAMES, ARGS_POST, ARGS_POST_NAMES,
 * ARGS_COMBINED_SIZE, QUERY_STRING, REQUEST_BASENAME, REQUEST_FILENAME, REQUEST_URI,
 * REQUEST_URI_RAW, REQUEST_LINE, REQUEST_METHOD, REQUEST_PROTOCOL, REQUEST_HEADERS,
 * REQUEST_HEADERS_NAMES, REQUEST_COOKIES, REQUEST_COOKIES_NAMES, REQUEST_BODY,
 * REQUEST_BODY_LENGTH, REQBODY_PROCESSOR, REQBODY_ERROR, REQBODY_ERROR_MSG,
 * REQBODY_PROCESSOR_ERROR, REQBODY_PROCESSOR_ERROR_MSG, FILES, FILES_NAMES, FILES_SIZES,
 * FILES_COMBINED_SIZE, MULTIPART_PART_HEADERS, MULTIPART_FILENAME, MULTIPART_NAME,
 * MULTIPART_STRICT_ERROR, MULTIPART_BOUNDARY_QUOTED, MULTIPART_BOUNDARY_WHITESPACE,
 * MULTIPART_DATA_AFTER, MULTIPART_DATA_BEFORE, MULTIPART_HEADER_FOLDING, MULTIPART_LF_LINE,
 * MULTIPART_CRLF_LINE, MULTIPART_CRLF_LF_LINES, MULTIPART_MISSING_SEMICOLON,
 * MULTIPART_INVALID_QUOTING, MULTIPART_INVALID_PART, MULTIPART_INVALID_HEADER_FOLDING,
 * MULTIPART_FILE_LIMIT_EXCEEDED, MULTIPART_UNMATCHED_BOUNDARY, XML (see {@link #xml(String)}),
 * RESPONSE_STATUS, RESPONSE_PROTOCOL, RESPONSE_HEADERS, RESPONSE_HEADERS_NAMES, RESPONSE_BODY,
 * RESPONSE_CONTENT_TYPE, RESPONSE_CONTENT_LENGTH, STATUS_LINE, REMOTE_ADDR, REMOTE_PORT,
 * SERVER_ADDR, SERVER_PORT, SERVER_NAME, AUTH_TYPE, FULL_REQUEST, FULL_REQUEST_LENGTH, UNIQUE_ID,
 * URLENCODED_ERROR, INBOUND_DATA_ERROR, OUTBOUND_DATA_ERROR. Every other name (TX, IP, GLOBAL,
 * SESSION, MATCHED_VAR(S), RULE, ENV, TIME*, DURATION, HIGHEST_SEVERITY, ...) belongs to the
 * evaluator: {@code get} answers null.
 *
 * <p>Collections keep ModSecurity's order and the keys as sent; ModSecurity selects collection
 * members ({@code REQUEST_HEADERS:Host}) case-insensitively (apr tables), which the evaluator does.
 * Absent versus empty follows ModSecurity: QUERY_STRING is absent without '?' and "" with a bare
 * '?'; REQUEST_BODY exists only when the URLENCODED processor read a body, or with
 * ctl:forceRequestBodyVariable and no processor; MULTIPART_NAME/FILENAME only once a part named
 * them; REQBODY_PROCESSOR and REQBODY_ERROR_MSG are "" when unset; the flags are "0"/"1".
 *
 * <p>Not thread-safe: one instance per transaction.
 */
public final class HttpVariables {

    private static final AtomicLong IDS = new AtomicLong();
    private static final Map<String, Function<HttpVariables, List<VarEntry>>> VARS = new HashMap<>();

    private final String uniqueId;
    /**
     * What {@link #get} answered, by name, until the next change: CRS asks for the same variables
     * hundreds of times a phase, and several are built on each call (lists, joined strings); the
     * same String instances also keep the evaluator's per-value caches cheap. Cleared by every
     * method that changes the transaction.
     */
    private final HashMap<String, List<VarEntry>> values = new HashMap<>();
    // connection
    private String remoteAddr;
    private int remotePort;
    private String serverAddr;
    private int serverPort;
    // request
    private String method;
    private String uri;
    private String protocol;
    private List<VarEntry> requestHeaders = List.of();
    private String body;
    private String path;
    /** {@link #path} percent-decoded (null until asked), served once {@link #pathDecoded} is set. */
    private String decodedPath;
    private boolean pathDecoded;
    private String query;
    private final List<BodyArg> queryArgs = new ArrayList<>();
    private boolean queryInvalid;
    private final List<VarEntry> cookies = new ArrayList<>();
    private boolean forceRequestBodyVariable;
    private boolean uploadExtractFiles;
    // body processing
    private String processor;
    private final List<BodyArg> bodyArgs = new ArrayList<>();
    private String bodyError;
    private boolean bodyInvalid;
    private MultipartParser multipart;
    private XmlBodyParser.Doc xml;
    // response
    private String responseProtocol;
    private int status = -1;
    private List<VarEntry> responseHeaders;
    private String responseBody;

    /** A transaction with no data yet. */
    public HttpVariables() {
        long id = IDS.incrementAndGet();
        uniqueId = Long.toString(System.currentTimeMillis(), 36) + "-" + Long.toString(id, 36)
                + "-" + Integer.toHexString(System.identityHashCode(this));
    }

    /** The TCP endpoints: client (remote) and server (local, in ModSecurity's terms). */
    public void connection(String remoteAddr, int remotePort, String serverAddr, int serverPort) {
        values.clear();
        this.remoteAddr = remoteAddr;
        this.remotePort = remotePort;
        this.serverAddr = serverAddr;
        this.serverPort = serverPort;
    }

    /**
     * The request: method, request-target as sent, protocol ("HTTP/1.1"), headers in order with
     * names as sent, and the de-chunked body (null or "" when there is none). Selects the body
     * processor from the first Content-Type as ModSecurity does (URLENCODED, MULTIPART) followed
     * by modsecurity.conf-recommended's rules 200000 (XML) and 200001 (JSON), then runs it.
     */
    public void request(String method, String uri, String protocol, List<VarEntry> headers, String body) {
        values.clear();
        this.method = method;
        this.uri = uri;
        this.protocol = protocol;
        this.requestHeaders = List.copyOf(headers);
        this.body = body;
        parseUri(uri);
        queryArgs.clear();
        if (query != null) {
            queryInvalid = UrlEncodedParser.parse(query, '&', BodyArg.QUERY, queryArgs);
        }
        cookies.clear();
        for (VarEntry h : requestHeaders) {
            if (h.key().equalsIgnoreCase("Cookie")) {
                CookieParser.parseV0(h.value(), cookies);
            }
        }
        processor = defaultProcessor(header("Content-Type"));
        parseBody();
    }

    /** The response: protocol, status, headers in order, body (null when not inspected). */
    public void response(String protocol, int status, List<VarEntry> headers, String body) {
        values.clear();
        this.responseProtocol = protocol;
        this.status = status;
        this.responseHeaders = List.copyOf(headers);
        this.responseBody = body;
    }

    /**
     * {@code ctl:requestBodyProcessor=NAME}: URLENCODED, MULTIPART, JSON or XML (any case); the
     * body is parsed again with it. False, and nothing changes, for another name.
     */
    public boolean setRequestBodyProcessor(String name) {
        String upper = name == null ? "" : name.toUpperCase(Locale.ROOT);
        if (!List.of("URLENCODED", "MULTIPART", "JSON", "XML").contains(upper)) {
            return false;
        }
        values.clear();
        processor = upper;
        parseBody();
        return true;
    }

    /** {@code ctl:forceRequestBodyVariable}: REQUEST_BODY also without a body processor. */
    public void setForceRequestBodyVariable(boolean on) {
        values.clear();
        forceRequestBodyVariable = on;
    }

    /**
     * Whether ModSecurity would extract uploaded files (SecUploadKeepFiles On, or a rule with
     * {@code @inspectFile}); off by default as in CRS setups. Only then does SecUploadFileLimit
     * (100) apply and MULTIPART_FILE_LIMIT_EXCEEDED rise. A multipart body is parsed again.
     */
    public void setUploadExtractFiles(boolean on) {
        values.clear();
        uploadExtractFiles = on;
        if ("MULTIPART".equals(processor)) {
            parseBody();
        }
    }

    /**
     * The entries of an upper-case variable name: a scalar is one entry with key ""; an empty
     * list when the variable exists but has no value; null for a name this class does not provide.
     */
    public List<VarEntry> get(String variable) {
        List<VarEntry> v = values.get(variable);
        if (v != null) {
            return v;
        }
        Function<HttpVariables, List<VarEntry>> f = VARS.get(variable);
        if (f == null) {
            return null;
        }
        v = f.apply(this);
        if (v != null) {
            values.put(variable, v);
        }
        return v;
    }

    /** The variable names {@link #get(String)} answers. */
    public static java.util.Set<String> provided() {
        return PROVIDED;
    }

    /** Filled with VARS in the static initialiser; read-only (the rule compiler asks per target). */
    private static final java.util.Set<String> PROVIDED = java.util.Collections.unmodifiableSet(VARS.keySet());

    /**
     * {@code XML:xpath} for the two expressions CRS uses: {@code /*} (the root element's string
     * value, one entry) and {@code //@*} (each attribute value); without a parsed document (no XML
     * processor, or a parse error) an empty list. Null for any other expression.
     */
    public List<VarEntry> xml(String xpath) {
        if (!xpath.equals("/*") && !xpath.equals("//@*")) {
            return null;
        }
        if (xml == null || xml.error() != null) {
            return List.of();
        }
        if (xpath.equals("/*")) {
            return List.of(new VarEntry("", xml.rootText()));
        }
        List<VarEntry> out = new ArrayList<>();
        for (String a : xml.attributes()) {
            out.add(new VarEntry("", a));
        }
        return out;
    }

    // ---- request line and body ----

    /** apr_uri_parse: path up to '?' or '#', query after '?' up to '#'; "scheme://host" skipped. */
    private void parseUri(String u) {
        String rest = u;
        int colon = u.indexOf("://");
        if (colon > 0 && u.substring(0, colon).chars().allMatch(
                c -> Character.isLetterOrDigit(c) && c < 128 || c == '+' || c == '-' || c == '.')) {
            int slash = u.indexOf('/', colon + 3);
            int q = u.indexOf('?', colon + 3);
            int h = u.indexOf('#', colon + 3);
            int end = minPos(slash, minPos(q, h));
            rest = end < 0 ? "" : u.substring(end);
        }
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        int q = rest.indexOf('?');
        path = q < 0 ? rest : rest.substring(0, q);
        decodedPath = null;
        query = q < 0 ? null : rest.substring(q + 1);
    }

    private static int minPos(int a, int b) {
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    private static String defaultProcessor(String ct) {
        if (ct == null) {
            return null;
        }
        String p = null;
        if (ct.regionMatches(true, 0, "application/x-www-form-urlencoded", 0, 33)) {
            p = "URLENCODED";
        } else if (ct.regionMatches(true, 0, "multipart/form-data", 0, 19)) {
            p = "MULTIPART";
        }
        String lower = ct.toLowerCase(Locale.ROOT);
        // rule 200000: "^(?:application(?:/soap\+|/)|text/)xml" on t:lowercase
        if (lower.startsWith("application/xml") || lower.startsWith("application/soap+xml")
                || lower.startsWith("text/xml")) {
            p = "XML";
        }
        // rule 200001: "^application/json"
        if (lower.startsWith("application/json")) {
            p = "JSON";
        }
        return p;
    }

    private boolean hasBody() {
        return body != null && !body.isEmpty();
    }

    private void parseBody() {
        bodyArgs.clear();
        bodyError = null;
        bodyInvalid = false;
        multipart = null;
        xml = null;
        if (!hasBody() || processor == null) {
            return;
        }
        switch (processor) {
            case "URLENCODED" -> bodyInvalid = UrlEncodedParser.parse(body, '&', BodyArg.BODY, bodyArgs);
            case "JSON" -> bodyError = JsonBodyParser.parse(body, bodyArgs);
            case "XML" -> {
                xml = XmlBodyParser.parse(body);
                bodyError = xml.error();
            }
            case "MULTIPART" -> {
                multipart = MultipartParser.parse(header("Content-Type"), body, uploadExtractFiles);
                bodyError = multipart.error;
                if (bodyError == null) {
                    multipart.arguments(bodyArgs);
                }
            }
            default -> throw new IllegalStateException(processor);
        }
    }

    private String header(String name) {
        for (VarEntry h : requestHeaders) {
            if (h.key().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    private String requestBodyVariable() {
        if (!hasBody()) {
            return null;
        }
        if ("URLENCODED".equals(processor)) {
            return body;
        }
        // forced buffering applies when no processor finished (none, or one failed on the bytes)
        if (forceRequestBodyVariable && (processor == null || (bodyError != null && !bodyErrorAtEnd()))) {
            return body;
        }
        return null;
    }

    /** Errors ModSecurity only finds when completing the body (not while storing its chunks). */
    private boolean bodyErrorAtEnd() {
        return bodyError.startsWith("JSON parser error") || bodyError.endsWith("Final boundary missing.")
                || bodyError.endsWith("No boundaries found in payload.");
    }

    private String requestLine() {
        if (method == null) {
            return null;
        }
        return protocol == null || protocol.isEmpty() ? method + " " + uri : method + " " + uri + " " + protocol;
    }

    private String fullRequest() {
        String line = requestLine();
        if (line == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(line).append('\n');
        for (VarEntry h : requestHeaders) {
            b.append(h.key()).append(": ").append(h.value()).append('\n');
        }
        b.append('\n');
        String rb = requestBodyVariable();
        if (rb != null) {
            b.append(rb);
        }
        return b.toString();
    }

    private List<BodyArg> allArgs() {
        List<BodyArg> all = new ArrayList<>(queryArgs);
        for (BodyArg a : bodyArgs) {
            if (all.size() >= BodyArg.LIMIT) {
                break;
            }
            all.add(a);
        }
        return all;
    }

    private List<VarEntry> args(String origin, boolean names) {
        List<VarEntry> out = new ArrayList<>();
        for (BodyArg a : allArgs()) {
            if (origin == null || origin.equals(a.origin())) {
                out.add(new VarEntry(a.name(), names ? a.name() : a.value()));
            }
        }
        return out;
    }

    private List<VarEntry> files(Function<MultipartParser.Part, String> value) {
        List<VarEntry> out = new ArrayList<>();
        if (multipart != null) {
            for (MultipartParser.Part p : multipart.parts) {
                if (p.isFile()) {
                    out.add(new VarEntry(p.name(), value.apply(p)));
                }
            }
        }
        return out;
    }

    private String responseContentLength() {
        if (responseHeaders == null) {
            return null;
        }
        for (VarEntry h : responseHeaders) {
            if (h.key().equalsIgnoreCase("Content-Length")) {
                return h.value().trim();
            }
        }
        return Integer.toString(responseBody == null ? 0 : responseBody.length());
    }

    private String serverName() {
        String host = header("Host");
        if (host == null) {
            return null;
        }
        host = host.trim();
        int end = host.startsWith("[") ? host.indexOf(']') + 1 : host.indexOf(':');
        if (end > 0 && end <= host.length()) {
            host = host.substring(0, end);
        }
        return host.toLowerCase(Locale.ROOT); // Apache lower-cases r->hostname
    }

    private String authType() {
        String auth = header("Authorization");
        if (auth == null) {
            return null;
        }
        String t = auth.trim();
        int sp = t.indexOf(' ');
        return sp < 0 ? t : t.substring(0, sp);
    }

    private String statusLine() {
        if (status < 0) {
            return null;
        }
        String reason = StatusReasons.reason(status);
        return reason == null ? Integer.toString(status) : status + " " + reason;
    }

    // ---- helpers for the registry ----

    private static List<VarEntry> scalar(String v) {
        return v == null ? List.of() : List.of(new VarEntry("", v));
    }

    private static List<VarEntry> flag(boolean b) {
        return scalar(b ? "1" : "0");
    }

    private static List<VarEntry> names(List<VarEntry> entries) {
        if (entries == null) {
            return List.of();
        }
        List<VarEntry> out = new ArrayList<>(entries.size());
        for (VarEntry e : entries) {
            out.add(new VarEntry(e.key(), e.key()));
        }
        return out;
    }

    private static void mp(String name, Function<MultipartParser, Boolean> f) {
        VARS.put(name, v -> flag(v.multipart != null && f.apply(v.multipart)));
    }

    static {
        VARS.put("ARGS", v -> v.args(null, false));
        VARS.put("ARGS_NAMES", v -> v.args(null, true));
        VARS.put("ARGS_GET", v -> v.args(BodyArg.QUERY, false));
        VARS.put("ARGS_GET_NAMES", v -> v.args(BodyArg.QUERY, true));
        VARS.put("ARGS_POST", v -> v.args(BodyArg.BODY, false));
        VARS.put("ARGS_POST_NAMES", v -> v.args(BodyArg.BODY, true));
        VARS.put("ARGS_COMBINED_SIZE", v -> scalar(Long.toString(v.allArgs().stream()
                .mapToLong(a -> a.name().length() + a.value().length()).sum())));
        VARS.put("QUERY_STRING", v -> scalar(v.query));
        VARS.put("REQUEST_URI", v -> scalar(v.path == null ? null : v.query == null ? v.path : v.path + "?" + v.query));
        VARS.put("REQUEST_URI_RAW", v -> scalar(v.uri));
        VARS.put("REQUEST_FILENAME", v -> scalar(v.filename()));
        VARS.put("REQUEST_BASENAME", v -> scalar(basename(v.filename())));
        VARS.put("REQUEST_LINE", v -> scalar(v.requestLine()));
        VARS.put("REQUEST_METHOD", v -> scalar(v.method));
        VARS.put("REQUEST_PROTOCOL", v -> scalar(v.protocol));
        VARS.put("REQUEST_HEADERS", v -> v.requestHeaders);
        VARS.put("REQUEST_HEADERS_NAMES", v -> names(v.requestHeaders));
        VARS.put("REQUEST_COOKIES", v -> Collections.unmodifiableList(v.cookies));
        VARS.put("REQUEST_COOKIES_NAMES", v -> names(v.cookies));
        VARS.put("REQUEST_BODY", v -> scalar(v.requestBodyVariable()));
        VARS.put("REQUEST_BODY_LENGTH", v -> scalar(Integer.toString(v.hasBody() ? v.body.length() : 0)));
        VARS.put("REQBODY_PROCESSOR", v -> scalar(v.processor == null ? "" : v.processor));
        VARS.put("REQBODY_ERROR", v -> flag(v.bodyError != null));
        VARS.put("REQBODY_PROCESSOR_ERROR", v -> flag(v.bodyError != null));
        VARS.put("REQBODY_ERROR_MSG", v -> scalar(v.bodyError == null ? "" : v.bodyError));
        VARS.put("REQBODY_PROCESSOR_ERROR_MSG", v -> scalar(v.bodyError == null ? "" : v.bodyError));
        VARS.put("FILES", v -> v.files(MultipartParser.Part::filename));
        VARS.put("FILES_NAMES", v -> v.files(MultipartParser.Part::name));
        VARS.put("FILES_SIZES", v -> v.files(p -> Integer.toString(p.length())));
        VARS.put("FILES_COMBINED_SIZE", v -> scalar(Long.toString(v.files(p -> Integer.toString(p.length()))
                .stream().mapToLong(e -> Long.parseLong(e.value())).sum())));
        VARS.put("MULTIPART_PART_HEADERS", v -> {
            List<VarEntry> out = new ArrayList<>();
            if (v.multipart != null) {
                for (MultipartParser.Part p : v.multipart.parts) {
                    for (String line : p.headerLines()) {
                        out.add(new VarEntry(p.name(), line));
                    }
                }
            }
            return out;
        });
        VARS.put("MULTIPART_NAME", v -> scalar(v.multipart == null ? null : v.multipart.lastName));
        VARS.put("MULTIPART_FILENAME", v -> scalar(v.multipart == null ? null : v.multipart.lastFilename));
        mp("MULTIPART_STRICT_ERROR", MultipartParser::strictError);
        mp("MULTIPART_BOUNDARY_QUOTED", m -> m.boundaryQuoted);
        mp("MULTIPART_BOUNDARY_WHITESPACE", m -> m.boundaryWhitespace);
        mp("MULTIPART_DATA_AFTER", m -> m.dataAfter);
        mp("MULTIPART_DATA_BEFORE", m -> m.dataBefore);
        mp("MULTIPART_HEADER_FOLDING", m -> m.headerFolding);
        mp("MULTIPART_LF_LINE", m -> m.lfLine);
        mp("MULTIPART_CRLF_LINE", m -> m.crlfLine);
        mp("MULTIPART_CRLF_LF_LINES", m -> m.lfLine && m.crlfLine);
        mp("MULTIPART_MISSING_SEMICOLON", m -> m.missingSemicolon);
        mp("MULTIPART_INVALID_QUOTING", m -> m.invalidQuoting);
        mp("MULTIPART_INVALID_PART", m -> m.invalidPart);
        mp("MULTIPART_INVALID_HEADER_FOLDING", m -> m.invalidHeaderFolding);
        mp("MULTIPART_FILE_LIMIT_EXCEEDED", m -> m.fileLimitExceeded);
        mp("MULTIPART_UNMATCHED_BOUNDARY", m -> m.unmatchedBoundary);
        VARS.put("URLENCODED_ERROR", v -> flag(v.queryInvalid || v.bodyInvalid));
        VARS.put("INBOUND_DATA_ERROR", v -> flag(false));
        VARS.put("OUTBOUND_DATA_ERROR", v -> flag(false));
        VARS.put("XML", v -> v.xml != null && v.xml.error() == null
                ? scalar("[XML document tree]") : List.of());
        VARS.put("RESPONSE_STATUS", v -> scalar(v.status < 0 ? null : Integer.toString(v.status)));
        VARS.put("RESPONSE_PROTOCOL", v -> scalar(v.responseProtocol));
        VARS.put("RESPONSE_HEADERS", v -> v.responseHeaders == null ? List.of() : v.responseHeaders);
        VARS.put("RESPONSE_HEADERS_NAMES", v -> names(v.responseHeaders));
        VARS.put("RESPONSE_BODY", v -> scalar(v.responseBody));
        VARS.put("RESPONSE_CONTENT_TYPE", v -> scalar(v.responseHeaders == null ? null
                : firstValue(v.responseHeaders, "Content-Type")));
        VARS.put("RESPONSE_CONTENT_LENGTH", v -> scalar(v.responseContentLength()));
        VARS.put("STATUS_LINE", v -> scalar(v.statusLine()));
        VARS.put("REMOTE_ADDR", v -> scalar(v.remoteAddr));
        VARS.put("REMOTE_PORT", v -> scalar(v.remoteAddr == null ? null : Integer.toString(v.remotePort)));
        VARS.put("SERVER_ADDR", v -> scalar(v.serverAddr));
        VARS.put("SERVER_PORT", v -> scalar(v.serverAddr == null ? null : Integer.toString(v.serverPort)));
        VARS.put("SERVER_NAME", v -> scalar(v.serverName()));
        VARS.put("AUTH_TYPE", v -> scalar(v.authType()));
        VARS.put("FULL_REQUEST", v -> scalar(v.fullRequest()));
        VARS.put("FULL_REQUEST_LENGTH", v -> {
            String f = v.fullRequest();
            return scalar(f == null ? null : Integer.toString(f.length()));
        });
        VARS.put("UNIQUE_ID", v -> scalar(v.uniqueId));
    }

    private static String firstValue(List<VarEntry> headers, String name) {
        for (VarEntry h : headers) {
            if (h.key().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    /** ModSecurity's file_basename: after the last '/', then after the last '\'. */
    /**
     * From the request-body phase on, REQUEST_FILENAME and REQUEST_BASENAME are the path as Apache
     * has decoded it by then (ModSecurity 2 reads them from Apache's parsed URI, which
     * ap_process_request_internal percent-decodes between phase 1 and phase 2); in phase 1 they are
     * the path as sent.
     */
    public void setPathDecoded(boolean on) {
        values.clear();
        pathDecoded = on;
    }

    private String filename() {
        if (!pathDecoded || path == null) {
            return path;
        }
        if (decodedPath == null) {
            decodedPath = percentDecodePath(path);
        }
        return decodedPath;
    }

    /** Apache's ap_unescape_url: %XX decoded, '+' kept; a path with a bad escape stays as sent. */
    static String percentDecodePath(String p) {
        if (p.indexOf('%') < 0) {
            return p;
        }
        StringBuilder b = new StringBuilder(p.length());
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '%') {
                int h = i + 2 < p.length() ? hex(p.charAt(i + 1)) : -1;
                int l = h >= 0 ? hex(p.charAt(i + 2)) : -1;
                if (h < 0 || l < 0) {
                    return p;
                }
                b.append((char) (h << 4 | l));
                i += 2;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    static String basename(String path) {
        if (path == null) {
            return null;
        }
        String d = path.substring(path.lastIndexOf('/') + 1);
        return d.substring(d.lastIndexOf('\\') + 1);
    }
}
