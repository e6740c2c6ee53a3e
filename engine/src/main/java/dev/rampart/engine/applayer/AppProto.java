package dev.rampart.engine.applayer;

/** Application protocols the engine knows, named as Suricata's app_proto strings. */
public enum AppProto {
    /** Not decided yet: more bytes are needed. */
    UNKNOWN("unknown"),
    HTTP("http"),
    TLS("tls"),
    DNS("dns"),
    SIP("sip"),
    /**
     * HTTP/2 ({@link dev.rampart.engine.applayer.http.Http2Session}): the client preface, the
     * to-client SETTINGS probe on port 80, or an h2c upgrade of an HTTP/1 flow. Rules whose
     * protocol is {@code http} match it too (Suricata's ALPROTO_HTTP covers HTTP/1 and HTTP/2),
     * {@code http1} rules do not.
     */
    HTTP2("http2"),
    /** SMB 1/2/3 over NetBIOS session service framing (detected; no SMB parser yet). */
    SMB("smb"),
    /**
     * Connection-oriented DCE/RPC over TCP ({@link dev.rampart.engine.applayer.dcerpc.DcerpcSession}).
     * Rules for dcerpc also match SMB flows (Suricata's AppProtoEquals: DCERPC runs over SMB pipes).
     */
    DCERPC("dcerpc", "dcerpc_tcp"),
    /** Detected from the client's first command (no SMTP parser yet: rules see the stream). */
    SMTP("smtp"),
    /** Detected from a client command or a vsftpd-style banner; {@link dev.rampart.engine.applayer.ftp.FtpSession}. */
    FTP("ftp"),
    /**
     * An FTP data connection: a flow between the two hosts of an FTP session, to the port its PASV /
     * EPSV reply or PORT / EPRT command gave, that a RETR or STOR announced
     * ({@link dev.rampart.engine.applayer.ftp.FtpExpectations}).
     */
    FTP_DATA("ftp-data"),
    /** Identification lines and key exchange up to NEWKEYS (ssh.proto, ssh.software); encrypted after. */
    SSH("ssh"),
    /** TFTP requests on UDP port 69 ({@link dev.rampart.engine.applayer.tftp.TftpSession}). */
    TFTP("tftp"),
    /** MQTT on TCP port 1883, by Suricata's probe ({@link dev.rampart.engine.applayer.mqtt.MqttSession}). */
    MQTT("mqtt"),
    /**
     * Kerberos 5 on port 88, UDP and TCP ({@link dev.rampart.engine.applayer.krb5.Krb5Session}); its
     * parser errors count as krb5_tcp's, as DNS's do as dns's.
     */
    KRB5("krb5", "krb5_tcp"),
    /** IKE (ISAKMP) on UDP port 500 ({@link dev.rampart.engine.applayer.ike.IkeSession}); rules say ike or ikev2. */
    IKE("ike"),
    /**
     * WebSocket (Suricata 8): an HTTP/1 connection after a 101 "Upgrade: websocket"
     * ({@link dev.rampart.engine.applayer.websocket.WebSocketSession}); no detection of its own.
     */
    WEBSOCKET("websocket"),
    /** RFB (the VNC handshake), by the pattern "RFB " on any port ({@link dev.rampart.engine.applayer.rfb.RfbSession}). */
    RFB("rfb"),
    /** SNMP over UDP ports 161 / 162, by Suricata's probe ({@link dev.rampart.engine.applayer.snmp.SnmpSession}). */
    SNMP("snmp"),
    /**
     * NFS over ONC RPC on port 2049, UDP and TCP ({@link dev.rampart.engine.applayer.nfs.NfsSession});
     * its parser errors count as nfs_tcp's.
     */
    NFS("nfs", "nfs_tcp"),
    /**
     * Modbus/TCP on port 502, by Suricata's probe, when {@code app-layer.protocols.modbus.enabled}
     * says so (off by default, as in Suricata) ({@link dev.rampart.engine.applayer.modbus.ModbusSession}).
     */
    MODBUS("modbus"),
    /** Detection gave up on this flow. */
    FAILED("failed");

    private final String suricataName;
    /** The name in Suricata's app_layer stats counters (its TCP parser's, where it has one per transport). */
    private final String statsName;

    AppProto(String suricataName) {
        this(suricataName, suricataName);
    }

    AppProto(String suricataName, String statsName) {
        this.suricataName = suricataName;
        this.statsName = statsName;
    }

    public String statsName() {
        return statsName;
    }

    /** The name used in EVE's app_proto and in rule headers ("alert tls ..."). */
    public String suricataName() {
        return suricataName;
    }

    public boolean decided() {
        return this != UNKNOWN;
    }
}
