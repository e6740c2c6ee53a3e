package dev.rampart.alerts;

import dev.rampart.eve.EveAlertFields;
import dev.rampart.eve.EveAlertSource;
import java.util.Arrays;

/**
 * One alert as the journal keeps it: a mutable flyweight the sink refills for every alert and a
 * reader refills for every entry (no allocation per alert once its text buffers have grown).
 * Independent of the engine's types: the engine copies what it knows into one of these.
 *
 * <p>Addresses are 128-bit values as two longs with IPv4 in the low 32 bits of {@code *Lo}
 * (the engine's {@code Packet} convention); {@link #ipVersion} says which. Text fields are
 * {@link StringBuilder}s so that reading an entry reuses them.
 */
public final class AlertRecord {
    public static final byte DIR_UNKNOWN = 0;
    public static final byte DIR_TO_SERVER = 1;
    public static final byte DIR_TO_CLIENT = 2;

    /** Suricata's alert actions. */
    public static final byte ACTION_ALLOWED = 0;
    public static final byte ACTION_BLOCKED = 1;

    /** No incident. */
    public static final long NO_INCIDENT = 0;

    /** Sink-assigned, increasing from 1: what incidents name as their contributing alerts. */
    public long alertId;
    /** Packet time, nanoseconds since the epoch. */
    public long timestampNanos;
    public long flowId;
    public long pcapCnt;
    public byte ipVersion = 4;
    public long srcHi;
    public long srcLo;
    public long dstHi;
    public long dstLo;
    public int srcPort;
    public int dstPort;
    /** IP protocol number (6 TCP, 17 UDP, 1 ICMP...). */
    public int proto;
    public final StringBuilder appProto = new StringBuilder(8);
    public byte direction;
    public int gid = 1;
    public long sid;
    public int rev;
    public byte action;
    public final StringBuilder msg = new StringBuilder(64);
    public final StringBuilder classtype = new StringBuilder(24);
    /** The classtype's description, EVE's {@code alert.category}. */
    public final StringBuilder category = new StringBuilder(32);
    /** Priority 1 (high) .. 4, EVE's {@code alert.severity}. */
    public int severity = 3;
    /**
     * The rule's metadata as written in the rule, {@code "key value, key value"} (for ET rules
     * {@code signature_severity Major, attack_target Client_Endpoint, ...}).
     */
    public final StringBuilder metadata = new StringBuilder(64);
    /**
     * Optional, for the writer only: an object that stands for this alert's rule texts (the
     * producer's compiled rule, say). Alerts given the same key (the same object) must carry the
     * same {@link #msg}, {@link #classtype}, {@link #category} and {@link #metadata}; the journal
     * then finds which entry already holds them without comparing them. Null (the default): the
     * journal compares the texts. Not journaled.
     */
    public Object ruleKey;
    /** Set by {@link #textsFrom}: the texts are still to be copied from here. */
    private RuleTextSource textSource;

    /**
     * Copies the texts of the rule {@code ruleKey} names into a record ({@link #msg},
     * {@link #classtype}, {@link #category}, {@link #metadata}): a producer's, for {@link #textsFrom}.
     */
    public interface RuleTextSource {
        void copyTexts(Object ruleKey, AlertRecord into);
    }
    public int score;
    public long incidentId;
    /** Matched a mask or suppression: kept in the journal, not scored. */
    public boolean masked;
    private byte[] eve = new byte[0];
    private int eveLength;
    /**
     * Where the EVE line holds its rule's static part (EVE's alert identity and metadata, the same
     * bytes in every alert of the rule), or length 0 when the producer did not say: the journal
     * writes those bytes once per cycle file with the rule's texts ({@link #ruleKey}'s contract
     * covers them too).
     */
    private int eveRuleSpanStart;
    private int eveRuleSpanLength;
    /*
     * The EVE fields (schema version 6): what the journal keeps of an engine alert besides the
     * fields above so that a reader renders the alert's EVE line ({@link EveLine}) as the engine's
     * EVE writer wrote it, instead of keeping the line. Set {@link #eveFields} when filling them.
     * Times render in UTC, as scan and the sensor write eve.json.
     */
    /** The producer filled the EVE fields below: the journal keeps them, not an EVE line. */
    public boolean eveFields;
    /** False for a decoder-event alert on a non-IP packet: its line has only timestamp and alert. */
    public boolean ipPacket = true;
    /** {@code parent_id}, 0 for none. */
    public long parentId;
    /** {@code pkt_src}: an index into {@link #PKT_SRC_NAMES}. */
    public byte pktSrc;
    public int vlanCount;
    public final int[] vlanIds = new int[MAX_VLANS];
    /** ICMP type (-1: none logged) and code. */
    public int icmpType = -1;
    public int icmpCode;
    /** {@code tx_id}, -1 for none. */
    public long txId = -1;
    public boolean txGuessed;
    public final StringBuilder appProtoTs = new StringBuilder(0);
    public final StringBuilder appProtoTc = new StringBuilder(0);
    public final StringBuilder appProtoOrig = new StringBuilder(0);
    public final StringBuilder appProtoExpected = new StringBuilder(0);
    public long pktsToServer;
    public long pktsToClient;
    public long bytesToServer;
    public long bytesToClient;
    public long flowStartNanos;
    private byte[] appLayer = new byte[0];
    private int appLayerLength;
    /**
     * The rule's static EVE bytes (the compiled rule's arrays, referenced, never copied or
     * changed): the alert identity ({@code "gid":..,"signature_id":..,...,"severity":N}), the
     * metadata member ({@code ,"metadata":{...}} or empty) and which side the rule's target names.
     * Covered by {@link #ruleKey}'s contract.
     */
    private byte[] ruleIdentity = NO_BYTES;
    private byte[] ruleMetadata = NO_BYTES;
    private byte ruleTarget = TARGET_NONE;
    private EveLine eveLine;
    /** The EVE line is to be rendered from the EVE fields before it is next read. */
    private boolean eveStale;

