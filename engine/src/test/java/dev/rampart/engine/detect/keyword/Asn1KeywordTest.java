package dev.rampart.engine.detect.keyword;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rampart.rules.keyword.payload.Asn1Option;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code asn1} against what Suricata 7.0.10 decided on the same payloads (UDP packets through the
 * reference, one rule per column; its alerts are the expected values). The crafted cases pin each
 * rule of the BER decoding the class comment lists; on 3,600 random BER-like payloads (nested
 * objects of every universal tag, context/application/private classes, indefinite lengths, cut and
 * padded) the two engines gave the same alerts for 7 rules.
 */
class Asn1KeywordTest {
    private static final String BS = "0301ff"; // a BIT STRING claiming 255 unused bits of its 0

    private static boolean run(String options, String hex, int bufferOffset) {
        Asn1Option o = parse(options);
        byte[] b = HexFormat.of().parseHex(hex.replace("BS", BS).replace(" ", ""));
        return new Asn1Keyword(o).matches(b, b.length, bufferOffset);
    }

    private static Asn1Option parse(String options) {
        boolean bs = options.contains("bitstring");
        boolean dbl = options.contains("double");
        Long over = options.startsWith("over") ? Long.parseLong(options.substring(4)) : null;
        return new Asn1Option(bs, dbl, over, 0, null);
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource({
        // the checks themselves
        "bitstring, BS, true",
        "bitstring, 030107, false",
        "over0, 030107, true",
        "bitstring, 30 03 BS, true", // inside a SEQUENCE
        "bitstring, 31 03 BS, true", // and a SET
        "bitstring, 040141 BS, true", // the second top-level object
        "bitstring, 30 80 BS 0000, true", // indefinite length
        "bitstring, 3080 3080 BS 0000 0000, true",
        "over100, 0481c8 " + "42424242424242424242424242424242424242424242424242424242424242424242424242424242"
                + "42424242424242424242424242424242424242424242424242424242424242424242424242424242"
                + "42424242424242424242424242424242424242424242424242424242424242424242424242424242"
                + "42424242424242424242424242424242424242424242424242424242424242424242424242424242"
                + "42424242424242424242424242424242424242424242424242424242424242424242424242424242, true",
        // not looked into: context, application, constructed OCTET STRING
        "bitstring, a0 03 BS, false",
        "bitstring, 60 03 BS, false",
        "bitstring, 24 03 BS, false",
        "over0, a0 03 1301ff, true", // what they hold is not decoded either
        // an indefinite one is skipped by its headers (its bad GeneralizedTime is not decoded), then the next object
        "over0, e0 80 18 0a 32303030303130313030 0000 040141, true",
        "over0, e0 80 040141 0000, false", // no length of its own to check
        // a failed object ends the decode; those before it still count
        "bitstring, 01020000 BS, false", // BOOLEAN of two octets
        "bitstring, 300701020000 BS, false", // ... inside the SEQUENCE fails the SEQUENCE
        "bitstring, BS 0482ffff, true", // the object after it runs past the payload
        "bitstring, 0300 BS, false", // empty BIT STRING
        "bitstring, 10 03 BS, false", // primitive SEQUENCE
        "bitstring, 23 03 BS, false", // constructed BIT STRING
        "over0, 21 03 BS, false", // constructed BOOLEAN
        "over0, 3e 03 BS, false", // constructed BMPString
        "over0, 2d 03 1301ff, true", // constructed RELATIVE-OID passes, as a whole
        "over0, 20 03 1b01ff, true", // constructed end-of-contents too
        "bitstring, 3080 BS, false", // indefinite length without its end-of-contents
        "bitstring, 0c80 BS, false", // primitive of indefinite length
        "bitstring, 1f8001 00 BS, false", // tag number with a leading 0x80
        "bitstring, 1f8100020000 BS, true", // long tag number 128
        "bitstring, 30 89 000000000000000003 BS, false", // 9 length octets
        "bitstring, 30ff BS, false", // length 0xFF
        "bitstring, 3084000000 03 BS, true", // 4 length octets
        // content checks of the reference's decoder
        "bitstring, 0200 BS, true", // empty INTEGER passes
        "bitstring, 0600 BS, true", // empty OID
        "bitstring, 050100 BS, true", // NULL with content
        "bitstring, 0a0500ffffffff BS, true", // ENUMERATED: 32 bits after leading zeros
        "bitstring, 0a050100000000 BS, false",
        "over0, 0a09000000000000000000, true",
        "bitstring, 0c02c3a9 BS, true", // UTF8String
        "bitstring, 0c01ff BS, false",
        "bitstring, 130141 BS, true", // PrintableString
        "bitstring, 130140 BS, false", // '@'
        "bitstring, 12012e BS, false", // NumericString '.'
        "bitstring, 1602c3a9 BS, false", // IA5String: ASCII only
        "bitstring, 160100 BS, true",
        "bitstring, 1a017f BS, true", // VisibleString
        "bitstring, 1a0109 BS, false", // ... no control octets
        "bitstring, 190100 BS, true", // GraphicString: ASCII
        "bitstring, 1902c3a9 BS, false",
        "bitstring, 1e024141 BS, true", // BMPString
        "bitstring, 1e0141 BS, false", // odd length
        "bitstring, 1e04d800dc00 BS, false", // a surrogate pair fails too
        "bitstring, 1c0141 BS, true", // UniversalString: anything
        "bitstring, 170b393931323331323335395a BS, true", // UTCTime 9912312359Z
        "bitstring, 170b393931333331323335395a BS, false", // month 13
        "bitstring, 170a39393132333132333539 BS, false", // no zone
        "bitstring, 1711393931323331323335393539 2b30313030 BS, true", // 991231235959+0100
        "bitstring, 180d3230303030313031303030305a BS, true", // GeneralizedTime 200001010000Z
        "bitstring, 180b32303030303130313030 5a BS, false", // 2000010100Z: minutes needed
        "bitstring, 180c323030303031303130303030 BS, false", // no zone right after the minutes
        "bitstring, 1810 3230303030313031303030303030 2e31 BS, true", // 20000101000000.1
        "bitstring, 1816 3230303030313031303030303030 2e313233343536 5a BS, false", // six fraction digits
        // double_overflow: a decimal REAL over 256 octets
        "double, 09820101 " + "05050505050505050505050505050505050505050505050505050505050505050505050505050505"
                + "05050505050505050505050505050505050505050505050505050505050505050505050505050505"
                + "05050505050505050505050505050505050505050505050505050505050505050505050505050505"
                + "05050505050505050505050505050505050505050505050505050505050505050505050505050505"
                + "05050505050505050505050505050505050505050505050505050505050505050505050505050505"
                + "05050505050505050505050505050505050505050505050505050505050505050505050505050505"
                + "0505050505050505050505050505050505, true",
        "double, 09820100 " + "05050505050505050505050505050505050505050505050505050505050505050505050505050505"
                + "05050505050505050505050505050505050505050505050505050505050505050505050505050505"
                + "05050505050505050505050505050505050505050505050505050505050505050505050505050505"
                + "05050505050505050505050505050505050505050505050505050505050505050505050505050505"
                + "05050505050505050505050505050505050505050505050505050505050505050505050505050505"
                + "05050505050505050505050505050505050505050505050505050505050505050505050505050505"
                + "05050505050505050505050505050505, false",
    })
    void decodesAsTheReference(String options, String hex, boolean expected) {
        assertEquals(expected, run(options, hex, 0));
    }

    @ParameterizedTest(name = "{0} top-level objects: {1}")
    @CsvSource({"255, true", "256, true", "257, false"})
    void moreThan256TopLevelObjectsMatchNothing(int objects, boolean expected) {
        String nulls = "0500".repeat(objects - 1);
        assertEquals(expected, run("bitstring", nulls + BS, 0));
    }

    @ParameterizedTest(name = "nested {0} deep")
    @CsvSource({"60", "200"})
    void nestingWellBelowTheFrameLimitIsDecoded(int depth) {
        StringBuilder hex = new StringBuilder(BS);
        for (int i = 0; i < depth; i++) {
            int len = hex.length() / 2;
            String l = len < 128 ? String.format("%02x", len) : String.format("82%04x", len);
            hex.insert(0, "30" + l);
        }
        assertEquals(true, run("bitstring", hex.toString(), 0));
    }

    @ParameterizedTest(name = "relative_offset {0} after a match ending at {1}: {2}")
    @CsvSource({"0, 2, true", "-2, 2, false", "2, 0, true", "-3, 2, false", "1, 2, false", "0, 5, false"})
    void relativeOffsetCountsFromTheLastMatch(int relative, int bufferOffset, boolean expected) {
        Asn1Option o = new Asn1Option(true, false, null, null, relative);
        byte[] b = HexFormat.of().parseHex("4141" + BS);
        assertEquals(expected, new Asn1Keyword(o).matches(b, b.length, bufferOffset));
    }

    @ParameterizedTest(name = "absolute_offset {0}: {1}")
    @CsvSource({"0, false", "2, true", "5, false", "65535, false"})
    void absoluteOffsetStartsThere(int absolute, boolean expected) {
        Asn1Option o = new Asn1Option(true, false, null, absolute, null);
        byte[] b = HexFormat.of().parseHex("4141" + BS);
        assertEquals(expected, new Asn1Keyword(o).matches(b, b.length, 0));
    }
}
