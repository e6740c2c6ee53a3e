package dev.rampart.rules.keyword;

import dev.rampart.rules.Buffer;
import dev.rampart.rules.PayloadOption;
import dev.rampart.rules.RuleEnvironment;
import dev.rampart.rules.RuleHeader;
import dev.rampart.rules.RuleOption;
import dev.rampart.rules.RuleParseException;
import dev.rampart.rules.TransformOption;
import dev.rampart.rules.keyword.payload.ContentOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mutable state while the options of one rule are parsed, in order: the options so far, the
 * active inspection buffer (sticky buffers, transforms), the last content (for modifiers) and the
 * variables defined by byte_extract/byte_math. Keyword parsers talk to the rule only through this.
 */
public final class ParseContext {
    private final RuleHeader header;
    private final RuleEnvironment env;
    /** Sized for a typical ET rule (~15-20 options with metadata and references): no regrowth. */
    private final List<RuleOption> options = new ArrayList<>(24);
    private final Set<String> variables = new HashSet<>();
    /**
     * Keywords of {@link #once} seen so far: a handful per rule (sid, rev, msg, classtype ...), so a
     * short array searched in order, not a hash set made for each of 19k rules.
     */
    private String[] seenOnce = new String[8];
    private int seenOnceCount;

    private Map<String, FinishCheck> finishChecks;

    private Buffer buffer = Buffer.PAYLOAD;
    /** Name of the sticky buffer keyword that set {@link #buffer}, or null when none is active. */
    private String stickyKeyword;
    private int matchesInSticky;
    /** Suricata's list_set: a transform may still be added to the active sticky buffer. */
    private boolean transformsAllowed;
    /** Transforms were added that no match has used yet. */
    private boolean transformsPending;
    private int lastContent = -1;
    /** App-layer protocol a keyword bound the rule to (sticky buffers, ssl_state, ...), or null. */
    private String appProto;

    public ParseContext(RuleHeader header, RuleEnvironment env) {
        this.header = header;
        this.env = env;
    }

    /** Variables and config tables of the rule set being loaded. */
    public RuleEnvironment env() {
        return env;
    }

    public RuleHeader header() {
        return header;
    }

    /** The header protocol word, lower case ({@code tcp}, {@code http}, ...). */
    public String protocol() {
        return header.protocol();
    }

    public List<RuleOption> options() {
        return options;
    }

    /** The buffer a payload option created now belongs to. */
    public Buffer buffer() {
        return buffer;
    }

    /** Whether a sticky buffer keyword is active (legacy content modifiers are then an error). */
    public boolean stickyActive() {
        return stickyKeyword != null;
    }

    /** Appends a finished option. Payload options count as matches for the active sticky buffer. */
    public void add(RuleOption option) {
        if (option instanceof ContentOption) {
            lastContent = options.size();
        }
        if (option instanceof PayloadOption) {
            matchesInSticky++;
            if (transformsPending) {
                // the first match after transforms fixes the transformed buffer: no more transforms
                transformsPending = false;
                transformsAllowed = false;
            }
        }
        options.add(option);
    }

    /** Selects a sticky buffer ({@code http.uri;}); {@code pkt_data} returns to the payload. */
    public void selectBuffer(String keyword, String bufferName) throws RuleParseException {
        checkStickyUsed();
        if (transformsPending) {
            throw new RuleParseException(keyword + ": previous transforms not consumed before " + keyword);
        }
        buffer = Buffer.of(bufferName);
        stickyKeyword = Buffer.PAYLOAD_NAME.equals(bufferName) ? null : keyword;
        matchesInSticky = 0;
        transformsAllowed = stickyKeyword != null;
        transformsPending = false;
    }

    /**
     * Adds a transform to the active sticky buffer. As in Suricata, transforms follow a sticky
     * buffer; they may come after some of its matches (those stay on the untransformed buffer and
     * the following ones use the transformed one), but once a match has used transforms, no more
     * can be added until the next sticky buffer keyword.
     */
    public void addTransform(String keyword, TransformOption transform) throws RuleParseException {
        if (stickyKeyword == null) {
            throw new RuleParseException(keyword + ": transforms must follow a sticky buffer");
        }
        if (!transformsAllowed) {
            throw new RuleParseException(keyword + ": transforms must directly follow the sticky buffer "
                    + stickyKeyword + " (a match already used the earlier transforms)");
        }
        buffer = buffer.withTransform(transform);
        transformsPending = true;
    }

    private void checkStickyUsed() throws RuleParseException {
        if (stickyKeyword != null && matchesInSticky == 0) {
            throw new RuleParseException("sticky buffer " + stickyKeyword + " has no matches after it");
        }
    }

    /**
     * Binds the rule to an app-layer protocol; a keyword of another protocol, in the rule or in
     * its header, is a conflict ("can't set rule app proto"). Protocol families (http/http1/http2,
     * ike/ikev2, dcerpc/smb) are compatible.
     */
    public void requireAppProto(String keyword, String proto) throws RuleParseException {
        String headerProto = header.protocol();
        if (dev.rampart.rules.Protocols.isAppLayer(headerProto) && !sameFamily(headerProto, proto)) {
            throw new RuleParseException(keyword + ": can't set rule app proto to " + proto + ": rule protocol is " + headerProto);
        }
        if (appProto != null && !sameFamily(appProto, proto)) {
            throw new RuleParseException(keyword + ": can't set rule app proto to " + proto + ": already set to " + appProto);
        }
        if (appProto == null) {
            appProto = proto;
        }
    }

