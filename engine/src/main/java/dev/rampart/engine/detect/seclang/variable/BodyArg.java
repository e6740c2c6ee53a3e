package dev.rampart.engine.detect.seclang.variable;

/**
 * One request argument as ModSecurity keeps it in {@code msr->arguments}: name, value and origin
 * ({@code QUERY_STRING}, {@code BODY} for urlencoded and multipart bodies, {@code JSON}). The
 * origin decides membership in ARGS_GET / ARGS_POST: JSON arguments are in ARGS only.
 */
record BodyArg(String name, String value, String origin) {

    static final String QUERY = "QUERY_STRING";
    static final String BODY = "BODY";
    static final String JSON = "JSON";

    /** ModSecurity's default SecArgumentsLimit. */
    static final int LIMIT = 1000;
}
