package dev.rampart.rules.manage;

import java.nio.charset.StandardCharsets;

/**
 * One file a source delivered: its name as the source names it (a path, or the member name inside
 * an archive such as {@code rules/emerging-info.rules}) and its bytes.
 */
public final class SourceFile {
    private final String name;
    private final byte[] data;

    public SourceFile(String name, byte[] data) {
        this.name = name;
        this.data = data.clone();
    }

    public String name() {
        return name;
    }

    /** The last path element of the name. */
    public String baseName() {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(slash + 1);
    }

    public boolean isRules() {
        return name.endsWith(".rules");
    }

    public byte[] data() {
        return data.clone();
    }

    public int size() {
        return data.length;
    }

    /** The content as UTF-8 (rule files are UTF-8; bad bytes become U+FFFD). */
    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return name + " (" + data.length + " bytes)";
    }
}
