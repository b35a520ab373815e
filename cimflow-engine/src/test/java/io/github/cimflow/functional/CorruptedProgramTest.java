package io.github.cimflow.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.cg.CgCore;
import io.github.cimflow.cg.CgOp;
import io.github.cimflow.cg.CgStage;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.isa.Instruction;
import io.github.cimflow.isa.IsaProgram;
import io.github.cimflow.isa.Opcode;
import io.github.cimflow.op.GlobalImage;
import io.github.cimflow.op.OpCompilation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A program whose feature read starts 1 KiB too far is caught, and the layer is named. */
class CorruptedProgramTest {
    /**
     * Addresses up to 2,097,151 are loaded with one G_LI; larger ones as G_LI (value >> 10), SLL 10,
     * then ADDI of the low 10 bits.
     */
    private static final int BLOCK_SHIFT = 10;

    @Test
    void shiftedFeatureReadNamesConsumingLayer() {
        FunctionalModels models = FunctionalModels.of("wide_convs", new ArchParams(4, 2, 8, 4), 1);
        String input = models.model.graph().inputs().get(0);
        GlobalImage.Entry target = null;
        int readerCore = -1;
        for (CgCore core : models.cg.cores()) {
            for (CgStage stage : core.stages()) {
                for (CgOp op : stage.instructions()) {
                    boolean featureRead = op.op().equals("read") && !"weight".equals(op.string("tensor_type"));
                    if (target == null && featureRead && !op.string("tensor").equals(input)) {
                        target = featureEntry(models.compilation, op.string("tensor"));
                        readerCore = core.row() * models.hardware.meshSide() + core.col();
                    }
                }
            }
        }
        assertNotNull(target, "the CG IR reads no intermediate feature from global memory");

        OpCompilation corrupted = shiftAddressLoad(models.compilation, readerCore, target.address());
        FunctionalModels broken = models.withCompilation(corrupted);
        FunctionalResult result = broken.check(true);

        assertNotNull(result.mismatch(), "the corrupted read went unnoticed");
        String consumer = models.model.graph().consumers(target.tensor()).get(0).name();
        assertEquals(consumer, result.mismatch().node());
        assertEquals(readerCore, result.mismatch().core());
        assertTrue(result.mismatch().describe().contains("layer '" + consumer + "'"), result.mismatch().describe());
    }

    @Test
    void shiftedReadWithoutTracingNamesOutputLayer() {
        FunctionalModels models = FunctionalModels.of("wide_convs", new ArchParams(4, 2, 8, 4), 1);
        GlobalImage.Entry target = null;
        int readerCore = -1;
        for (CgCore core : models.cg.cores()) {
            for (CgStage stage : core.stages()) {
                for (CgOp op : stage.instructions()) {
                    boolean featureRead = op.op().equals("read") && !"weight".equals(op.string("tensor_type"));
                    if (target == null && featureRead) {
                        target = featureEntry(models.compilation, op.string("tensor"));
                        readerCore = core.row() * models.hardware.meshSide() + core.col();
                    }
                }
            }
        }
        assertNotNull(target, "the CG IR reads no feature from global memory");

        FunctionalResult result = models.withCompilation(shiftAddressLoad(models.compilation, readerCore,
                target.address())).check(false);

        assertNotNull(result.mismatch(), "the corrupted read went unnoticed");
        String output = models.model.graph().outputs().get(0);
        assertEquals(models.model.graph().producer(output).name(), result.mismatch().node());
        assertEquals(output, result.mismatch().tensor());
        assertEquals(0, result.layerSlices());
    }

    private static GlobalImage.Entry featureEntry(OpCompilation compilation, String tensor) {
        for (GlobalImage.Entry entry : compilation.globalImage().entries()) {
            if (entry.kind() == GlobalImage.Kind.FEATURE && entry.tensor().equals(tensor) && entry.image() == 0) {
                return entry;
            }
        }
        throw new AssertionError("no global entry for " + tensor);
    }

    /** Moves the first G_LI of {@code address} on {@code core} 1 KiB further. */
    private static OpCompilation shiftAddressLoad(OpCompilation compilation, int core, long address) {
        IsaProgram program = compilation.program();
        List<Instruction> instructions = new ArrayList<>(program.cores().get(core));
        int found = -1;
        int step = 0;
        for (int i = 0; i + 1 < instructions.size() && found < 0; i++) {
            Instruction load = instructions.get(i);
            Instruction next = instructions.get(i + 1);
            if (load.opcode() != Opcode.G_LI) {
                continue;
            }
            boolean split = next.opcode() == Opcode.SC_RI && next.imm() == BLOCK_SHIFT;
            if (split && load.imm() == (int) (address >> BLOCK_SHIFT)) {
                found = i;
                step = 1;
            } else if (!split && load.imm() == address) {
                found = i;
                step = 1 << BLOCK_SHIFT;
            }
        }
        assertTrue(found >= 0, "core " + core + " never loads address " + address);
        Instruction load = instructions.get(found);
        instructions.set(found, new Instruction(load.opcode(), load.rs(), load.rt(), load.rd(), load.re(), load.rf(),
                load.funct(), load.imm() + step, load.flags()));
        List<List<Instruction>> cores = new ArrayList<>(program.cores());
        cores.set(core, instructions);
        return new OpCompilation(new IsaProgram(program.metadata(), cores), compilation.statistics(),
                compilation.globalImage(), compilation.outputSlices());
    }
}
