package dev.rampart.rules.seclang;

/**
 * The operator of a SecRule, e.g. {@code "@rx ^foo"}, {@code "!@within %{tx.allowed_methods}"}.
 * A rule written without an operator name ({@code "^foo"}) is {@code rx}.
 *
 * @param name     the operator name without '@', as written (e.g. {@code pmFromFile}); compare ignoring case
 * @param argument the text after the name and the whitespace that follows it, as ModSecurity skips it
 *                 (may be empty; macros not expanded)
 * @param negated  written with a leading '!'
 */
public record SecOperator(String name, String argument, boolean negated) {
}
