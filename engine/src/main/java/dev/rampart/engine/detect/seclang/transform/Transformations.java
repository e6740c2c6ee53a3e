package dev.rampart.engine.detect.seclang.transform;

import java.util.Locale;
import java.util.Map;

/**
 * The ModSecurity 2.9.7 transformations by name. Names are case-insensitive, as ModSecurity's
 * APR table lookup. {@code none} is not a transformation (it clears the rule's inherited
 * transformations; the evaluator handles it): {@link #byName} gives null for it, as for unknown
 * names.
 */
public final class Transformations {
    private static final Map<String, Transformation> BY_NAME = Map.ofEntries(
            Map.entry("base64decode", new Base64Decode()),
            Map.entry("base64decodeext", new Base64DecodeExt()),
            Map.entry("base64encode", new Base64Encode()),
            Map.entry("cmdline", new CmdLine()),
            Map.entry("compresswhitespace", new CompressWhitespace()),
            Map.entry("cssdecode", new CssDecode()),
            Map.entry("escapeseqdecode", new EscapeSeqDecode()),
            Map.entry("hexdecode", new HexDecode()),
            Map.entry("hexencode", new HexEncode()),
            Map.entry("htmlentitydecode", new HtmlEntityDecode()),
            Map.entry("jsdecode", new JsDecode()),
            Map.entry("length", new Length()),
            Map.entry("lowercase", new Lowercase()),
            Map.entry("md5", new Md5()),
            Map.entry("normalisepath", new NormalizePath()),
            Map.entry("normalizepath", new NormalizePath()),
            Map.entry("normalisepathwin", new NormalizePathWin()),
            Map.entry("normalizepathwin", new NormalizePathWin()),
            Map.entry("parityeven7bit", new ParityEven7bit()),
            Map.entry("parityodd7bit", new ParityOdd7bit()),
            Map.entry("parityzero7bit", new ParityZero7bit()),
            Map.entry("removecomments", new RemoveComments()),
            Map.entry("removecommentschar", new RemoveCommentsChar()),
            Map.entry("removenulls", new RemoveNulls()),
            Map.entry("removewhitespace", new RemoveWhitespace()),
            Map.entry("replacecomments", new ReplaceComments()),
            Map.entry("replacenulls", new ReplaceNulls()),
            Map.entry("sha1", new Sha1()),
            Map.entry("sqlhexdecode", new SqlHexDecode()),
            Map.entry("trim", new Trim()),
            Map.entry("trimleft", new TrimLeft()),
            Map.entry("trimright", new TrimRight()),
            Map.entry("uppercase", new Uppercase()),
            Map.entry("urldecode", new UrlDecode()),
            Map.entry("urldecodeuni", new UrlDecodeUni()),
            Map.entry("urlencode", new UrlEncode()),
            Map.entry("utf8tounicode", new Utf8ToUnicode()));

    private Transformations() {
    }

    /** The transformation named {@code name} (any case), or null for unknown names and for {@code none}. */
    public static Transformation byName(String name) {
        return name == null ? null : BY_NAME.get(name.toLowerCase(Locale.ROOT));
    }
}
