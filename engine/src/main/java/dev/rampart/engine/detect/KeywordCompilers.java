package dev.rampart.engine.detect;

import dev.rampart.engine.detect.keyword.DsizeMatcher;
import dev.rampart.engine.detect.keyword.FlowMatcher;
import dev.rampart.engine.detect.keyword.FlowbitsKeyword;
import dev.rampart.engine.detect.keyword.IcodeMatcher;
import dev.rampart.engine.detect.keyword.ItypeMatcher;
import dev.rampart.engine.detect.keyword.NoalertKeyword;
import dev.rampart.engine.detect.keyword.TtlMatcher;
import dev.rampart.rules.RuleOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The match side of every non-payload keyword: one registry line per keyword, naming the class
 * that compiles the parsed option into matchers (Suricata's sigmatch_table Match/AppLayerTxMatch
 * entries; the parse side is rule-parser's KeywordRegistry). A keyword missing here makes a rule
 * unsupported, with the keyword named as the reason — never silently ignored.
 */
public final class KeywordCompilers {

    /** Compiles one parsed option into the rule being built. */
    @FunctionalInterface
    public interface Compiler {
        void compile(RuleOption option, RuleBuilder rule);
    }

    /** Keywords that describe a rule but take no part in matching (or are folded into others). */
    static final Set<String> DESCRIPTIVE = Set.of(
            "msg", "sid", "rev", "gid", "classtype", "reference", "metadata", "priority", "target",
            "fast_pattern", "prefilter", "rawbytes");

    private static final Map<String, Compiler> COMPILERS = new HashMap<>();

    static {
        reg("flow", FlowMatcher::compile);
        reg("dsize", DsizeMatcher::compile);
        reg("ttl", TtlMatcher::compile);
        reg("itype", ItypeMatcher::compile);
        reg("icode", IcodeMatcher::compile);
        reg("flowbits", FlowbitsKeyword::compile);
        reg("noalert", NoalertKeyword::compile);
        reg("urilen", dev.rampart.engine.detect.keyword.UrilenKeyword::compile);
        reg("bypass", dev.rampart.engine.detect.keyword.BypassKeyword::compile);
        reg("app-layer-event", dev.rampart.engine.detect.keyword.AppLayerEventKeyword::compile);
        reg("filemd5", dev.rampart.engine.detect.keyword.FileKeywords::hash);
        reg("filesha1", dev.rampart.engine.detect.keyword.FileKeywords::hash);
        reg("filesha256", dev.rampart.engine.detect.keyword.FileKeywords::hash);
        reg("filename", dev.rampart.engine.detect.keyword.FileKeywords::string);
        reg("fileext", dev.rampart.engine.detect.keyword.FileKeywords::string);
        reg("filemagic", dev.rampart.engine.detect.keyword.FileKeywords::string);
        reg("filesize", dev.rampart.engine.detect.keyword.FileKeywords::size);
        reg("app-layer-protocol", dev.rampart.engine.detect.keyword.AppLayerProtocolKeyword::compile);
        reg("filestore", dev.rampart.engine.detect.keyword.FileKeywords::store);
    }

    private KeywordCompilers() {
    }

    private static void reg(String keyword, Compiler c) {
        if (COMPILERS.put(keyword, c) != null) {
            throw new IllegalStateException("keyword registered twice: " + keyword);
        }
    }

    /** The compiler for a keyword, or null when it has none. */
    static Compiler of(String keyword) {
        return COMPILERS.get(keyword);
    }

    /** Keywords with a match implementation (for reports and tests). */
    public static Set<String> supported() {
        return Set.copyOf(COMPILERS.keySet());
    }
}
