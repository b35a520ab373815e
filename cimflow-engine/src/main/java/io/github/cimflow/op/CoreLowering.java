package io.github.cimflow.op;

import io.github.cimflow.CimflowException;
import io.github.cimflow.cg.CgCore;
import io.github.cimflow.cg.CgOp;
import io.github.cimflow.cg.CgStage;
import io.github.cimflow.hw.AddressRegion;
import io.github.cimflow.hw.CimUnitConfig;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.hw.MemoryConfig;
import io.github.cimflow.isa.Opcode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lowers the CG operations of one core into its instruction program.
 *
 * <p>Data flow inside a stage: features that arrive ({@code read} of a feature, {@code receive}) are
 * kept as HWC slices in arrival order. A weight layer or pooling takes the slices it needs (matching
 * height and width, until their channels add up to its input channels) and assembles them into one
 * padded map; its result becomes the current output. {@code add} takes its second operand from the
 * remaining slices; {@code relu} and {@code clip} work on the current output in place. {@code send}
 * transfers the most recent slice or output of its size; {@code write} stores the current output.
 */
final class CoreLowering {
    /** Bytes of the zero block (and of the -128 block) kept in input memory for the whole program. */
    static final int CONSTANT_BLOCK_BYTES = 2048;

    private final LoweringContext context;
    private final HardwareConfig hardware;
    private final CimUnitConfig cim;
    private final int coreId;
    private final CgCore core;
    final InstructionBuilder out = new InstructionBuilder();
    final List<Fixup> fixups = new ArrayList<>();

    private final Map<String, LocalAllocator> allocators = new LinkedHashMap<>();
    private final Map<Long, LocalAllocator> live = new LinkedHashMap<>();
    private final Set<Long> persistent = new HashSet<>();
    private final long macroBase;
    private long zeroBlock;
    private long minBlock = -1;

    private int stage;
    private int rowsUsed;
    private final List<LoadedBlock> blocks = new ArrayList<>();
    private final List<Feature> pending = new ArrayList<>();
    private Feature current;
    private Feature last;
    private final Set<Integer> waited = new HashSet<>();
    private String label;

    /** A G_LI whose immediate becomes the peer's address of a transfer once every core is lowered. */
    record Fixup(int instruction, String transferName, boolean peerIsReceiver) {
    }

    /** An HWC int8 feature in local memory; channelOffset is its first channel in the full tensor, or -1. */
    record Feature(long address, int channels, int height, int width, int channelOffset) {
        long bytes() {
            return (long) channels * height * width;
        }
    }

    private record LoadedBlock(String key, List<Integer> shape, int channelOffset, GlobalImage.Pattern pattern,
                               CimKernels.WeightBlock block) {
    }

    CoreLowering(LoweringContext context, CgCore core) {
        this.context = context;
        this.hardware = context.hardware;
        this.cim = hardware.core().cim();
        this.core = core;
        this.coreId = context.coreId(core);
        for (MemoryConfig memory : hardware.core().localMemories()) {
            AddressRegion region = hardware.region(memory.name());
            if (region != null) {
                LocalAllocator allocator = new LocalAllocator(region);
                allocators.putIfAbsent(memory.role(), allocator);
                allocators.putIfAbsent(memory.name(), allocator);
            }
        }
        AddressRegion macro = hardware.region(hardware.cimRegionName());
        if (macro == null || allocators.get("input_memory") == null || allocators.get("output_memory") == null) {
            throw new CimflowException("hardware configuration: the address space needs the regions 'macro', "
                    + "'input_memory' and 'output_memory' (found " + hardware.addressSpace().stream()
                    .map(AddressRegion::name).toList() + ")");
        }
        this.macroBase = macro.baseAddress();
    }

    /** Emits the whole program of this core. */
    void lower() {
        stage = -1;
        label = "program constants";
        out.loadImmediate(Registers.ZERO, 0);
        zeroBlock = allocate("zero block", CONSTANT_BLOCK_BYTES, "input memory for constants", "input_memory");
        persistent.add(zeroBlock);
        if (needsMinBlock()) {
            minBlock = allocate("-128 block", CONSTANT_BLOCK_BYTES, "input memory for constants", "input_memory");
            long scalar = allocate("-128 scalar", 4, "input memory for constants", "input_memory");
            persistent.add(minBlock);
            persistent.add(scalar);
            out.loadConstant(Registers.SCRATCH0, scalar);
            out.loadImmediate(Registers.SCRATCH1, 0x80);
            out.storeWord(Registers.SCRATCH0, Registers.SCRATCH1, 0);
            VectorKernels.setInt8Specials(out);
            out.loadConstant(Registers.SCRATCH1, zeroBlock);
            out.loadConstant(Registers.SCRATCH2, minBlock);
            out.loadImmediate(Registers.SCRATCH3, CONSTANT_BLOCK_BYTES);
            out.vector(2, Registers.VEC_SC_ADD, Registers.SCRATCH2, Registers.SCRATCH1, Registers.SCRATCH0,
                    Registers.SCRATCH3);
        }
        for (int s = 0; s < context.stageCount; s++) {
            stage = s;
            CgStage cgStage = stageOf(s);
            if (cgStage != null) {
                lowerStage(cgStage);
            }
            endStage();
            if (s < context.stageCount - 1) {
                label = "barrier after stage " + s;
                out.loadConstant(Registers.SCRATCH0, hardware.coreCount());
                out.loadConstant(Registers.SCRATCH1, s);
                out.emit(Opcode.BARRIER, Registers.SCRATCH0, Registers.SCRATCH1, 0, 0, 0, 0, 0, 0);
            }
        }
    }

