package dev.rampart.engine.detect.seclang.transform;

/**
 * ModSecurity's in-place path normalisation (normalize_path_inplace): collapses repeated slashes,
 * removes "./" self references and resolves "../" back references, never above the root; a
 * relative path keeps the back references it cannot resolve; a trailing slash is kept only when
 * the input had one. With {@code win} backslashes are first turned into slashes.
 */
final class PathNormalizer {
    private PathNormalizer() {
    }

    static String normalize(String value, boolean win) {
        int n = value.length();
        if (n == 0) {
            return value;
        }
        char[] b = value.toCharArray();
        int end = n - 1;
        int src = 0;
        int dst = 0;
        boolean hitRoot = false;
        boolean done = false;
        boolean relative = !(b[0] == '/' || (win && b[0] == '\\'));
        boolean trailing = b[end] == '/' || (win && b[end] == '\\');
        while (!done && src <= end && dst <= end) {
            if (win) {
                if (b[src] == '\\') {
                    b[src] = '/';
                }
                if (src < end && b[src + 1] == '\\') {
                    b[src + 1] = '/';
                }
            }
            boolean segmentEnd;
            if (src == end) {
                done = true;
                segmentEnd = true;
            } else {
                segmentEnd = b[src + 1] == '/';
            }
            boolean skipCopy = false;
            if (segmentEnd && !(src != end && b[src] == '/')) {
                if (b[src] == '.') {
                    if (dst > 0 && b[dst - 1] == '.') {
                        // Back reference.
                        if (!(relative && (hitRoot || dst - 2 <= 0))) {
                            dst -= 3;
                            while (dst > 0 && b[dst] != '/') {
                                dst--;
                            }
                            if (dst <= 0) {
                                hitRoot = true;
                                dst = 0;
                                if (!relative && src == end) {
                                    dst++;
                                }
                            }
                            if (done) {
                                skipCopy = true;
                            } else {
                                src++;
                            }
                        } else {
                            hitRoot = true;
                        }
                    } else if (dst == 0) {
                        // Relative self reference.
                        if (done) {
                            skipCopy = true;
                        } else {
                            src++;
                        }
                    } else if (b[dst - 1] == '/') {
                        // Self reference.
                        if (done) {
                            skipCopy = true;
                        } else {
                            dst--;
                            src++;
                        }
                    }
                } else if (dst > 0) {
                    hitRoot = false;
                }
            }
            if (skipCopy) {
                continue;
            }
            if (b[src] == '/') {
                while (src < end && (b[src + 1] == '/' || (win && b[src + 1] == '\\'))) {
                    src++;
                }
                if (relative && dst == 0) {
                    src++;
                    continue;
                }
            }
            b[dst++] = b[src++];
        }
        if (!trailing && dst > 0 && b[dst - 1] == '/') {
            dst--;
        }
        return Latin1.result(value, b, dst);
    }
}
