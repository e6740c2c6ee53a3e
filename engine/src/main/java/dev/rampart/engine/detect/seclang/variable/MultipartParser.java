package dev.rampart.engine.detect.seclang.variable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ModSecurity 2.9.7's multipart/form-data processor ({@code msc_multipart.c}): the boundary
 * checks on the Content-Type, the line-by-line body parse with its 4096-byte line buffer, the
 * strict-mode flags (MULTIPART_*), part headers and the Content-Disposition grammar. Form fields
 * become BODY arguments (only when the whole body parsed), parts with a filename become FILES.
 * Errors stop the parse and are reported, never thrown. At most {@link #MAX_PARTS} parts are
 * kept; SecUploadFileLimit (100) raises MULTIPART_FILE_LIMIT_EXCEEDED when files are extracted.
 */
final class MultipartParser {

    static final int BUF_SIZE = 4096;
    static final int MAX_PARTS = 1000;
    static final int FILE_LIMIT = 100;

    /** One finished part. */
    record Part(String name, String filename, String value, int length, List<String> headerLines) {
        boolean isFile() {
            return filename != null;
        }
    }

    final List<Part> parts = new ArrayList<>();
    boolean flagError;
    boolean boundaryQuoted;
    boolean boundaryWhitespace;
    boolean dataBefore;
    boolean dataAfter;
    boolean headerFolding;
    boolean lfLine;
    boolean crlfLine;
    boolean missingSemicolon;
    boolean invalidQuoting;
    boolean invalidPart;
    boolean invalidHeaderFolding;
    boolean fileLimitExceeded;
    boolean unmatchedBoundary;
    /** MULTIPART_NAME / MULTIPART_FILENAME: the last seen name / filename, null if none. */
    String lastName;
    String lastFilename;
    /** REQBODY_ERROR_MSG when the body failed, else null. */
    String error;

    private String boundary;
    private boolean complete;
    private int boundaryCount;
    private int files;
    // the part being built
    private boolean inPart;
    private boolean inData;
    private String partName;
    private String partFilename;
    private final List<String[]> partHeaders = new ArrayList<>();
    private final List<String> partHeaderLines = new ArrayList<>();
    private String lastHeaderName;
    private StringBuilder partValue;
    private int partLength;
    private String reserve = "";
    private boolean partExtracted;
    private final boolean extractFiles;

    private MultipartParser(boolean extractFiles) {
        this.extractFiles = extractFiles;
    }

    /**
     * Parses a multipart body with the request's Content-Type (null if the header is absent).
     * {@code extractFiles}: ModSecurity writes file parts to temporary files (SecUploadKeepFiles
     * or an @inspectFile rule); only then does SecUploadFileLimit apply and raise
     * MULTIPART_FILE_LIMIT_EXCEEDED.
     */
    static MultipartParser parse(String contentType, String body, boolean extractFiles) {
        MultipartParser p = new MultipartParser(extractFiles);
        String initError = p.init(contentType);
        if (initError != null) {
            p.flagError = true;
            p.error = initError; // ModSecurity keeps the init message without its prefix here
            return p;
        }
        String err = p.process(body);
        if (err == null) {
            err = p.complete(body.isEmpty());
        }
        if (err != null) {
            p.error = "Multipart parsing error: " + err;
        }
        return p;
    }

    boolean strictError() {
        return flagError || boundaryQuoted || boundaryWhitespace || dataBefore || dataAfter || headerFolding
                || lfLine || missingSemicolon || invalidQuoting || invalidPart || invalidHeaderFolding
                || fileLimitExceeded;
    }

    private String init(String ct) {
        if (ct == null) {
            return "Multipart: Content-Type header not available.";
        }
        if (ct.length() > 1024) {
            return "Multipart: Invalid boundary in C-T (length).";
        }
        if (!ct.regionMatches(true, 0, "multipart/form-data", 0, 19)) {
            return "Multipart: Invalid MIME type.";
        }
        if (countBoundaryParams(ct) > 1) {
            return "Multipart: Multiple boundary parameters in C-T.";
        }
        int at = ct.indexOf("boundary");
        if (at < 0) {
            return countBoundaryParams(ct) > 0 ? "Multipart: Invalid boundary in C-T (case sensitivity)."
                    : "Multipart: Boundary not found in C-T.";
        }
        boolean semicolon = false;
        for (int i = 19; i < at; i++) {
            char c = ct.charAt(i);
            if (!CookieParser.isSpace(c)) {
                if (!semicolon && c == ';') {
                    semicolon = true;
                } else {
                    return "Multipart: Invalid boundary in C-T (malformed).";
                }
            }
        }
        missingSemicolon = !semicolon;
        int eq = ct.indexOf('=', at + 8);
        if (eq < 0) {
            return "Multipart: Invalid boundary in C-T (malformed).";
        }
        for (int i = at + 8; i < eq; i++) {
            if (CookieParser.isSpace(ct.charAt(i))) {
                boundaryWhitespace = true;
            } else {
                return "Multipart: Invalid boundary in C-T (parameter name).";
            }
        }
        String b = ct.substring(eq + 1);
        if (!b.isEmpty() && CookieParser.isSpace(b.charAt(0))) {
            boundaryWhitespace = true;
        }
        int len = b.length();
        if (len >= 2 && b.charAt(0) == '"' && b.charAt(len - 1) == '"') {
            b = b.substring(1, len - 1);
            boundaryQuoted = true;
        } else if ((len >= 1 && b.charAt(0) == '"') || (len >= 2 && b.charAt(len - 1) == '"')) {
            return "Multipart: Invalid boundary in C-T (quote).";
        }
        b = cstr(b);
        if (countBoundaryParams(b) != 0) {
            return "Multipart: Invalid boundary in C-T (content).";
        }
        for (int i = 0; i < b.length(); i++) {
            char c = b.charAt(i);
            if (c < 32 || c > 126 || "()<>@,;:\\\"/[]?=".indexOf(c) >= 0) {
                return "Multipart: Invalid boundary in C-T (characters).";
            }
        }
        if (b.isEmpty()) {
            return "Multipart: Invalid boundary in C-T (empty).";
        }
        boundary = b;
        return null;
    }

    /** Occurrences of "boundary" (any case) followed somewhere by '='. */
    private static int countBoundaryParams(String v) {
        String lower = v.toLowerCase(Locale.ROOT);
        int count = 0;
        int i = 0;
        while ((i = lower.indexOf("boundary", i)) >= 0) {
            i += 8;
            if (lower.indexOf('=', i) >= 0) {
                count++;
            }
        }
        return count;
    }

    /** The C view of a byte string: up to the first NUL. */
    private static String cstr(String s) {
        int z = s.indexOf('\0');
        return z < 0 ? s : s.substring(0, z);
    }

    private String process(String body) {
        int n = body.length();
        int i = 0;
        boolean containsLine = true;
        StringBuilder buf = new StringBuilder();
        while (i < n) {
            char c = body.charAt(i);
            boolean processBuffer = false;
            if (c == '\r' && buf.length() == BUF_SIZE - 1) {
                processBuffer = true; // never keep \r as the last byte of the buffer
            } else {
                i++;
                buf.append(c);
            }
            if (c == '\n' || buf.length() == BUF_SIZE || processBuffer) {
                String err = line(buf.toString(), containsLine, buf.length() == BUF_SIZE || processBuffer);
                if (err != null) {
                    flagError = true;
                    return err;
                }
                buf.setLength(0);
                containsLine = c == '\n';
            }
            if (complete && i < n) {
                dataAfter = true;
                return null;
            }
        }
        if (buf.length() > 0) {
            // an unterminated last line: only a final boundary without CRLF is accepted (see complete)
            pendingTail = buf.toString();
            pendingTailIsLine = containsLine;
        }
        return null;
    }

    private String pendingTail;
    private boolean pendingTailIsLine;

    private String line(String buf, boolean containsLine, boolean full) {
        String c = cstr(buf);
        boolean asBoundary = false;
        if (containsLine && c.length() > 3 && c.charAt(0) == '-' && c.charAt(1) == '-') {
            if (c.length() >= boundary.length() + 2 && c.startsWith(boundary, 2)) {
                int end = 2 + boundary.length();
                boolean fin = false;
                if (c.startsWith("--", end)) {
                    fin = true;
                    end += 2;
                    if (complete) {
                        return "Multipart: Invalid boundary (final duplicate).";
                    }
                }
                String rest = c.substring(end);
                if (rest.equals("\r\n") || rest.equals("\n")) {
                    if (rest.equals("\n")) {
                        lfLine = true;
                    } else {
                        crlfLine = true;
                    }
                    boundary(fin);
                    if (fin) {
                        complete = true;
                    }
                    asBoundary = true;
                    boundaryCount++;
                } else {
                    return "Multipart: Invalid boundary: " + c;
                }
            } else {
                if (boundaryQuoted && c.length() >= boundary.length() + 3 && c.charAt(2) == '"'
                        && c.startsWith(boundary, 3)) {
                    return "Multipart: Invalid boundary (quotes).";
                }
                int p = 2;
                while (p < c.length() && CookieParser.isSpace(c.charAt(p))) {
                    p++;
                }
                if (p != 2 && c.startsWith(boundary, p)) {
                    return "Multipart: Invalid boundary (whitespace).";
                }
                unmatchedBoundary = true;
            }
        } else if (containsLine) {
            // something in the line that resembles our boundary
            int at = buf.indexOf("--" + boundary);
            if (at >= 0) {
                unmatchedBoundary = true;
            }
        }
        if (asBoundary) {
            return null;
        }
        if (!inPart) {
            dataBefore = true;
            return null;
        }
        if (!inData) {
            if (full) {
                return "Multipart: Part header line over " + BUF_SIZE + " bytes long";
            }
            return header(buf);
        }
        data(buf);
        return null;
    }

    private String header(String buf) {
        if (buf.indexOf('\0') >= 0) {
            return "Multipart: Nul byte in part headers.";
        }
        int len = buf.length();
        if (len > 1 && buf.charAt(len - 2) == '\r') {
            crlfLine = true;
        } else {
            lfLine = true;
        }
        if (buf.equals("\r\n") || buf.equals("\n")) {
            String cd = headerValue("Content-Disposition");
            if (cd == null) {
                return "Multipart: Part missing Content-Disposition header.";
            }
            int rc = contentDisposition(cd);
            if (rc < 0) {
                return "Multipart: Invalid Content-Disposition header (" + rc + "): " + cd + ".";
            }
            if (partName == null) {
                return "Multipart: Content-Disposition header missing name field.";
            }
            if (partFilename != null) {
                if (!cd.contains("filename=")) {
                    return "Multipart: Invalid Content-Disposition header (filename).";
                }
            }
            inData = true;
            lastHeaderName = null;
            return null;
        }
        String line = stripEol(buf);
        partHeaderLines.add(line);
        if (CookieParser.isSpace(buf.charAt(0))) {
            headerFolding = true;
            // RFC 2557 folds with SP / HTAB only; other white space is accepted but flagged
            int p = 0;
            while (p < buf.length() && CookieParser.isSpace(buf.charAt(p))) {
                if (buf.charAt(p) != '\t' && buf.charAt(p) != ' ') {
                    invalidHeaderFolding = true;
                }
                p++;
            }
            if (lastHeaderName == null) {
                return "Multipart: Invalid part header (folding error).";
            }
            String more = stripEol(buf.substring(p));
            for (String[] h : partHeaders) {
                if (h[0].equalsIgnoreCase(lastHeaderName)) {
                    h[1] = h[1] + " " + more;
                    if (h[1].length() > BUF_SIZE) {
                        return "Multipart: Part header too long.";
                    }
                    break;
                }
            }
            return null;
        }
        int colon = line.indexOf(':');
        if (colon < 0) {
            return "Multipart: Invalid part header (colon missing): " + line + ".";
        }
        if (colon == 0) {
            return "Multipart: Invalid part header (header name missing).";
        }
        String name = line.substring(0, colon);
        for (int k = 0; k < name.length(); k++) {
            char ch = name.charAt(k);
            if (ch < 33 || ch > 126) {
                return "Multipart: Invalid part header (contains invalid character).";
            }
        }
        int v = colon + 1;
        while (v < line.length() && (line.charAt(v) == '\t' || line.charAt(v) == ' ')) {
            v++;
        }
        if (headerValue(name) != null) {
            return "Multipart: Duplicate part header: " + name + ".";
        }
        partHeaders.add(new String[] {name, line.substring(v)});
        lastHeaderName = name;
        return null;
    }

    private String headerValue(String name) {
        for (String[] h : partHeaders) {
            if (h[0].equalsIgnoreCase(name)) {
                return h[1];
            }
        }
        return null;
    }

    private static String stripEol(String s) {
        int end = s.length();
        if (end > 0 && s.charAt(end - 1) == '\n') {
            end--;
            if (end > 0 && s.charAt(end - 1) == '\r') {
                end--;
            }
        }
        return s.substring(0, end);
    }

    /** ModSecurity's Content-Disposition grammar; negative codes as ModSecurity's. */
    private int contentDisposition(String v) {
        String cd = cstr(v);
        if (!cd.startsWith("form-data")) {
            return -1;
        }
        int p = 9;
        int n = cd.length();
        while (p < n && (cd.charAt(p) == '\t' || cd.charAt(p) == ' ')) {
            p++;
        }
        if (p >= n) {
            return 1;
        }
        if (cd.charAt(p) != ';') {
            return -2;
        }
        p++;
        while (p < n) {
            while (p < n && (cd.charAt(p) == '\t' || cd.charAt(p) == ' ')) {
                p++;
            }
            if (p >= n) {
                return -3;
            }
            int start = p;
            while (p < n && cd.charAt(p) != '=' && cd.charAt(p) != '\t' && cd.charAt(p) != ' ') {
                p++;
            }
            if (p >= n) {
                return -4;
            }
            String name = cd.substring(start, p);
            while (p < n && (cd.charAt(p) == '\t' || cd.charAt(p) == ' ')) {
                p++;
            }
            if (p >= n) {
                return -5;
            }
            if (cd.charAt(p) != '=') {
                return -13;
            }
            p++;
            while (p < n && (cd.charAt(p) == '\t' || cd.charAt(p) == ' ')) {
                p++;
            }
            if (p >= n) {
                return -6;
            }
            String value;
            if (cd.charAt(p) == '"' || cd.charAt(p) == '\'') {
                // single quotes are accepted, as some back-ends do, but flagged
                char quote = cd.charAt(p);
                if (quote == '\'') {
                    invalidQuoting = true;
                }
                p++;
                if (p >= n) {
                    return -7;
                }
                StringBuilder b = new StringBuilder();
                boolean closed = false;
                while (p < n) {
                    char c = cd.charAt(p);
                    if (c == '\\') {
                        if (p + 1 >= n) {
                            return -8;
                        }
                        if (cd.charAt(p + 1) == quote || cd.charAt(p + 1) == '\\') {
                            p++;
                        }
                    } else if (c == quote) {
                        closed = true;
                        break;
                    }
                    b.append(cd.charAt(p++));
                }
                if (!closed) {
                    return -10;
                }
                p++;
                value = b.toString();
            } else {
                start = p;
                while (p < n && tokenChar(cd.charAt(p))) {
                    p++;
                }
                value = cd.substring(start, p);
            }
            if (name.equals("name")) {
                validateQuotes(value);
                lastName = value;
                if (partName != null) {
                    return -14;
                }
                partName = value;
            } else if (name.equals("filename")) {
                validateQuotes(value);
                lastFilename = value;
                if (partFilename != null) {
                    return -15;
                }
                partFilename = value;
            } else {
                return -11;
            }
            if (p < n) {
                while (p < n && (cd.charAt(p) == '\t' || cd.charAt(p) == ' ')) {
                    p++;
                }
                if (p >= n) {
                    return 1;
                }
                if (cd.charAt(p) != ';') {
                    char prev = cd.charAt(p - 1);
                    if (prev == '\'' || prev == '"') {
                        invalidQuoting = true;
                    }
                    return -12;
                }
                p++;
            }
        }
        return 1;
    }

    /** A single quote in a name or filename suggests quoting the back-end may read otherwise. */
    private void validateQuotes(String value) {
        if (value.indexOf('\'') >= 0) {
            invalidQuoting = true;
        }
    }

    private static boolean tokenChar(char c) {
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?=".indexOf(c) < 0;
    }

    private void data(String buf) {
        String held;
        String data = buf;
        if (buf.endsWith("\r\n")) {
            held = "\r\n";
            data = buf.substring(0, buf.length() - 2);
        } else if (buf.endsWith("\n")) {
            held = "\n";
            data = buf.substring(0, buf.length() - 1);
        } else {
            held = "";
        }
        if (partFilename != null && extractFiles && partLength == 0 && !partExtracted) {
            // a temporary file per file part, up to SecUploadFileLimit
            if (files >= FILE_LIMIT) {
                fileLimitExceeded = true;
            } else {
                files++;
                partExtracted = true;
            }
        }
        partLength += reserve.length() + data.length();
        if (partFilename == null) {
            partValue.append(reserve).append(data);
        }
        reserve = held;
    }

    private void boundary(boolean last) {
        if (inPart) {
            if (!inData) {
                invalidPart = true; // the part ended inside its headers
            } else if (parts.size() < MAX_PARTS) {
                parts.add(new Part(partName, partFilename, partFilename == null ? partValue.toString() : null,
                        partLength, List.copyOf(partHeaderLines)));
            }
        }
        inPart = !last;
        inData = false;
        partName = null;
        partFilename = null;
        partHeaders.clear();
        partHeaderLines.clear();
        lastHeaderName = null;
        partValue = new StringBuilder();
        partLength = 0;
        partExtracted = false;
        reserve = "";
    }

    private String complete(boolean empty) {
        if (empty || complete) {
            return null;
        }
        if (boundaryCount > 0) {
            String t = pendingTail == null ? "" : cstr(pendingTail);
            if (pendingTailIsLine && t.equals("--" + boundary + "--")) {
                boundary(true);
                complete = true;
                return null;
            }
            return "Multipart: Final boundary missing.";
        }
        return "Multipart: No boundaries found in payload.";
    }

    /** Form fields as BODY arguments, in part order. */
    void arguments(List<BodyArg> out) {
        for (Part p : parts) {
            if (!p.isFile() && out.size() < BodyArg.LIMIT) {
                out.add(new BodyArg(p.name(), p.value(), BodyArg.BODY));
            }
        }
    }
}
