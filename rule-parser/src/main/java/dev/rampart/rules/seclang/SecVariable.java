package dev.rampart.rules.seclang;

/**
 * One target of a SecRule: {@code ARGS}, {@code ARGS:foo}, {@code REQUEST_HEADERS:/^x-/},
 * {@code &TX:score} (count), {@code !REQUEST_COOKIES:bar} (exclusion from the rule's targets).
 *
 * @param collection the variable or collection name, upper case ({@code ARGS}, {@code TX}, {@code XML})
 * @param key        the selector after ':' without its slashes when a regex; null when the whole collection
 * @param keyIsRegex the selector was written {@code /.../}
 * @param count      written with a leading {@code &}: the number of entries, not their values
 * @param exclusion  written with a leading {@code !}: removes matching entries from the rule's targets
 */
public record SecVariable(String collection, String key, boolean keyIsRegex, boolean count, boolean exclusion) {

    /** The target as SecLang writes it, e.g. {@code !ARGS:/^x/}. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        if (exclusion) sb.append('!');
        if (count) sb.append('&');
        sb.append(collection);
        if (key != null) {
            sb.append(':');
            if (keyIsRegex) sb.append('/').append(key).append('/');
            else sb.append(key);
        }
        return sb.toString();
    }
}
