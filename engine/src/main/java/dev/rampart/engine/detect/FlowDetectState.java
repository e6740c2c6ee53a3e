package dev.rampart.engine.detect;

/**
 * Detection state one flow carries ({@code Flow.detectState}): flowbits and flowint values, and
 * whether a {@code pass} rule passed the whole flow. Created on the flow's first inspected packet,
 * sized by the plan; back to the worker's pool when the flow ends.
 */
public final class FlowDetectState implements dev.rampart.engine.flow.DirectionalState {
    long[] flowbits;
    long[] flowints;
    long[] flowintSet;
    /** The plan whose slots the arrays use (a reload remaps to the next plan by name); null in tests. */
    DetectionPlan plan;
    /** Raw stream bytes not inspected yet, per direction (swapped when the flow is reversed). */
    StreamWindow toServerStream = new StreamWindow();
    StreamWindow toClientStream = new StreamWindow();
    /** IP-only rules ran on the first packet of this direction (Suricata's FLOW_TOSERVER/TOCLIENT_IPONLY_SET). */
    boolean ipOnlyToServerDone;
    boolean ipOnlyToClientDone;
    /** Transaction inspection progress and per-transaction matches. */
    final TxDetectState tx = new TxDetectState();
    /** A pass rule matched: later packets of the flow are not inspected (Suricata's FLOW_ACTION_PASS). */
    boolean passed;
    /** A drop/reject rule alerted: later packets of the flow are dropped uninspected (FLOW_ACTION_DROP). */
    boolean dropped;
    /**
     * The app layer turned payload inspection off (TLS application data, {@link
     * dev.rampart.engine.applayer.AppSession#payloadInspectionOff}) by the end of an earlier packet:
     * this flow's packets carry no payload for detection and its raw streams are not collected.
     */
    boolean payloadOff;

    /**
     * The last source-address index lookup per direction ({@link #sourceRules}): a flow
     * direction's packets share their source, so one binary search serves them all.
     */
    private AddressIndex toServerIndex;
    private AddressIndex toClientIndex;
    private long toServerSource;
    private long toClientSource;
    private int[] toServerRules;
    private int[] toClientRules;

    FlowDetectState(int flowbitCount, int flowintCount) {
        flowbits = new long[Math.max(1, (flowbitCount + 63) >>> 6)];
        flowints = new long[Math.max(1, flowintCount)];
        flowintSet = new long[Math.max(1, (flowintCount + 63) >>> 6)];
    }

    public boolean isSet(int bit) {
        return (flowbits[bit >>> 6] & (1L << bit)) != 0;
    }

    public void set(int bit) {
        flowbits[bit >>> 6] |= 1L << bit;
    }

    public void unset(int bit) {
        flowbits[bit >>> 6] &= ~(1L << bit);
    }

    public void toggle(int bit) {
        flowbits[bit >>> 6] ^= 1L << bit;
    }

    public boolean hasInt(int slot) {
        return (flowintSet[slot >>> 6] & (1L << slot)) != 0;
    }

    public long intValue(int slot) {
        return flowints[slot];
    }

    public void setInt(int slot, long value) {
        flowints[slot] = value;
        flowintSet[slot >>> 6] |= 1L << slot;
    }

    public void unsetInt(int slot) {
        flowintSet[slot >>> 6] &= ~(1L << slot);
    }

    /** {@code index.lookupV4(source)}, remembered per direction. */
    int[] sourceRules(AddressIndex index, long source, boolean toServer) {
        if (toServer) {
            if (toServerIndex != index || toServerSource != source) {
                toServerRules = index.lookupV4(source);
                toServerIndex = index;
                toServerSource = source;
            }
            return toServerRules;
        }
        if (toClientIndex != index || toClientSource != source) {
            toClientRules = index.lookupV4(source);
            toClientIndex = index;
            toClientSource = source;
        }
        return toClientRules;
    }

    StreamWindow stream(boolean toServer) {
        return toServer ? toServerStream : toClientStream;
    }

    /**
     * The flow was turned around: stream windows and the IP-only marks change sides, as
     * Suricata's FlowSwap swaps FLOW_TOSERVER_IPONLY_SET and FLOW_TOCLIENT_IPONLY_SET (checked
     * with the oracle: after the swap IP-only rules run again on the first to-server packet and
     * not at all for the to-client side that was the to-server side before).
     */
    @Override
    public void swapDirections() {
        StreamWindow w = toServerStream;
        toServerStream = toClientStream;
        toClientStream = w;
        boolean b = ipOnlyToServerDone;
        ipOnlyToServerDone = ipOnlyToClientDone;
        ipOnlyToClientDone = b;
    }

    public boolean passed() {
        return passed;
    }

    /**
     * A reload swapped plans: flowbits and flowints move to the next plan's slots by name (names
     * it no longer has are dropped); per-rule transaction matches move by (gid, sid). Stream
     * windows, inspection progress and the pass/drop verdicts stay.
     */
    void remap(DetectionPlan next) {
        DetectionPlan old = plan;
        plan = next;
        if (old == null) {
            return;
        }
        long[] bits = new long[Math.max(1, (next.flowbitCount + 63) >>> 6)];
        for (int i = 0; i < old.flowbitNames.length; i++) {
            int j = isSet(i) ? next.flowbitSlot(old.flowbitNames[i]) : -1;
            if (j >= 0) {
                bits[j >>> 6] |= 1L << j;
            }
        }
        long[] ints = new long[Math.max(1, next.flowintCount)];
        long[] intSet = new long[Math.max(1, (next.flowintCount + 63) >>> 6)];
        for (int i = 0; i < old.flowintNames.length; i++) {
            int j = hasInt(i) ? next.flowintSlot(old.flowintNames[i]) : -1;
            if (j >= 0) {
                ints[j] = flowints[i];
                intSet[j >>> 6] |= 1L << j;
            }
        }
        flowbits = bits;
        flowints = ints;
        flowintSet = intSet;
        tx.remapOrders(order -> {
            CompiledRule r = old.rules[order];
            return next.orderOf(r.gid(), r.sid());
        });
    }

    /** Clears everything for the next flow (workers reuse states of ended flows). */
    void reset() {
        java.util.Arrays.fill(flowbits, 0);
        java.util.Arrays.fill(flowints, 0);
        java.util.Arrays.fill(flowintSet, 0);
        toServerStream.recycle();
        toClientStream.recycle();
        ipOnlyToServerDone = ipOnlyToClientDone = passed = payloadOff = false;
        toServerIndex = toClientIndex = null;
        toServerRules = toClientRules = null;
        tx.reset();
    }
}
