package dev.rampart.engine.applayer.http;

/** HTTP/2 parser events (Suricata's HTTP2Event, names as {@code app-layer-event:http2.NAME} takes them). */
public enum Http2Event {
    INVALID_FRAME_HEADER("invalid_frame_header"),
    INVALID_CLIENT_MAGIC("invalid_client_magic"),
    INVALID_FRAME_DATA("invalid_frame_data"),
    INVALID_HEADER("invalid_header"),
    INVALID_FRAME_LENGTH("invalid_frame_length"),
    EXTRA_HEADER_DATA("extra_header_data"),
    LONG_FRAME_DATA("long_frame_data"),
    STREAM_ID_REUSE("stream_id_reuse"),
    INVALID_HTTP1_SETTINGS("invalid_http1_settings"),
    FAILED_DECOMPRESSION("failed_decompression"),
    INVALID_RANGE("invalid_range"),
    HEADER_INTEGER_OVERFLOW("header_integer_overflow"),
    TOO_MANY_STREAMS("too_many_streams"),
    AUTHORITY_HOST_MISMATCH("authority_host_mismatch"),
    USERINFO_IN_URI("userinfo_in_uri");

    private final String suricataName;

    Http2Event(String suricataName) {
        this.suricataName = suricataName;
    }

    public String suricataName() {
        return suricataName;
    }

    long bit() {
        return 1L << ordinal();
    }

    public static Http2Event byName(String name) {
        for (Http2Event e : values()) {
            if (e.suricataName.equalsIgnoreCase(name)) {
                return e;
            }
        }
        return null;
    }
}
