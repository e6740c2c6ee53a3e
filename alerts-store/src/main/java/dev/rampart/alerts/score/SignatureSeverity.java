package dev.rampart.alerts.score;

/** ET's {@code signature_severity} metadata values. */
public enum SignatureSeverity {
    CRITICAL("Critical"),
    MAJOR("Major"),
    MINOR("Minor"),
    INFORMATIONAL("Informational");

    private static final String KEY = "signature_severity";
    private static final SignatureSeverity[] VALUES = values();

    private final String word;

    SignatureSeverity(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    /**
     * The severity named in rule metadata text ({@code "key value, key value"}), or null when the
     * metadata has none or an unknown word. Case-insensitive; allocates nothing.
     */
    public static SignatureSeverity of(CharSequence metadata) {
        int n = metadata.length();
        int at = 0;
        while (at < n) {
            int end = at;
            while (end < n && metadata.charAt(end) != ',') {
                end++;
            }
            int s = skipSpace(metadata, at, end);
            if (regionMatches(metadata, s, end, KEY) && s + KEY.length() < end
                    && Character.isWhitespace(metadata.charAt(s + KEY.length()))) {
                int v = skipSpace(metadata, s + KEY.length(), end);
                int e = end;
                while (e > v && Character.isWhitespace(metadata.charAt(e - 1))) {
                    e--;
                }
                for (SignatureSeverity sev : VALUES) {
                    if (e - v == sev.word.length() && regionMatches(metadata, v, e, sev.word)) {
                        return sev;
                    }
                }
            }
            at = end + 1;
        }
        return null;
    }

    private static int skipSpace(CharSequence s, int from, int end) {
        while (from < end && Character.isWhitespace(s.charAt(from))) {
            from++;
        }
        return from;
    }

    private static boolean regionMatches(CharSequence s, int from, int end, String word) {
        if (end - from < word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (Character.toLowerCase(s.charAt(from + i)) != Character.toLowerCase(word.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
