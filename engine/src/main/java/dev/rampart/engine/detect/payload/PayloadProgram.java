package dev.rampart.engine.detect.payload;

import dev.rampart.rules.Buffer;
import dev.rampart.rules.NumOrVar;
import dev.rampart.rules.PayloadOption;
import dev.rampart.rules.keyword.payload.BsizeOption;
import dev.rampart.rules.keyword.payload.DatasetOption;
import dev.rampart.rules.keyword.payload.ByteBase;
import dev.rampart.rules.keyword.payload.ByteEndian;
import dev.rampart.rules.keyword.payload.ByteExtractOption;
import dev.rampart.rules.keyword.payload.ByteJumpOption;
import dev.rampart.rules.keyword.payload.ByteMathOption;
import dev.rampart.rules.keyword.payload.ByteTestOption;
import dev.rampart.rules.keyword.payload.ContentOption;
import dev.rampart.rules.keyword.payload.IsdataatOption;
import dev.rampart.rules.keyword.payload.PcreOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The payload options of one buffer of a rule, compiled into a list of {@link InspectStep}s that
 * decide together whether a byte buffer matches — Suricata's DetectEngineContentInspection. The
 * program is immutable and shared; all per-call state lives in the caller's {@link InspectScratch}.
 * A rule with something this layer cannot evaluate faithfully is compiled into a program that is
 * {@linkplain #isCompilable() not compilable}: it never matches and says why.
 */
public final class PayloadProgram {
    private final InspectStep[] steps;
    private final int variableCount;
    private final String uncompilableReason;

    private PayloadProgram(InspectStep[] steps, int variableCount, String uncompilableReason) {
        this.steps = steps;
        this.variableCount = variableCount;
        this.uncompilableReason = uncompilableReason;
    }

    /** Compiles the options of one buffer, in rule order. Never throws for a parsed rule. */
    public static PayloadProgram compile(List<? extends PayloadOption> options) {
        return compile(options, new HashMap<>(), null, List.of());
    }

    /**
     * Compiles the options of one buffer with byte_extract / byte_math variable names shared with
     * other buffers of the same rule (Suricata's variables are per rule): names already in
     * {@code variables} resolve to their slots, new ones are added. The programs must then run in
     * compile order with the same scratch.
     */
    public static PayloadProgram compile(List<? extends PayloadOption> options, Map<String, Integer> variables) {
        return compile(options, variables, null, List.of());
    }

    /**
     * Compiles with {@code datasets} resolving the sets {@code dataset} keywords name (null: such
     * rules are not compilable).
     */
    public static PayloadProgram compile(List<? extends PayloadOption> options,
            java.util.function.Function<DatasetOption, Dataset> datasets) {
        return compile(options, new HashMap<>(), datasets, List.of());
    }

    /**
     * Compiles the options of one buffer; {@code base64Data} are the rule's base64_data options,
     * inspected on what a base64_decode of this buffer decodes.
     */
    public static PayloadProgram compile(List<? extends PayloadOption> options, List<? extends PayloadOption> base64Data) {
        return compile(options, new HashMap<>(), null, base64Data);
    }

    public static PayloadProgram compile(List<? extends PayloadOption> options, Map<String, Integer> variables,
            java.util.function.Function<DatasetOption, Dataset> datasets, List<? extends PayloadOption> base64Data) {
        return compile(options, variables, datasets, base64Data, null);
    }

    /** As above, with content searches shared through {@code searches} (null: each content its own). */
    public static PayloadProgram compile(List<? extends PayloadOption> options, Map<String, Integer> variables,
            java.util.function.Function<DatasetOption, Dataset> datasets, List<? extends PayloadOption> base64Data,
            ContentSearches searches) {
        try {
            Compiler c = new Compiler(variables);
            c.datasets = datasets;
            c.base64Data = base64Data;
            c.searches = searches;
            return c.compile(options);
        } catch (Uncompilable e) {
            return new PayloadProgram(new InspectStep[0], 0, e.getMessage());
        } catch (RuntimeException e) {
            return new PayloadProgram(new InspectStep[0], 0, "internal error compiling payload options: " + e);
        }
    }

    public boolean isCompilable() {
        return uncompilableReason == null;
    }

    /** Why this program cannot be evaluated, or null. */
    public String uncompilableReason() {
        return uncompilableReason;
    }

    /** Number of steps. */
    public int length() {
        return steps.length;
    }

    /** Whether {@code data[off, off + len)} satisfies every option of the buffer. */
    public boolean match(byte[] data, int off, int len, InspectScratch scratch) {
        if (uncompilableReason != null) {
            return false;
        }
        if (steps.length == 0) {
            return true;
        }
        InspectScratch s = scratch;
        s.data = data;
        s.base = off;
        s.len = len;
        s.bufferOffset = 0;
        s.pcreMatchStartOffset = 0;
        s.recursionCount = 0;
        s.ensureVariables(variableCount);
        return run(0, s) == InspectStep.MATCH;
    }

    /** Evaluates step {@code index} and what follows it, counting against the recursion limit. */
    int run(int index, InspectScratch s) {
        if (++s.recursionCount == s.recursionLimit) {
            s.recursionLimitReached++;
            return InspectStep.DISCONTINUE;
        }
        return steps[index].inspect(this, index, s);
    }

    /** Continues after step {@code index} matched: the rest of the program, or a match when it was the last. */
    int next(int index, InspectScratch s) {
        return index + 1 == steps.length ? InspectStep.MATCH : run(index + 1, s);
    }

    private static final class Uncompilable extends Exception {
        Uncompilable(String why) {
            super(why, null, false, false);
        }
    }

    /** Builds the steps and links every relative keyword to the content or pcre it is relative to. */
    private static final class Compiler {
        final List<InspectStep> steps = new ArrayList<>();
        final Map<String, Integer> variables;
        Buffer buffer;
        java.util.function.Function<DatasetOption, Dataset> datasets;
        ContentSearches searches;

        Compiler(Map<String, Integer> variables) {
            this.variables = variables;
        }
        List<? extends PayloadOption> base64Data = List.of();

        PayloadProgram compile(List<? extends PayloadOption> options) throws Uncompilable {
            for (PayloadOption o : options) {
                if (buffer == null) {
                    buffer = o.buffer();
                } else if (!buffer.equals(o.buffer())) {
                    throw new Uncompilable("options of more than one buffer: " + buffer.name() + ", " + o.buffer().name());
                }
                add(o);
            }
            return new PayloadProgram(steps.toArray(new InspectStep[0]), variables.size(), null);
        }

        private void add(PayloadOption o) throws Uncompilable {
            if (o instanceof ContentOption c) {
                content(c);
            } else if (o instanceof PcreOption p) {
                pcre(p);
            } else if (o instanceof IsdataatOption d) {
                if (d.relative()) {
                    markPrevious();
                }
                steps.add(new IsdataatStep(operand(d.offset()), d.negated(), d.relative()));
            } else if (o instanceof ByteTestOption b) {
                if (b.relative()) {
                    markPrevious();
                }
                steps.add(new ByteTestStep(operand(b.nbytes()), operand(b.offset()), operand(b.value()), b.negated(),
                        b.operator(), b.relative(), little(b.endian()), b.string(), radix(b.base(), 0), b.bitmask()));
            } else if (o instanceof ByteJumpOption b) {
                if (b.relative()) {
                    markPrevious();
                }
                steps.add(new ByteJumpStep(operand(b.nbytes()), operand(b.offset()), b.relative(), b.multiplier(),
                        little(b.endian()), b.string(), radix(b.base(), 0), b.align(), b.fromBeginning(), b.fromEnd(),
                        b.postOffset(), b.bitmask()));
            } else if (o instanceof ByteExtractOption b) {
                if (b.relative()) {
                    markPrevious();
                }
                boolean little = little(b.endian());
                int slot = define(b.name());
                steps.add(new ByteExtractStep(b.nbytes(), b.offset(), slot, b.relative(), b.multiplier(), little,
                        b.string(), radix(b.base(), 10), b.align(), b.slice()));
            } else if (o instanceof ByteMathOption b) {
                if (b.relative()) {
                    markPrevious();
                }
                boolean little = little(b.endian());
                Operand nbytes = operand(b.nbytes());
                Operand rvalue = operand(b.rvalue());
                int slot = define(b.result());
                steps.add(new ByteMathStep(nbytes, b.offset(), b.operator(), rvalue, slot, b.relative(), little,
                        b.base() != null, radix(b.base(), 10), b.bitmask()));
            } else if (o instanceof dev.rampart.rules.keyword.payload.Base64DecodeOption b) {
                if (b.relative()) {
                    markPrevious();
                }
                PayloadProgram data = null;
                if (!base64Data.isEmpty()) {
                    data = PayloadProgram.compile(base64Data, new HashMap<>(), null, List.of(), searches);
                    if (!data.isCompilable()) {
                        throw new Uncompilable("base64_data: " + data.uncompilableReason());
                    }
                }
                steps.add(new Base64DecodeStep(b.bytes(), b.offset(), b.relative(), data));
            } else if (o instanceof BsizeOption b) {
                steps.add(new BsizeStep(b.size()));
            } else if (o instanceof DatasetOption d) {
                Dataset set = datasets == null ? null : datasets.apply(d);
                if (set == null) {
                    throw new Uncompilable("dataset " + d.name() + ": set files (load/state) are not read yet,"
                            + " or the set is used with two types");
                }
                steps.add(new DatasetStep(d.command(), set));
            } else {
                throw new Uncompilable("payload keyword " + o.keyword() + " is not supported by payload inspection");
            }
        }

        private void content(ContentOption c) throws Uncompilable {
            Operand offset = c.offset() == null ? null : operand(c.offset());
            Operand depth = c.depth() == null ? null : operand(c.depth());
            if (c.startsWith()) {
                // Suricata: startswith is depth = length of the content at offset 0
                offset = Operand.of(0);
                depth = Operand.of(c.pattern().length());
            }
            Operand distance = c.distance() == null ? null : operand(c.distance());
            Operand within = c.within() == null ? null : operand(c.within());
            if (within != null || distance != null) {
                markPrevious();
            }
            byte[] pattern = c.pattern().toByteArray();
            ContentSearch search = searches == null ? ContentSearch.owning(pattern, c.nocase())
                    : searches.owning(pattern, c.nocase());
            steps.add(new ContentStep(search, pattern.length, c.negated(), offset, depth, distance, within,
                    c.endsWith()));
        }

        private void pcre(PcreOption p) throws Uncompilable {
            PcreTranslator.Result r = PcreTranslator.translate(p);
            if (!r.ok()) {
                throw new Uncompilable("pcre \"" + p.pattern() + "\": " + r.uncompilableReason());
            }
            boolean relative = p.isRelative();
            if (relative) {
                markPrevious();
            }
            steps.add(new PcreStep(r.pattern(), p.negated(), relative, r.anchored()));
        }

        /**
         * Flags the last content or pcre before the keyword being added as one a later keyword is
         * relative to (Suricata's RELATIVE_NEXT): when the rest fails, it retries at its next occurrence.
         */
        private void markPrevious() {
            for (int i = steps.size() - 1; i >= 0; i--) {
                InspectStep s = steps.get(i);
                if (s.isAnchor()) {
                    s.markRelativeNext();
                    return;
                }
            }
        }

        private int define(String name) {
            return variables.computeIfAbsent(name, k -> variables.size());
        }

        private Operand operand(NumOrVar v) throws Uncompilable {
            if (v == null) {
                return Operand.ZERO;
            }
            if (!v.isVar()) {
                return Operand.of(v.value());
            }
            Integer slot = variables.get(v.var());
            if (slot == null) {
                throw new Uncompilable("variable " + v.var() + " is not defined earlier in this rule's buffer");
            }
            return new Operand(0, slot);
        }

        private static boolean little(ByteEndian e) throws Uncompilable {
            if (e == ByteEndian.DCE) {
                throw new Uncompilable("dce byte order needs DCE/RPC state");
            }
            return e == ByteEndian.LITTLE;
        }

        /** The strtoull base; {@code unset} when the rule names none (0: C's prefixes decide). */
        private static int radix(ByteBase b, int unset) {
            return b == null ? unset : b.radix();
        }
    }
}
