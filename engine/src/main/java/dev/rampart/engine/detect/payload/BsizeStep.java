package dev.rampart.engine.detect.payload;

import dev.rampart.rules.keyword.Uint;

/** bsize: a condition on the length of the whole buffer; its outcome never depends on earlier keywords. */
final class BsizeStep extends InspectStep {
    final Uint size;

    BsizeStep(Uint size) {
        this.size = size;
    }

    @Override
    int inspect(PayloadProgram program, int index, InspectScratch s) {
        return size.matches(s.len) ? program.next(index, s) : DISCONTINUE;
    }
}