    private boolean needsMinBlock() {
        for (CgStage cgStage : core.stages()) {
            for (CgOp op : cgStage.instructions()) {
                if (op.op().equals("maxpool") && Arrays.stream(op.ints("padding")).anyMatch(p -> p > 0)) {
                    return true;
                }
            }
        }
        return false;
    }

    private CgStage stageOf(int index) {
        for (CgStage cgStage : core.stages()) {
            if (cgStage.stage() == index) {
                return cgStage;
            }
        }
        return null;
    }

    private void lowerStage(CgStage cgStage) {
        List<CgOp> ops = cgStage.instructions();
        for (int index = 0; index < ops.size(); index++) {
            CgOp op = ops.get(index);
            String node = op.string("node");
            label = "core " + coreId + " (" + core.key() + ") stage " + stage + " operation " + index + " ("
                    + op.op() + (node != null ? " '" + node + "'" : "") + ")";
            try {
                lowerOperation(op, ops, index, cgStage);
            } catch (IllegalArgumentException e) {
                throw new CimflowException(label + ": " + e.getMessage(), e);
            }
        }
    }

    private void lowerOperation(CgOp op, List<CgOp> ops, int index, CgStage cgStage) {
        switch (op.op()) {
            case "read" -> {
                if ("weight".equals(op.string("tensor_type"))) {
                    readWeights(op, ops, index, cgStage);
                } else {
                    readFeature(op);
                }
            }
            case "write" -> writeFeature(op, index);
            case "wait_write" -> waitWrite(op);
            case "send", "send_ring" -> send(op);
            case "receive", "receive_ring" -> receive(op);
            case "conv" -> convolution(op, false);
            case "depthwise_conv" -> convolution(op, true);
            case "fc" -> fullyConnected(op);
            case "maxpool", "avgpool" -> pooling(op);
            case "globalaveragepool" -> globalAveragePool(op);
            case "add" -> residualAdd(op);
            case "relu", "clip" -> relu(op);
            default -> throw new CimflowException(label + ": operation '" + op.op() + "' has no lowering; the "
                    + "vector unit of the shared instruction semantics offers add, quantize, max and scalar add, "
                    + "so sigmoid, hardswish, hardsigmoid and element-wise mul are not supported");
        }
    }

    // ---- weights --------------------------------------------------------------------------------

    private void readWeights(CgOp op, List<CgOp> ops, int index, CgStage cgStage) {
        int[] shape = op.ints("shape");
        int offset = LoweringContext.intOr(op, "channel_offset", 0);
        CgOp consumer = null;
        for (int next = index + 1; next < ops.size() && consumer == null; next++) {
            String kind = ops.get(next).op();
            if (kind.equals("conv") || kind.equals("depthwise_conv") || kind.equals("fc")) {
                consumer = ops.get(next);
            }
        }
        boolean depthwise = consumer != null && consumer.op().equals("depthwise_conv");
        boolean inPlace = consumer != null && !depthwise && isPointwise(consumer, shape);
        String tensor = op.string("tensor") != null ? op.string("tensor") : cgStage.clusterId();
        String key = tensor + "@" + offset;
        loadBlock(key, shape, offset, depthwise ? GlobalImage.Pattern.DEPTHWISE : GlobalImage.Pattern.DENSE,
                inPlace);
    }

    /** True for a dense layer whose windows are single pixels of a reduction length divisible by H. */
    private boolean isPointwise(CgOp consumer, int[] weightShape) {
        int reduction = reduction(weightShape);
        boolean oneByOne = weightShape.length == 2 || (weightShape[2] == 1 && weightShape[3] == 1);
        return oneByOne && reduction % cim.macro().compartments() == 0;
    }

    private static int reduction(int[] weightShape) {
        int product = 1;
        for (int i = 1; i < weightShape.length; i++) {
            product *= weightShape[i];
        }
        return product;
    }

    private CimKernels.WeightBlock loadBlock(String key, int[] shape, int channelOffset, GlobalImage.Pattern pattern,
                                             boolean exact) {
        for (LoadedBlock loaded : blocks) {
            if (loaded.key().equals(key)) {
                return loaded.block();
            }
        }
        int columns = shape[0];
        int reduction = pattern == GlobalImage.Pattern.DEPTHWISE ? columns * reduction(shape) : reduction(shape);
        return loadBlock(key, shape, channelOffset, pattern, columns, reduction, exact);
    }

