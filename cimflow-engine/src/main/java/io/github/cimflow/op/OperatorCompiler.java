package io.github.cimflow.op;

import io.github.cimflow.CimflowException;
import io.github.cimflow.cg.CgCore;
import io.github.cimflow.cg.CgMetadata;
import io.github.cimflow.cg.CgProgram;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwareConfigs;
import io.github.cimflow.isa.Instruction;
import io.github.cimflow.isa.IsaProgram;
import io.github.cimflow.isa.LayerTable;
import io.github.cimflow.isa.ProgramMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator-level (OP) compiler: lowers each core's CG operations into an instruction program.
 * The lowering, register conventions, memory map and tiling are described in {@code docs/op.md}.
 */
public final class OperatorCompiler {
    private OperatorCompiler() {
    }

    /**
     * Lowers a CG IR into one instruction program per core.
     *
     * @throws CimflowException when a buffer does not fit its memory or an operation cannot be lowered
     */
    public static IsaProgram compile(CgProgram cg, HardwareConfig hardware) {
        return compileWithStatistics(cg, hardware).program();
    }

    /**
     * Lowers a CG IR and also returns the static and dynamic instruction counts per core, the buffer
     * allocation table and the global memory image the programs expect.
     */
    public static OpCompilation compileWithStatistics(CgProgram cg, HardwareConfig hardware) {
        checkMatches(cg, hardware);
        LoweringContext context = new LoweringContext(cg, hardware);
        List<CoreLowering> lowerings = new ArrayList<>();
        CoreLowering[] byId = new CoreLowering[hardware.coreCount()];
        for (CgCore core : cg.cores()) {
            CoreLowering lowering = new CoreLowering(context, core);
            lowering.lower();
            lowerings.add(lowering);
            int id = context.coreId(core);
            if (byId[id] != null) {
                throw new CimflowException("CG IR: " + core.key() + " appears twice");
            }
            byId[id] = lowering;
        }
        GlobalImage image = context.global.finish();
        patchTransferAddresses(context, lowerings);

        List<List<Instruction>> programs = new ArrayList<>();
        List<Long> staticCounts = new ArrayList<>();
        List<Long> dynamicCounts = new ArrayList<>();
        for (int id = 0; id < byId.length; id++) {
            if (byId[id] == null) {
                throw new CimflowException("CG IR: core " + id + " (core_" + id / hardware.meshSide() + "_"
                        + id % hardware.meshSide() + ") is missing; the IR must list all " + hardware.coreCount()
                        + " cores");
            }
            InstructionBuilder builder = byId[id].out;
            programs.add(builder.instructions());
            staticCounts.add((long) builder.size());
            dynamicCounts.add(builder.dynamicCount());
        }
        CgMetadata cgMetadata = cg.metadata();
        ProgramMetadata metadata = new ProgramMetadata(cgMetadata == null ? 0 : cgMetadata.opCount(),
                cgMetadata == null ? 1 : cgMetadata.batchSize(), hardware.archParams(),
                HardwareConfigs.digest(hardware), cgMetadata == null ? null : cgMetadata.model(),
                cgMetadata == null ? null : cgMetadata.strategy());
        LayerTable layers = layerTable(byId);
        IsaProgram program = new IsaProgram(metadata, programs, layers);
        List<OutputSlice> slices = new ArrayList<>();
        for (CoreLowering lowering : byId) {
            slices.addAll(lowering.outputSlices);
        }
        return new OpCompilation(program, new OpStatistics(staticCounts, dynamicCounts, context.allocations), image,
                slices);
    }

    /** Builds the instruction-to-layer table from each core's layer runs; layer ids follow first use. */
    private static LayerTable layerTable(CoreLowering[] lowerings) {
        List<String> names = new ArrayList<>();
        names.add(LayerTable.OUTSIDE_LAYERS);
        java.util.Map<String, Integer> ids = new java.util.HashMap<>();
        ids.put(LayerTable.OUTSIDE_LAYERS, 0);
        List<int[]> layerOfInstruction = new ArrayList<>();
        for (CoreLowering lowering : lowerings) {
            int[] layers = new int[lowering.out.size()];
            List<Integer> starts = lowering.layerRunStarts;
            for (int run = 0; run < starts.size(); run++) {
                String name = lowering.layerRunNames.get(run);
                Integer id = ids.get(name);
                if (id == null) {
                    id = names.size();
                    ids.put(name, id);
                    names.add(name);
                }
                int end = run + 1 < starts.size() ? starts.get(run + 1) : layers.length;
                java.util.Arrays.fill(layers, starts.get(run), end, id);
            }
            layerOfInstruction.add(layers);
        }
        return new LayerTable(names, layerOfInstruction);
    }

    private static void checkMatches(CgProgram cg, HardwareConfig hardware) {
        if (cg.cores().size() != hardware.coreCount()) {
            throw new CimflowException("CG IR has " + cg.cores().size() + " cores but the hardware configuration has "
                    + hardware.coreCount() + "; compile the CG IR for C=" + hardware.coreCount()
                    + " or pass the configuration it was compiled for");
        }
        ArchParams compiled = cg.metadata() == null ? null : cg.metadata().arch();
        ArchParams target = hardware.archParams();
        if (compiled != null && (compiled.macroGroupSize() != target.macroGroupSize()
                || compiled.macroGroupCount() != target.macroGroupCount())) {
            throw new CimflowException("CG IR was compiled for " + compiled.fileFragment()
                    + " but the hardware configuration is " + target.fileFragment()
                    + "; the weight slices follow T and K, so compile the CG IR again for this configuration");
        }
    }

    /** Fills in the peer addresses of every SEND (receiver's buffer) and RECV (sender's buffer). */
    private static void patchTransferAddresses(LoweringContext context, List<CoreLowering> lowerings) {
        for (CoreLowering lowering : lowerings) {
            for (CoreLowering.Fixup fixup : lowering.fixups) {
                Long address = fixup.peerIsReceiver() ? context.receiveAddress(fixup.transferName())
                        : context.sendAddress(fixup.transferName());
                if (address == null) {
                    throw new CimflowException("CG IR: transfer '" + fixup.transferName() + "' has a "
                            + (fixup.peerIsReceiver() ? "send but no receive" : "receive but no send"));
                }
                lowering.out.patchValue(fixup.instruction(), address, fixup.wide());
            }
        }
    }
}
