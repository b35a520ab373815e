package io.github.cimflow.cg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.CimflowException;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwarePresets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CgVerifierTest {
    private static final HardwareConfig CHIP = HardwarePresets.preset(new ArchParams(8, 16, 16, 4));

    /** Two cores: core 0 sends a 1×4×2×2 slice to core 1, which writes it; the rest idle. */
    private static CgProgram program(UnaryOperator<List<CgOp>> sender, UnaryOperator<List<CgOp>> receiver) {
        List<CgOp> core0 = new ArrayList<>(List.of(
                op("read", Map.of("tensor_type", "weight", "shape", List.of(64, 16, 3, 3))),
                op("send", Map.of("dist_core_name", "core_0_1", "name", "t0", "shape", List.of(1, 4, 2, 2)))));
        List<CgOp> core1 = new ArrayList<>(List.of(
                op("read", Map.of("tensor_type", "weight", "shape", List.of(64, 16, 3, 3))),
                op("receive", Map.of("src_core_name", "core_0_0", "name", "t0", "shape", List.of(1, 4, 2, 2))),
                op("write", Map.of("tensor_type", "feature", "tensor", "y", "image", 0, "channel_offset", 0,
                        "shape", List.of(1, 4, 2, 2), "write_id", "y0"))));
        List<CgCore> cores = List.of(
                new CgCore(0, 0, List.of(new CgStage(0, "a", 0, sender.apply(core0)),
                        new CgStage(1, "-1", -1, List.of()))),
                new CgCore(0, 1, List.of(new CgStage(0, "b", 0, receiver.apply(core1)),
                        new CgStage(1, "-1", -1, List.of()))),
                new CgCore(1, 0, List.of(new CgStage(0, "-1", -1, List.of()), new CgStage(1, "c", 0, List.of(
                        op("read", Map.of("tensor_type", "feature", "tensor", "y", "image", 0, "channel_offset", 0,
                                "shape", List.of(1, 4, 2, 2))))))),
                new CgCore(1, 1, List.of(new CgStage(0, "-1", -1, List.of()), new CgStage(1, "-1", -1, List.of()))));
        return new CgProgram(new CgMetadata(0, "m", "dp", CHIP.archParams(), 1, "", List.of(1, 16, 4, 4)), cores);
    }

    private static CgOp op(String name, Map<String, Object> attr) {
        return new CgOp(name, attr);
    }

    private static List<String> check(CgProgram program) {
        return CgVerifier.check(program, CHIP, Set.of("x"));
    }

    @Test
    void wellFormedProgramPasses() {
        assertEquals(List.of(), check(program(ops -> ops, ops -> ops)));
    }

    @Test
    void missingReceiveIsReported() {
        List<String> problems = check(program(ops -> ops, ops -> List.of(ops.get(0), ops.get(2))));
        assertTrue(problems.contains("core_0_0 stage 0 instruction 1 (send): no receive named 't0' in stage 0"),
                problems.toString());
    }

    @Test
    void shapeMismatchIsReported() {
        List<String> problems = check(program(ops -> ops, ops -> {
            List<CgOp> changed = new ArrayList<>(ops);
            Map<String, Object> attr = new LinkedHashMap<>(ops.get(1).attr());
            attr.put("shape", List.of(1, 8, 2, 2));
            changed.set(1, op("receive", attr));
            return changed;
        }));
        assertTrue(problems.contains("core_0_0 stage 0 instruction 1 (send): sends shape [1, 4, 2, 2] but the "
                + "receive expects [1, 8, 2, 2]"), problems.toString());
    }

    @Test
    void readBeforeWriteIsReported() {
        List<String> problems = check(program(ops -> ops, ops -> List.of(ops.get(0), ops.get(1))));
        assertTrue(problems.contains("core_1_0 stage 1 instruction 0 (read): reads 'y' image 0 which no core "
                + "wrote before"), problems.toString());
    }

    @Test
    void sameStageReadWithoutWaitIsReported() {
        CgProgram base = program(ops -> ops, ops -> ops);
        List<CgCore> cores = new ArrayList<>(base.cores());
        CgOp read = cores.get(2).stages().get(1).instructions().get(0);
        cores.set(3, new CgCore(1, 1, List.of(new CgStage(0, "d", 0, List.of(read)),
                new CgStage(1, "-1", -1, List.of()))));
        List<String> problems = check(new CgProgram(base.metadata(), cores));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("core_1_1 stage 0 instruction 0 (read): reads 'y'")),
                problems.toString());
    }

    @Test
    void deadlockIsReported() {
        // Both cores receive before they send: neither transfer can start.
        List<String> problems = check(program(
                ops -> List.of(ops.get(0), op("receive", Map.of("src_core_name", "core_0_1", "name", "t1",
                        "shape", List.of(1, 1, 1, 1))), ops.get(1)),
                ops -> List.of(ops.get(0), ops.get(1), op("send", Map.of("dist_core_name", "core_0_0", "name", "t1",
                        "shape", List.of(1, 1, 1, 1))), ops.get(2))));
        assertTrue(problems.contains("core_0_0 stage 0 instruction 1 (receive): blocks forever (deadlock or "
                + "missing partner)"), problems.toString());
    }

    @Test
    void oversizedWeightSliceIsReported() {
        List<String> problems = check(program(ops -> {
            List<CgOp> changed = new ArrayList<>(ops);
            changed.set(0, op("read", Map.of("tensor_type", "weight", "shape", List.of(65, 1024, 3, 3))));
            return changed;
        }, ops -> ops));
        assertTrue(problems.contains("core_0_0 stage 0 instruction 0 (read): weight slice [65, 1024, 3, 3] needs 65 "
                + "output channels and 18 macro groups but a core has 64 channels and K=16 groups"), problems.toString());
    }

    @Test
    void verifyThrowsWithProblemCount() {
        CimflowException error = assertThrows(CimflowException.class, () -> CgVerifier.verify(
                program(ops -> ops, ops -> List.of(ops.get(0), ops.get(2))), CHIP, Set.of("x")));
        assertTrue(error.getMessage().startsWith("CG IR verification failed with "), error.getMessage());
    }
}
