package dev.rampart.engine.detect.seclang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.engine.detect.seclang.operator.Operator;
import dev.rampart.engine.detect.seclang.operator.OperatorException;
import dev.rampart.engine.detect.seclang.transform.Transformation;
import dev.rampart.engine.detect.seclang.variable.VarEntry;
import dev.rampart.rules.seclang.SecLangParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ModSecurity 2's rule evaluation: chains, setvar and macros, flow actions, targets, ctl, phases. */
class SecLangTxTest {

    /** The engine's transformations and operators; every variable name admitted. */
    private static final SecLangResolver RESOLVER = new SecLangResolver() {
        @Override
        public Transformation transformation(String name) {
            return SecLangLoader.STANDARD.transformation(name);
        }

        @Override
        public Operator operator(String name, String argument, Path dataDir) throws OperatorException {
            return SecLangLoader.STANDARD.operator(name, argument, dataDir);
        }

        @Override
        public boolean providesVariable(String name) {
            return !name.equals("NO_SUCH_VARIABLE");
        }
    };

    /** Variables from a map: name -> entries (key "" for scalars). */
    private static final class MapVars implements SecLangTx.Variables {
        final Map<String, List<VarEntry>> m = new LinkedHashMap<>();

        MapVars put(String name, String key, String value) {
            m.computeIfAbsent(name, k -> new ArrayList<>()).add(new VarEntry(key, value));
            return this;
        }

        @Override
        public List<VarEntry> get(String name) {
            return m.getOrDefault(name, List.of());
        }
    }

    private static SecLangRules rules(String text) throws Exception {
        return SecLangRules.compile(SecLangParser.parse(text, "test.conf"), RESOLVER);
    }

    /** Runs phases 1-5 and returns the logged rule ids in order. */
    private static List<Long> run(SecLangTx tx) {
        List<Long> ids = new ArrayList<>();
        for (int p = 1; p <= 5; p++) {
            tx.runPhase(p, m -> ids.add(m.rule().id()));
        }
        return ids;
    }

    @Test
    void chainLogsOnlyWhenEveryLinkMatchesButLinkActionsRunWhenTheirLinkMatches() throws Exception {
        SecLangRules r = rules("""
                SecRule ARGS "@contains evil" "id:1,phase:2,pass,log,setvar:tx.starter=1,chain"
                    SecRule REQUEST_METHOD "@streq POST" "setvar:tx.link=1"
                """);
        SecLangTx tx = new SecLangTx(r, new MapVars().put("ARGS", "q", "an evil one").put("REQUEST_METHOD", "", "GET"));
        assertEquals(List.of(), run(tx));
        assertEquals("1", tx.txVar("starter"), "the starter's setvar runs when the starter matched");
        assertNull(tx.txVar("link"));

        SecLangTx post = new SecLangTx(r, new MapVars().put("ARGS", "q", "an evil one").put("REQUEST_METHOD", "", "POST"));
        assertEquals(List.of(1L), run(post));
        assertEquals("1", post.txVar("link"));
    }

    @Test
    void setvarArithmeticAndMacrosPerMatchedVariable() throws Exception {
        SecLangRules r = rules("""
                SecAction "id:10,phase:1,nolog,pass,setvar:tx.critical=5,setvar:tx.score=0"
                SecRule ARGS "@rx a" "id:11,phase:2,pass,nolog,setvar:'tx.score=+%{tx.critical}',setvar:tx.last=%{matched_var_name}"
                SecRule TX:score "@ge 10" "id:12,phase:2,pass,log,msg:'score %{tx.score}'"
                SecRule TX:score "@gt 10" "id:13,phase:2,pass,log"
                """);
        MapVars v = new MapVars().put("ARGS", "x", "a").put("ARGS", "y", "b").put("ARGS", "z", "aa");
        SecLangTx tx = new SecLangTx(r, v);
        List<String> msgs = new ArrayList<>();
        for (int p = 1; p <= 2; p++) {
            tx.runPhase(p, m -> msgs.add(m.rule().id() + ":" + m.msg()));
        }
        // two of three arguments match: ModSecurity 2 runs the setvar once per matched variable
        assertEquals("10", tx.txVar("score"));
        assertEquals("ARGS:z", tx.txVar("last"));
        assertEquals(List.of("12:score 10"), msgs);
    }

