package dev.rampart.engine.detect.seclang.operator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ModSecurity's Aho-Corasick phrase matcher (ACMP) as @pm uses it, with its quirks kept so that
 * matches and TX.0 agree: letters fold with C tolower (ASCII only); a node's failure link is only
 * looked up one step (the parent's failure node's child, else the root), not along the whole
 * chain; a search stops at the first state that ends a phrase, or whose failure chain holds one,
 * and reports that state's own text (the prefix of the first phrase that created the node), which
 * for a suffix hit is a prefix of a longer phrase rather than the phrase found.
 */
final class Acmp {
    private static final class Node {
        /** While building; {@link #freeze} turns it into the arrays below and drops it. */
        Map<Integer, Node> children = new HashMap<>();
        /** A node with many children (the root): indexed by byte; else null. */
        Node[] table;
        /** Otherwise its children's letters and nodes, looked up by a scan (most nodes have one). */
        int[] letters = NO_LETTERS;
        Node[] kids = NO_NODES;
        final Node parent;
        final int letter;
        final String text;
        boolean last;
        Node fail;
        boolean otherMatch;

        Node(Node parent, int letter, String text) {
            this.parent = parent;
            this.letter = letter;
            this.text = text;
        }

        Node child(int letter) {
            Node[] t = table;
            if (t != null) {
                return t[letter];
            }
            int[] l = letters;
            for (int i = 0; i < l.length; i++) {
                if (l[i] == letter) {
                    return kids[i];
                }
            }
            return null;
        }

        /** Arrays instead of the build-time map: a search looks a child up per input byte. */
        void freeze() {
            int n = children.size();
            if (n > TABLE_FROM) {
                table = new Node[256];
                for (Map.Entry<Integer, Node> e : children.entrySet()) {
                    table[e.getKey()] = e.getValue();
                }
            } else if (n > 0) {
                letters = new int[n];
                kids = new Node[n];
                int i = 0;
                for (Map.Entry<Integer, Node> e : children.entrySet()) {
                    letters[i] = e.getKey();
                    kids[i++] = e.getValue();
                }
            }
            children = null;
        }
    }

    private static final int[] NO_LETTERS = {};
    private static final Node[] NO_NODES = {};
    /** Children above which a node gets a 256-entry table. */
    private static final int TABLE_FROM = 6;

    private final Node root = new Node(null, -1, "");

    Acmp(List<String> phrases) {
        for (String p : phrases) {
            Node parent = root;
            for (int i = 0; i < p.length(); i++) {
                int letter = fold(p.charAt(i));
                Node child = parent.children.get(letter);
                if (child == null) {
                    child = new Node(parent, letter, p.substring(0, i + 1));
                    parent.children.put(letter, child);
                }
                if (i == p.length() - 1) {
                    child.last = true;
                }
                parent = child;
            }
        }
        root.fail = root;
        List<Node> level = new ArrayList<>(root.children.values());
        while (!level.isEmpty()) {
            List<Node> next = new ArrayList<>();
            for (Node n : level) {
                n.fail = root;
                if (n.parent != root) {
                    Node g = n.parent.fail.children.get(n.letter);
                    n.fail = g != null ? g : root;
                }
                next.addAll(n.children.values());
            }
            level = next;
        }
        markOtherMatches(root);
        List<Node> all = new ArrayList<>(List.of(root));
        for (int i = 0; i < all.size(); i++) {
            all.addAll(all.get(i).children.values());
        }
        for (Node n : all) {
            n.freeze();
        }
    }

    private void markOtherMatches(Node node) {
        List<Node> stack = new ArrayList<>(List.of(node));
        while (!stack.isEmpty()) {
            Node n = stack.remove(stack.size() - 1);
            for (Node child : n.children.values()) {
                for (Node om = child.fail; om != null && om != root; om = om.fail) {
                    if (om.last) {
                        child.otherMatch = true;
                        break;
                    }
                }
                stack.add(child);
            }
        }
    }

    /** The reported text of the first hit (see the class comment), or null when none. */
    String find(String text) {
        Node node = root;
        for (int i = 0; i < text.length(); i++) {
            int letter = fold(text.charAt(i));
            Node go = null;
            while (go == null) {
                go = node.child(letter);
                if (go != null && go.last) {
                    return go.text;
                }
                if (node == root) {
                    break;
                }
                if (go == null) {
                    node = node.fail;
                }
            }
            if (go != null) {
                node = go;
            }
            if (node.otherMatch) {
                return node.text;
            }
        }
        return null;
    }

    private static int fold(char c) {
        int b = c & 0xFF;
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }
}
