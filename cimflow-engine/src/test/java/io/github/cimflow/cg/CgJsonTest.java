package io.github.cimflow.cg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cimflow.CimflowException;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwarePresets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CgJsonTest {
    private static CgProgram smallProgram() {
        return GraphCompiler.compile(TestGraphs.smallChain(), HardwarePresets.preset(new ArchParams(8, 16, 16, 4)), 2,
                Strategy.DP);
    }

    @Test
    void fileNameFollowsCimflow() {
        CgMetadata metadata = new CgMetadata(1, "resnet18", "dp", ArchParams.DEFAULT, 8, "", List.of());
        assertEquals("instructions_resnet18_dp_T8_K16_B16_C64_batch8.json", CgJson.fileName(metadata));
    }

    @Test
    void roundTripKeepsEveryValue() {
        CgProgram program = smallProgram();
        assertEquals(program, CgJson.read(CgJson.write(program), "test"));
    }

    @Test
    void layoutIsCimflows() throws Exception {
        JsonNode root = new ObjectMapper().readTree(CgJson.write(smallProgram()));
        List<String> keys = new ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("metadata", "core_0_0", "core_0_1", "core_1_0", "core_1_1"), keys);
        assertTrue(root.path("metadata").path("op_count").canConvertToLong());
        JsonNode stage = root.path("core_0_0").path("stages").path("0");
        assertTrue(stage.path("cluster_id").isTextual());
        assertTrue(stage.path("weight_replica_id").isInt());
        assertEquals("read", stage.path("instructions").get(0).path("op").asText());
        assertEquals("weight", stage.path("instructions").get(0).path("attr").path("tensor_type").asText());
    }

    @Test
    void idleCoreHasNumericClusterId() throws Exception {
        CgProgram program = GraphCompiler.compile(TestGraphs.mlp(), HardwarePresets.preset(new ArchParams(8, 16, 16, 16)),
                1, Strategy.BASELINE2);
        // 4 + 2 + 1 cores for 256, 128 and 10 channels in one stage: core (3,3) is idle.
        assertEquals("-1", program.cores().get(15).stages().get(0).clusterId());
        JsonNode root = new ObjectMapper().readTree(CgJson.write(program));
        JsonNode idle = root.path("core_3_3").path("stages").path("0");
        assertTrue(idle.path("cluster_id").isInt());
        assertEquals(-1, idle.path("cluster_id").asInt());
    }

    @Test
    void invalidJsonNamesSource() {
        CimflowException error = assertThrows(CimflowException.class, () -> CgJson.read("{", "cg.json"));
        assertTrue(error.getMessage().startsWith("cg.json: invalid JSON"), error.getMessage());
    }

    @Test
    void unknownTopLevelKeyIsRejected() {
        CimflowException error = assertThrows(CimflowException.class,
                () -> CgJson.read("{\"metadata\": {\"op_count\": 1}, \"cores\": {}}", "cg.json"));
        assertEquals("cg.json: unknown key 'cores'; expected metadata or core_<row>_<col>", error.getMessage());
    }
}
