package io.github.cimflow.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.CimflowException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshNocTest {
    private static final MeshNoc DEFAULT = new MeshNoc(HardwarePresets.preset(ArchParams.DEFAULT));

    @TempDir
    Path folder;

    @Test
    void cornerToCornerCrossesFourteenLinks() {
        assertEquals(14, DEFAULT.hops(0, 63));
    }

    @Test
    void routeGoesAlongRowThenColumn() {
        // Core 10 is row 1, column 2: two links east, then one south.
        assertEquals(List.of(new MeshNoc.Link(0, 1), new MeshNoc.Link(1, 2), new MeshNoc.Link(2, 10)),
                DEFAULT.route(0, 10));
    }

    @Test
    void routeBackwardsGoesWestAndNorth() {
        assertEquals(List.of(new MeshNoc.Link(10, 9), new MeshNoc.Link(9, 1)), DEFAULT.route(10, 1));
    }

    @Test
    void globalMemorySharesCore27Router() {
        // Core 0 (row 0, column 0) to core 27 (row 3, column 3) is 3 links east and 3 south.
        assertEquals(6, DEFAULT.hops(0, MeshNoc.GLOBAL_MEMORY));
        assertEquals(0, DEFAULT.hops(27, MeshNoc.GLOBAL_MEMORY));
        assertEquals(new MeshNoc.Link(27, 28), DEFAULT.route(MeshNoc.GLOBAL_MEMORY, 63).get(0));
        assertEquals(8, DEFAULT.route(MeshNoc.GLOBAL_MEMORY, 63).size());
    }

    @Test
    void globalMemoryBesideItsCoreCostsOneHop() {
        assertEquals(2, DEFAULT.latencyCyclesPerFlit(27, MeshNoc.GLOBAL_MEMORY));
        assertEquals(20.37, DEFAULT.energyPicojoulesPerFlit(MeshNoc.GLOBAL_MEMORY, 27), 1e-9);
    }

    @Test
    void latencyIsTwoPlusHops() {
        assertEquals(3, DEFAULT.latencyCyclesPerFlit(0, 1));
        assertEquals(16, DEFAULT.latencyCyclesPerFlit(0, 63));
    }

    @Test
    void energyPerHopAndForSelf() {
        assertEquals(14 * 20.37, DEFAULT.energyPicojoulesPerFlit(0, 63), 1e-9);
        assertEquals(20.37, DEFAULT.energyPicojoulesPerFlit(5, 5), 1e-9);
        assertEquals(0, DEFAULT.hops(5, 5));
    }

    @Test
    void singleCoreReachesGlobalMemory() {
        MeshNoc noc = new MeshNoc(HardwarePresets.preset(new ArchParams(8, 16, 16, 1)));

        assertEquals(List.of(), noc.route(0, MeshNoc.GLOBAL_MEMORY));
        assertEquals(2, noc.latencyCyclesPerFlit(MeshNoc.GLOBAL_MEMORY, 0));
    }

    @Test
    void unknownNodeIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> DEFAULT.hops(0, 64));

        assertEquals("NoC node 64 does not exist; use 0 to 63 for cores or -1 for the global memory",
                error.getMessage());
    }

    private HardwareConfig fourCoresWithTable(String table) throws Exception {
        Files.createDirectories(folder.resolve("network"));
        Files.writeString(folder.resolve("network/table.json"), table);
        HardwareConfig preset = HardwarePresets.preset(new ArchParams(8, 16, 16, 4));
        Path file = folder.resolve("hw.json");
        HardwareConfigJson.write(preset, file);
        String json = Files.readString(file).replace("\"bus_width_byte\": 16,",
                "\"bus_width_byte\": 16,\n      \"network_config_file_path\": \"network/table.json\",");
        Files.writeString(file, json);
        return HardwareConfigJson.read(file);
    }

    private static String table(int base) {
        StringBuilder latency = new StringBuilder();
        StringBuilder energy = new StringBuilder();
        for (int src = -1; src < 4; src++) {
            latency.append(src == -1 ? "" : ",").append('"').append(src).append("\":{");
            energy.append(src == -1 ? "" : ",").append('"').append(src).append("\":{");
            for (int dst = -1; dst < 4; dst++) {
                String separator = dst == -1 ? "" : ",";
                latency.append(separator).append('"').append(dst).append("\":").append(base + src + dst);
                energy.append(separator).append('"').append(dst).append("\":").append(10.5 * (src + 2) + dst);
            }
            latency.append('}');
            energy.append('}');
        }
        return "{\"latency\":{" + latency + "},\"energy\":{" + energy + "}}";
    }

    @Test
    void tableFromConfigFolder() throws Exception {
        MeshNoc noc = new MeshNoc(fourCoresWithTable(table(10)));

        assertTrue(noc.usesTable());
        assertEquals(10 + 2 + 3, noc.latencyCyclesPerFlit(2, 3));
        assertEquals(10.5 * 4 + 3, noc.energyPicojoulesPerFlit(2, 3));
        assertEquals(10 - 1 + 0, noc.latencyCyclesPerFlit(MeshNoc.GLOBAL_MEMORY, 0));
        // Hops still follow the 2×2 mesh: core 0 to core 3 is one link east and one south.
        assertEquals(2, noc.hops(0, 3));
    }

    @Test
    void tableSurvivesOverrides() throws Exception {
        HardwareConfig config = fourCoresWithTable(table(10));

        HardwareConfig changed = HardwareConfigJson.applyOverrides(config, Map.of("sim_config.period_ns", 1.0));

        assertEquals(config.network(), changed.network());
    }

    @Test
    void tableWithFractionalLatencyIsRejected() throws Exception {
        String table = table(10).replaceFirst("\"0\":9", "\"0\":9.5");

        CimflowException error = assertThrows(CimflowException.class, () -> fourCoresWithTable(table));

        assertEquals(folder.resolve("network/table.json") + ": latency.-1.0: expected whole cycles per flit, found "
                + "9.5; round it to an integer", error.getMessage());
    }

    @Test
    void tableMissingAPairFailsValidation() throws Exception {
        // Latency 14 = 10 + 1 + 3 first appears as the last cell of row 1, so this drops latency[1][3].
        HardwareConfig config = fourCoresWithTable(table(10).replaceFirst(",\"3\":14}", "}"));

        assertEquals(List.of("chip_config.network_config.network_config_file_path: table network/table.json has no "
                + "latency[1][3] although core_cnt is 4; give every pair of cores and -1 (global memory)"),
                HardwareValidator.problems(config));
    }
}
