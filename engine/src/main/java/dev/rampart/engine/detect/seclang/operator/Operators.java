package dev.rampart.engine.detect.seclang.operator;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The operator registry: one line per ModSecurity operator name (case-insensitive, without '@'). */
public final class Operators {
    private Operators() {
    }

    @FunctionalInterface
    private interface Factory {
        Operator compile(String argument, Path dataDir) throws OperatorException;
    }

    private static final Map<String, Factory> FACTORIES = Map.ofEntries(
            Map.entry("rx", (a, d) -> Rx.compile(a)),
            Map.entry("pm", (a, d) -> Pm.compile(a)),
            Map.entry("pmfromfile", PmFromFile::compile),
            Map.entry("pmf", PmFromFile::compile),
            Map.entry("beginswith", (a, d) -> BeginsWith.compile(a)),
            Map.entry("endswith", (a, d) -> EndsWith.compile(a)),
            Map.entry("contains", (a, d) -> Contains.compile(a)),
            Map.entry("containsword", (a, d) -> ContainsWord.compile(a)),
            Map.entry("streq", (a, d) -> StrEq.compile(a)),
            Map.entry("strmatch", (a, d) -> StrMatch.compile(a)),
            Map.entry("within", (a, d) -> Within.compile(a)),
            Map.entry("eq", (a, d) -> Eq.compile(a)),
            Map.entry("ge", (a, d) -> Ge.compile(a)),
            Map.entry("gt", (a, d) -> Gt.compile(a)),
            Map.entry("le", (a, d) -> Le.compile(a)),
            Map.entry("lt", (a, d) -> Lt.compile(a)),
            Map.entry("ipmatch", (a, d) -> IpMatch.compile(a)),
            Map.entry("ipmatchfromfile", IpMatchFromFile::compile),
            Map.entry("ipmatchf", IpMatchFromFile::compile),
            Map.entry("validatebyterange", (a, d) -> ValidateByteRange.compile(a)),
            Map.entry("validateurlencoding", (a, d) -> ValidateUrlEncoding.compile(a)),
            Map.entry("validateutf8encoding", (a, d) -> ValidateUtf8Encoding.compile(a)),
            Map.entry("unconditionalmatch", (a, d) -> UnconditionalMatch.compile(a)),
            Map.entry("nomatch", (a, d) -> NoMatch.compile(a)),
            Map.entry("verifycc", (a, d) -> VerifyCc.compile(a)),
            Map.entry("detectsqli", unsupported("detectSQLi", "libinjection is not available")),
            Map.entry("detectxss", (a, d) -> DetectXss.compile(a)),
            Map.entry("rbl", unsupported("rbl", "no DNS lookups from a passive sensor")),
            Map.entry("geolookup", unsupported("geoLookup", "no SecGeoLookupDb support yet")),
            Map.entry("gsblookup", unsupported("gsbLookup", "Google Safe Browsing data is not available")),
            Map.entry("inspectfile", unsupported("inspectFile", "running external programs is not allowed")),
            Map.entry("verifycpf", unsupported("verifyCPF", "not implemented yet")),
            Map.entry("verifyssn", unsupported("verifySSN", "not implemented yet")),
            Map.entry("fuzzyhash", unsupported("fuzzyHash", "ssdeep is not available")));

    /**
     * Compiles operator {@code name} with its argument; {@code dataDir} is the rule file's
     * directory, against which data files are resolved.
     */
    public static Operator compile(String name, String argument, Path dataDir) throws OperatorException {
        Factory f = FACTORIES.get(name.toLowerCase(Locale.ROOT));
        if (f == null) {
            throw new OperatorException("Unknown operator: @" + name);
        }
        return f.compile(argument == null ? "" : argument, dataDir);
    }

    private static Factory unsupported(String name, String why) {
        return (a, d) -> {
            throw new OperatorException("@" + name + " is not supported: " + why);
        };
    }
}
