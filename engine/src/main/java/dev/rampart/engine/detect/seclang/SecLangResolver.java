package dev.rampart.engine.detect.seclang;

import dev.rampart.engine.detect.seclang.operator.Operator;
import dev.rampart.engine.detect.seclang.operator.OperatorException;
import dev.rampart.engine.detect.seclang.transform.Transformation;
import java.nio.file.Path;

/** Where the rule compiler finds transformations, operators and the variables it may name. */
public interface SecLangResolver {
    /** The transformation of that name (case-insensitive), or null when unknown; never asked for {@code none}. */
    Transformation transformation(String name);

    /** Compiles an operator; {@code dataDir} is the rule file's directory (data files are relative to it). */
    Operator operator(String name, String argument, Path dataDir) throws OperatorException;

    /** Whether a variable or collection of that upper-case name is provided by the transaction's variables. */
    boolean providesVariable(String name);
}
