package dev.rampart.engine.detect.seclang.operator;

import java.util.Map;
import java.util.TreeMap;

/** A context recording captures, expanding %{name} from a map. */
final class TestContext implements OperatorContext {
    final Map<Integer, String> captures = new TreeMap<>();
    final Map<String, String> vars = new TreeMap<>();
    final boolean capturing;

    TestContext(boolean capturing) {
        this.capturing = capturing;
    }

    @Override
    public String expand(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int s = text.indexOf("%{", i);
            int e = s < 0 ? -1 : text.indexOf('}', s);
            if (e < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, s).append(vars.getOrDefault(text.substring(s + 2, e).toLowerCase(), ""));
            i = e + 1;
        }
        return out.toString();
    }

    @Override
    public boolean capturing() {
        return capturing;
    }

    @Override
    public void capture(int index, String value) {
        captures.put(index, value);
    }
}
