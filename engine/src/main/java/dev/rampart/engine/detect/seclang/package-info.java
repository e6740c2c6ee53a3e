/**
 * ModSecurity SecLang rules (OWASP CRS) on passively observed HTTP transactions: the rules parsed
 * by {@code dev.rampart.rules.seclang} are compiled here and evaluated per transaction in
 * ModSecurity's phases (1 request headers, 2 request body, 3 response headers, 4 response body).
 * Values are byte strings held as Latin-1 {@code String}s (one char per byte), as ModSecurity
 * works on bytes. {@code transform}: the t: transformations; {@code operator}: the @ operators;
 * {@code variable}: the request and response variables (ARGS, REQUEST_HEADERS, FILES, ...) and
 * the body processors that fill them.
 */
package dev.rampart.engine.detect.seclang;
