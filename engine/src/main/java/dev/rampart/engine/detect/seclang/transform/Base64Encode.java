package dev.rampart.engine.detect.seclang.transform;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** {@code t:base64Encode}: standard base64 with padding. */
public final class Base64Encode implements Transformation {
    @Override
    public String apply(String value) {
        return value.isEmpty() ? value : new String(Base64.getEncoder().encode(value.getBytes(StandardCharsets.ISO_8859_1)),
                StandardCharsets.ISO_8859_1);
    }
}
