package io.github.cimflow.op;

import static io.github.cimflow.op.CgPrograms.ints;
import static io.github.cimflow.op.CgPrograms.op;
import static io.github.cimflow.op.CgPrograms.program;
import static io.github.cimflow.op.CgPrograms.stage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.CimflowException;
import io.github.cimflow.cg.CgOp;
import io.github.cimflow.cg.CgProgram;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.isa.Instruction;
import io.github.cimflow.isa.Opcode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Instruction counts of tiny programs, counted by hand from the lowering rules in docs/op.md, and
 * the allocation failure messages.
 */
class OperatorCompilerTest {
    private static final ArchParams ONE_CORE = new ArchParams(8, 16, 16, 1);
    private static final ArchParams FOUR_CORES = new ArchParams(8, 16, 16, 4);

    private static CgOp readFeature(String tensor, int... shape) {
        return op("read", "tensor_type", "feature", "tensor", tensor, "image", 0, "channel_offset", 0,
                "shape", ints(shape));
    }

    private static CgOp write(String tensor, int... shape) {
        return op("write", "tensor_type", "feature", "tensor", tensor, "image", 0, "channel_offset", 0,
                "shape", ints(shape), "write_id", tensor + "0");
    }

    private static OpCompilation compile(ArchParams arch, List<List<io.github.cimflow.cg.CgStage>> stages) {
        CgProgram cg = program(arch, stages);
        return OperatorCompiler.compileWithStatistics(cg, HardwarePresets.preset(arch));
    }

    /**
     * A 1×1 convolution of a 2×2 map with 32 channels into 8: 62 instructions, 122 executed.
     * r31 ← 0 (1); weight load: 5 loads, loop head, 8 trips of copy, 2 adds, 2 loop (11 static,
     * 46 executed); parameters: 3 loads and a copy (4); feature read: one merged copy (4); kernel: 13
     * register loads, 11 special registers, 2 loop heads, per pixel MVM, CIM_OUT, VEC_QUANTIZE and
     * 2 adds (36 static, 25 + 2·(1 + 2·7 + 3) = 61 executed); write: one copy and TAG (6).
     */
    @Test
    void pointwiseConvTileCounts() {
        OpCompilation result = compile(ONE_CORE, List.of(List.of(stage(0,
                op("read", "tensor_type", "weight", "tensor", "w", "channel_offset", 0, "shape", ints(8, 32, 1, 1)),
                readFeature("x", 1, 32, 2, 2),
                op("conv", "X_shape", ints(1, 32, 2, 2), "W_shape", ints(8, 32, 1, 1), "input", "x", "output", "y",
                        "image", 0, "weight", "w", "channel_offset", 0),
                write("y", 1, 8, 2, 2)))));
        assertEquals(List.of(62L), result.statistics().staticInstructions());
        assertEquals(List.of(122L), result.statistics().dynamicInstructions());
    }

    /**
     * Core 0 reads and sends (1 + 4 + 6), core 1 receives, applies ReLU in place and writes
     * (1 + 6 + 7 + 6), cores 2 and 3 only clear r31.
     */
    @Test
    void sendReceivePairCounts() {
        OpCompilation result = compile(FOUR_CORES, List.of(
                List.of(stage(0, readFeature("x", 1, 8, 4, 4),
                        op("send", "tensor", "x", "image", 0, "channel_offset", 0, "shape", ints(1, 8, 4, 4),
                                "dist_core_name", "core_0_1", "name", "t0"))),
                List.of(stage(0, op("receive", "tensor", "x", "image", 0, "channel_offset", 0,
                                "shape", ints(1, 8, 4, 4), "src_core_name", "core_0_0", "name", "t0"),
                        op("relu", "shape", ints(1, 8, 4, 4), "inputs", List.of("x"), "output", "y", "image", 0,
                                "channel_offset", 0),
                        write("y", 1, 8, 4, 4)))));
        assertEquals(List.of(11L, 20L, 1L, 1L), result.statistics().staticInstructions());
        assertEquals(List.of(11L, 20L, 1L, 1L), result.statistics().dynamicInstructions());
    }

