package dev.rampart.rules.keyword.flow;

import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.keyword.Args;
import dev.rampart.rules.keyword.KeywordDef;
import dev.rampart.rules.keyword.KeywordDef.ValueMode;
import dev.rampart.rules.keyword.ParseContext;
import dev.rampart.rules.keyword.flow.ThresholdOption.Pair;
import dev.rampart.rules.keyword.flow.ThresholdOption.Track;

/**
 * {@code detection_filter:track by_src|by_dst, count N, seconds N;} — alert only after N matches
 * in the period; parts in any order, each once, count and seconds above 0. The later
 * {@code unique_on src_port|dst_port} part is accepted too. Once per rule, never with threshold.
 */
public record DetectionFilterOption(Track track, long count, long seconds, String uniqueOn) implements RuleOption {
    public static final KeywordDef DEF = KeywordDef.of("detection_filter",
            KeywordDef.doc("thresholding", "detection-filter"), ValueMode.REQUIRED, DetectionFilterOption::parse);

    static void parse(String value, ParseContext ctx) throws RuleParseException {
        Args.noQuotes("detection_filter", value);
        if (ctx.seen("threshold")) {
            throw new RuleParseException(
                    "detection_filter: \"detection_filter\" and \"threshold\" are not allowed in the same rule");
        }
        if (ctx.seen("detection_filter")) {
            throw new RuleParseException("detection_filter: at most one detection_filter is allowed per rule");
        }
        Track track = null;
        Long count = null;
        Long seconds = null;
        String uniqueOn = null;
        for (Pair p : ThresholdOption.pairs("detection_filter", value, 3, 4, true)) {
            switch (p.name()) {
                case "track" -> {
                    if (track != null) {
                        throw duplicate(p.name());
                    }
                    // Suricata accepts only these two trackers here
                    if (p.value().equals("by_src")) {
                        track = Track.BY_SRC;
                    } else if (p.value().equals("by_dst")) {
                        track = Track.BY_DST;
                    } else {
                        throw new RuleParseException("detection_filter: invalid track \"" + p.value()
                                + "\" (expected by_src or by_dst)");
                    }
                }
                case "count" -> {
                    if (count != null) {
                        throw duplicate(p.name());
                    }
                    count = Args.parseDecimal("detection_filter", "count", p.value(), 0xFFFF_FFFFL);
                }
                case "seconds" -> {
                    if (seconds != null) {
                        throw duplicate(p.name());
                    }
                    seconds = Args.parseDecimal("detection_filter", "seconds", p.value(), 0xFFFF_FFFFL);
                }
                case "unique_on" -> {
                    if (uniqueOn != null) {
                        throw duplicate(p.name());
                    }
                    if (!p.value().equals("src_port") && !p.value().equals("dst_port")) {
                        throw new RuleParseException("detection_filter: unique_on must be src_port or dst_port");
                    }
                    uniqueOn = p.value();
                }
                default -> throw new RuleParseException("detection_filter: unknown setting \"" + p.name() + "\"");
            }
        }
        if (track == null || count == null || seconds == null) {
            throw new RuleParseException("detection_filter: needs track, count and seconds");
        }
        if (count == 0 || seconds == 0) {
            throw new RuleParseException("detection_filter: count and seconds must be greater than 0");
        }
        ctx.once("detection_filter");
        ctx.add(new DetectionFilterOption(track, count, seconds, uniqueOn));
    }

    private static RuleParseException duplicate(String name) {
        return new RuleParseException("detection_filter: " + name + " given twice");
    }

    @Override
    public String keyword() {
        return "detection_filter";
    }

    @Override
    public void appendValue(StringBuilder out) {
        out.append("track ").append(track.text()).append(", count ").append(count).append(", seconds ")
                .append(seconds);
        if (uniqueOn != null) {
            out.append(", unique_on ").append(uniqueOn);
        }
    }
}