    private CimKernels.WeightBlock loadBlock(String key, int[] shape, int channelOffset, GlobalImage.Pattern pattern,
                                             int columns, int reduction, boolean exact) {
        int maxColumns = cim.outputChannelsPerGroup();
        if (columns > maxColumns) {
            throw new CimflowException(label + ": the weight slice has " + columns + " output channels but a macro "
                    + "group holds " + maxColumns + " (8·T); the graph-level compiler must split the layer over "
                    + "more cores, or use T ≥ " + MacroLayout.ceilDiv(columns, 8));
        }
        int rowsFree = cim.macro().rowsPerElement() - rowsUsed;
        MacroLayout layout = MacroLayout.choose(columns, reduction, cim, rowsFree, exact);
        if (layout == null && exact) {
            layout = MacroLayout.choose(columns, reduction, cim, rowsFree, false);
        }
        if (layout == null) {
            int chunks = MacroLayout.ceilDiv(reduction, cim.macro().compartments());
            throw new CimflowException(label + ": the weights (reduction length " + reduction + ", "
                    + MacroLayout.ceilDiv(chunks, cim.macroGroupCount()) + " rows in each of " + cim.macroGroupCount()
                    + " groups) do not fit the " + rowsFree + " of " + cim.macro().rowsPerElement() + " macro rows "
                    + "still free in this stage; a core holds reduction lengths up to "
                    + cim.maxReductionLengthPerCore() + ", so the graph-level compiler must split the layer or "
                    + "place fewer layers on this core");
        }
        GlobalImage.Entry weights = context.global.weights(key, Arrays.stream(shape).boxed().toList(), pattern,
                layout);
        GlobalImage.Entry parameters = context.global.quantization(key, columns);
        record(-1, "weights " + key, "global", weights.address(), weights.bytes());

        int startRow = rowsUsed;
        long rowBytes = (long) cim.macro().compartments() * cim.macro().elementsPerCompartment();
        long macroRowsBytes = rowBytes * cim.macro().rowsPerElement();
        CopyKernels.copy(out, macroBase + startRow * rowBytes, weights.address(), layout.groups() * layout.groupSize(),
                1, layout.blockBytes(), macroRowsBytes, 0, layout.blockBytes(), 0);
        long parametersAddress = allocate("quantization parameters " + key, parameters.bytes(),
                "input memory", "input_memory");
        CopyKernels.copyContiguous(out, parametersAddress, parameters.address(), parameters.bytes());
        rowsUsed += layout.rows();

        CimKernels.WeightBlock block = new CimKernels.WeightBlock(layout, startRow, parametersAddress);
        blocks.add(new LoadedBlock(key, Arrays.stream(shape).boxed().toList(), channelOffset, pattern, block));
        return block;
    }

    /** The block a weight layer uses: the one a read loaded for the same shape and slice, else loaded now. */
    private CimKernels.WeightBlock blockFor(CgOp op, int[] weightShape, GlobalImage.Pattern pattern, boolean exact) {
        int offset = LoweringContext.intOr(op, "channel_offset", 0);
        List<Integer> shape = Arrays.stream(weightShape).boxed().toList();
        for (LoadedBlock loaded : blocks) {
            if (loaded.shape().equals(shape) && loaded.channelOffset() == offset && loaded.pattern() == pattern) {
                return loaded.block();
            }
        }
        String node = op.string("node") != null ? op.string("node") : op.op();
        return loadBlock(node + "@" + offset, weightShape, offset, pattern, exact);
    }

    // ---- features in and out --------------------------------------------------------------------

    private void readFeature(CgOp op) {
        int[] shape = featureShape(op, "shape");
        String key = LoweringContext.featureKey(op);
        GlobalImage.Entry entry = context.global.feature(key);
        int first = LoweringContext.intOr(op, "channel_offset", 0);
        waitForWriters(key, first, first + shape[1]);
        int totalChannels = entry.shape().get(2);
        Feature slice = new Feature(allocate("feature slice " + key, (long) shape[1] * shape[2] * shape[3],
                "output channels", "output_memory", "input_memory"), shape[1], shape[2], shape[3], first);
        CopyKernels.copy(out, slice.address(), entry.address() + first, shape[2], shape[3], shape[1],
                (long) shape[3] * shape[1], shape[1], (long) shape[3] * totalChannels, totalChannels);
        pending.add(slice);
        last = slice;
    }

    /** WAIT for every global write of this stage by another core that the read depends on. */
    private void waitForWriters(String key, int first, int end) {
        for (LoweringContext.WriteRecord write : context.writes(stage, key)) {
            boolean overlaps = write.firstChannel() < end && first < write.endChannel();
            if (write.core() != coreId && overlaps && waited.add(write.syncId())) {
                emitWait(write.core(), write.syncId());
            }
        }
    }