    @Test
    void sendAndReceiveAgreeOnTransfer() {
        OpCompilation result = compile(FOUR_CORES, List.of(
                List.of(stage(0, readFeature("x", 1, 8, 4, 4),
                        op("send", "tensor", "x", "image", 0, "channel_offset", 0, "shape", ints(1, 8, 4, 4),
                                "dist_core_name", "core_0_1", "name", "t0"))),
                List.of(stage(0, op("receive", "tensor", "x", "image", 0, "channel_offset", 0,
                        "shape", ints(1, 8, 4, 4), "src_core_name", "core_0_0", "name", "t0")))));
        List<Instruction> sender = result.program().cores().get(0);
        List<Instruction> receiver = result.program().cores().get(1);
        Instruction send = sender.get(sender.size() - 1);
        Instruction receive = receiver.get(receiver.size() - 1);
        assertEquals(Opcode.SEND, send.opcode());
        assertEquals(Opcode.RECV, receive.opcode());
        // The registers loaded just before: r0 local address, r1 core, r2 peer address, r3 bytes, r4 id.
        int senderLocal = sender.get(sender.size() - 6).imm();
        int receiverLocal = receiver.get(receiver.size() - 6).imm();
        assertEquals(receiverLocal, sender.get(sender.size() - 4).imm());
        assertEquals(senderLocal, receiver.get(receiver.size() - 4).imm());
        assertEquals(1, sender.get(sender.size() - 5).imm());
        assertEquals(0, receiver.get(receiver.size() - 5).imm());
        assertEquals(128, sender.get(sender.size() - 3).imm());
        assertEquals(128, receiver.get(receiver.size() - 3).imm());
        assertEquals(sender.get(sender.size() - 2).imm(), receiver.get(receiver.size() - 2).imm());
    }

    /**
     * ReLU over 4,096 bytes against the 2,048-byte zero block is a loop of 2 trips: 3 special
     * registers, 3 loads, loop head, VVMAX, pointer add, 2 loop instructions (11 static, 15 executed);
     * with r31, the read (4) and the write (6): 22 static, 26 executed.
     */
    @Test
    void reluLoopCounts() {
        OpCompilation result = compile(ONE_CORE, List.of(List.of(stage(0,
                readFeature("x", 1, 64, 8, 8),
                op("relu", "shape", ints(1, 64, 8, 8), "inputs", List.of("x"), "output", "y", "image", 0,
                        "channel_offset", 0),
                write("y", 1, 64, 8, 8)))));
        assertEquals(List.of(22L), result.statistics().staticInstructions());
        assertEquals(List.of(26L), result.statistics().dynamicInstructions());
        List<Instruction> program = result.program().cores().get(0);
        Instruction branch = program.get(15);
        assertEquals(Opcode.BNE, branch.opcode());
        assertEquals(-3, branch.imm());
        assertEquals(Opcode.VEC_OP2, program.get(15 + branch.imm()).opcode());
    }

    @Test
    void barrierSeparatesStages() {
        OpCompilation result = compile(ONE_CORE, List.of(List.of(
                stage(0, readFeature("x", 1, 8, 2, 2), write("x", 1, 8, 2, 2)),
                stage(1, readFeature("x", 1, 8, 2, 2), write("x", 1, 8, 2, 2)))));
        long barriers = result.program().cores().get(0).stream().filter(i -> i.opcode() == Opcode.BARRIER).count();
        assertEquals(1, barriers);
    }

    @Test
    void oversizedInputMapNamesLayerAndBytes() {
        CimflowException error = assertThrows(CimflowException.class, () -> compile(ONE_CORE, List.of(List.of(
                stage(0, readFeature("x", 1, 64, 64, 64),
                        op("conv", "X_shape", ints(1, 64, 64, 64), "W_shape", ints(8, 64, 3, 3),
                                "padding", ints(1, 1, 1, 1), "input", "x", "output", "y", "image", 0, "weight", "w",
                                "node", "/big/Conv"))))));
        String message = error.getMessage();
        assertTrue(message.startsWith("core 0 (core_0_0) stage 0 operation 1 (conv '/big/Conv'): the padded input map"
                + " needs 278,784 bytes but input_memory has 260,096 bytes free in one block"), message);
        assertTrue(message.contains("neither the batch size, the core count nor T shrinks it"), message);
    }

    @Test
    void oversizedOutputSuggestsSmallerT() {
        CimflowException error = assertThrows(CimflowException.class, () -> compile(ONE_CORE, List.of(List.of(
                stage(0, readFeature("x", 1, 8, 64, 64),
                        op("conv", "X_shape", ints(1, 8, 64, 64), "W_shape", ints(64, 8, 1, 1), "input", "x",
                                "output", "y", "image", 0, "weight", "w", "node", "/wide/Conv"))))));
        String message = error.getMessage();
        assertTrue(message.contains("the output y needs 262,144 bytes but output_memory has 229,376 bytes free"),
                message);
        assertTrue(message.contains("T=4 (at most 32 channels, about 131,072 bytes) would fit"), message);
    }

    @Test
    void missingInputNamesTensorAndChannels() {
        CimflowException error = assertThrows(CimflowException.class, () -> compile(ONE_CORE, List.of(List.of(
                stage(0, op("relu", "shape", ints(1, 8, 2, 2), "inputs", List.of("x"), "output", "y", "image", 0,
                        "channel_offset", 0))))));
        assertTrue(error.getMessage().contains("needs channels 0..8 of 'x' (image 0, 2×2) but this core holds none"),
                error.getMessage());
    }
}
