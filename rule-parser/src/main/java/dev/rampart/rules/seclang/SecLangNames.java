package dev.rampart.rules.seclang;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The names ModSecurity 2.9 registers (directives, variables, operators, actions,
 * transformations); it looks them up ignoring case and refuses to start on any other.
 */
final class SecLangNames {
    private SecLangNames() {
    }

    /** Directives kept as {@link SecSetting} (SecRule, SecAction, SecMarker and Include are read apart). */
    static final Set<String> SETTINGS = ci(
            "SecArgumentSeparator", "SecArgumentsLimit", "SecAuditEngine", "SecAuditLog", "SecAuditLog2",
            "SecAuditLogDirMode", "SecAuditLogFileMode", "SecAuditLogFormat", "SecAuditLogParts",
            "SecAuditLogRelevantStatus", "SecAuditLogStorageDir", "SecAuditLogType", "SecCacheTransformations",
            "SecChrootDir", "SecCollectionTimeout", "SecComponentSignature", "SecConnEngine",
            "SecConnReadStateLimit", "SecConnWriteStateLimit", "SecContentInjection", "SecCookieFormat",
            "SecCookieV0Separator", "SecDataDir", "SecDebugLog", "SecDebugLogLevel", "SecDefaultAction",
            "SecDisableBackendCompression", "SecGeoLookupDb", "SecGsbLookupDb", "SecGuardianLog",
            "SecHashEngine", "SecHashKey", "SecHashMethodPm", "SecHashMethodRx", "SecHashParam",
            "SecHttpBlKey", "SecInterceptOnError", "SecPcreMatchLimit", "SecPcreMatchLimitRecursion",
            "SecReadStateLimit", "SecRemoteRules", "SecRemoteRulesFailAction", "SecRequestBodyAccess",
            "SecRequestBodyInMemoryLimit", "SecRequestBodyJsonDepthLimit", "SecRequestBodyLimit",
            "SecRequestBodyLimitAction", "SecRequestBodyNoFilesLimit", "SecRequestEncoding",
            "SecResponseBodyAccess", "SecResponseBodyLimit", "SecResponseBodyLimitAction",
            "SecResponseBodyMimeType", "SecResponseBodyMimeTypesClear", "SecRuleEngine", "SecRuleInheritance",
            "SecRulePerfTime", "SecRuleRemoveById", "SecRuleRemoveByMsg", "SecRuleRemoveByTag",
            "SecRuleScript", "SecRuleUpdateActionById", "SecRuleUpdateTargetById", "SecRuleUpdateTargetByMsg",
            "SecRuleUpdateTargetByTag", "SecSensorId", "SecServerSignature", "SecStatusEngine",
            "SecStreamInBodyInspection", "SecStreamOutBodyInspection", "SecTmpDir", "SecTmpSaveUploadedFiles",
            "SecUnicodeCodePage", "SecUnicodeMapFile", "SecUploadDir", "SecUploadFileLimit",
            "SecUploadFileMode", "SecUploadKeepFiles", "SecWebAppId", "SecWriteStateLimit",
            "SecXmlExternalEntity");

    /** Variable name to {@code [kind, argMin, argMax]}: kind 0 simple, 1 collection. */
    static final Map<String, int[]> VARIABLES = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static {
        // Collections taking an optional key.
        for (String v : new String[] {"ARGS", "ARGS_GET", "ARGS_GET_NAMES", "ARGS_NAMES", "ARGS_POST",
                "ARGS_POST_NAMES", "ENV", "FILES", "FILES_SIZES", "FILES_TMPNAMES", "FILES_TMP_CONTENT", "GEO",
                "MATCHED_VARS", "MATCHED_VARS_NAMES", "MULTIPART_PART_HEADERS", "PERF_RULES", "REQUEST_COOKIES",
                "REQUEST_COOKIES_NAMES", "REQUEST_HEADERS", "REQUEST_HEADERS_NAMES", "RESPONSE_HEADERS",
                "RESPONSE_HEADERS_NAMES", "XML"}) {
            VARIABLES.put(v, new int[] {1, 0, 1});
        }
        // Collections that must be given a key (persistent collections, TX, RULE).
        for (String v : new String[] {"GLOBAL", "IP", "RESOURCE", "RULE", "SESSION", "TX", "USER"}) {
            VARIABLES.put(v, new int[] {1, 1, 1});
        }
        // Collections without keys.
        for (String v : new String[] {"ARGS_COMBINED_SIZE", "FILES_COMBINED_SIZE", "FILES_NAMES",
                "WEBSERVER_ERROR_LOG"}) {
            VARIABLES.put(v, new int[] {1, 0, 0});
        }
        for (String v : new String[] {"AUTH_TYPE", "DURATION", "FULL_REQUEST", "FULL_REQUEST_LENGTH",
                "HIGHEST_SEVERITY", "INBOUND_DATA_ERROR", "MATCHED_VAR", "MATCHED_VAR_NAME", "MODSEC_BUILD",
                "MSC_PCRE_LIMITS_EXCEEDED", "MULTIPART_BOUNDARY_QUOTED", "MULTIPART_BOUNDARY_WHITESPACE",
                "MULTIPART_CRLF_LF_LINES", "MULTIPART_CRLF_LINE", "MULTIPART_DATA_AFTER", "MULTIPART_DATA_BEFORE",
                "MULTIPART_FILE_LIMIT_EXCEEDED", "MULTIPART_FILENAME", "MULTIPART_HEADER_FOLDING",
                "MULTIPART_INVALID_HEADER_FOLDING", "MULTIPART_INVALID_PART", "MULTIPART_INVALID_QUOTING",
                "MULTIPART_LF_LINE", "MULTIPART_MISSING_SEMICOLON", "MULTIPART_NAME", "MULTIPART_STRICT_ERROR",
                "MULTIPART_UNMATCHED_BOUNDARY", "OUTBOUND_DATA_ERROR", "PATH_INFO", "PERF_ALL", "PERF_COMBINED",
                "PERF_GC", "PERF_LOGGING", "PERF_PHASE1", "PERF_PHASE2", "PERF_PHASE3", "PERF_PHASE4",
                "PERF_PHASE5", "PERF_SREAD", "PERF_SWRITE", "QUERY_STRING", "REMOTE_ADDR", "REMOTE_HOST",
                "REMOTE_PORT", "REMOTE_USER", "REQBODY_ERROR", "REQBODY_ERROR_MSG", "REQBODY_PROCESSOR",
                "REQBODY_PROCESSOR_ERROR", "REQBODY_PROCESSOR_ERROR_MSG", "REQUEST_BASENAME", "REQUEST_BODY",
                "REQUEST_BODY_LENGTH", "REQUEST_FILENAME", "REQUEST_LINE", "REQUEST_METHOD", "REQUEST_PROTOCOL",
                "REQUEST_URI", "REQUEST_URI_RAW", "RESPONSE_BODY", "RESPONSE_CONTENT_LENGTH",
                "RESPONSE_CONTENT_TYPE", "RESPONSE_PROTOCOL", "RESPONSE_STATUS", "SCRIPT_BASENAME",
                "SCRIPT_FILENAME", "SCRIPT_GID", "SCRIPT_GROUPNAME", "SCRIPT_MODE", "SCRIPT_UID",
                "SCRIPT_USERNAME", "SDBM_DELETE_ERROR", "SERVER_ADDR", "SERVER_NAME", "SERVER_PORT",
                "SESSIONID", "STATUS_LINE", "STREAM_INPUT_BODY", "STREAM_OUTPUT_BODY", "TIME", "TIME_DAY",
                "TIME_EPOCH", "TIME_HOUR", "TIME_MIN", "TIME_MON", "TIME_SEC", "TIME_WDAY", "TIME_YEAR",
                "UNIQUE_ID", "URLENCODED_ERROR", "USERAGENT_IP", "USERID", "WEBAPPID"}) {
            VARIABLES.put(v, new int[] {0, 0, 0});
        }
    }

