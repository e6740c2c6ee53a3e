package dev.rampart.engine.output.eve;

import dev.rampart.eve.EveTime;
import dev.rampart.eve.JsonBuffer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Map;

/**
 * Writes the EVE {@code stats} record, {@code {"timestamp":"...","event_type":"stats","stats":{...}}},
 * from the nested counter tree built by {@link dev.rampart.engine.pipeline.StatsTree} (keys in the
 * map's iteration order). Values may be nested maps, numbers, booleans, strings and collections;
 * anything else is written as its {@code toString()} string. Once per run, so no care for allocation.
 */
public final class EveStatsWriter {
    private final OutputStream out;
    private final EveTime time;
    private final JsonBuffer buf = new JsonBuffer(4096);

    public EveStatsWriter(OutputStream out) {
        this(out, java.time.ZoneOffset.UTC);
    }

    public EveStatsWriter(OutputStream out, ZoneId zone) {
        this.out = out;
        this.time = new EveTime(zone);
    }

    /** Writes one line; {@code timestampNanos} is the record time (Suricata: time of the stats dump). */
    public void write(long timestampNanos, Map<String, ?> stats) {
        render(timestampNanos, stats);
        buf.raw('\n');
        try {
            buf.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renders the record (no newline) into the internal buffer and returns it. */
    public JsonBuffer render(long timestampNanos, Map<String, ?> stats) {
        buf.reset();
        buf.raw('{').key("timestamp").raw('"');
        time.append(buf, timestampNanos);
        buf.raw('"').raw(',').key("event_type").ascii("\"stats\"").raw(',').key("stats");
        value(buf, stats);
        buf.raw('}');
        return buf;
    }

    private static void value(JsonBuffer b, Object v) {
        if (v == null) {
            b.ascii("null");
        } else if (v instanceof Map<?, ?> m) {
            b.raw('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    b.raw(',');
                }
                first = false;
                b.string(String.valueOf(e.getKey())).raw(':');
                value(b, e.getValue());
            }
            b.raw('}');
        } else if (v instanceof Collection<?> c) {
            b.raw('[');
            boolean first = true;
            for (Object o : c) {
                if (!first) {
                    b.raw(',');
                }
                first = false;
                value(b, o);
            }
            b.raw(']');
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            b.number(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                b.ascii(Double.toString(d));
            } else {
                b.ascii("null");
            }
        } else if (v instanceof Number n) {
            b.ascii(n.toString());
        } else if (v instanceof Boolean bool) {
            b.ascii(bool ? "true" : "false");
        } else {
            b.string(v.toString());
        }
    }
}