    public static final int MAX_VLANS = EveAlertFields.MAX_VLANS;
    /** {@link #ruleTarget()}: EVE's numbers ({@link EveAlertSource}), which the journal keeps. */
    public static final byte TARGET_NONE = EveAlertSource.TARGET_NONE;
    public static final byte TARGET_SRC = EveAlertSource.TARGET_SRC;
    public static final byte TARGET_DEST = EveAlertSource.TARGET_DEST;
    private static final byte[] NO_BYTES = new byte[0];

    /** Suricata 7's {@code pkt_src} names, by the index the journal keeps (the engine's order). */
    public static final String[] PKT_SRC_NAMES = EveAlertFields.PKT_SRC_NAMES;

    /** The most payload bytes an alert keeps: an excerpt for the operator, not a packet capture. */
    public static final int MAX_PAYLOAD_EXCERPT = 256;
    private final byte[] payload = new byte[MAX_PAYLOAD_EXCERPT];
    private int payloadLength;

    public AlertRecord clear() {
        alertId = 0;
        timestampNanos = 0;
        flowId = 0;
        pcapCnt = 0;
        ipVersion = 4;
        srcHi = srcLo = dstHi = dstLo = 0;
        srcPort = dstPort = proto = 0;
        appProto.setLength(0);
        direction = DIR_UNKNOWN;
        gid = 1;
        sid = 0;
        rev = 0;
        action = ACTION_ALLOWED;
        msg.setLength(0);
        classtype.setLength(0);
        category.setLength(0);
        severity = 3;
        metadata.setLength(0);
        ruleKey = null;
        textSource = null;
        score = 0;
        incidentId = NO_INCIDENT;
        masked = false;
        eveLength = 0;
        eveRuleSpanStart = eveRuleSpanLength = 0;
        payloadLength = 0;
        eveFields = false;
        eveStale = false;
        ipPacket = true;
        parentId = 0;
        pktSrc = 0;
        vlanCount = 0;
        icmpType = -1;
        icmpCode = 0;
        txId = -1;
        txGuessed = false;
        appProtoTs.setLength(0);
        appProtoTc.setLength(0);
        appProtoOrig.setLength(0);
        appProtoExpected.setLength(0);
        pktsToServer = pktsToClient = bytesToServer = bytesToClient = 0;
        flowStartNanos = 0;
        appLayerLength = 0;
        ruleIdentity = ruleMetadata = NO_BYTES;
        ruleTarget = TARGET_NONE;
        return this;
    }

    /**
     * Leaves the rule's texts to be copied from {@code source} (given {@link #ruleKey}, which must
     * be set) when something first needs them: the journal writes them once per rule and cycle
     * file and the scorer reads them once per rule, so most alerts never copy them. Whoever reads
     * the texts of a record a producer filled calls {@link #texts()} first.
     */
    public void textsFrom(RuleTextSource source) {
        textSource = source;
    }

    /** Makes the text fields hold the rule's texts (copied now if the producer deferred them); returns this. */
    public AlertRecord texts() {
        RuleTextSource s = textSource;
        if (s != null) {
            textSource = null;
            s.copyTexts(ruleKey, this);
        }
        return this;
    }

    /** Sets an IPv4 source from its 32-bit value. */
    public AlertRecord srcV4(int address) {
        ipVersion = 4;
        srcHi = 0;
        srcLo = address & 0xFFFF_FFFFL;
        return this;
    }

    public AlertRecord dstV4(int address) {
        ipVersion = 4;
        dstHi = 0;
        dstLo = address & 0xFFFF_FFFFL;
        return this;
    }

    public static void set(StringBuilder field, CharSequence value) {
        field.setLength(0);
        if (value != null) {
            field.append(value);
        }
    }

