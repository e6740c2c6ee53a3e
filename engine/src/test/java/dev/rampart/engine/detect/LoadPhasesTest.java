package dev.rampart.engine.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoadPhasesTest {

    @Test
    void phasesFollowEachOtherInOrder() {
        LoadPhases phases = new LoadPhases();
        long sink = 0;
        for (int i = 0; i < 200_000; i++) {
            sink += Integer.toString(i).hashCode();
        }
        phases.mark("first");
        phases.mark("second");
        phases.add("measured elsewhere", 2_000_000_000L, 1_500_000_000L);
        List<LoadPhases.Phase> list = phases.phases();
        assertEquals(List.of("first", "second", "measured elsewhere"), list.stream().map(LoadPhases.Phase::name).toList());
        assertTrue(list.get(0).wallNanos() > 0, "work took wall time " + sink);
        assertTrue(list.get(1).wallNanos() >= 0 && list.get(1).cpuNanos() >= 0);
        assertTrue(phases.summary().endsWith("measured elsewhere 2.00 s (CPU 1.50 s)"), phases.summary());
    }

    @Test
    void addAllAppendsAnotherRecordsPhases() {
        LoadPhases outer = new LoadPhases();
        outer.add("read", 1, 1);
        LoadPhases inner = new LoadPhases();
        inner.add("compile", 2, 2);
        outer.addAll(inner);
        assertEquals(List.of("read", "compile"), outer.phases().stream().map(LoadPhases.Phase::name).toList());
    }
}
