package dev.rampart.console;

/** The page bound the tests hold the API to. */
final class JournalIndexLimits {
    static final int MAX_PAGE = dev.rampart.console.journal.JournalIndex.MAX_PAGE;

    private JournalIndexLimits() {
    }
}