    @Test
    void skipAfterJumpsToTheMarkerAndSkipCountsRules() throws Exception {
        SecLangRules r = rules("""
                SecRule REQUEST_METHOD "@streq GET" "id:20,phase:1,pass,nolog,skipAfter:END-X"
                SecRule REQUEST_METHOD "@rx ." "id:21,phase:1,pass,log"
                SecMarker END-X
                SecRule REQUEST_METHOD "@rx ." "id:22,phase:1,pass,log,skip:1"
                SecRule REQUEST_METHOD "@rx ." "id:23,phase:1,pass,log"
                SecRule REQUEST_METHOD "@rx ." "id:24,phase:1,pass,log"
                """);
        assertEquals(List.of(22L, 24L), run(new SecLangTx(r, new MapVars().put("REQUEST_METHOD", "", "GET"))));
        assertEquals(List.of(21L, 22L, 24L), run(new SecLangTx(r, new MapVars().put("REQUEST_METHOD", "", "PUT"))));
    }

    @Test
    void defaultActionsApplyToLaterRulesOfTheirPhaseAndTNoneClearsThem() throws Exception {
        SecLangRules r = rules("""
                SecRule ARGS "@streq abc" "id:30,phase:2,pass,log"
                SecDefaultAction "phase:2,log,pass,t:lowercase"
                SecRule ARGS "@streq abc" "id:31,phase:2,pass"
                SecRule ARGS "@streq abc" "id:32,phase:2,pass,t:none"
                SecRule ARGS "@streq abc" "id:33,phase:2,pass,nolog"
                """);
        assertEquals(List.of(31L), run(new SecLangTx(r, new MapVars().put("ARGS", "a", "ABC"))));
    }

    @Test
    void exclusionsCountsAndNegationOnNothing() throws Exception {
        SecLangRules r = rules("""
                SecRule ARGS|!ARGS:pass "@contains '" "id:40,phase:2,pass,log"
                SecRule &ARGS "@eq 2" "id:41,phase:2,pass,log"
                SecRule &REQUEST_HEADERS:Host "@eq 0" "id:42,phase:2,pass,log"
                SecRule REQUEST_COOKIES "!@rx x" "id:43,phase:2,pass,log"
                SecRule ARGS_NAMES "@rx ^/?user" "id:44,phase:2,pass,log"
                """);
        MapVars v = new MapVars().put("ARGS", "pass", "it's").put("ARGS", "user", "bob").put("ARGS_NAMES", "user", "user");
        // 40: the only quote is in the excluded argument; 43: a negated operator over no value does not match
        assertEquals(List.of(41L, 42L, 44L), run(new SecLangTx(r, v)));
    }

    @Test
    void captureFillsTxZeroToNineAndLogdataExpandsThem() throws Exception {
        SecLangRules r = rules("""
                SecRule ARGS "@rx (se)(lect)" "id:50,phase:2,pass,log,capture,logdata:'Matched %{TX.0} in %{MATCHED_VAR_NAME}: %{MATCHED_VAR}'"
                """);
        MapVars v = new MapVars().put("ARGS", "q", "x SELECT y");
        SecLangRules lower = rules("""
                SecRule ARGS "@rx (se)(lect)" "id:50,phase:2,pass,log,capture,t:lowercase,logdata:'Matched %{TX.0} in %{MATCHED_VAR_NAME}: %{MATCHED_VAR}'"
                """);
        List<SecLangMatch> ms = new ArrayList<>();
        SecLangTx tx = new SecLangTx(lower, v);
        tx.runPhase(2, ms::add);
        assertEquals(1, ms.size());
        assertEquals("Matched select in ARGS:q: x select y", ms.get(0).logdata());
        assertEquals("lect", tx.txVar("2"));
        assertEquals(List.of(), run(new SecLangTx(r, v)), "without t:lowercase the pattern does not match");
    }

