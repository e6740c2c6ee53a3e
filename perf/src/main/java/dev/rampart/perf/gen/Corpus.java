package dev.rampart.perf.gen;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Body bytes, made once from the seed and shared by every message: a pool of HTML-like text, a
 * pool of random bytes (images, downloads, TLS ciphertext) and a set of gzip-compressed texts.
 * Messages refer to slices of the pools instead of copying them, which keeps memory bounded.
 */
final class Corpus {
    static final int TEXT_SIZE = 2 << 20;
    static final int BINARY_SIZE = 3 << 20;
    private static final int GZIP_ENTRIES = 48;

    private static final String[] WORDS = {
        "the", "network", "of", "and", "a", "to", "in", "is", "you", "that", "it", "he", "was", "for", "on", "are",
        "as", "with", "his", "they", "at", "be", "this", "have", "from", "or", "one", "had", "by", "word", "but",
        "not", "what", "all", "were", "we", "when", "your", "can", "said", "there", "use", "an", "each", "which",
        "she", "do", "how", "their", "if", "will", "up", "other", "about", "out", "many", "then", "them", "these",
        "so", "some", "her", "would", "make", "like", "him", "into", "time", "has", "look", "two", "more", "write",
        "go", "see", "number", "no", "way", "could", "people", "my", "than", "first", "water", "been", "call",
        "who", "oil", "its", "now", "find", "long", "down", "day", "did", "get", "come", "made", "may", "part",
        "weather", "recipe", "market", "server", "update", "package", "library", "article", "comment", "price",
    };
    private static final String[] TAGS = {"p", "div", "span", "li", "h2", "td", "a", "em", "section"};

    final byte[] text;
    final byte[] binary;
    /** gzip member bytes of a text slice each. */
    final byte[][] gzip;

    Corpus(SplittableRandom rng) {
        text = makeText(rng);
        binary = new byte[BINARY_SIZE];
        rng.nextBytes(binary);
        gzip = new byte[GZIP_ENTRIES][];
        for (int i = 0; i < GZIP_ENTRIES; i++) {
            int len = logUniform(rng, 1024, 160 * 1024);
            int off = rng.nextInt(text.length - len);
            gzip[i] = gzip(text, off, len);
        }
    }

    private static byte[] makeText(SplittableRandom rng) {
        StringBuilder sb = new StringBuilder(TEXT_SIZE + 256);
        while (sb.length() < TEXT_SIZE) {
            String tag = TAGS[rng.nextInt(TAGS.length)];
            sb.append('<').append(tag);
            if (rng.nextInt(4) == 0) {
                sb.append(" class=\"c").append(rng.nextInt(400)).append('"');
            }
            sb.append('>');
            int words = 3 + rng.nextInt(40);
            for (int w = 0; w < words; w++) {
                if (w > 0) {
                    sb.append(' ');
                }
                sb.append(WORDS[rng.nextInt(WORDS.length)]);
            }
            sb.append("</").append(tag).append(">\n");
        }
        sb.setLength(TEXT_SIZE);
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] gzip(byte[] b, int off, int len) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(len / 3 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b, off, len);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A random value in [min, max), uniform in its logarithm (many small, some large). */
    static int logUniform(SplittableRandom rng, int min, int max) {
        double l = Math.log(min) + rng.nextDouble() * (Math.log(max) - Math.log(min));
        return (int) Math.min(max - 1, Math.max(min, Math.exp(l)));
    }
}
