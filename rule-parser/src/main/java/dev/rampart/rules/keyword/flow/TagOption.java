package dev.rampart.rules.keyword.flow;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.Values;
import java.util.List;

/**
 * {@code tag:session|host[,count,packets|bytes|seconds[,src|dst]];} — log further packets of
 * the session or host after an alert. Without a count Suricata's defaults apply (recorded as
 * count 0 and no metric). The direction belongs to host tags; Suricata only warns about it on
 * session tags and keeps the rule.
 */
public record TagOption(Type type, long count, Metric metric, Direction direction) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("tag", KeywordDef.doc("tag", "tag"), ValueMode.REQUIRED,
            TagOption::parse);

    public enum Type { SESSION, HOST }

    public enum Metric { PACKETS, BYTES, SECONDS }

    public enum Direction { SRC, DST }

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes("tag", value);
        List<String> parts = Values.splitComma(value);
        Type type = switch (parts.get(0)) {
            case "session" -> Type.SESSION;
            case "host" -> Type.HOST;
            default -> throw new RuleParseException("tag: type must be session or host, got \"" + parts.get(0) + "\"");
        };
        if (parts.size() == 1) {
            ctx.add(new TagOption(type, 0, null, null));
            return;
        }
        if (parts.size() < 3 || parts.size() > 4) {
            throw new RuleParseException("tag: expected type[,count,metric[,direction]], got \"" + value + "\"");
        }
        long count = Args.parseDecimal("tag", "count", parts.get(1), 0xFFFF_FFFFL);
        Metric metric = switch (parts.get(2)) {
            case "packets" -> Metric.PACKETS;
            case "bytes" -> Metric.BYTES;
            case "seconds" -> Metric.SECONDS;
            default -> throw new RuleParseException("tag: metric must be packets, bytes or seconds, got \""
                    + parts.get(2) + "\"");
        };
        Direction dir = null;
        if (parts.size() == 4) {
            dir = switch (parts.get(3)) {
                case "src" -> Direction.SRC;
                case "dst" -> Direction.DST;
                default -> throw new RuleParseException("tag: direction must be src or dst, got \""
                        + parts.get(3) + "\"");
            };
        }
        ctx.add(new TagOption(type, count, metric, dir));
    }

    @Override
    public String keyword() {
        return "tag";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append(type == Type.SESSION ? "session" : "host");
        if (metric != null) {
            out.append(',').append(count).append(',').append(metric.name().toLowerCase());
            if (direction != null) {
                out.append(',').append(direction == Direction.SRC ? "src" : "dst");
            }
        }
    }
}
