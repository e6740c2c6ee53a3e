package dev.rampart.rules.keyword.payload;

import dev.rampart.rules.Buffer;
import dev.rampart.rules.ByteString;
import dev.rampart.rules.NumOrVar;
import dev.rampart.rules.PayloadOption;

/**
 * A {@code content} match with all its modifiers folded in (Suricata keeps them as flags on the
 * content too). Modifier keywords ({@code nocase}, {@code depth}, ...) replace the last content in
 * the parse context with an updated copy; absent numeric modifiers are null.
 */
public record ContentOption(
        ByteString pattern,
        boolean negated,
        Buffer buffer,
        boolean nocase,
        NumOrVar offset,
        NumOrVar depth,
        NumOrVar distance,
        NumOrVar within,
        boolean startsWith,
        boolean endsWith,
        boolean rawbytes,
        FastPattern fastPattern) implements PayloadOption {

    /** {@code fast_pattern}, {@code fast_pattern:only} or the chop form {@code fast_pattern:o,l}. */
    public record FastPattern(boolean only, int chopOffset, int chopLength) {
        public static final FastPattern PLAIN = new FastPattern(false, -1, -1);
        public static final FastPattern ONLY = new FastPattern(true, -1, -1);

        public boolean isChop() {
            return chopOffset >= 0;
        }
    }

    public static ContentOption of(ByteString pattern, boolean negated, Buffer buffer) {
        return new ContentOption(pattern, negated, buffer, false, null, null, null, null, false, false, false, null);
    }

    public boolean isRelative() {
        return distance != null || within != null;
    }

    public boolean isAbsolute() {
        return offset != null || depth != null;
    }

    public ContentOption withBuffer(Buffer b) {
        return new ContentOption(pattern, negated, b, nocase, offset, depth, distance, within, startsWith, endsWith, rawbytes, fastPattern);
    }

    public ContentOption withNocase() {
        return new ContentOption(pattern, negated, buffer, true, offset, depth, distance, within, startsWith, endsWith, rawbytes, fastPattern);
    }

    public ContentOption withOffset(NumOrVar v) {
        return new ContentOption(pattern, negated, buffer, nocase, v, depth, distance, within, startsWith, endsWith, rawbytes, fastPattern);
    }

    public ContentOption withDepth(NumOrVar v) {
        return new ContentOption(pattern, negated, buffer, nocase, offset, v, distance, within, startsWith, endsWith, rawbytes, fastPattern);
    }

    public ContentOption withDistance(NumOrVar v) {
        return new ContentOption(pattern, negated, buffer, nocase, offset, depth, v, within, startsWith, endsWith, rawbytes, fastPattern);
    }

    public ContentOption withWithin(NumOrVar v) {
        return new ContentOption(pattern, negated, buffer, nocase, offset, depth, distance, v, startsWith, endsWith, rawbytes, fastPattern);
    }

    public ContentOption withStartsWith() {
        return new ContentOption(pattern, negated, buffer, nocase, offset, depth, distance, within, true, endsWith, rawbytes, fastPattern);
    }

    public ContentOption withEndsWith() {
        return new ContentOption(pattern, negated, buffer, nocase, offset, depth, distance, within, startsWith, true, rawbytes, fastPattern);
    }

    public ContentOption withRawbytes() {
        return new ContentOption(pattern, negated, buffer, nocase, offset, depth, distance, within, startsWith, endsWith, true, fastPattern);
    }

    public ContentOption withFastPattern(FastPattern fp) {
        return new ContentOption(pattern, negated, buffer, nocase, offset, depth, distance, within, startsWith, endsWith, rawbytes, fp);
    }

    @Override
    public String keyword() {
        return "content";
    }

    @Override
    public void appendValue(StringBuilder out) {
        if (negated) {
            out.append('!');
        }
        out.append('"');
        pattern.appendContentSyntax(out);
        out.append('"');
    }

    @Override
    public void appendTo(StringBuilder out) {
        out.append("content:");
        appendValue(out);
        out.append("; ");
        if (nocase) {
            out.append("nocase; ");
        }
        if (rawbytes) {
            out.append("rawbytes; ");
        }
        if (startsWith) {
            out.append("startswith; ");
        }
        if (offset != null) {
            out.append("offset:").append(offset).append("; ");
        }
        if (depth != null) {
            out.append("depth:").append(depth).append("; ");
        }
        if (distance != null) {
            out.append("distance:").append(distance).append("; ");
        }
        if (within != null) {
            out.append("within:").append(within).append("; ");
        }
        if (endsWith) {
            out.append("endswith; ");
        }
        if (fastPattern != null) {
            out.append("fast_pattern");
            if (fastPattern.only()) {
                out.append(":only");
            } else if (fastPattern.isChop()) {
                out.append(':').append(fastPattern.chopOffset()).append(',').append(fastPattern.chopLength());
            }
            out.append("; ");
        }
    }
}
