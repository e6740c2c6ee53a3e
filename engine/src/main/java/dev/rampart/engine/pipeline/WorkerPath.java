package dev.rampart.engine.pipeline;

import dev.rampart.capture.CaptureStats;
import dev.rampart.capture.FrameHandler;
import java.util.Map;

/** What one pipeline worker runs: a {@link PacketPath} (tests give slow or failing stand-ins). */
public interface WorkerPath extends FrameHandler {
    /** End of input: ends every flow (on the worker's own thread). */
    void finish();

    /** Counters as {@link PacketPath#stats}. */
    Map<String, Object> stats(CaptureStats capture);

    /** Alerts raised so far (the pipeline reads it around each frame to time alerts). */
    long alertCount();
}
