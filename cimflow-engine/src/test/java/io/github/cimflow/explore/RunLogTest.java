package io.github.cimflow.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunLogTest {
    private final List<String> console = new ArrayList<>();

    @Test
    void infoLevelKeepsInfoEchoesWarnings() {
        RunLog log = new RunLog("INFO", "r", console::add);
        log.log("DEBUG", "d");
        log.log("INFO", "i");
        log.log("WARNING", "w");
        assertEquals(List.of("INFO: i", "WARNING: w"), log.lines());
        assertEquals(List.of("WARNING: r: w"), console);
    }

    @Test
    void verboseLevelEchoesEveryKeptLine() {
        RunLog log = new RunLog("VERBOSE", "r", console::add);
        log.log("TRACE", "t");
        log.log("VERBOSE", "v");
        log.log("INFO", "i");
        assertEquals(List.of("VERBOSE: v", "INFO: i"), log.lines());
        assertEquals(List.of("VERBOSE: r: v", "INFO: r: i"), console);
    }

    @Test
    void errorLevelDropsWarnings() {
        RunLog log = new RunLog("ERROR", "r", console::add);
        log.log("WARNING", "w");
        log.log("ERROR", "e");
        assertEquals(List.of("ERROR: e"), log.lines());
        assertEquals(List.of("ERROR: r: e"), console);
    }

    @Test
    void runLevelWinsOverCommandLevel() {
        RunSpec own = new RunSpec(null, null, 8, 16, 16, 64, 1, "dp", null, null, null, "", false, "DEBUG");
        RunSpec none = new RunSpec(null, null, 8, 16, 16, 64, 1, "dp", null, null, null, "", false, null);
        assertEquals("DEBUG", RunLog.levelOf(own, "WARNING"));
        assertEquals("WARNING", RunLog.levelOf(none, "WARNING"));
        assertEquals("INFO", RunLog.levelOf(none, null));
    }

    @Test
    void lineLevelFromPrefix() {
        assertEquals("DEBUG", RunLog.levelOfLine("DEBUG: run x failed"));
        assertEquals("INFO", RunLog.levelOfLine("[1/4] B8_batch1  latency=0.52 ms"));
    }
}
