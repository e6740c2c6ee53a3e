package dev.rampart.rules.manage;

/**
 * suricata-update's filter files hold Python regular expressions. Java's syntax is the same for
 * what such files use (classes, groups, quantifiers, backslash escapes); this rewrites the few
 * Python-only spellings: {@code (?P<name>...)}, {@code (?P=name)} and {@code \Z}.
 */
final class PythonRegex {
    private PythonRegex() {
    }

    static String toJava(String re) {
        StringBuilder out = new StringBuilder(re.length());
        boolean inClass = false;
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\' && i + 1 < re.length()) {
                char d = re.charAt(i + 1);
                out.append(c).append(!inClass && d == 'Z' ? 'z' : d);
                i++;
            } else if (inClass) {
                if (c == ']') {
                    inClass = false;
                }
                out.append(c);
            } else if (c == '[') {
                inClass = true;
                out.append(c);
                // a ']' right after '[' or '[^' is a literal member
                if (i + 1 < re.length() && re.charAt(i + 1) == '^') {
                    out.append('^');
                    i++;
                }
                if (i + 1 < re.length() && re.charAt(i + 1) == ']') {
                    out.append("\\]");
                    i++;
                }
            } else if (re.startsWith("(?P<", i)) {
                out.append("(?<");
                i += 3;
            } else if (re.startsWith("(?P=", i)) {
                int close = re.indexOf(')', i);
                if (close < 0) {
                    out.append(c);
                    continue;
                }
                out.append("\\k<").append(re, i + 4, close).append('>');
                i = close;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
