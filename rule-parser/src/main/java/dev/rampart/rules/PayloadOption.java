package dev.rampart.rules;

/** An option that inspects a buffer (content, pcre, byte_test, isdataat, bsize, ...). */
public interface PayloadOption extends RuleOption {
    /** The inspection buffer this option applies to, with its transforms. */
    Buffer buffer();
}
