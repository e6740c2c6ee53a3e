package dev.rampart.rules;

/**
 * A buffer transform ({@code to_lowercase}, {@code dotprefix}, {@code pcrexform}, ...). Transforms
 * are part of the {@link Buffer} they follow, not items of the rule's option list.
 */
public interface TransformOption extends RuleOption {
}
