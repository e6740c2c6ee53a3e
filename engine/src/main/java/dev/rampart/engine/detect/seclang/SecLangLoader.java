package dev.rampart.engine.detect.seclang;

import dev.rampart.engine.detect.seclang.operator.Operator;
import dev.rampart.engine.detect.seclang.operator.OperatorException;
import dev.rampart.engine.detect.seclang.operator.Operators;
import dev.rampart.engine.detect.seclang.transform.Transformation;
import dev.rampart.engine.detect.seclang.transform.Transformations;
import dev.rampart.engine.detect.seclang.variable.HttpVariables;
import dev.rampart.rules.seclang.SecDirective;
import dev.rampart.rules.seclang.SecLangException;
import dev.rampart.rules.seclang.SecLangParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Loads SecLang configuration files (files, directories of *.conf, Include) into a compiled rule set. */
public final class SecLangLoader {

    /** The engine's transformations, operators and HTTP variables. */
    public static final SecLangResolver STANDARD = new SecLangResolver() {
        @Override
        public Transformation transformation(String name) {
            return Transformations.byName(name);
        }

        @Override
        public Operator operator(String name, String argument, Path dataDir) throws OperatorException {
            return Operators.compile(name, argument, dataDir);
        }

        @Override
        public boolean providesVariable(String name) {
            return HttpVariables.provided().contains(name);
        }
    };

    private SecLangLoader() {
    }

    /**
     * Parses and compiles the files in order. A file that does not parse is an error (as
     * ModSecurity refuses to start); a rule that parses but cannot be compiled is left out and
     * listed in {@link SecLangRules#problems()}.
     */
    public static SecLangRules load(List<Path> paths) throws IOException, SecLangException {
        return load(paths, null);
    }

    /** As {@link #load(List)}, with the @rx prefilter databases cached in {@code cacheDir} (null: not cached). */
    public static SecLangRules load(List<Path> paths, Path cacheDir) throws IOException, SecLangException {
        List<SecDirective> directives = SecLangParser.parseFiles(paths);
        return SecLangRules.compile(directives, STANDARD, cacheDir);
    }
}
