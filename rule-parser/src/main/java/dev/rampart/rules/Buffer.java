package dev.rampart.rules;

import java.util.List;

/**
 * An inspection buffer as selected by a sticky buffer keyword (or a legacy content modifier),
 * together with the transforms that follow it. {@link #PAYLOAD} is the default buffer: packet or
 * reassembled stream payload, what {@code pkt_data} selects again.
 *
 * @param name       canonical sticky buffer name, e.g. {@code http.uri}; {@code pkt_data} for payload
 * @param transforms transforms applied to the buffer, in rule order
 */
public record Buffer(String name, List<TransformOption> transforms) {
    public static final String PAYLOAD_NAME = "pkt_data";
    public static final Buffer PAYLOAD = new Buffer(PAYLOAD_NAME, List.of());

    public Buffer {
        name = name == null ? null : name.intern(); // sticky-buffer names: a few dozen across every rule
        transforms = List.copyOf(transforms);
    }

    public static Buffer of(String name) {
        return PAYLOAD_NAME.equals(name) ? PAYLOAD : new Buffer(name, List.of());
    }

    public boolean isPayload() {
        return PAYLOAD_NAME.equals(name) && transforms.isEmpty();
    }

    public Buffer withTransform(TransformOption transform) {
        var list = new java.util.ArrayList<>(transforms);
        list.add(transform);
        return new Buffer(name, list);
    }
}
