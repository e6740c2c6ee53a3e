/**
 * Exact verification of the payload options of one inspection buffer of a rule, with the semantics
 * of Suricata's content inspection engine: relative matching with backtracking to later occurrences
 * of earlier contents, negation, byte_* keywords and variables, isdataat, bsize and pcre.
 *
 * <p>{@link dev.rampart.engine.detect.payload.PayloadProgram} is compiled once per (rule, buffer) and
 * shared by all workers; each worker owns one {@link dev.rampart.engine.detect.payload.InspectScratch}.
 */
package dev.rampart.engine.detect.payload;