    private void emitWait(int sourceCore, int syncId) {
        if (sourceCore < 0) {
            out.loadImmediate(Registers.SCRATCH0, 1);
            out.scRR(Registers.SUB, Registers.SCRATCH0, Registers.ZERO, Registers.SCRATCH0);
        } else {
            out.loadConstant(Registers.SCRATCH0, sourceCore);
        }
        out.loadConstant(Registers.SCRATCH1, syncId);
        out.loadImmediate(Registers.SCRATCH2, 1);
        out.emit(Opcode.WAIT, Registers.SCRATCH0, Registers.SCRATCH1, Registers.SCRATCH2, 0, 0, 0, 0, 0);
    }

    private void waitWrite(CgOp op) {
        String writeId = op.string("write_id");
        Integer syncId = writeId == null ? null : context.syncId(writeId);
        if (syncId == null) {
            throw new CimflowException(label + ": write_id '" + writeId + "' names no write of the CG IR");
        }
        String source = op.string("src_core_name");
        int sourceCore = source == null ? -1 : context.coreId(source, label);
        if (waited.add(syncId)) {
            emitWait(sourceCore, syncId);
        }
    }

    private void writeFeature(CgOp op, int index) {
        int[] shape = featureShape(op, "shape");
        String key = LoweringContext.featureKey(op);
        GlobalImage.Entry entry = context.global.feature(key);
        int first = LoweringContext.intOr(op, "channel_offset", 0);
        Feature source = current != null && current.height() == shape[2] && current.width() == shape[3]
                ? current : last;
        if (source == null || source.height() != shape[2] || source.width() != shape[3]) {
            throw new CimflowException(label + ": nothing computed or received on this core has the written shape "
                    + Arrays.toString(shape));
        }
        int within = 0;
        if (shape[1] != source.channels()) {
            within = first - source.channelOffset();
            if (source.channelOffset() < 0 || within < 0 || within + shape[1] > source.channels()) {
                throw new CimflowException(label + ": the write covers channels " + first + ".." + (first + shape[1])
                        + " but this core holds " + source.channels() + " channels from " + source.channelOffset());
            }
        }
        int totalChannels = entry.shape().get(2);
        CopyKernels.copy(out, entry.address() + first, source.address() + within, shape[2], shape[3], shape[1],
                (long) shape[3] * totalChannels, totalChannels, (long) shape[3] * source.channels(),
                source.channels());
        int syncId = context.syncId(LoweringContext.writeKey(coreId, stage, index, op));
        out.loadConstant(Registers.SCRATCH0, syncId);
        out.emit(Opcode.TAG, Registers.SCRATCH0, 0, 0, 0, 0, 0, 0, 0);
    }

    private void send(CgOp op) {
        long bytes = bytes(op.ints("shape"));
        Feature source = last != null && last.bytes() == bytes ? last
                : current != null && current.bytes() == bytes ? current : null;
        if (source == null) {
            throw new CimflowException(label + ": the send of " + bytes + " bytes matches neither the last received "
                    + "slice (" + (last == null ? "none" : last.bytes() + " bytes") + ") nor the current output ("
                    + (current == null ? "none" : current.bytes() + " bytes") + ")");
        }
        String name = op.string("name");
        int destination = context.coreId(op.string("dist_core_name"), label);
        context.recordSend(name, source.address());
        out.loadConstant(Registers.SCRATCH0, source.address());
        out.loadConstant(Registers.SCRATCH1, destination);
        fixups.add(new Fixup(out.loadImmediate(Registers.SCRATCH2, 0), name, true));
        out.loadConstant(Registers.SCRATCH3, bytes);
        out.loadConstant(Registers.KERNEL_FIRST, context.transferId(name));
        out.emit(Opcode.SEND, Registers.SCRATCH0, Registers.SCRATCH1, Registers.SCRATCH2, Registers.SCRATCH3,
                Registers.KERNEL_FIRST, 0, 0, 0);
    }

    private void receive(CgOp op) {
        int[] shape = featureShape(op, "shape");
        String name = op.string("name");
        int source = context.coreId(op.string("src_core_name"), label);
        Feature slice = new Feature(allocate("received slice " + name, bytes(shape), "output channels",
                "output_memory", "input_memory"), shape[1], shape[2], shape[3],
                LoweringContext.intOr(op, "channel_offset", -1));
        context.recordReceive(name, slice.address());
        out.loadConstant(Registers.SCRATCH0, slice.address());
        out.loadConstant(Registers.SCRATCH1, source);
        fixups.add(new Fixup(out.loadImmediate(Registers.SCRATCH2, 0), name, false));
        out.loadConstant(Registers.SCRATCH3, bytes(shape));
        out.loadConstant(Registers.KERNEL_FIRST, context.transferId(name));
        out.emit(Opcode.RECV, Registers.SCRATCH1, Registers.SCRATCH2, Registers.SCRATCH0, Registers.SCRATCH3,
                Registers.KERNEL_FIRST, 0, 0, 0);
        pending.add(slice);
        last = slice;
    }

