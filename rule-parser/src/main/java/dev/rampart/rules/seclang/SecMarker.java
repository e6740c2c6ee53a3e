package dev.rampart.rules.seclang;

/** {@code SecMarker NAME}: a target for skipAfter. */
public record SecMarker(String file, int line, String name) implements SecDirective {
}
