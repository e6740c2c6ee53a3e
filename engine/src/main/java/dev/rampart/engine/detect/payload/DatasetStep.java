package dev.rampart.engine.detect.payload;

import dev.rampart.rules.keyword.payload.DatasetOption;

/**
 * dataset: the whole buffer looked up in (isset/isnotset), added to (set: matches when it was
 * new) or removed from (unset: matches when it was there) a shared {@link Dataset}. Like bsize,
 * its outcome does not depend on where earlier keywords matched.
 */
final class DatasetStep extends InspectStep {
    final DatasetOption.Command command;
    final Dataset set;

    DatasetStep(DatasetOption.Command command, Dataset set) {
        this.command = command;
        this.set = set;
    }

    @Override
    int inspect(PayloadProgram program, int index, InspectScratch s) {
        boolean hit = switch (command) {
            case ISSET -> set.contains(s.data, s.base, s.len);
            case ISNOTSET -> !set.contains(s.data, s.base, s.len);
            case SET -> set.add(s.data, s.base, s.len);
            case UNSET -> set.remove(s.data, s.base, s.len);
        };
        return hit ? program.next(index, s) : DISCONTINUE;
    }
}