    // ---- weight layers --------------------------------------------------------------------------

    private void convolution(CgOp op, boolean depthwise) {
        int[] x = featureShape(op, "X_shape");
        int[] w = op.ints("W_shape");
        int[] pads = fourInts(op, "padding", 0);
        int[] strides = twoInts(op, "strides", 1);
        int[] dilations = twoInts(op, "dilations", 1);
        int columns = w[0];
        int kernelH = w[2];
        int kernelW = w[3];
        int outH = (x[2] + pads[0] + pads[2] - dilations[0] * (kernelH - 1) - 1) / strides[0] + 1;
        int outW = (x[3] + pads[1] + pads[3] - dilations[1] * (kernelW - 1) - 1) / strides[1] + 1;
        if (outH < 1 || outW < 1) {
            throw new CimflowException(label + ": the kernel " + kernelH + "×" + kernelW + " is larger than the "
                    + "padded input " + x[2] + "×" + x[3]);
        }
        if (!depthwise && w[1] != x[1]) {
            throw new CimflowException(label + ": W_shape " + Arrays.toString(w) + " needs " + w[1]
                    + " input channels but X_shape " + Arrays.toString(x) + " has " + x[1]
                    + "; grouped convolutions other than depthwise are not supported");
        }
        int channelOffset = LoweringContext.intOr(op, "channel_offset", 0);
        int channelStart = 0;
        if (depthwise && x[1] != columns) {
            channelStart = channelOffset;
            if (channelStart + columns > x[1]) {
                throw new CimflowException(label + ": the depthwise slice covers channels " + channelStart + ".."
                        + (channelStart + columns) + " of an input with " + x[1] + " channels");
            }
        }

        Feature map = assemble(takeInput(x[1], x[2], x[3]), x[2], x[3], pads, zeroBlock);
        if (map == current) {
            current = null;
        }
        GlobalImage.Pattern pattern = depthwise ? GlobalImage.Pattern.DEPTHWISE : GlobalImage.Pattern.DENSE;
        boolean pointwise = !depthwise && isPointwise(op, w);
        CimKernels.WeightBlock block = blockFor(op, w, pattern, pointwise);
        CimKernels.Window window = new CimKernels.Window(map.address(), map.width(), map.channels(), channelStart,
                depthwise ? columns : x[1], kernelH, kernelW, strides[0], strides[1], dilations[0], dilations[1],
                outH, outW);
        runWindow(window, block, pointwise, columns, outH, outW, channelOffset);
        release(map);
    }

    private void fullyConnected(CgOp op) {
        int[] x = op.ints("X_shape");
        int[] w = op.ints("W_shape");
        int rows = x[0];
        int length = x[x.length - 1];
        Feature input = takeFlat((long) rows * length);
        if (input == current) {
            current = null;
        }
        CimKernels.WeightBlock block = blockFor(op, w, GlobalImage.Pattern.DENSE, isPointwise(op, w));
        CimKernels.Window window = new CimKernels.Window(input.address(), rows, length, 0, length, 1, 1, 1, 1, 1, 1,
                1, rows);
        runWindow(window, block, isPointwise(op, w), w[0], 1, rows, LoweringContext.intOr(op, "channel_offset", 0));
        release(input);
    }

    /** Allocates the im2col vector, sums and output of a window kernel, emits it and makes the output current. */
    private void runWindow(CimKernels.Window window, CimKernels.WeightBlock block, boolean pointwise, int columns,
                           int outH, int outW, int channelOffset) {
        MacroLayout layout = block.layout();
        boolean inPlace = pointwise && layout.inputBytes() == layout.reductionLength();
        long column = inPlace ? -1 : allocate("im2col vector", layout.inputBytes(), "input memory",
                "cim_input_reg_buffer", "input_memory");
        long sums = allocate("int32 sums", 4L * columns, "output channels", "cim_output_reg_buffer",
                "output_memory");
        dropCurrent();
        Feature output = new Feature(allocate("output map", (long) outH * outW * columns, "output channels",
                "output_memory", "input_memory"), columns, outH, outW, channelOffset);
        CimKernels.window(out, window, block, column, sums, output.address(), zeroBlock);
        if (column >= 0) {
            releaseAddress(column);
        }
        releaseAddress(sums);
        current = output;
        last = output;
    }

    // ---- pooling, add, activation ---------------------------------------------------------------

