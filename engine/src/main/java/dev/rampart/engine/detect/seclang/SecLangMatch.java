package dev.rampart.engine.detect.seclang;

/**
 * A logged rule match (a whole chain matched and the rule logs): what ModSecurity writes as a
 * "Warning" line. Texts are macro-expanded at the time of the match.
 *
 * @param rule           the chain starter
 * @param phase          the phase it ran in
 * @param msg            its msg, expanded
 * @param logdata        its logdata, expanded ("" when none)
 * @param matchedVarName MATCHED_VAR_NAME at the match (e.g. {@code ARGS:id}), "" for a SecAction
 * @param matchedVar     MATCHED_VAR at the match (the transformed value)
 */
public record SecLangMatch(SecRuleProgram rule, int phase, String msg, String logdata, String matchedVarName,
                           String matchedVar) {
}
