package dev.rampart.rules.config;

/** The {@code config <word>: ...} line syntax shared by classification.config and reference.config. */
final class ConfigLines {
    private ConfigLines() {
    }

    /**
     * The trimmed text after {@code config <word>:}, or null when the line is not one. Case and
     * the spaces around the words and the colon do not matter, as in Suricata.
     */
    static String after(String line, String word) {
        String s = line.trim();
        if (!s.regionMatches(true, 0, "config", 0, 6) || s.length() == 6 || !Character.isWhitespace(s.charAt(6))) {
            return null;
        }
        s = s.substring(6).trim();
        if (!s.regionMatches(true, 0, word, 0, word.length())) {
            return null;
        }
        s = s.substring(word.length()).trim();
        if (s.isEmpty() || s.charAt(0) != ':') {
            return null;
        }
        return s.substring(1).trim();
    }
}