    private void pooling(CgOp op) {
        boolean max = op.op().equals("maxpool");
        int[] x = featureShape(op, "X_shape");
        int[] kernel = twoInts(op, "kernel_shape", 1);
        int[] strides = twoInts(op, "strides", 1);
        int[] pads = fourInts(op, "padding", 0);
        List<Feature> parts = takeInput(x[1], x[2], x[3]);
        int channelOffset = parts.get(0).channelOffset();
        Feature map = assemble(parts, x[2], x[3], pads, max ? minBlock : zeroBlock);
        int channels = map.channels();
        if (map == current) {
            current = null;
        }
        int outH = (x[2] + pads[0] + pads[2] - kernel[0]) / strides[0] + 1;
        int outW = (x[3] + pads[1] + pads[3] - kernel[1]) / strides[1] + 1;
        CimKernels.Window window = new CimKernels.Window(map.address(), map.width(), channels, 0, channels,
                kernel[0], kernel[1], strides[0], strides[1], 1, 1, outH, outW);
        if (max) {
            dropCurrent();
            Feature output = new Feature(allocate("output map", (long) outH * outW * channels, "output channels",
                    "output_memory", "input_memory"), channels, outH, outW, channelOffset);
            VectorKernels.maxPool(out, window, output.address());
            release(map);
            current = output;
            last = output;
            return;
        }
        // NOTE: border windows divide by the full window size (ONNX count_include_pad = 1).
        String key = "avgpool " + kernel[0] + "x" + kernel[1] + " over " + channels + " channels";
        int[] onesShape = {channels, 1, kernel[0], kernel[1]};
        CimKernels.WeightBlock block = blockForConstant(key, onesShape, channels, channels * kernel[0] * kernel[1],
                false);
        runWindow(window, block, false, channels, outH, outW, channelOffset);
        release(map);
    }

    private CimKernels.WeightBlock blockForConstant(String key, int[] shape, int columns, int reduction,
                                                    boolean exact) {
        for (LoadedBlock loaded : blocks) {
            if (loaded.key().equals(key)) {
                return loaded.block();
            }
        }
        return loadBlock(key, shape, 0, GlobalImage.Pattern.ONES_DIAGONAL, columns, reduction, exact);
    }

    private void globalAveragePool(CgOp op) {
        int[] x = featureShape(op, "X_shape");
        Feature input = assemble(takeInput(x[1], x[2], x[3]), x[2], x[3], new int[4], zeroBlock);
        int channels = input.channels();
        int pixels = x[2] * x[3];
        int rowsFree = cim.macro().rowsPerElement() - rowsUsed;
        int compartments = cim.macro().compartments();
        CimKernels.WeightBlock block = null;
        int pass = 0;
        for (int candidate = pixels; candidate >= 1 && block == null; candidate--) {
            long reduction = (long) candidate * channels;
            if (pixels % candidate != 0 || reduction % compartments != 0) {
                continue;
            }
            String key = "global average pool " + candidate + " pixels over " + channels + " channels";
            boolean loaded = blocks.stream().anyMatch(b -> b.key().equals(key));
            if (loaded || MacroLayout.choose(channels, (int) reduction, cim, rowsFree, true) != null) {
                block = blockForConstant(key, new int[] {channels, 1, candidate, 1}, channels, (int) reduction, true);
                pass = candidate;
            }
        }
        if (block == null || block.layout().inputBytes() != (long) pass * channels) {
            throw new CimflowException(label + ": no run of pixels of the " + x[2] + "×" + x[3] + "×" + channels
                    + " map fills whole " + compartments + "-byte CIM input chunks within the " + rowsFree
                    + " free macro rows; global average pooling needs channels·pixels divisible by "
                    + compartments);
        }
        long sums = allocate("int32 sums", 4L * channels, "output channels", "cim_output_reg_buffer",
                "output_memory");
        if (input == current) {
            current = null;
        }
        dropCurrent();
        Feature output = new Feature(allocate("output map", channels, "output channels", "output_memory",
                "input_memory"), channels, 1, 1, input.channelOffset());
        CimKernels.globalAverage(out, input.address(), pixels / pass, block, sums, output.address(), zeroBlock);
        releaseAddress(sums);
        release(input);
        current = output;
        last = output;
    }

    private void residualAdd(CgOp op) {
        int[] shape = featureShape(op, "shape");
        if (current == null) {
            throw new CimflowException(label + ": add has no first operand: nothing was computed before it on "
                    + "this core in this stage");
        }
        if (current.height() != shape[2] || current.width() != shape[3]) {
            throw new CimflowException(label + ": add of shape " + Arrays.toString(shape) + " does not match the "
                    + "current output " + current.height() + "×" + current.width());
        }
        Feature assembled = assemble(takeSlices(current.channels(), shape[2], shape[3], "add"), shape[2], shape[3],
                new int[4], zeroBlock);
        VectorKernels.add(out, current.address(), assembled.address(), current.bytes());
        release(assembled);
        last = current;
    }

