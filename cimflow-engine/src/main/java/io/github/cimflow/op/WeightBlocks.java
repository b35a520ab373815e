package io.github.cimflow.op;

import io.github.cimflow.CimflowException;
import io.github.cimflow.hw.CimUnitConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The weight blocks loaded in one core's macros during a stage. Blocks stack along the rows of every
 * element: each block takes the rows after the previous one, in all groups it uses, so a stage can
 * hold its weight layer next to the constant blocks of its pooling layers.
 */
final class WeightBlocks {
    private final LoweringContext context;
    private final CimUnitConfig cim;
    private final long macroBase;
    private final List<Loaded> loaded = new ArrayList<>();
    private int rowsUsed;

    /** A loaded block and what identifies it. */
    private record Loaded(String key, List<Integer> shape, int channelOffset, int inputChannelOffset,
                          GlobalImage.Pattern pattern, CimKernels.WeightBlock block) {
    }

    WeightBlocks(LoweringContext context, long macroBase) {
        this.context = context;
        this.cim = context.hardware.core().cim();
        this.macroBase = macroBase;
    }

    int rowsFree() {
        return cim.macro().rowsPerElement() - rowsUsed;
    }

    /** Forgets every block (at the end of a stage; the next stage loads its own weights). */
    void clear() {
        loaded.clear();
        rowsUsed = 0;
    }

    /** The block with this key, or null. */
    CimKernels.WeightBlock byKey(String key) {
        for (Loaded block : loaded) {
            if (block.key().equals(key)) {
                return block.block();
            }
        }
        return null;
    }

    /** The block a read loaded for the same weight shape, slice and pattern, or null. */
    CimKernels.WeightBlock matching(int[] shape, int channelOffset, int inputChannelOffset,
                                    GlobalImage.Pattern pattern) {
        List<Integer> wanted = Arrays.stream(shape).boxed().toList();
        for (Loaded block : loaded) {
            if (block.shape().equals(wanted) && block.channelOffset() == channelOffset
                    && block.inputChannelOffset() == inputChannelOffset && block.pattern() == pattern) {
                return block.block();
            }
        }
        return null;
    }

    /**
     * Loads a block: the weight image from global memory into the macros (one MEM_CPY per group and
     * macro, or one in all when the block fills every row), and its quantization parameters into
     * input memory.
     *
     * @param tensor       the ONNX weight tensor, null for the constant blocks of averages
     * @param averageCount what each average divides by (ONES_DIAGONAL blocks), else 0
     * @param exact        prefer a layout whose input is exactly the reduction length (read in place)
     */
    CimKernels.WeightBlock load(Lowering lowering, String key, String tensor, int[] shape, int channelOffset,
                                int inputChannelOffset, GlobalImage.Pattern pattern, int averageCount, int columns,
                                int reduction, boolean exact) {
        String label = lowering.label();
        int maxColumns = cim.outputChannelsPerGroup();
        if (columns > maxColumns) {
            throw new CimflowException(label + ": the weight slice has " + columns + " output channels but a macro "
                    + "group holds " + maxColumns + " (8·T); the graph-level compiler must split the layer over "
                    + "more cores, or use T ≥ " + MacroLayout.ceilDiv(columns, 8));
        }
        MacroLayout layout = MacroLayout.choose(columns, reduction, cim, rowsFree(), exact);
        if (layout == null && exact) {
            layout = MacroLayout.choose(columns, reduction, cim, rowsFree(), false);
        }
        if (layout == null) {
            int chunks = MacroLayout.ceilDiv(reduction, cim.macro().compartments());
            throw new CimflowException(label + ": the weights (reduction length " + reduction + ", at least "
                    + MacroLayout.ceilDiv(chunks, cim.macroGroupCount()) + " rows in each of "
                    + cim.macroGroupCount() + " groups) do not fit the " + rowsFree() + " of "
                    + cim.macro().rowsPerElement() + " macro rows still free in this stage; a core holds reduction "
                    + "lengths up to " + cim.maxReductionLengthPerCore() + ", so the graph-level compiler must split "
                    + "the layer or place fewer layers on this core, or use a larger K");
        }
        GlobalMemoryPlan.WeightSource source = new GlobalMemoryPlan.WeightSource(tensor, pattern, channelOffset,
                inputChannelOffset, averageCount);
        GlobalImage.Entry weights = context.global.weights(key, Arrays.stream(shape).boxed().toList(), source,
                layout);
        GlobalImage.Entry parameters = context.global.quantization(key, columns, source);
        lowering.recordGlobal("weights " + key, weights.address(), weights.bytes());

        InstructionBuilder out = lowering.builder();
        int startRow = rowsUsed;
        long rowBytes = (long) cim.macro().compartments() * cim.macro().elementsPerCompartment();
        long elementBytes = rowBytes * cim.macro().rowsPerElement();
        CopyKernels.copy(out, macroBase + startRow * rowBytes, weights.address(), layout.groups() * layout.groupSize(),
                1, layout.blockBytes(), elementBytes, 0, layout.blockBytes(), 0);
        long parametersAddress = lowering.allocate("quantization parameters of " + key, parameters.bytes(),
                LocalMemory.Scaling.OUTPUT_CHANNELS, "input_memory", "output_memory");
        CopyKernels.copyContiguous(out, parametersAddress, parameters.address(), parameters.bytes());
        rowsUsed += layout.rows();

        CimKernels.WeightBlock block = new CimKernels.WeightBlock(layout, startRow, parametersAddress);
        loaded.add(new Loaded(key, Arrays.stream(shape).boxed().toList(), channelOffset, inputChannelOffset, pattern,
                block));
        return block;
    }

    /** The services of a core's lowering that a block load uses. */
    interface Lowering {
        String label();

        InstructionBuilder builder();

        long allocate(String buffer, long bytes, LocalMemory.Scaling scaling, String... regions);

        void recordGlobal(String buffer, long address, long bytes);
    }
}