    @Test
    void ctlRemovesRulesAndTargetsForTheRestOfTheTransaction() throws Exception {
        SecLangRules r = rules("""
                SecRule REQUEST_FILENAME "@streq /login" "id:60,phase:1,pass,nolog,ctl:ruleRemoveTargetById=62;ARGS:pwd,ctl:ruleRemoveById=63"
                SecRule REQUEST_FILENAME "@streq /admin" "id:61,phase:1,pass,nolog,ctl:ruleRemoveByTag=attack-sqli"
                SecRule ARGS "@contains '" "id:62,phase:2,pass,log"
                SecRule ARGS "@contains '" "id:63,phase:2,pass,log"
                SecRule ARGS "@contains '" "id:64,phase:2,pass,log,tag:attack-sqli"
                """);
        MapVars login = new MapVars().put("REQUEST_FILENAME", "", "/login").put("ARGS", "pwd", "a'b");
        assertEquals(List.of(64L), run(new SecLangTx(r, login)));
        MapVars login2 = new MapVars().put("REQUEST_FILENAME", "", "/login").put("ARGS", "pwd", "a'b").put("ARGS", "u", "'");
        assertEquals(List.of(62L, 64L), run(new SecLangTx(r, login2)));
        MapVars admin = new MapVars().put("REQUEST_FILENAME", "", "/admin").put("ARGS", "u", "'");
        assertEquals(List.of(62L, 63L), run(new SecLangTx(r, admin)));
    }

    @Test
    void configurationTimeRemovalAndTargetUpdatesApplyToEarlierRules() throws Exception {
        SecLangRules r = rules("""
                SecRule ARGS "@contains x" "id:70,phase:2,pass,log"
                SecRule ARGS "@contains x" "id:71,phase:2,pass,log"
                SecRuleRemoveById 70
                SecRuleUpdateTargetById 71 "!ARGS:skip"
                SecRule ARGS "@contains x" "id:72,phase:2,pass,log"
                """);
        assertEquals(List.of(72L), run(new SecLangTx(r, new MapVars().put("ARGS", "skip", "x"))));
        assertEquals(List.of(71L, 72L), run(new SecLangTx(r, new MapVars().put("ARGS", "other", "x"))));
    }

    @Test
    void tXSelectorsAreCaseInsensitiveAndRegexSelectorsWork() throws Exception {
        SecLangRules r = rules("""
                SecAction "id:80,phase:1,nolog,pass,setvar:tx.Header_Name_Foo=/bar/,setvar:tx.other=1"
                SecRule TX:/^header_name_/ "@contains /bar/" "id:81,phase:2,pass,log"
                SecRule TX:HEADER_NAME_FOO "@streq /bar/" "id:82,phase:2,pass,log"
                """);
        assertEquals(List.of(81L, 82L), run(new SecLangTx(r, new MapVars())));
    }

    @Test
    void multiMatchTriesTheValueBeforeAndAfterEachTransformation() throws Exception {
        SecLangRules r = rules("""
                SecRule ARGS "@streq %41" "id:90,phase:2,pass,log,t:urlDecode,multiMatch"
                SecRule ARGS "@streq %41" "id:91,phase:2,pass,log,t:urlDecode"
                """);
        assertEquals(List.of(90L), run(new SecLangTx(r, new MapVars().put("ARGS", "a", "%41"))));
    }

    @Test
    void aRuleThatCannotBeCompiledIsReportedAndTheOthersLoad() throws Exception {
        SecLangRules r = rules("""
                SecRule ARGS "@rx a" "id:100,phase:2,pass,log"
                SecRule ARGS "@rbl example.org" "id:101,phase:2,pass,log"
                SecRule ARGS "@rx (?<!a)b" "id:102,phase:2,pass,log"
                SecRule ARGS "@rx a" "id:103,phase:2,pass,log"
                """);
        assertEquals(3, r.ruleCount());
        assertEquals(1, r.problems().size(), r.problems().toString());
        assertTrue(r.problems().get(0).startsWith("test.conf:2: id 101: not loaded: "), r.problems().get(0));
        assertEquals(List.of(100L, 103L), run(new SecLangTx(r, new MapVars().put("ARGS", "q", "a"))));
    }

    @Test
    void laterPhasesSeeEarlierPhasesTxVariablesAndPhaseFiveAlwaysRuns() throws Exception {
        SecLangRules r = rules("""
                SecRule REQUEST_METHOD "@streq GET" "id:110,phase:1,pass,nolog,setvar:tx.seen=GET"
                SecRule TX:seen "@streq GET" "id:111,phase:4,pass,log"
                SecAction "id:112,phase:5,pass,log"
                """);
        assertEquals(List.of(111L, 112L), run(new SecLangTx(r, new MapVars().put("REQUEST_METHOD", "", "GET"))));
    }
}
