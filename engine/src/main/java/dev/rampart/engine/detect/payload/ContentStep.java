package dev.rampart.engine.detect.payload;

/**
 * content with nocase, offset, depth, distance, within, startswith (folded into depth/offset at
 * compile time), endswith and negation, as Suricata's content inspection evaluates it: the search
 * window is computed in unsigned 32-bit arithmetic from the previous match end, a relative match
 * that the rest of the rule rejects is retried at the next occurrence when a later keyword
 * depends on its position, and a negated content never moves the previous-match position.
 */
final class ContentStep extends InspectStep {
    private static final long U32 = 0xFFFF_FFFFL;

    final ContentSearch search;
    final int contentLength;
    final boolean negated;
    final boolean hasDistance;
    final boolean hasWithin;
    final boolean hasDepth;
    final boolean hasOffset;
    final boolean endsWith;
    final Operand distance;
    final Operand within;
    /** For constants: the absolute end of the window (offset + depth), as Suricata stores it. */
    final Operand depth;
    final Operand offset;

    /** @param search the content's search, possibly shared with equal contents of other rules */
    ContentStep(ContentSearch search, int contentLength, boolean negated, Operand offset, Operand depth,
            Operand distance, Operand within, boolean endsWith) {
        this.search = search;
        this.contentLength = contentLength;
        this.negated = negated;
        this.hasDistance = distance != null;
        this.hasWithin = within != null;
        this.hasDepth = depth != null;
        this.hasOffset = offset != null;
        this.distance = distance == null ? Operand.ZERO : distance;
        this.within = within == null ? Operand.ZERO : within;
        this.offset = offset == null ? Operand.ZERO : offset;
        // constant offset and depth: the window ends at offset + depth
        if (depth != null && !depth.isVar() && !this.offset.isVar()) {
            depth = Operand.of(depth.constant() + this.offset.constant());
        }
        this.depth = depth == null ? Operand.ZERO : depth;
        this.endsWith = endsWith;
    }

    @Override
    boolean isAnchor() {
        return true;
    }

    private boolean isRelative() {
        return hasDistance || hasWithin;
    }

    /** Suricata's DETECT_CONTENT_IS_SINGLE: nothing about this content depends on or feeds a position. */
    private boolean isSingle() {
        return !(hasDistance || hasWithin || relativeNext || hasDepth || hasOffset);
    }

    @Override
    int inspect(PayloadProgram program, int index, InspectScratch s) {
        final long bufferLength = s.len;
        long prevBufferOffset = s.bufferOffset;
        long retryFrom = 0;
        final boolean varWindow = offset.isVar() || depth.isVar();
        while (true) {
            long end = bufferLength;
            long start = 0;
            if (isRelative()) {
                start = prevBufferOffset;
                int dist = (int) distance.get(s);
                if (hasDistance) {
                    if (dist < 0 && (long) -(long) dist > start) {
                        start = 0;
                    } else {
                        start = (start + dist) & U32;
                    }
                }
                if (hasWithin) {
                    int limit = (int) (prevBufferOffset + within.get(s) + dist);
                    if ((int) end > limit) {
                        end = limit & U32;
                    }
                }
                if (hasDepth) {
                    long d = depth.get(s);
                    if (depth.isVar()) {
                        if (Long.compareUnsigned(d + prevBufferOffset, end) < 0) {
                            end = (prevBufferOffset + (d & U32)) & U32;
                        }
                    } else if (d != 0 && ((d + prevBufferOffset) & U32) < end) {
                        end = (prevBufferOffset + d) & U32;
                    }
                }
                if (hasOffset) {
                    long o = offset.get(s);
                    if (Long.compareUnsigned(o, start) > 0) {
                        start = o & U32;
                    }
                }
            } else {
                if (hasDepth) {
                    long d = depth.get(s) & U32;
                    if (depth.isVar() || d != 0) {
                        end = d;
                    }
                }
                start = offset.get(s) & U32;
                prevBufferOffset = 0;
            }
            if (varWindow) {
                end = (end + start) & U32;
            }
            if (retryFrom != 0) {
                start = retryFrom;
            }
            if (end > bufferLength) {
                end = bufferLength;
            }
            if (start > end || end == 0) {
                return negated ? program.next(index, s) : NO_MATCH;
            }
            final long window = end - start;
            int found;
            if (endsWith && end < bufferLength) {
                found = -1;
            } else if (contentLength > window) {
                found = -1;
            } else {
                int at = search.indexOf(s.data, s.base + (int) start, s.base + (int) end);
                found = at < 0 ? -1 : at - s.base;
            }
            if (found < 0) {
                if (!negated) {
                    // an absolute content that is absent stays absent whatever earlier keywords do
                    return isRelative() ? NO_MATCH : DISCONTINUE;
                }
                return program.next(index, s);
            }
            final int matchEnd = found + contentLength;
            if (negated) {
                // found in the window is a failure; with endswith only when that occurrence ends
                // the buffer (Suricata 7.0.10 checks the first occurrence only)
                if (endsWith && matchEnd != bufferLength) {
                    return program.next(index, s);
                }
                return isSingle() ? DISCONTINUE : NO_MATCH;
            }
            s.bufferOffset = matchEnd;
            if (!endsWith || matchEnd == bufferLength) {
                if (index + 1 == program.length()) {
                    return MATCH;
                }
                int r = program.run(index + 1, s);
                if (r != NO_MATCH) {
                    return r;
                }
                if (!relativeNext) {
                    // what follows does not depend on where this content matched
                    return DISCONTINUE;
                }
            }
            retryFrom = matchEnd - (contentLength - 1);
        }
    }
}
