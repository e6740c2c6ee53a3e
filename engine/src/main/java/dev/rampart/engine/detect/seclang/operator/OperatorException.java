package dev.rampart.engine.detect.seclang.operator;

/** An operator that cannot be compiled (unknown name, bad argument, unreadable data file). */
public final class OperatorException extends Exception {
    public OperatorException(String message) {
        super(message);
    }
}
