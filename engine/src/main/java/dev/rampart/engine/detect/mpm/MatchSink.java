package dev.rampart.engine.detect.mpm;

/** Receives the ids of patterns found by one scan; each id at most once per scan. */
@FunctionalInterface
public interface MatchSink {
    void onMatch(int patternId);
}
