package dev.rampart.engine.detect;

import dev.rampart.engine.detect.seclang.SecLangRules;
import dev.rampart.engine.detect.seclang.SecRuleProgram;
import dev.rampart.engine.output.eve.EveRuleInfo;
import dev.rampart.rules.keyword.meta.MetadataOption;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled SecLang rule set (OWASP CRS) as detection runs it beside the Suricata rules: the
 * rules, and per logging rule the identity its alerts carry through the alert path (gid 1, the
 * rule id as signature id, msg, severity, tags as metadata), made once at load.
 */
public final class SecLangPlan {
    private final SecLangRules rules;
    private final Map<SecRuleProgram, CompiledRule> alertRules = new IdentityHashMap<>();

    public SecLangPlan(SecLangRules rules) {
        this.rules = rules;
        for (SecRuleProgram r : rules.rules()) {
            alertRules.put(r, CompiledRule.external(eve(r, r.msg()), eveSeverity(r.severityNumber())));
        }
    }

    public SecLangRules rules() {
        return rules;
    }

    /**
     * The identity a match's alert carries: the rule's, or, when its msg holds macros (CRS's
     * "Inbound Anomaly Score Exceeded (Total Score: %{...})"), one with the expanded msg, made for
     * this alert so the EVE signature and the journal show the values.
     */
    CompiledRule alertRule(dev.rampart.engine.detect.seclang.SecLangMatch m) {
        CompiledRule r = alertRules.get(m.rule());
        if (r == null) {
            // a transaction evaluated since before a reload ends with the rules it started with
            return identity(m);
        }
        if (m.msg().equals(m.rule().msg())) {
            return r;
        }
        return CompiledRule.external(eve(m.rule(), m.msg()), r.priority());
    }

    /** The identity of a match whose rule set is no longer the plan's (a reload removed SecLang). */
    static CompiledRule identity(dev.rampart.engine.detect.seclang.SecLangMatch m) {
        return CompiledRule.external(eve(m.rule(), m.msg()), eveSeverity(m.rule().severityNumber()));
    }

    /**
     * EVE's alert.severity (1 high .. 4) from ModSecurity's (0 EMERGENCY .. 7 DEBUG): EMERGENCY to
     * CRITICAL are 1, ERROR 2, WARNING and NOTICE 3, below 4; none 3 (Suricata's default).
     */
    static int eveSeverity(int modsec) {
        if (modsec < 0) return EveRuleInfo.DEFAULT_SEVERITY;
        if (modsec <= 2) return 1;
        if (modsec == 3) return 2;
        if (modsec <= 5) return 3;
        return 4;
    }

    /**
     * ET's signature_severity words for the alert store's scoring: CRITICAL and above are Major (a
     * CRS critical match is an attack attempt: one is an incident by default), ERROR and WARNING
     * Minor, the rest Informational.
     */
    static String signatureSeverity(int modsec) {
        if (modsec < 0) return "Minor";
        if (modsec <= 1) return "Critical";
        if (modsec == 2) return "Major";
        if (modsec <= 4) return "Minor";
        return "Informational";
    }

    private static EveRuleInfo eve(SecRuleProgram r, String msg) {
        List<MetadataOption.Entry> md = new ArrayList<>();
        md.add(new MetadataOption.Entry("rule_source", "seclang"));
        md.add(new MetadataOption.Entry("signature_severity", signatureSeverity(r.severityNumber())));
        for (String t : r.tags()) {
            md.add(new MetadataOption.Entry("tag", t));
        }
        if (!r.ver().isEmpty()) {
            md.add(new MetadataOption.Entry("ver", r.ver()));
        }
        return EveRuleInfo.of(1, r.id(), 0, msg, "", eveSeverity(r.severityNumber()), EveRuleInfo.Target.NONE, md);
    }
}