    static final Set<String> OPERATORS = ci(
            "beginsWith", "contains", "containsWord", "detectSQLi", "detectXSS", "endsWith", "eq", "fuzzyHash",
            "ge", "geoLookup", "gsbLookup", "gt", "inspectFile", "ipMatch", "ipMatchF", "ipMatchFromFile", "le",
            "lt", "noMatch", "pm", "pmf", "pmFromFile", "rbl", "rsub", "rx", "streq", "strmatch",
            "unconditionalMatch", "validateByteRange", "validateDTD", "validateEncryption", "validateHash",
            "validateSchema", "validateUrlEncoding", "validateUtf8Encoding", "verifyCC", "verifyCPF",
            "verifySSN", "within");

    /** Action name to {@code [argMin, argMax]}. */
    static final Map<String, int[]> ACTIONS = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static {
        for (String a : new String[] {"chain", "log", "nolog", "auditlog", "noauditlog", "block", "deny", "drop",
                "pass", "capture", "multiMatch", "sanitiseMatched", "sanitizeMatched"}) {
            ACTIONS.put(a, new int[] {0, 0});
        }
        for (String a : new String[] {"allow", "sanitiseMatchedBytes", "sanitizeMatchedBytes"}) {
            ACTIONS.put(a, new int[] {0, 1});
        }
        for (String a : new String[] {"id", "rev", "msg", "logdata", "severity", "status", "pause", "redirect",
                "proxy", "skip", "skipAfter", "phase", "t", "ctl", "xmlns", "sanitiseArg", "sanitizeArg",
                "sanitiseRequestHeader", "sanitizeRequestHeader", "sanitiseResponseHeader",
                "sanitizeResponseHeader", "setenv", "setvar", "expirevar", "deprecatevar", "initcol", "setsid",
                "setuid", "setrsc", "exec", "tag", "prepend", "append", "ver", "maturity", "accuracy"}) {
            ACTIONS.put(a, new int[] {1, 1});
        }
    }

    static final Set<String> TRANSFORMATIONS = ci(
            "base64Decode", "base64DecodeExt", "base64Encode", "cmdLine", "compressWhitespace", "cssDecode",
            "escapeSeqDecode", "hexDecode", "hexEncode", "htmlEntityDecode", "jsDecode", "length", "lowercase",
            "md5", "none", "normalisePath", "normalizePath", "normalisePathWin", "normalizePathWin",
            "parityEven7bit", "parityOdd7bit", "parityZero7bit", "removeComments", "removeCommentsChar",
            "removeNulls", "removeWhitespace", "replaceComments", "replaceNulls", "sha1", "sqlHexDecode", "trim",
            "trimLeft", "trimRight", "uppercase", "urlDecode", "urlDecodeUni", "urlEncode", "utf8toUnicode");

    /** Phase names ModSecurity accepts besides 1..5. */
    static String phase(String v) {
        String p = v.trim().toLowerCase(Locale.ROOT);
        return switch (p) {
            case "1", "2", "3", "4", "5" -> p;
            case "request" -> "2";
            case "response" -> "4";
            case "logging" -> "5";
            default -> null;
        };
    }

    private static Set<String> ci(String... names) {
        Set<String> s = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        s.addAll(java.util.List.of(names));
        return s;
    }
}
