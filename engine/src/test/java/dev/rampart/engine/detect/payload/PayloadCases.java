package dev.rampart.engine.detect.payload;

import dev.rampart.rules.PayloadOption;
import dev.rampart.rules.Rule;
import dev.rampart.rules.RuleParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The oracle-derived case table: payload options of a UDP rule, one payload, and whether
 * Suricata 7.0.10 alerted ({@link PayloadOracleHarness} re-checks every row against the real
 * Suricata on demand). Payload strings are Latin-1, one char per byte.
 */
final class PayloadCases {
    private PayloadCases() {
    }

    record Case(String options, String payload, boolean suricataAlerts, String why) {
        byte[] bytes() {
            return payload.getBytes(StandardCharsets.ISO_8859_1);
        }

        String rule(int sid, int port) {
            return "alert udp any any -> any " + port + " (msg:\"case " + sid + "\"; " + options + " sid:" + sid + ";)";
        }
    }

    static final List<Case> CASES = new ArrayList<>();

    private static void c(String options, String payload, boolean alerts, String why) {
        CASES.add(new Case(options, payload, alerts, why));
    }

    static {
        // --- plain content and its absolute modifiers
        c("content:\"abc\";", "xxabcxx", true, "plain");
        c("content:\"ABC\"; nocase;", "xxabcxx", true, "nocase");
        c("content:\"ABC\";", "xxabcxx", false, "case matters");
        c("content:\"abc\"; offset:3;", "xxabcxx", false, "offset past the match");
        c("content:\"abc\"; offset:2;", "xxabcxx", true, "offset at the match");
        c("content:\"abc\"; depth:4;", "xxabcxx", false, "depth cuts the match");
        c("content:\"abc\"; depth:5;", "xxabcxx", true, "depth just holds it");
        c("content:\"abc\"; offset:1; depth:4;", "xxabcxx", true, "depth counts from offset");
        c("content:\"abc\"; offset:1; depth:3;", "xxabcxx", false, "window [1,4)");
        c("content:\"xxa\"; startswith;", "xxabcxx", true, "startswith");
        c("content:\"xa\"; startswith;", "xxabcxx", false, "startswith not at 0");
        c("content:\"cxx\"; endswith;", "xxabcxx", true, "endswith");
        c("content:\"bc\"; endswith;", "xxabcxx", false, "endswith not at end");
        c("content:\"x\"; endswith;", "xxabcxx", true, "endswith retries later occurrences");
        // --- relative contents
        c("content:\"a\"; content:\"b\"; distance:1; within:3;", "axxb", true, "distance+within");
        c("content:\"a\"; content:\"b\"; distance:1; within:3;", "axb", true, "distance 1");
        c("content:\"a\"; content:\"b\"; distance:1;", "ab", false, "distance skips the b");
        c("content:\"a\"; content:\"b\"; within:2;", "axxb", false, "within too short");
        c("content:\"a\"; content:\"b\"; within:1;", "axab", true, "within: retry the a");
        c("content:\"a\"; content:\"b\"; distance:0; content:\"c\"; within:1;", "abxabc", true, "retry the b");
        c("content:\"a\"; content:\"b\"; distance:0; isdataat:!2,relative;", "abxab", true, "isdataat makes b retry");
        c("content:\"a\"; content:!\"b\"; distance:0;", "abxa", true, "negated distance: a retried");
        c("content:\"a\"; content:!\"b\"; within:1;", "abxa", true, "negated within: retry of a");
        c("content:\"a\"; content:!\"b\"; within:1;", "ab", false, "negated within, no other a");
        c("content:\"a\"; content:!\"b\"; distance:1; within:1;", "axb", false, "negated window [2,3)");
        c("content:!\"abc\";", "xxabcxx", false, "negated absolute present");
        c("content:!\"abc\";", "xxabxx", true, "negated absolute absent");
        c("content:\"x\"; content:!\"abc\"; depth:4;", "xxabcxx", true, "negated with depth");
        c("content:!\"abc\"; offset:3;", "xxabcxx", true, "negated with offset");
        c("content:!\"xx\"; endswith;", "xxabcxx", false, "negated endswith, xx at both ends");
        c("content:!\"xx\"; endswith;", "abcxx", false, "negated endswith, xx at end");
        c("content:!\"xx\"; endswith;", "xxabc", false, "negated endswith: xx anywhere fails");
        c("content:!\"xx\"; endswith;", "abc", true, "negated endswith, no xx");
        c("content:\"a\"; content:\"c\"; distance:0; endswith;", "abcac", true, "relative endswith retries");
        c("content:\"a\"; content:\"b\"; within:2; endswith;", "abxx", false, "endswith with window short of end");
        c("content:\"bc\"; content:\"ab\"; distance:-3; within:2;", "xabcx", true, "negative distance");
        c("content:\"b\"; content:\"a\"; distance:-5;", "abc", true, "negative distance clamps to 0");
        c("content:\"a\"; content:\"b\"; within:1; content:\"c\"; within:1;", "abxabc", true, "chain retries");
        c("content:\"a\"; content:\"b\"; distance:0; content:\"c\"; within:1;", "abxbc", true, "middle retries");
        c("content:\"a\"; content:\"a\"; within:1; content:\"a\"; within:1; content:\"b\"; within:1;",
                "a".repeat(900) + "b", true, "recursion below the limit");
        c("content:\"a\"; content:\"a\"; within:1; content:\"a\"; within:1; content:\"b\"; within:1;",
                "a".repeat(1100) + "b", false, "recursion limit 3000 reached");
        // --- isdataat
        c("content:\"a\"; isdataat:2,relative;", "abc", true, "relative isdataat");
        c("content:\"a\"; isdataat:2,relative;", "ab", false, "relative isdataat short");
        c("isdataat:3;", "abc", false, "absolute isdataat at len");
        c("isdataat:3;", "abcd", true, "absolute isdataat");
        c("isdataat:!3;", "abc", true, "negated absolute");
        c("content:\"a\"; isdataat:!2,relative;", "abca", true, "negated relative retries content");
        // --- byte_test
        c("byte_test:1,=,65,0;", "A", true, "byte_test eq");
        c("byte_test:2,>,256,0;", "\u0001\u0002", true, "big endian");
        c("byte_test:2,<,256,0,little;", "\u0001\u0002", false, "little endian");
        c("byte_test:3,=,123,0,string,dec;", "123x", true, "string dec");
        c("byte_test:3,=,0x1f,0,string,hex;", "01f", true, "string hex");
        c("byte_test:3,=,8,0,string;", "010", true, "string without base: C prefixes, 0 is octal");
        c("byte_test:3,=,10,0,string;", "010", false, "string without base is not decimal");
        c("byte_test:4,=,31,0,string;", "0x1f", true, "string without base: 0x is hex");
        c("byte_test:2,=,12,0,string;", "12", true, "string without base: decimal");
        c("byte_test:1,&,2,0;", "\u0003", true, "and");
        c("byte_test:1,!=,3,0;", "\u0003", false, "negated eq");
        c("content:\"ab\"; byte_test:1,=,67,0,relative;", "abC", true, "relative");
        c("content:\"ab\"; byte_test:1,=,67,1,relative;", "abxC", true, "relative with offset");
        c("byte_test:2,=,3,0,bitmask 0x0f00;", "\u0003\u00ff", true, "bitmask shifts");
        c("byte_test:4,=,12,0,string,dec;", "12ab", true, "string stops at the first non digit");
        c("content:\"a\"; byte_test:1,=,66,0,relative;", "axaB", true, "relative byte_test retries content");
        // nbytes 0 (ET 2044318 on http.content_len): string mode reads the digits that start there (checked with the
        // oracle: 0,<,200 and not 0,=,0 or 0,>,200 on a Content-Length of 70); binary mode reads the value 0
        c("byte_test:0,<,200,0,string,dec;", "70", true, "string nbytes 0 reads the whole number");
        c("byte_test:0,=,70,0,string,dec;", "70\r\n", true, "string nbytes 0 stops at the first non digit");
        c("byte_test:0,=,0,0,string,dec;", "70", false, "string nbytes 0 is not the value 0");
        c("byte_test:0,>,200,0,string,dec;", "70", false, "string nbytes 0 compared");
        c("byte_test:0,<,5,0,string,dec;", "x70", false, "string nbytes 0 without digits");
        c("content:\"a\"; byte_test:0,=,123,0,relative,string,dec;", "za123", true, "string nbytes 0 relative");
        c("byte_test:0,=,0,0;", "\u0003", true, "binary nbytes 0 is the value 0");
        // --- byte_jump
        c("byte_jump:1,0; content:\"x\"; within:1;", "\u0002abxy", true, "jump then within");
        c("byte_jump:1,0; isdataat:!1,relative;", "\u0003abc", true, "jump exactly to the end");
        c("byte_jump:1,0; isdataat:!1,relative;", "\u0004abc", false, "jump past the end");
        c("byte_jump:1,0,from_beginning; content:\"z\"; within:1;", "\u0002az", true, "from_beginning");
        c("byte_jump:1,0,from_end,post_offset -3; content:\"xy\"; within:2;", "\u0000abxyz", true, "from_end");
        c("byte_jump:1,0,align; content:\"q\"; within:1;", "\u0001abcdq", true, "align");
        c("byte_jump:1,0,multiplier 2; content:\"q\"; within:1;", "\u0002abcdq", true, "multiplier");
        c("byte_jump:2,0,string,dec; content:\"q\"; within:1;", "03abcq", true, "string");
        c("byte_jump:1,1,post_offset -10; content:\"a\"; within:1;", "a\u0000b", true, "jump before start clamps");
        c("content:\"a\"; byte_jump:1,0,relative; content:\"z\"; within:1;", "a\u0001xz", true, "relative jump");
        // --- byte_extract
        c("byte_extract:1,0,len; content:\"abc\"; depth:len;", "\u0004abc", true, "depth variable");
        c("byte_extract:1,0,len; content:\"abc\"; depth:len;", "\u0003abc", false, "depth variable short");
        c("byte_extract:1,0,off; content:\"z\"; offset:off;", "\u0003zxz", true, "offset variable");
        c("byte_extract:1,0,off; content:\"z\"; offset:off;", "\u0003zxy", false, "offset variable miss");
        c("byte_extract:1,0,d; content:\"q\"; distance:d; within:1;", "\u0002abq", true, "distance variable");
        c("byte_extract:1,0,v; byte_test:1,=,v,1;", "\u0007\u0007", true, "byte_test value variable");
        c("byte_extract:1,0,v; byte_test:1,=,v,1;", "\u0007\u0008", false, "byte_test value variable miss");
        c("byte_extract:2,0,v,string,dec,multiplier 2; byte_test:1,=,v,2;", "10\u0014", true, "string + multiplier");
        c("byte_extract:1,0,v; isdataat:v;", "\u0003ab", false, "isdataat variable");
        c("byte_extract:1,0,v; isdataat:v;", "\u0002ab", true, "isdataat variable holds");
        // --- byte_math
        c("byte_math:bytes 1,offset 0,oper +,rvalue 2,result r; byte_test:1,=,r,1;", "\u0003\u0005", true, "add");
        c("byte_math:bytes 1,offset 0,oper *,rvalue 3,result r; content:\"z\"; offset:r;", "\u0001xxxz", true,
                "offset from byte_math");
        c("byte_math:bytes 1,offset 0,oper *,rvalue 3,result r; content:\"z\"; offset:r;", "\u0002xz", false,
                "offset from byte_math past the z");
        c("byte_math:bytes 1,offset 0,oper +,rvalue 0,result r; isdataat:!3,relative;", "\u0001ab", true,
                "byte_math moves the relative position");
        // --- pcre
        c("pcre:\"/ab+c/\";", "xabbbc", true, "pcre");
        c("pcre:\"/ABC/i\";", "xabc", true, "pcre i");
        c("content:\"x\"; pcre:\"/^ab/R\";", "xab", true, "R anchors ^ at the previous match");
        c("content:\"x\"; pcre:\"/^ab/R\";", "xcab", false, "R ^ not at the previous match");
        c("content:\"x\"; pcre:\"/ab/R\";", "abxcd", false, "R looks only after");
        c("pcre:\"/a.c/s\";", "a\nc", true, "s");
        c("pcre:\"/a.c/\";", "a\nc", false, "dot excludes newline");
        c("pcre:\"/^b/m\";", "a\nb", true, "m");
        c("pcre:\"/^b/\";", "a\nb", false, "^ without m");
        c("pcre:\"/a$/\";", "xa\n", true, "$ before a final newline");
        c("pcre:\"/a$/E\";", "xa\n", false, "E: $ only at the end");
        c("pcre:\"/a b c/x\";", "abc", true, "x");
        c("pcre:\"/a+/\"; content:\"a\"; within:1;", "aaa", false, "greedy pcre retried");
        c("pcre:\"/a+/G\"; content:\"a\"; within:1;", "aaa", true, "G ungreedy");
        c("pcre:\"/b/A\";", "ab", false, "A anchored");
        c("pcre:\"/b/A\";", "ba", true, "A anchored at 0");
        c("pcre:!\"/abc/\";", "xabc", false, "negated pcre present");
        c("pcre:!\"/abc/\";", "xab", true, "negated pcre absent");
        c("pcre:\"/a./\"; content:\"c\"; within:1;", "a1a2c", true, "pcre retried at the next start");
        c("content:\"x\"; pcre:\"/a./\"; content:\"c\"; within:1;", "xa1a2c", true,
                "non-relative pcre retried after a content");
        c("content:\"x\"; pcre:\"/a./R\"; content:\"c\"; within:1;", "xa1a2c", true, "relative pcre retried");
        c("pcre:\"/[[]x/\";", "a[x", true, "[ inside a class");
        c("pcre:\"/[[:digit:]]{3}/\";", "ab123", true, "POSIX class");
        c("pcre:\"/\\x41\\102/\";", "AB", true, "hex and octal escapes");
        c("pcre:\"/a(?#comment)b/\";", "ab", true, "comment group");
        c("pcre:\"/(?P<w>ab)(?P=w)/\";", "xabab", true, "named group and reference");
        c("content:\"ab\"; pcre:\"/(?<=b)c/R\";", "abc", false, "R subject starts at the previous match");
        // --- second round: bases, more retries and negations
        c("byte_jump:3,0,string; content:\"q\"; within:1;", "010abcdefghqxy", true, "byte_jump string without base");
        c("byte_extract:3,0,v,string; byte_test:1,=,v,3;", "010\u0008", false, "byte_extract string default base");
        c("byte_extract:3,0,v,string; byte_test:1,=,v,3;", "010\n", true, "byte_extract string default dec");
        c("content:\"a\"; content:!\"b\"; distance:1;", "axbxa", true, "negated distance: later a");
        c("content:\"aa\"; content:\"b\"; within:1;", "aaab", true, "overlapping retry");
        c("content:\"|41|B\"; nocase;", "ab", true, "nocase hex");
        c("pcre:\"/a/\"; isdataat:!1,relative;", "aba", true, "isdataat retries pcre");
        c("byte_extract:1,0,n; byte_test:n,=,258,1;", "\u0002\u0001\u0002", true, "nbytes variable");
        c("byte_jump:1,0; content:\"a\";", "\u0005a", false, "failed jump fails the rule");
        c("pcre:\"/a+?/G\"; content:\"a\"; within:1;", "aaa", false, "G makes lazy greedy");
        c("pcre:\"/[a-c]+X/i\";", "ABCx", true, "class with i");
        c("pcre:\"/\\d+\\s\\w/\";", "x12 y", true, "class escapes");
        c("pcre:\"/\\xff\\xfe/\";", "\u00ff\u00fe", true, "high bytes");
        c("pcre:\"/a.b/\";", "a\rb", true, "dot matches CR");
        c("pcre:\"/a$/m\";", "a\r\nb", false, "$ only before LF");
        c("content:\"a\"; pcre:\"/b/R\"; content:\"c\"; within:1;", "abxabc", true, "relative pcre retry");
        c("content:!\"ab\"; startswith;", "xab", true, "negated startswith");
        c("content:!\"ab\"; startswith;", "abx", false, "negated startswith present");
        c("content:\"ab\"; byte_test:1,=,97,-2,relative;", "ab", true, "relative negative offset");
        c("content:\"a\"; isdataat:!1,relative;", "aba", true, "isdataat:!1,relative is endswith");
        c("content:\"a\"; distance:0;", "xa", true, "first content with distance");
        c("content:\"AB\"; nocase; endswith;", "xxab", true, "nocase endswith");
        c("content:\"b\"; content:\"c\"; distance:0; within:1; content:\"d\"; distance:0;", "bxbcxd", true,
                "within retry then distance");
        c("content:\"a\"; byte_jump:1,0,relative,post_offset -1; content:\"q\"; within:1;", "a\u0002xqz", true,
                "relative jump with negative post_offset");
        c("byte_test:1,>,0x7f,0;", "\u0080", true, "unsigned compare");
        c("byte_test:8,=,0xffffffffffffffff,0;", "\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff", true,
                "64-bit value");
        c("content:\"a\"; content:\"b\"; within:5; content:!\"c\"; within:1;", "abcab", true,
                "b retried at 4, nothing after it");
        c("content:\"a\"; content:\"b\"; distance:0; content:!\"c\"; within:1;", "abcxbd", true,
                "negated makes b retry");
        // --- third round: pcre dialect details and variables in relative windows
        c("pcre:\"/[]a]+/\";", "x]a]", true, "] first in a class is literal");
        c("pcre:\"/[^]a]/\";", "]a", false, "negated class with ]");
        c("pcre:\"/a{2}b/\";", "xaab", true, "counted quantifier");
        c("pcre:\"/a{x/\";", "a{x", true, "{ not a quantifier is literal");
        c("pcre:\"/\\Qa.b\\E/\";", "axb", false, "\\Q quotes the dot");
        c("pcre:\"/\\Qa.b\\E/\";", "a.b", true, "\\Q quoted text");
        c("pcre:\"/[a b]c/x\";", "x c", true, "x keeps white space in classes");
        c("pcre:\"/a(?i)b/\";", "aB", true, "inline i");
        c("pcre:\"/(a)\\1/\";", "xaa", true, "back reference");
        c("pcre:\"/(?<=x)a/\";", "xa", true, "lookbehind");
        c("pcre:\"/[[:alpha:]][[:^digit:]]/\";", "1a1ab", true, "POSIX negated class");
        c("pcre:\"/a\\Nb/\";", "a\nb", false, "\\N is not newline");
        c("pcre:\"/a\\x0d/\";", "a\r", true, "two-digit hex");
        c("pcre:\"/\\x4/\";", "\u0004", true, "one-digit hex");
        c("pcre:\"/\\011/\";", "\t", true, "octal escape");
        c("pcre:\"/a\\Z/\";", "xa\n", true, "\\Z before final newline");
        c("pcre:\"/a\\z/\";", "xa\n", false, "\\z at the very end");
        c("pcre:\"/a[&&b]/\";", "a&", true, "&& literal in a PCRE class");
        c("pcre:\"/[\\w-]+z/\";", "a-z", true, "- after a class escape is literal");
        c("pcre:\"/^.{3}$/s\";", "a\nb", true, "dotall counts the newline");
        c("pcre:\"/(?:ab)+?c/G\";", "ababc", true, "G on a group");
        c("pcre:\"/\\bfoo\\b/\";", "a foo.", true, "word boundaries");
        c("pcre:\"/\\h\\v/\";", " \n", true, "\\h \\v");
        c("byte_extract:1,0,w; content:\"a\"; distance:0; content:\"b\"; distance:0; within:w;", "\u0003axxb",
                true, "within variable");
        c("byte_extract:1,0,w; content:\"a\"; distance:0; content:\"b\"; distance:0; within:w;", "\u0002axxb",
                false, "within variable too short");
        c("byte_extract:1,0,w; content:\"ab\"; offset:1; depth:w;", "\u0002ab", true, "depth variable counts from the offset");
        c("byte_extract:1,0,w; content:\"ab\"; offset:1; depth:w;", "\u0003ab", true, "depth variable larger than needed");
        c("byte_extract:1,0,w,relative; isdataat:w,relative;", "\u0002ab", true, "relative byte_extract without a content");
        c("content:\"x\"; byte_extract:1,0,w,relative; content:\"y\"; within:w;", "x\u0005xxyx\u0001y", true,
                "variable changes on content retry? first x: window 5");
        c("content:\"x\"; byte_extract:1,0,w,relative; content:\"y\"; distance:0; within:w;", "x\u0001abyx\u0001y", true,
                "byte_extract re-read after a retry of x");
    }

    /** The payload options of a rule text, compiled. */
    static PayloadProgram program(Case c, int sid) throws Exception {
        Rule rule = new RuleParser().parse(c.rule(sid, 20000 + sid));
        List<PayloadOption> options = new ArrayList<>();
        for (PayloadOption o : rule.optionsOf(PayloadOption.class)) {
            options.add(o);
        }
        return PayloadProgram.compile(options);
    }
}