    private void relu(CgOp op) {
        Feature target = current != null ? current : last;
        if (target == null) {
            throw new CimflowException(label + ": " + op.op() + " has no input: nothing was computed or received "
                    + "before it on this core in this stage");
        }
        // NOTE: clip lowers to its lower bound 0 only; the upper bound (6 for ReLU6) is assumed to be the
        // int8 maximum of the quantization scale, as int8 deployments of ReLU6 choose it.
        VectorKernels.relu(out, target.address(), target.bytes(), zeroBlock, CONSTANT_BLOCK_BYTES);
    }

    // ---- input assembly -------------------------------------------------------------------------

    /** The input of a layer: the current output when its height and width match, else arrived slices. */
    private List<Feature> takeInput(int channels, int height, int width) {
        if (current != null && current.height() == height && current.width() == width
                && pending.stream().noneMatch(f -> f.height() == height && f.width() == width)) {
            return List.of(current);
        }
        return takeSlices(channels, height, width, "input");
    }

    /** The input of a fully connected layer: {@code bytes} bytes as one contiguous vector. */
    private Feature takeFlat(long bytes) {
        long available = pending.stream().mapToLong(Feature::bytes).sum();
        if (!pending.isEmpty() && available == bytes) {
            List<Feature> slices = new ArrayList<>(pending);
            pending.clear();
            if (slices.size() == 1) {
                return slices.get(0);
            }
            long address = allocate("fc input vector", bytes, "input map", "input_memory", "output_memory");
            long position = address;
            for (Feature slice : slices) {
                CopyKernels.copyContiguous(out, position, slice.address(), slice.bytes());
                position += slice.bytes();
                release(slice);
            }
            return new Feature(address, (int) bytes, 1, 1, 0);
        }
        if (current != null && current.bytes() == bytes) {
            return current;
        }
        throw new CimflowException(label + ": the fully connected layer reads " + bytes + " bytes but neither the "
                + "arrived features (" + available + " bytes) nor the current output ("
                + (current == null ? "none" : current.bytes() + " bytes") + ") have that size");
    }

    /**
     * Removes slices of the given height and width from the arrived ones until they hold
     * {@code channels}, in channel order when every slice knows its channel offset, else in arrival order.
     */
    private List<Feature> takeSlices(int channels, int height, int width, String role) {
        List<Feature> taken = new ArrayList<>();
        int sum = 0;
        for (Feature slice : pending) {
            if (sum < channels && slice.height() == height && slice.width() == width) {
                taken.add(slice);
                sum += slice.channels();
            }
        }
        if (sum != channels) {
            throw new CimflowException(label + ": the " + role + " needs " + channels + " channels of " + height + "×"
                    + width + " but the features read or received before it on this core provide " + sum
                    + "; the CG IR must read or receive them first");
        }
        pending.removeAll(taken);
        if (taken.stream().allMatch(f -> f.channelOffset() >= 0)) {
            taken.sort((a, b) -> Integer.compare(a.channelOffset(), b.channelOffset()));
        }
        return taken;
    }

    /**
     * Places input parts into one HWC map with the given padding: the part itself when there is one
     * and no padding, else a new map whose border is filled from {@code fillBlock} and whose interior
     * receives the parts one after another along the channels. Copied parts are freed.
     */
    private Feature assemble(List<Feature> parts, int height, int width, int[] pads, long fillBlock) {
        boolean padded = Arrays.stream(pads).anyMatch(p -> p > 0);
        if (parts.size() == 1 && !padded) {
            return parts.get(0);
        }
        int mapH = height + pads[0] + pads[2];
        int mapW = width + pads[1] + pads[3];
        int mapChannels = parts.stream().mapToInt(Feature::channels).sum();
        long rowBytes = (long) mapW * mapChannels;
        long map = allocate(padded ? "padded input map" : "input map", rowBytes * mapH, "input map",
                "input_memory", "output_memory");
        if (padded) {
            fillBorder(map, mapChannels, height, width, mapW, pads, fillBlock);
        }
        long position = 0;
        for (Feature part : parts) {
            long interior = map + (pads[0] * rowBytes) + (long) pads[1] * mapChannels + position;
            CopyKernels.copy(out, interior, part.address(), height, width, part.channels(), rowBytes, mapChannels,
                    (long) width * part.channels(), part.channels());
            position += part.channels();
            if (part == current) {
                current = null;
            }
            release(part);
        }
        return new Feature(map, mapChannels, mapH, mapW, parts.get(0).channelOffset());
    }

    private void fillBorder(long map, int channels, int height, int width, int mapW, int[] pads, long fillBlock) {
        long rowBytes = (long) mapW * channels;
        int top = Math.toIntExact((pads[0] * rowBytes) + (long) pads[1] * channels);
        CopyKernels.fill(out, map, 1, top, 0, fillBlock, CONSTANT_BLOCK_BYTES);
        int sides = (pads[1] + pads[3]) * channels;
        long firstSide = map + pads[0] * rowBytes + (long) (pads[1] + width) * channels;
        CopyKernels.fill(out, firstSide, height - 1, sides, rowBytes, fillBlock, CONSTANT_BLOCK_BYTES);
        long bottomStart = map + (pads[0] + height - 1) * rowBytes + (long) (pads[1] + width) * channels;
        int bottom = Math.toIntExact((long) pads[3] * channels + pads[2] * rowBytes);
        CopyKernels.fill(out, bottomStart, 1, bottom, 0, fillBlock, CONSTANT_BLOCK_BYTES);
    }

