package dev.rampart.engine.detect.seclang.transform;

import static dev.rampart.engine.detect.seclang.transform.Tfn.check;

import org.junit.jupiter.api.Test;

/** Expected outputs follow ModSecurity 2.9.7's msc_util.c decoders and its tfn test vectors. */
class DecodeTransformationsTest {

    @Test
    void urlDecode() {
        check("urlDecode", "", "");
        check("urlDecode", "a%20b+c%2B", "a b c+");
        check("urlDecode", "%41%4a%4A%e9%00x", "AJJ\u00e9\0x");
        // invalid and truncated escapes stay as they are
        check("urlDecode", "%zz%4%%41%", "%zz%4%A%");
        check("urlDecode", "100%", "100%");
        check("urlDecode", "%u0041", "%u0041");
    }

    @Test
    void urlDecodeUni() {
        check("urlDecodeUni", "a%20b+c", "a b c");
        // %u gives the low byte; full-width ASCII FF01-FF5E gets 0x20 added
        check("urlDecodeUni", "%u0041%U0042%u00e9%u2215", "AB\u00e9\u0015");
        check("urlDecodeUni", "%uff41%uFF01%uff5e%uff5f%uff00%ufe41", "a!~_\0A");
        check("urlDecodeUni", "%u0100", "\0");
        // invalid or truncated %u keeps "%u" and decodes on after it
        check("urlDecodeUni", "%u004", "%u004");
        check("urlDecodeUni", "%uZZ41%41", "%uZZ41A");
        check("urlDecodeUni", "%u%41", "%uA");
        check("urlDecodeUni", "%4g%", "%4g%");
    }

    @Test
    void jsDecode() {
        check("jsDecode", "", "");
        check("jsDecode", "\\u0041\\x42\\103\\n\\t", "ABC\n\t");
        check("jsDecode", "\\a\\b\\f\\r\\v\\'\\\"\\\\\\q", "\u0007\b\f\r\u000b'\"\\q");
        check("jsDecode", "\\uff41\\uFF01\\uff5e\\u00e9\\u2215", "a!~\u00e9\u0015");
        // \\u needs four hex digits, \\x two; else the escape char stands for itself
        check("jsDecode", "\\u004", "u004");
        check("jsDecode", "\\uZZZZ", "uZZZZ");
        check("jsDecode", "\\x4", "x4");
        check("jsDecode", "\\X41", "X41");
        // octal: at most three digits, two when the first is above 3
        check("jsDecode", "\\1234", "S4");
        check("jsDecode", "\\400", " 0");
        check("jsDecode", "\\0", "\0");
        check("jsDecode", "\\8", "8");
        check("jsDecode", "a\\", "a\\");
    }

    @Test
    void cssDecode() {
        check("cssDecode", "", "");
        check("cssDecode", "Test\0Case", "Test\0Case");
        check("cssDecode",
                "test\\a\\b\\f\\n\\r\\t\\v\\?\\'\\\"\\0\\12\\123\\1234\\12345\\123456\\ff01\\ff5e\\\n\\0  string",
                "test\n\u000b\u000fnrtv?'\"\0\u0012\u0023\u0034\u0045\u0056\u0021\u007e\0 string");
        check("cssDecode", "test\\", "test");
        check("cssDecode", "\\1A\\1 A\\1234567\\123456 7\\1x\\1 x", "\u001a\u0001A\u00567\u00567\u0001x\u0001x");
        // five and six digits led by 0 / 00 get the full-width check
        check("cssDecode", "\\0ff41\\00ff41\\1ff41\\ff41", "aaAa");
        check("cssDecode", "\\e9 x", "\u00e9x");
    }

    @Test
    void htmlEntityDecode() {
        check("htmlEntityDecode", "", "");
        check("htmlEntityDecode", "Test\0Case", "Test\0Case");
        check("htmlEntityDecode", "&#x0;&#X0;&#x20;&#X20;&#0;&#32;\0&#100;&quot;&amp;&lt;&gt;&nbsp;",
                "\0\0  \0 \0d\"&<>\u00a0");
        check("htmlEntityDecode", "&#x0&#X0&#x20&#X20&#0&#32\0&#100&quot&amp&lt&gt&nbsp",
                "\0\0  \0 \0d\"&<>\u00a0");
        check("htmlEntityDecode", "&#xg;&#Xg;&#xg0;&#X2g;&#a;\0&#a2;&#3a&#a00;&#1a0;&#10a;&foo;",
                "&#xg;&#Xg;&#xg0;\u0002g;&#a;\0&#a2;\u0003a&#a00;\u0001a0;\na;&foo;");
        // numeric entities give the low byte; past a C long strtol saturates (0xFF)
        check("htmlEntityDecode", "&#321;&#x141;&#x10041", "AAA");
        check("htmlEntityDecode", "&#99999999999999999999;&#xfffffffffffffffffff;", "\u00ff\u00ff");
        // truncated entities stay
        check("htmlEntityDecode", "&#x", "&#x");
        check("htmlEntityDecode", "&#", "&#");
        check("htmlEntityDecode", "a&", "a&");
        check("htmlEntityDecode", "&;&#;&#x;", "&;&#;&#x;");
        // names are case-insensitive; 2.9.7 knows only these five
        check("htmlEntityDecode", "&QUOT;&Amp;&NBSP", "\"&\u00a0");
        check("htmlEntityDecode", "&colon;&apos;&ampx;", "&colon;&apos;&ampx;");
        check("htmlEntityDecode", "&#x3c;script&#x3E;", "<script>");
    }

