package dev.rampart.engine.detect.seclang.variable;

import static dev.rampart.engine.detect.seclang.variable.RawRequest.e;
import static dev.rampart.engine.detect.seclang.variable.RawRequest.multipart;
import static dev.rampart.engine.detect.seclang.variable.RawRequest.s;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartBodyTest {

    private static final String FLAGS = "BOUNDARY_QUOTED BOUNDARY_WHITESPACE DATA_AFTER DATA_BEFORE HEADER_FOLDING "
            + "LF_LINE CRLF_LINE CRLF_LF_LINES MISSING_SEMICOLON INVALID_QUOTING INVALID_PART INVALID_HEADER_FOLDING "
            + "FILE_LIMIT_EXCEEDED UNMATCHED_BOUNDARY STRICT_ERROR";

    private static final String GOOD = "--b1\r\n"
            + "Content-Disposition: form-data; name=\"text\"\r\n\r\n"
            + "line1\r\nline2\r\n"
            + "--b1\r\n"
            + "Content-Disposition: form-data; name=\"upload\"; filename=\"shell.php\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n"
            + "<?php system($_GET['c']); ?>\r\n"
            + "--b1\r\n"
            + "Content-Disposition: form-data; name=empty; filename=\"\"\r\n\r\n"
            + "\r\n"
            + "--b1--\r\n";

    private static HttpVariables mp(String ctParams, String body) {
        return RawRequest.of(multipart(ctParams, body));
    }

    /** The flags that are "1", by name without the MULTIPART_ prefix. */
    private static List<String> raised(HttpVariables v) {
        return java.util.Arrays.stream(FLAGS.split(" "))
                .filter(f -> v.get("MULTIPART_" + f).equals(s("1"))).toList();
    }

    @Test
    void wellFormedBodyFillsArgsAndFiles() {
        HttpVariables v = mp("boundary=b1", GOOD);
        assertEquals(s("MULTIPART"), v.get("REQBODY_PROCESSOR"));
        assertEquals(s("0"), v.get("REQBODY_ERROR"));
        assertEquals(List.of("CRLF_LINE"), raised(v));
        assertEquals(e("text", "line1\r\nline2"), v.get("ARGS_POST"));
        assertEquals(e("text", "text"), v.get("ARGS_POST_NAMES"));
        assertEquals(e("upload", "shell.php", "empty", ""), v.get("FILES"));
        assertEquals(e("upload", "upload", "empty", "empty"), v.get("FILES_NAMES"));
        assertEquals(e("upload", "28", "empty", "0"), v.get("FILES_SIZES"));
        assertEquals(s("28"), v.get("FILES_COMBINED_SIZE"));
        assertEquals(s("empty"), v.get("MULTIPART_NAME"));
        assertEquals(s(""), v.get("MULTIPART_FILENAME"));
        assertEquals(e("text", "Content-Disposition: form-data; name=\"text\"",
                "upload", "Content-Disposition: form-data; name=\"upload\"; filename=\"shell.php\"",
                "upload", "Content-Type: application/octet-stream",
                "empty", "Content-Disposition: form-data; name=empty; filename=\"\""), v.get("MULTIPART_PART_HEADERS"));
        assertEquals(List.of(), v.get("REQUEST_BODY"));
    }

    @Test
    void finalBoundaryWithoutNewlineIsAccepted() {
        HttpVariables v = mp("boundary=b1", "--b1\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--b1--");
        assertEquals(s("0"), v.get("REQBODY_ERROR"));
        assertEquals(e("a", "v"), v.get("ARGS_POST"));
    }

    private static void onlyFlag(String flag, String ctParams, String body) {
        HttpVariables v = mp(ctParams, body);
        List<String> r = raised(v);
        assertEquals(true, r.contains(flag), flag + " in " + r);
        assertEquals(s("1"), v.get("MULTIPART_STRICT_ERROR"), flag);
        assertEquals(false, raised(mp("boundary=b1", GOOD)).contains(flag), flag);
    }

    @Test
    void boundaryQuoted() {
        onlyFlag("BOUNDARY_QUOTED", "boundary=\"b1\"", GOOD);
    }

    @Test
    void boundaryWhitespace() {
        onlyFlag("BOUNDARY_WHITESPACE", "boundary= b1", GOOD.replace("--b1", "-- b1").replace("-- b1", "--b1"));
        onlyFlag("BOUNDARY_WHITESPACE", "boundary =b1", GOOD);
    }

    @Test
    void missingSemicolon() {
        HttpVariables v = RawRequest.of("POST / HTTP/1.1\r\nContent-Type: multipart/form-data boundary=b1\r\n\r\n"
                + GOOD);
        assertEquals(List.of("CRLF_LINE", "MISSING_SEMICOLON", "STRICT_ERROR"), raised(v));
        assertEquals(s("0"), mp("boundary=b1", GOOD).get("MULTIPART_MISSING_SEMICOLON"));
    }

    @Test
    void dataBeforeAndAfter() {
        onlyFlag("DATA_BEFORE", "boundary=b1", "preamble\r\n" + GOOD);
        onlyFlag("DATA_AFTER", "boundary=b1", GOOD + "epilogue");
    }

    @Test
    void lineEndings() {
        onlyFlag("LF_LINE", "boundary=b1", GOOD.replace("\r\n", "\n"));
        HttpVariables mixed = mp("boundary=b1", GOOD.replaceFirst("\r\n", "\n"));
        assertEquals(s("1"), mixed.get("MULTIPART_CRLF_LF_LINES"));
        assertEquals(s("0"), mp("boundary=b1", GOOD.replace("\r\n", "\n")).get("MULTIPART_CRLF_LF_LINES"));
        assertEquals(s("0"), mp("boundary=b1", GOOD).get("MULTIPART_CRLF_LF_LINES"));
    }

    @Test
    void headerFolding() {
        HttpVariables v = mp("boundary=b1", "--b1\r\nContent-Disposition: form-data;\r\n name=\"a\"\r\n\r\nv\r\n--b1--\r\n");
        assertEquals(List.of("HEADER_FOLDING", "CRLF_LINE", "STRICT_ERROR"), raised(v));
        assertEquals(e("a", "v"), v.get("ARGS_POST"));
        HttpVariables bad = mp("boundary=b1", "--b1\r\n\tfolded: x\r\n\r\nv\r\n--b1--\r\n");
        assertEquals(s("1"), bad.get("MULTIPART_HEADER_FOLDING"));
        assertEquals(s("0"), bad.get("MULTIPART_INVALID_HEADER_FOLDING"));
        assertEquals(s("Multipart parsing error: Multipart: Invalid part header (folding error)."),
                bad.get("REQBODY_ERROR_MSG"));
    }

    @Test
    void invalidHeaderFolding() {
        // folding with white space other than SP / HTAB (here a form feed) is accepted but flagged
        HttpVariables v = mp("boundary=b1",
                "--b1\r\nContent-Disposition: form-data;\r\n\f name=\"a\"\r\n\r\nv\r\n--b1--\r\n");
        assertEquals(List.of("HEADER_FOLDING", "CRLF_LINE", "INVALID_HEADER_FOLDING", "STRICT_ERROR"), raised(v));
        assertEquals(e("a", "v"), v.get("ARGS_POST"));
        assertEquals(s("0"), mp("boundary=b1", GOOD).get("MULTIPART_INVALID_HEADER_FOLDING"));
    }

    @Test
    void invalidQuoting() {
        onlyFlag("INVALID_QUOTING", "boundary=b1",
                "--b1\r\nContent-Disposition: form-data; name=\"a'b\"\r\n\r\nv\r\n--b1--\r\n");
        HttpVariables v = mp("boundary=b1", "--b1\r\nContent-Disposition: form-data; name=\"a\"x\r\n\r\nv\r\n--b1--\r\n");
        assertEquals(s("1"), v.get("MULTIPART_INVALID_QUOTING"));
        assertEquals(s("1"), v.get("REQBODY_ERROR"));
        // single quotes parse, with the flag
        HttpVariables single = mp("boundary=b1",
                "--b1\r\nContent-Disposition: form-data; name='a\\'b'\r\n\r\nv\r\n--b1--\r\n");
        assertEquals(List.of("CRLF_LINE", "INVALID_QUOTING", "STRICT_ERROR"), raised(single));
        assertEquals(e("a'b", "v"), single.get("ARGS_POST"));
    }

    @Test
    void invalidPart() {
        onlyFlag("INVALID_PART", "boundary=b1",
                "--b1\r\nContent-Disposition: form-data; name=\"a\"\r\n--b1--\r\n");
    }

    @Test
    void fileLimitExceeded() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            b.append("--b1\r\nContent-Disposition: form-data; name=\"f").append(i)
                    .append("\"; filename=\"x\"\r\n\r\nd\r\n");
        }
        HttpVariables v = mp("boundary=b1", b.append("--b1--\r\n").toString());
        // without file extraction (the CRS default) SecUploadFileLimit does not apply
        assertEquals(s("0"), v.get("MULTIPART_FILE_LIMIT_EXCEEDED"));
        v.setUploadExtractFiles(true);
        assertEquals(s("1"), v.get("MULTIPART_FILE_LIMIT_EXCEEDED"));
        assertEquals(s("1"), v.get("MULTIPART_STRICT_ERROR"));
        assertEquals(101, v.get("FILES").size());
        assertEquals(s("0"), v.get("REQBODY_ERROR"));
        HttpVariables hundred = mp("boundary=b1", b.toString().replaceFirst("--b1\r\n[^-]*", ""));
        hundred.setUploadExtractFiles(true);
        assertEquals(100, hundred.get("FILES").size());
        assertEquals(s("0"), hundred.get("MULTIPART_FILE_LIMIT_EXCEEDED"));
        assertEquals(false, raised(mp("boundary=b1", GOOD)).contains("FILE_LIMIT_EXCEEDED"));
    }

    @Test
    void unmatchedBoundary() {
        HttpVariables v = mp("boundary=b1",
                "--b1\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n--b2\r\nx --b1 y\r\n--b1--\r\n");
        assertEquals(s("1"), v.get("MULTIPART_UNMATCHED_BOUNDARY"));
        assertEquals(e("a", "--b2\r\nx --b1 y"), v.get("ARGS_POST"));
        assertEquals(s("0"), mp("boundary=b1", GOOD).get("MULTIPART_UNMATCHED_BOUNDARY"));
        // not among the strict error flags
        assertEquals(s("0"), v.get("MULTIPART_STRICT_ERROR"));
    }

    @Test
    void crsTestInvalidHeaderCharacter() {
        // REQUEST-922-MULTIPART-ATTACK 922130 test 1: 0x0E before a part header name
        HttpVariables v = mp("boundary=boundary", "--boundary\r\n\u000EContent-Disposition: form-data; name=\"file\"; "
                + "filename=\"1.php\"\r\nContent-Disposition: form-data; name=\"post\"\r\n\r\n"
                + "<?php var_dump(file_get_contents(\"/etc/passwd\"));\r\n--boundary--");
        assertEquals(s("1"), v.get("REQBODY_ERROR"));
        assertEquals(s("Multipart parsing error: Multipart: Invalid part header (contains invalid character)."),
                v.get("REQBODY_ERROR_MSG"));
        assertEquals(s("1"), v.get("MULTIPART_STRICT_ERROR"));
        assertEquals(List.of(), v.get("ARGS_POST"));
        assertEquals(List.of(), v.get("MULTIPART_PART_HEADERS"));
    }

    @Test
    void malformedBodiesAndContentTypes() {
        String[][] cases = {
            {"boundary=b1", "--b1\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n",
                "Multipart parsing error: Multipart: Final boundary missing."},
            {"boundary=b1", "no boundary here", "Multipart parsing error: Multipart: No boundaries found in payload."},
            {"boundary=b1", "--b1\r\nContent-Type: text/plain\r\n\r\nv\r\n--b1--\r\n",
                "Multipart parsing error: Multipart: Part missing Content-Disposition header."},
            {"boundary=b1", "--b1\r\nContent-Disposition: form-data; name=\"a\"; foo=1\r\n\r\nv\r\n--b1--\r\n",
                "Multipart parsing error: Multipart: Invalid Content-Disposition header (-11): "
                    + "form-data; name=\"a\"; foo=1."},
            {"boundary=b1", "--b1\r\nContent-Disposition: form-data; name=\"a\"; name=\"b\"\r\n\r\nv\r\n--b1--\r\n",
                "Multipart parsing error: Multipart: Invalid Content-Disposition header (-14): "
                    + "form-data; name=\"a\"; name=\"b\"."},
            {"boundary=b1", "--b1x\r\n", "Multipart parsing error: Multipart: Invalid boundary: --b1x\r\n"},
            {"charset=x", GOOD, "Multipart: Boundary not found in C-T."},
            {"boundary=b1; boundary=b2", GOOD,
                "Multipart: Multiple boundary parameters in C-T."},
            {"boundary=\"b1", GOOD, "Multipart: Invalid boundary in C-T (quote)."},
            {"boundary=b<1", GOOD, "Multipart: Invalid boundary in C-T (characters)."},
        };
        for (String[] c : cases) {
            HttpVariables v = mp(c[0], c[1]);
            assertEquals(s("1"), v.get("REQBODY_ERROR"), c[1]);
            assertEquals(s(c[2]), v.get("REQBODY_ERROR_MSG"), c[1]);
            // multipart_complete's errors (final boundary missing, no boundaries) raise no flag
            boolean atEnd = c[2].contains("Final boundary") || c[2].contains("No boundaries");
            assertEquals(s(atEnd ? "0" : "1"), v.get("MULTIPART_STRICT_ERROR"), c[1]);
            assertEquals(List.of(), v.get("ARGS_POST"), c[1]);
        }
    }
}