    // ---- allocation -----------------------------------------------------------------------------

    /**
     * Places a buffer in the first of {@code regions} with room. {@code scaling} names what its size
     * follows ("output channels", "input map", ...) for the advice of the overflow message.
     */
    private long allocate(String buffer, long bytes, String scaling, String... regions) {
        LocalAllocator first = null;
        for (String name : regions) {
            LocalAllocator allocator = allocators.get(name);
            if (allocator == null) {
                continue;
            }
            if (first == null) {
                first = allocator;
            }
            long address = allocator.allocate(bytes);
            if (address >= 0) {
                live.put(address, allocator);
                record(coreId, buffer, allocator.region().name(), address, LocalAllocator.aligned(bytes));
                return address;
            }
        }
        throw overflow(buffer, bytes, scaling, first);
    }

    private CimflowException overflow(String buffer, long bytes, String scaling, LocalAllocator region) {
        StringBuilder message = new StringBuilder(label).append(": the ").append(buffer).append(" needs ")
                .append(GlobalMemoryPlan.format(bytes)).append(" bytes but ").append(region.region().name())
                .append(" has ").append(GlobalMemoryPlan.format(region.largestFreeBlock()))
                .append(" bytes free in one block (").append(GlobalMemoryPlan.format(region.freeBytes())).append(" of ")
                .append(GlobalMemoryPlan.format(region.region().sizeBytes())).append(" free in total); ");
        int t = cim.macroGroupSize();
        if (scaling.equals("output channels")) {
            Integer smaller = null;
            for (int candidate : HardwarePresets.KNOWN_GROUP_SIZES) {
                if (candidate < t && bytes * candidate / t <= region.largestFreeBlock()) {
                    smaller = candidate;
                }
            }
            message.append(smaller != null
                    ? "it holds at most 8·T channels per core, so T=" + smaller + " (at most " + 8 * smaller
                    + " channels, about " + GlobalMemoryPlan.format(bytes * smaller / t) + " bytes) would fit"
                    : "even the smallest T leaves it too large; use a smaller input resolution");
        } else {
            message.append("it holds one image with all input channels, so neither the batch size, the core count "
                    + "nor T shrinks it; use a smaller input resolution or a configuration with a larger ")
                    .append(region.region().name());
        }
        return new CimflowException(message.toString());
    }

    private void record(int coreOrGlobal, String buffer, String region, long address, long bytes) {
        context.allocations.add(new BufferAllocation(coreOrGlobal, coreOrGlobal < 0 ? -1 : stage, label, buffer,
                region, address, bytes));
    }

    private void release(Feature feature) {
        if (feature != null) {
            releaseAddress(feature.address());
        }
    }

    private void releaseAddress(long address) {
        LocalAllocator allocator = live.remove(address);
        if (allocator != null) {
            allocator.release((int) address);
        }
    }

    /** Frees the current output; called when a new output replaces it. */
    private void dropCurrent() {
        if (current != null) {
            pending.remove(current);
            release(current);
            if (last == current) {
                last = null;
            }
            current = null;
        }
    }

    /** Frees everything but the program constants and forgets the stage's weights. */
    private void endStage() {
        for (Long address : new ArrayList<>(live.keySet())) {
            if (!persistent.contains(address)) {
                releaseAddress(address);
            }
        }
        pending.clear();
        current = null;
        last = null;
        blocks.clear();
        rowsUsed = 0;
        waited.clear();
    }

    // ---- attribute helpers ----------------------------------------------------------------------

    private int[] featureShape(CgOp op, String key) {
        int[] shape = op.ints(key);
        if (shape.length != 4 || shape[0] != 1) {
            throw new CimflowException(label + ": " + key + " " + Arrays.toString(shape) + " is not [1, C, H, W]");
        }
        return shape;
    }

    private static long bytes(int[] shape) {
        long product = 1;
        for (int dimension : shape) {
            product *= dimension;
        }
        return product;
    }

    private static int[] twoInts(CgOp op, String key, int fallback) {
        if (!op.attr().containsKey(key)) {
            return new int[] {fallback, fallback};
        }
        int[] values = op.ints(key);
        return values.length == 1 ? new int[] {values[0], values[0]} : values;
    }

    private static int[] fourInts(CgOp op, String key, int fallback) {
        if (!op.attr().containsKey(key)) {
            return new int[] {fallback, fallback, fallback, fallback};
        }
        int[] values = op.ints(key);
        if (values.length == 2) {
            return new int[] {values[0], values[1], values[0], values[1]};
        }
        return values;
    }
}
