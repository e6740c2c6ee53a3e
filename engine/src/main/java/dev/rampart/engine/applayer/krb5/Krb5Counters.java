package dev.rampart.engine.applayer.krb5;

/**
 * What Kerberos parsing could not read or keep, for one worker's sessions together (the app layer's
 * stats {@code app_layer.rampart.krb5.*}); a session counts into it as it goes.
 */
public final class Krb5Counters {
    /** Messages whose first DER header did not read (Suricata's malformed_data event and parser error). */
    long malformed;
    /** TCP records longer than {@link Krb5Session#MAX_RECORD}: the flow is parsed no more. */
    long recordsTooLong;
    /** Messages that made no transaction because {@link Krb5Session#MAX_TX} were still live. */
    long txDropped;
    /** TCP flows whose record framing a gap ended (parsed no more). */
    long lostAfterGap;
    /** Name components past {@link Krb5Session#MAX_COMPONENTS} not kept. */
    long componentsDropped;

    public void writeStats(java.util.Map<String, Object> root) {
        dev.rampart.engine.pipeline.StatsTree.put(root, "app_layer.rampart.krb5.malformed", malformed);
        dev.rampart.engine.pipeline.StatsTree.put(root, "app_layer.rampart.krb5.records_too_long", recordsTooLong);
        dev.rampart.engine.pipeline.StatsTree.put(root, "app_layer.rampart.krb5.tx_dropped", txDropped);
        dev.rampart.engine.pipeline.StatsTree.put(root, "app_layer.rampart.krb5.lost_after_gap", lostAfterGap);
        dev.rampart.engine.pipeline.StatsTree.put(root, "app_layer.rampart.krb5.components_dropped", componentsDropped);
    }
}