    /**
     * The EVE JSON line (no newline), or empty when none was kept: the producer's, or, for a
     * record a reader filled, rendered from the EVE fields on the first call. A producer that
     * filled EVE fields has no line here until it calls {@link #renderEveFromFields()}.
     */
    public int eveLength() {
        renderEve();
        return eveLength;
    }

    public byte[] eveBytes() {
        renderEve();
        return eve;
    }

    private void renderEve() {
        if (eveStale) {
            eveStale = false;
            eveLine().render();
        }
    }

    /** The record's line renderer, made on its first line: a producer's record never renders one. */
    private EveLine eveLine() {
        if (eveLine == null) {
            eveLine = new EveLine(this);
        }
        return eveLine;
    }

    /**
     * Renders the EVE line from the EVE fields now, for a producer that wants to see it (a reader's
     * record renders on first use by itself); nothing when the record has no EVE fields.
     */
    public void renderEveFromFields() {
        if (eveFields) {
            eveLine().render();
        }
    }

    /** A reader's record before an entry is read into it: no EVE fields until they are read. */
    void noEveFields() {
        eveFields = false;
        eveStale = false;
        ruleIdentity = ruleMetadata = NO_BYTES;
        ruleTarget = TARGET_NONE;
    }

    /** Marks the EVE fields as read (a reader): the line is rendered from them when asked for. */
    void eveFieldsRead() {
        eveFields = true;
        eveStale = true;
    }

    /** The app-layer members of the EVE line ({@code "http":{...}}, no surrounding commas), copied. */
    public void appLayer(byte[] src, int offset, int length) {
        int n = Math.max(0, length);
        if (appLayer.length < n) {
            appLayer = new byte[Math.max(n, appLayer.length * 2)];
        }
        System.arraycopy(src, offset, appLayer, 0, n);
        appLayerLength = n;
    }

    public byte[] appLayerBytes() {
        return appLayer;
    }

    public int appLayerLength() {
        return appLayerLength;
    }

    /** The rule's static EVE bytes: referenced, not copied (see {@link #ruleIdentity()}). */
    public void ruleEve(byte[] identity, byte[] metadata, byte target) {
        ruleIdentity = identity == null ? NO_BYTES : identity;
        ruleMetadata = metadata == null ? NO_BYTES : metadata;
        ruleTarget = target;
    }

    public byte[] ruleIdentity() {
        return ruleIdentity;
    }

    public byte[] ruleMetadata() {
        return ruleMetadata;
    }

    public byte ruleTarget() {
        return ruleTarget;
    }

    public void eve(byte[] src, int offset, int length) {
        eveStale = false;
        eveLength = 0;
        eveRuleSpanStart = eveRuleSpanLength = 0;
        System.arraycopy(src, offset, eveBuffer(length), 0, length);
        eveLength = length;
    }

    /**
     * Marks {@code [start, start + length)} of the EVE line (set by {@link #eve} first) as its
     * rule's static part; ignored unless it lies inside the line.
     */
    public void eveRuleSpan(int start, int length) {
        if (start >= 0 && length > 0 && start <= eveLength - length) {
            eveRuleSpanStart = start;
            eveRuleSpanLength = length;
        } else {
            eveRuleSpanStart = eveRuleSpanLength = 0;
        }
    }

    public int eveRuleSpanStart() {
        renderEve();
        return eveRuleSpanStart;
    }

    /** 0 when the EVE line has no marked rule part. */
    public int eveRuleSpanLength() {
        renderEve();
        return eveRuleSpanLength;
    }

    /** Grows the EVE buffer to hold {@code length} bytes; the caller fills it and calls {@link #eveLength(int)}. */
    byte[] eveBuffer(int length) {
        if (eve.length < length) {
            eve = Arrays.copyOf(eve, Math.max(length, eve.length * 2));
        }
        return eve;
    }

    void eveLength(int length) {
        eveStale = false;
        eveLength = length;
        eveRuleSpanStart = eveRuleSpanLength = 0;
    }

    /** The payload excerpt's length, 0 when the alert kept none. */
    public int payloadLength() {
        return payloadLength;
    }

    public byte[] payloadBytes() {
        return payload;
    }

    /** Keeps the first {@link #MAX_PAYLOAD_EXCERPT} bytes of {@code src[offset, offset+length)}. */
    public void payload(byte[] src, int offset, int length) {
        int n = Math.max(0, Math.min(length, MAX_PAYLOAD_EXCERPT));
        System.arraycopy(src, offset, payload, 0, n);
        payloadLength = n;
    }

    @Override
    public String toString() {
        texts();
        return "alert#" + alertId + " " + gid + ":" + sid + ":" + rev + " \"" + msg + "\" "
                + IpText.format(ipVersion, srcHi, srcLo) + ":" + srcPort + " -> "
                + IpText.format(ipVersion, dstHi, dstLo) + ":" + dstPort + " score " + score
                + (masked ? " masked" : "") + (incidentId != NO_INCIDENT ? " incident " + incidentId : "");
    }
}