    /** The app-layer protocol keywords bound the rule to, or null. */
    public String appProto() {
        return appProto;
    }

    private static boolean sameFamily(String a, String b) {
        return a.equals(b) || family(a).equals(family(b));
    }

    private static String family(String p) {
        return switch (p) {
            case "http", "http1", "http2", "http-any" -> "http";
            case "ike", "ikev2" -> "ike";
            case "dcerpc", "smb" -> "dcerpc";
            default -> p;
        };
    }

    /** The most recent content option, for modifiers; an error names the modifier when none. */
    public ContentOption lastContent(String modifier) throws RuleParseException {
        if (lastContent < 0) {
            throw new RuleParseException(modifier + " needs a preceding content option");
        }
        return (ContentOption) options.get(lastContent);
    }

    public void replaceLastContent(ContentOption updated) {
        options.set(lastContent, updated);
    }

    /**
     * The payload option before {@code index} in the same buffer, or null: what a relative option
     * ({@code distance}, {@code pcre /R}, {@code byte_test ... relative}) anchors to.
     */
    public PayloadOption previousInBuffer(int index, Buffer inBuffer) {
        for (int i = index - 1; i >= 0; i--) {
            if (options.get(i) instanceof PayloadOption p && p.buffer().equals(inBuffer)) {
                return p;
            }
        }
        return null;
    }

    /** The last payload option in the active buffer, or null (anchor for a new relative option). */
    public PayloadOption lastInActiveBuffer() {
        return previousInBuffer(options.size(), buffer);
    }

    public int lastContentIndex() {
        return lastContent;
    }

    /** Index of the last option of the given type, or -1. */
    public int lastIndexOf(Class<? extends RuleOption> type) {
        for (int i = options.size() - 1; i >= 0; i--) {
            if (type.isInstance(options.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Index of the last content still in the payload buffer, or -1: legacy content modifiers
     * ({@code http_uri}) act on it, as Suricata looks only in its payload match list.
     */
    public int lastPayloadContentIndex() {
        for (int i = options.size() - 1; i >= 0; i--) {
            if (options.get(i) instanceof ContentOption c && c.buffer().isPayload()) {
                return i;
            }
        }
        return -1;
    }

    /** Replaces the option at {@code index} (modifiers produce updated immutable copies). */
    public void replace(int index, RuleOption updated) {
        options.set(index, updated);
    }

    public void defineVariable(String keyword, String name) throws RuleParseException {
        if (!variables.add(name)) {
            throw new RuleParseException(keyword + ": variable \"" + name + "\" already defined");
        }
    }

    public boolean isVariable(String name) {
        return variables.contains(name);
    }

    /**
     * Records that a keyword that may appear once per rule was seen; a second use is an error.
     *
     * @return nothing; throws on the second use
     */
    public void once(String keyword) throws RuleParseException {
        if (seen(keyword)) {
            throw new RuleParseException(keyword + " may appear only once per rule");
        }
        if (seenOnceCount == seenOnce.length) {
            seenOnce = java.util.Arrays.copyOf(seenOnce, seenOnceCount * 2);
        }
        seenOnce[seenOnceCount++] = keyword;
    }

    public boolean seen(String keyword) {
        for (int i = 0; i < seenOnceCount; i++) {
            if (seenOnce[i].equals(keyword)) {
                return true;
            }
        }
        return false;
    }

    /** A check that needs the whole option list, run when the rule's options are all parsed. */
    @FunctionalInterface
    public interface FinishCheck {
        void check(ParseContext ctx) throws RuleParseException;
    }

    /**
     * Registers an end-of-rule check (e.g. bsize against all the contents of its buffer); a second
     * registration under the same key is ignored, so a keyword may register on every use.
     */
    public void atFinish(String key, FinishCheck check) {
        if (finishChecks == null) {
            finishChecks = new LinkedHashMap<>();
        }
        finishChecks.putIfAbsent(key, check);
    }

    /** End-of-rule checks that need the whole option list. */
    public void finish() throws RuleParseException {
        checkStickyUsed();
        checkRawHeaderDirection();
        if (finishChecks != null) {
            for (FinishCheck c : finishChecks.values()) {
                c.check(this);
            }
        }
    }

    /** Raw headers differ per direction: Suricata wants flow:to_server or to_client with them. */
    private void checkRawHeaderDirection() throws RuleParseException {
        boolean raw = false;
        boolean directed = false;
        for (RuleOption o : options) {
            if (o instanceof PayloadOption p && p.buffer().name().equals("http.header.raw")) {
                raw = true;
            } else if (o instanceof dev.rampart.rules.keyword.flow.FlowOption f && (f.toServer() || f.toClient())) {
                directed = true;
            }
        }
        if (raw && !directed) {
            throw new RuleParseException("http.header.raw needs a flow direction: use flow:to_server for request headers or flow:to_client for response headers");
        }
    }
}
