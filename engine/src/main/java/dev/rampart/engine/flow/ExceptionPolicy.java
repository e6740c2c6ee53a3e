package dev.rampart.engine.flow;

import java.util.Locale;

/**
 * Suricata's exception policies: what the engine does with a packet (and its flow) when it hits
 * an exception such as an app-layer parser error. A passive engine drops nothing; what it can
 * honour is the part that changes detection: a dropped or passed packet is not inspected, a
 * dropped, passed or bypassed flow is not inspected from that packet on.
 *
 * <p>Which policy applies (Suricata 7.0's ExceptionPolicyParse, checked with 7.0.10 on the
 * suricata-verify SIP capture): a value set for the option itself applies in IDS and IPS mode,
 * {@code auto} meaning drop-flow in IPS mode and ignore in IDS mode; an option left unset takes the
 * {@code exception-policy} master switch, which only IPS mode honours ({@code auto} again being
 * drop-flow); with neither, IPS mode drops the flow and IDS mode ignores the exception. A
 * {@code reject} in IDS mode only marks the packet for a reject the engine cannot send: it is still
 * inspected.
 */
public enum ExceptionPolicy {
    IGNORE("ignore"),
    PASS_PACKET("pass-packet"),
    PASS_FLOW("pass-flow"),
    BYPASS("bypass"),
    DROP_PACKET("drop-packet"),
    DROP_FLOW("drop-flow"),
    REJECT("reject"),
    /** Drop-flow in IPS mode, ignore in IDS mode. */
    AUTO("auto");

    private final String configName;

    ExceptionPolicy(String configName) {
        this.configName = configName;
    }

    /** The value as written in suricata.yaml. */
    public String configName() {
        return configName;
    }

    /** A configuration value, or null when it names no policy (Suricata refuses to start then). */
    public static ExceptionPolicy parse(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (ExceptionPolicy p : values()) {
            if (p.configName.equals(v)) {
                return p;
            }
        }
        return null;
    }

    /**
     * The policy that applies to an exception whose own option has value {@code option} (null:
     * unset), given the master switch {@code master} (null: unset), resolved for detection: AUTO
     * and an IDS-mode REJECT are resolved away. Values that name no policy count as unset.
     */
    public static ExceptionPolicy effective(String option, String master, boolean ips) {
        ExceptionPolicy p = parse(option);
        if (p == null) {
            ExceptionPolicy m = parse(master);
            if (m == null) {
                return ips ? DROP_FLOW : IGNORE;
            }
            p = ips ? m : IGNORE;
        }
        if (p == AUTO) {
            return ips ? DROP_FLOW : IGNORE;
        }
        if (p == REJECT && !ips) {
            return IGNORE;
        }
        return p;
    }

    /** The packet that hit the exception is not inspected. */
    public boolean skipsPacket() {
        return this != IGNORE && this != AUTO;
    }

    /** Later packets of the flow are not inspected either. */
    public boolean skipsFlow() {
        return this == PASS_FLOW || this == BYPASS || this == DROP_FLOW || this == REJECT;
    }

    /** The flow is dropped (rather than passed): its app layer stops too, as Suricata disables it. */
    public boolean dropsFlow() {
        return this == DROP_FLOW || this == REJECT;
    }
}