    @Test
    void escapeSeqDecode() {
        check("escapeSeqDecode", "", "");
        check("escapeSeqDecode", "\\a\\b\\f\\n\\r\\t\\v\\\\\\?\\'\\\"", "\u0007\b\f\n\r\t\u000b\\?'\"");
        check("escapeSeqDecode", "\\x41\\X42\\101\\0\\777", "ABA\0\u00ff");
        check("escapeSeqDecode", "\\1234", "S4");
        // invalid escapes lose the backslash; a trailing one stays
        check("escapeSeqDecode", "\\x4", "x4");
        check("escapeSeqDecode", "\\xZZ\\8\\q", "xZZ8q");
        check("escapeSeqDecode", "abc\\", "abc\\");
    }

    @Test
    void base64Decode() {
        check("base64Decode", "", "");
        check("base64Decode", "VGVzdENhc2U=", "TestCase");
        check("base64Decode", "VGVzdENhc2U", "TestCase");
        check("base64Decode", "VGVzdA==", "Test");
        check("base64Decode", "AP8=", "\0\u00ff");
        // APR stops at the first char outside the alphabet
        check("base64Decode", "VGVz dENh", "Tes");
        check("base64Decode", "VGVz.dENh", "Tes");
        check("base64Decode", "V", "");
    }

    @Test
    void base64DecodeExt() {
        check("base64DecodeExt", "", "");
        check("base64DecodeExt", "dzBzV==YWxlcnQoMSk=", "");
        // 2.9.7 has no base64url alphabet: '-' and '_' are skipped like any other non-alphabet char
        check("base64DecodeExt", "Y-Q_", "a");
        check("base64DecodeExt", "-w==", "");
        check("base64DecodeExt", "VGVz dEN\nhc2U=", "TestCase");
        check("base64DecodeExt", "VGVz.dENh!c2U", "TestCase");
        check("base64DecodeExt", "VGVzdA\0==", "Test");
    }

    @Test
    void hexDecode() {
        check("hexDecode", "", "");
        check("hexDecode", "5465737443617365", "TestCase");
        check("hexDecode", "00ff41", "\0\u00ffA");
        // the odd last digit is dropped; digits are not validated (ModSecurity's x2c)
        check("hexDecode", "414", "A");
        check("hexDecode", "4g", "P");
        check("hexDecode", "zz", "S");
    }

    @Test
    void sqlHexDecode() {
        check("sqlHexDecode", "", "");
        check("sqlHexDecode", "SELECT 0x414243", "SELECT ABC");
        check("sqlHexDecode", "0X61 0x", "a 0x");
        check("sqlHexDecode", "0x4", "0x4");
        check("sqlHexDecode", "0x414", "A4");
        check("sqlHexDecode", "0xzz", "0xzz");
        // the byte after a decoded run is copied unexamined
        check("sqlHexDecode", "0x410x42", "A0x42");
        check("sqlHexDecode", "ab\0cd", "ab");
    }

    @Test
    void utf8toUnicode() {
        check("utf8toUnicode", "", "");
        check("utf8toUnicode", "abc", "abc");
        check("utf8toUnicode", "\u00c4\u0080 \u00c5\u00bf", "%u0100 %u017f");
        check("utf8toUnicode", "\u00e2\u0096\u00a0", "%u25a0");
        check("utf8toUnicode", "\u00ef\u00bc\u00a1", "%uff21");
        // 4-byte forms keep ModSecurity's bug: the third byte adds 0 or 1
        check("utf8toUnicode", "\u00f0\u009f\u0098\u0080", "%u1f000");
        // invalid or truncated sequences drop the lead byte, stray continuation bytes stay
        check("utf8toUnicode", "a\u00c3", "a");
        check("utf8toUnicode", "\u00c3(", "(");
        check("utf8toUnicode", "\u0080\u00ff", "\u0080\u00ff");
        // overlong and surrogate forms keep the lead byte after the %u text
        check("utf8toUnicode", "\u00c0\u0080", "%u0000\u00c0");
        check("utf8toUnicode", "\u00ed\u00a0\u0080", "%ud800\u00ed");
        // the output stops at the first NUL
        check("utf8toUnicode", "ab\0\u00c4\u0080", "ab");
    }
}
