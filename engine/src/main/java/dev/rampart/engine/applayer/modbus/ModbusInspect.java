package dev.rampart.engine.applayer.modbus;

import dev.rampart.rules.keyword.app.ModbusOption;

/**
 * The modbus keyword on a transaction (Suricata 7's rs_modbus_inspect): on the request, or the
 * response of a transaction without one. The unit must match; then an access option decides (with
 * address and value), else a category, else the function (and subfunction).
 */
public final class ModbusInspect {
    private ModbusInspect() {
    }

    public static boolean matches(ModbusOption o, ModbusTx tx) {
        ModbusMessage m = tx.inspected();
        if (m == null) {
            return false;
        }
        if (o.unitStart() >= 0 && !matchValue(o.unitStart(), o.unitEnd(), m.unitId)) {
            return false;
        }
        if (o.access() >= 0) {
            int rw = o.access() & (ModbusOption.READ | ModbusOption.WRITE);
            int func = o.access() & ModbusMessage.FUNC_MASK;
            if (rw == 0 || (m.access & rw) == 0 || (func != 0 && (m.access & func) == 0)) {
                return false;
            }
            return data(o, m);
        }
        if (o.category() >= 0) {
            return (m.category & o.category()) != 0;
        }
        if (o.function() == 0) {
            return true;
        }
        // by named code: every code without a name matches every other one
        if (ModbusMessage.codeOf(o.function()) != m.code) {
            return false;
        }
        return o.subfunction() < 0 || (m.kind == ModbusMessage.DIAG && m.sub == o.subfunction());
    }

    private static boolean data(ModbusOption o, ModbusMessage m) {
        if (o.addressStart() < 0) {
            return true;
        }
        int s = m.rangeStart();
        if (s < 0 || !matchRange(o.addressStart(), o.addressEnd(), s, m.rangeEnd())) {
            return false;
        }
        if (o.valueStart() < 0) {
            return true;
        }
        int v = m.writeValueAt(o.addressStart());
        return v >= 0 && matchValue(o.valueStart(), o.valueEnd(), v);
    }

    /**
     * A rule range against one value, read by its ends as Suricata does: equal ends are equality, a
     * start of 0 is "below the end", an end of 65535 is "above the start", else strictly between.
     */
    static boolean matchValue(int start, int end, int v) {
        if (start == end) {
            return v == start;
        }
        if (start == 0) {
            return v < end;
        }
        if (end == 0xFFFF) {
            return v > start;
        }
        return start < v && v < end;
    }

    /** A rule range against the message's (inclusive) address range, read the same way. */
    static boolean matchRange(int start, int end, int lo, int hi) {
        if (start == end) {
            return lo <= start && start <= hi;
        }
        if (start == 0) {
            return end > lo;
        }
        if (end == 0xFFFF) {
            return start < hi;
        }
        return start < hi && lo < end;
    }
}
