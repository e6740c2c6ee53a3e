package dev.rampart.rules.seclang;

/** One directive of a SecLang configuration, with where it was written. */
public sealed interface SecDirective permits SecRule, SecMarker, SecSetting {
    /** The file the directive came from (as given to the parser). */
    String file();

    /** The directive's first line in that file (1-based). */
    int line();
}
