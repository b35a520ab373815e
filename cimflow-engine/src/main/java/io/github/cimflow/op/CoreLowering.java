package io.github.cimflow.op;

import io.github.cimflow.CimflowException;
import io.github.cimflow.cg.CgCore;
import io.github.cimflow.cg.CgOp;
import io.github.cimflow.cg.CgStage;
import io.github.cimflow.isa.LayerTable;
import io.github.cimflow.hw.AddressRegion;
import io.github.cimflow.hw.CimUnitConfig;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.isa.Opcode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Lowers the CG operations of one core into its instruction program.
 *
 * <p>Features are tracked by name: every read, receive and computation leaves an HWC slice of a
 * tensor (name, image, first channel, channel count) in local memory; an operation finds its
 * inputs among these slices by the tensor names of its attributes ({@code input}, {@code inputs},
 * {@code tensor}) and the channels it needs. A slice is freed after the last operation of the stage
 * that names its tensor. Slices are int8, except the int32 partial sums of a convolution whose
 * reduction is split over cores, which stay int32 until the partial-sum adds are done.
 */
final class CoreLowering implements WeightBlocks.Lowering {
    /** Bytes of the zero block (and of the -128 block) kept in input memory for the whole program. */
    static final int CONSTANT_BLOCK_BYTES = 2048;

    private final LoweringContext context;
    private final HardwareConfig hardware;
    private final CimUnitConfig cim;
    private final int coreId;
    private final CgCore core;
    final InstructionBuilder out = new InstructionBuilder();
    /** First instruction index of each run of instructions that serve one layer, in program order. */
    final List<Integer> layerRunStarts = new ArrayList<>();
    /** Layer of each run: the stage's cluster id, or {@link LayerTable#OUTSIDE_LAYERS}. */
    final List<String> layerRunNames = new ArrayList<>();
    final List<Fixup> fixups = new ArrayList<>();
    /** The int8 output slices of the operations that emitted instructions, in program order. */
    final List<OutputSlice> outputSlices = new ArrayList<>();
    private final LocalMemory memory;
    private final WeightBlocks blocks;
    /** True when a local address can exceed the G_LI range, so peer addresses take three instructions. */
    private final boolean wideLocalAddresses;
    private long zeroBlock;
    private long minBlock = -1;
    /** Local address of each activation table this core uses, by {@link #tableKey}. */
    private final Map<String, Long> tables = new TreeMap<>();
    /** Local address of the shift byte that every VEC_VSMUL reads, or -1. */
    private long shiftScalar = -1;

    private int stage;
    private String label;
    private final List<Feature> held = new ArrayList<>();
    private final Map<String, Integer> lastUse = new HashMap<>();
    private final Map<String, CimKernels.WeightBlock> partialSumBlocks = new HashMap<>();
    private final Set<Integer> waited = new HashSet<>();

    /** A load whose value becomes the peer's address of a transfer once every core is lowered. */
    record Fixup(int instruction, String transferName, boolean peerIsReceiver, boolean wide) {
    }

    /**
     * An HWC slice of a tensor in local memory.
     *
     * @param elementBytes 1 for int8 features, 4 for int32 partial sums
     */
    record Feature(String tensor, int image, long address, int channels, int height, int width, int channelOffset,
                   int elementBytes) {
        String key() {
            return tensorKey(tensor, image);
        }

        long bytes() {
            return (long) channels * height * width * elementBytes;
        }

        Feature renamed(String name) {
            return new Feature(name, image, address, channels, height, width, channelOffset, elementBytes);
        }
    }

    /** Channels [first, first + count) of a held slice. */
    private record Piece(Feature source, int first, int count) {
        boolean whole() {
            return first == source.channelOffset() && count == source.channels();
        }
    }

    /** An input gathered into one HWC map; temporary maps are freed after use. */
    private record GatheredMap(long address, int channels, int height, int width, boolean temporary) {
    }

    CoreLowering(LoweringContext context, CgCore core) {
        this.context = context;
        this.hardware = context.hardware;
        this.cim = hardware.core().cim();
        this.core = core;
        this.coreId = context.coreId(core);
        this.memory = new LocalMemory(hardware);
        AddressRegion macro = hardware.region(hardware.cimRegionName());
        if (macro == null) {
            throw new CimflowException("hardware configuration: the address space has no region '"
                    + hardware.cimRegionName() + "' for the macros");
        }
        this.blocks = new WeightBlocks(context, macro.baseAddress());
        long localEnd = 0;
        for (AddressRegion region : hardware.addressSpace()) {
            if (!region.name().equals(hardware.globalMemory().name())) {
                localEnd = Math.max(localEnd, region.endAddress());
            }
        }
        this.wideLocalAddresses = localEnd - 1 > InstructionBuilder.MAX_G_LI;
    }

    static String tensorKey(String tensor, int image) {
        return tensor + "#" + image;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public InstructionBuilder builder() {
        return out;
    }

    @Override
    public long allocate(String buffer, long bytes, LocalMemory.Scaling scaling, String... regions) {
        return memory.allocate(label, buffer, bytes, scaling, context.allocations, coreId, stage, regions);
    }

    @Override
    public void recordGlobal(String buffer, long address, long bytes) {
        context.allocations.add(new BufferAllocation(-1, -1, label, buffer, "global", address, bytes));
    }

    /** Emits the whole program of this core. */
    void lower() {
        stage = -1;
        startLayerRun(LayerTable.OUTSIDE_LAYERS);
        label = "core " + coreId + " (" + core.key() + ") program constants";
        out.loadImmediate(Registers.ZERO, 0);
        zeroBlock = allocate("zero block", CONSTANT_BLOCK_BYTES, LocalMemory.Scaling.CONSTANT, "input_memory");
        memory.keepForProgram(zeroBlock);
        if (needsMinBlock()) {
            emitMinBlock();
        }
        emitActivationConstants();
        for (int s = 0; s < context.stageCount; s++) {
            stage = s;
            CgStage cgStage = stageOf(s);
            if (cgStage != null) {
                startLayerRun(cgStage.clusterId());
                lowerStage(cgStage);
                startLayerRun(LayerTable.OUTSIDE_LAYERS);
            }
            endStage();
            if (s < context.stageCount - 1) {
                out.loadConstant(Registers.SCRATCH0, hardware.coreCount());
                out.loadConstant(Registers.SCRATCH1, s);
                out.emit(Opcode.BARRIER, Registers.SCRATCH0, Registers.SCRATCH1, 0, 0, 0, 0, 0, 0);
            }
        }
    }

    private void startLayerRun(String layer) {
        layerRunStarts.add(out.size());
        layerRunNames.add(layer);
    }

    private boolean needsMinBlock() {
        for (CgStage cgStage : core.stages()) {
            for (CgOp op : cgStage.instructions()) {
                // Any max pooling may pad: explicitly, or at the bottom and right for ONNX's ceil_mode.
                if (op.op().equals("maxpool")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Writes, once per program, the 256-byte table of every sigmoid-family function this core
     * computes (SC_ST of each non-zero word) and the shift byte of the VEC_VSMUL.
     */
    private void emitActivationConstants() {
        Map<String, byte[]> needed = new TreeMap<>();
        boolean multiplies = false;
        for (CgStage cgStage : core.stages()) {
            for (CgOp op : cgStage.instructions()) {
                String key = tableKey(op);
                if (key != null) {
                    needed.put(key, tableOf(op));
                }
                multiplies |= op.op().equals("mul") || op.op().equals("hardswish");
            }
        }
        for (Map.Entry<String, byte[]> entry : needed.entrySet()) {
            long address = allocate(entry.getKey() + " table", ActivationTables.ENTRIES, LocalMemory.Scaling.CONSTANT,
                    "input_memory");
            memory.keepForProgram(address);
            tables.put(entry.getKey(), address);
            byte[] table = entry.getValue();
            out.loadConstant(Registers.SCRATCH0, address);
            for (int word = 0; word < ActivationTables.ENTRIES / 4; word++) {
                int value = (table[4 * word] & 0xff) | (table[4 * word + 1] & 0xff) << 8
                        | (table[4 * word + 2] & 0xff) << 16 | table[4 * word + 3] << 24;
                if (value != 0) {
                    out.loadConstant(Registers.SCRATCH1, value);
                    out.storeWord(Registers.SCRATCH0, Registers.SCRATCH1, 4 * word);
                }
            }
        }
        if (multiplies) {
            shiftScalar = allocate("multiply shift", 4, LocalMemory.Scaling.CONSTANT, "input_memory");
            memory.keepForProgram(shiftScalar);
            out.loadConstant(Registers.SCRATCH0, shiftScalar);
            out.loadImmediate(Registers.SCRATCH1, ActivationTables.OUTPUT_FRACTION_BITS);
            out.storeWord(Registers.SCRATCH0, Registers.SCRATCH1, 0);
        }
    }

    /** Returns the key of the table an operation looks up (sigmoid, or hardsigmoid with alpha and beta), else null. */
    private static String tableKey(CgOp op) {
        return switch (op.op()) {
            case "sigmoid" -> "sigmoid";
            case "hardsigmoid" -> String.format(java.util.Locale.ROOT, "hardsigmoid alpha %s beta %s",
                    attribute(op, "alpha", ActivationTables.DEFAULT_ALPHA),
                    attribute(op, "beta", ActivationTables.BETA));
            case "hardswish" -> String.format(java.util.Locale.ROOT, "hardsigmoid alpha %s beta %s",
                    ActivationTables.HARDSWISH_ALPHA, ActivationTables.BETA);
            default -> null;
        };
    }

    private static byte[] tableOf(CgOp op) {
        return switch (op.op()) {
            case "sigmoid" -> ActivationTables.sigmoid();
            case "hardsigmoid" -> ActivationTables.hardSigmoid(attribute(op, "alpha", ActivationTables.DEFAULT_ALPHA),
                    attribute(op, "beta", ActivationTables.BETA));
            default -> ActivationTables.hardSigmoid(ActivationTables.HARDSWISH_ALPHA, ActivationTables.BETA);
        };
    }

    private static double attribute(CgOp op, String key, double fallback) {
        Object value = op.attr().get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw new CimflowException("operation " + op.op() + " '" + op.string("node") + "': attribute " + key
                    + " is '" + value + "', not a number; write it as a decimal number");
        }
    }

    /** Builds the -128 block that pads max pooling: VEC_SC_ADD of the scalar -128 to the zero block. */
    private void emitMinBlock() {
        minBlock = allocate("-128 block", CONSTANT_BLOCK_BYTES, LocalMemory.Scaling.CONSTANT, "input_memory");
        long scalar = allocate("-128 scalar", 4, LocalMemory.Scaling.CONSTANT, "input_memory");
        memory.keepForProgram(minBlock);
        memory.keepForProgram(scalar);
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
        computeLastUses(ops);
        for (int index = 0; index < ops.size(); index++) {
            CgOp op = ops.get(index);
            String node = op.string("node");
            label = "core " + coreId + " (" + core.key() + ") stage " + stage + " operation " + index + " ("
                    + op.op() + (node != null ? " '" + node + "'" : "") + ")";
            int firstInstruction = out.size();
            try {
                lowerOperation(op, ops, index, cgStage);
            } catch (IllegalArgumentException e) {
                throw new CimflowException(label + ": " + e.getMessage(), e);
            }
            if (out.size() > firstInstruction) {
                recordOutputSlices(op);
            }
            releaseDead(index);
        }
    }

    /**
     * Records where the int8 slices of an operation's output sit now. Received and gathered slices
     * of the same tensor are recorded too: their bytes are the same tensor's values.
     */
    private void recordOutputSlices(CgOp op) {
        String tensor = op.string("output");
        if (tensor == null || op.op().equals("read") || op.op().equals("write")) {
            return;
        }
        int image = imageOf(op);
        for (Feature feature : held) {
            if (feature.tensor().equals(tensor) && feature.image() == image && feature.elementBytes() == 1) {
                outputSlices.add(new OutputSlice(coreId, out.size(), op.string("node"), tensor, image,
                        feature.channelOffset(), feature.channels(), feature.height(), feature.width(),
                        feature.address()));
            }
        }
    }

    /** Records the index of the last operation naming each tensor of each image. */
    private void computeLastUses(List<CgOp> ops) {
        lastUse.clear();
        for (int index = 0; index < ops.size(); index++) {
            CgOp op = ops.get(index);
            int image = LoweringContext.intOr(op, "image", 0);
            for (String tensor : tensorsOf(op)) {
                lastUse.put(tensorKey(tensor, image), index);
            }
        }
    }

    private static List<String> tensorsOf(CgOp op) {
        List<String> names = new ArrayList<>();
        for (String key : List.of("tensor", "input", "output")) {
            String name = op.string(key);
            if (name != null) {
                names.add(name);
            }
        }
        Object inputs = op.attr().get("inputs");
        if (inputs instanceof List<?> list) {
            for (Object name : list) {
                names.add(String.valueOf(name));
            }
        }
        return names;
    }

    private void releaseDead(int index) {
        for (Feature feature : new ArrayList<>(held)) {
            if (lastUse.getOrDefault(feature.key(), -1) <= index) {
                drop(feature);
            }
        }
    }

    /** Forgets a slice and frees its buffer unless another slice (an alias) still uses it. */
    private void drop(Feature feature) {
        held.remove(feature);
        boolean aliased = held.stream().anyMatch(other -> other.address() == feature.address());
        if (!aliased) {
            memory.release(feature.address());
        }
    }

    private void endStage() {
        memory.releaseStageBuffers();
        held.clear();
        blocks.clear();
        partialSumBlocks.clear();
        waited.clear();
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
            case "conv" -> convolution(op);
            case "depthwise_conv" -> depthwiseConvolution(op);
            case "fc" -> fullyConnected(op);
            case "maxpool" -> maxPool(op);
            case "avgpool" -> averagePool(op);
            case "globalaveragepool" -> globalAveragePool(op);
            case "add" -> {
                if (Boolean.TRUE.equals(op.attr().get("partial_sum"))) {
                    partialSumAdd(op, ops, index);
                } else {
                    residualAdd(op, index);
                }
            }
            case "relu", "clip" -> relu(op, index);
            case "sigmoid", "hardsigmoid" -> lookup(op, index);
            case "hardswish" -> hardSwish(op, index);
            case "mul" -> multiply(op, index);
            case "reshape" -> reshape(op);
            case "concat" -> concat(op);
            default -> throw new CimflowException(label + ": operation '" + op.op() + "' has no lowering; "
                    + "only conv, depthwise_conv, fc, maxpool, avgpool, globalaveragepool, add, mul, relu, clip, "
                    + "sigmoid, hardsigmoid, hardswish, reshape and concat are computed");
        }
    }

    // ---- weights --------------------------------------------------------------------------------

    private void readWeights(CgOp op, List<CgOp> ops, int index, CgStage cgStage) {
        int[] shape = op.ints("shape");
        int offset = LoweringContext.intOr(op, "channel_offset", 0);
        int inputOffset = LoweringContext.intOr(op, "input_channel_offset", 0);
        CgOp consumer = null;
        for (int next = index + 1; next < ops.size() && consumer == null; next++) {
            String kind = ops.get(next).op();
            if (kind.equals("conv") || kind.equals("depthwise_conv") || kind.equals("fc")) {
                consumer = ops.get(next);
            }
        }
        if (consumer != null && consumer.op().equals("depthwise_conv")) {
            return;
        }
        String tensor = op.string("tensor") != null ? op.string("tensor") : cgStage.clusterId();
        String key = tensor + " out " + offset + " in " + inputOffset;
        if (blocks.byKey(key) == null) {
            blocks.load(this, key, tensor, shape, offset, inputOffset, GlobalImage.Pattern.DENSE, 0, shape[0],
                    reduction(shape), isPointwise(shape));
        }
    }

    /** True for a dense layer whose windows are single pixels of a reduction length divisible by H. */
    private boolean isPointwise(int[] weightShape) {
        boolean oneByOne = weightShape.length == 2 || (weightShape[2] == 1 && weightShape[3] == 1);
        return oneByOne && reduction(weightShape) % cim.macro().compartments() == 0;
    }

    private static int reduction(int[] weightShape) {
        int product = 1;
        for (int i = 1; i < weightShape.length; i++) {
            product *= weightShape[i];
        }
        return product;
    }

    /** The dense block of a weight layer: the one a read loaded for its slice, else loaded now. */
    private CimKernels.WeightBlock denseBlock(CgOp op, int[] weightShape) {
        int offset = LoweringContext.intOr(op, "channel_offset", 0);
        int inputOffset = LoweringContext.intOr(op, "input_channel_offset", 0);
        CimKernels.WeightBlock block = blocks.matching(weightShape, offset, inputOffset, GlobalImage.Pattern.DENSE);
        if (block != null) {
            return block;
        }
        String weight = op.string("weight") != null ? op.string("weight") : op.string("node");
        String key = weight + " out " + offset + " in " + inputOffset;
        block = blocks.byKey(key);
        return block != null ? block : blocks.load(this, key, weight, weightShape, offset, inputOffset,
                GlobalImage.Pattern.DENSE, 0, weightShape[0], reduction(weightShape), isPointwise(weightShape));
    }

    /**
     * A block with a ones-diagonal or depthwise pattern for channels [first, first + columns), loaded once.
     *
     * @param tensor       the depthwise weight tensor, null for averages
     * @param averageCount what an average divides by, 0 for depthwise blocks
     */
    private CimKernels.WeightBlock diagonalBlock(String key, String tensor, GlobalImage.Pattern pattern, int[] shape,
                                                 int first, int columns, int taps, int averageCount, boolean exact) {
        CimKernels.WeightBlock block = blocks.byKey(key);
        return block != null ? block : blocks.load(this, key, tensor, shape, first, 0, pattern, averageCount, columns,
                taps * columns, exact);
    }

    // ---- features in and out --------------------------------------------------------------------

    private void readFeature(CgOp op) {
        int[] shape = featureShape(op, "shape");
        String key = LoweringContext.featureKey(op);
        GlobalImage.Entry entry = context.global.feature(key);
        int first = LoweringContext.intOr(op, "channel_offset", 0);
        waitForWriters(key, first, first + shape[1]);
        int totalChannels = entry.shape().get(2);
        long address = allocate("feature slice " + key, (long) shape[1] * shape[2] * shape[3],
                LocalMemory.Scaling.INPUT_MAP, "output_memory", "input_memory");
        CopyKernels.copy(out, address, entry.address() + first, shape[2], shape[3], shape[1],
                (long) shape[3] * shape[1], shape[1], (long) shape[3] * totalChannels, totalChannels);
        held.add(new Feature(op.string("tensor"), LoweringContext.intOr(op, "image", 0), address, shape[1], shape[2],
                shape[3], first, 1));
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
        out.loadConstant(Registers.SCRATCH0, sourceCore);
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
        int image = LoweringContext.intOr(op, "image", 0);
        int totalChannels = entry.shape().get(2);
        for (Piece piece : cover(op.string("tensor"), image, first, shape[1], shape[2], shape[3])) {
            Feature source = piece.source();
            CopyKernels.copy(out, entry.address() + piece.first(),
                    source.address() + piece.first() - source.channelOffset(), shape[2], shape[3], piece.count(),
                    (long) shape[3] * totalChannels, totalChannels, (long) shape[3] * source.channels(),
                    source.channels());
        }
        int syncId = context.syncId(LoweringContext.writeKey(coreId, stage, index, op));
        out.loadConstant(Registers.SCRATCH0, syncId);
        out.emit(Opcode.TAG, Registers.SCRATCH0, 0, 0, 0, 0, 0, 0, 0);
    }

    private void send(CgOp op) {
        int[] shape = featureShape(op, "shape");
        String tensor = op.string("tensor");
        int image = LoweringContext.intOr(op, "image", 0);
        int first = LoweringContext.intOr(op, "channel_offset", 0);
        Feature exact = exactSlice(tensor, image, first, shape);
        GatheredMap gathered = null;
        long address;
        long bytes;
        if (exact != null) {
            address = exact.address();
            bytes = exact.bytes();
        } else {
            gathered = gather(cover(tensor, image, first, shape[1], shape[2], shape[3]), shape[2], shape[3],
                    new int[4], zeroBlock, true);
            address = gathered.address();
            bytes = (long) shape[1] * shape[2] * shape[3];
        }
        String name = op.string("name");
        int destination = context.coreId(op.string("dist_core_name"), label);
        context.recordSend(name, address);
        out.loadConstant(Registers.SCRATCH0, address);
        out.loadConstant(Registers.SCRATCH1, destination);
        fixups.add(new Fixup(out.loadLater(Registers.SCRATCH2, wideLocalAddresses), name, true,
                wideLocalAddresses));
        out.loadConstant(Registers.SCRATCH3, bytes);
        out.loadConstant(Registers.KERNEL_FIRST, context.transferId(name));
        out.emit(Opcode.SEND, Registers.SCRATCH0, Registers.SCRATCH1, Registers.SCRATCH2, Registers.SCRATCH3,
                Registers.KERNEL_FIRST, 0, 0, 0);
        if (gathered != null) {
            memory.release(gathered.address());
        }
    }

    /** Returns the held slice that is exactly the requested one (int8 or int32), or null. */
    private Feature exactSlice(String tensor, int image, int first, int[] shape) {
        for (Feature feature : held) {
            if (feature.tensor().equals(tensor) && feature.image() == image && feature.channelOffset() == first
                    && feature.channels() == shape[1] && feature.height() == shape[2]
                    && feature.width() == shape[3]) {
                return feature;
            }
        }
        return null;
    }

    private void receive(CgOp op) {
        int[] shape = featureShape(op, "shape");
        String tensor = op.string("tensor");
        int image = LoweringContext.intOr(op, "image", 0);
        // A core that split a reduction with others receives their int32 partial sums of its own output.
        boolean partial = held.stream().anyMatch(f -> f.tensor().equals(tensor) && f.image() == image
                && f.elementBytes() == 4);
        int elementBytes = partial ? 4 : 1;
        long bytes = (long) shape[1] * shape[2] * shape[3] * elementBytes;
        String name = op.string("name");
        int source = context.coreId(op.string("src_core_name"), label);
        long address = allocate((partial ? "received partial sums " : "received slice ") + name, bytes,
                LocalMemory.Scaling.INPUT_MAP, "output_memory", "input_memory");
        context.recordReceive(name, address);
        out.loadConstant(Registers.SCRATCH0, address);
        out.loadConstant(Registers.SCRATCH1, source);
        fixups.add(new Fixup(out.loadLater(Registers.SCRATCH2, wideLocalAddresses), name, false,
                wideLocalAddresses));
        out.loadConstant(Registers.SCRATCH3, bytes);
        out.loadConstant(Registers.KERNEL_FIRST, context.transferId(name));
        out.emit(Opcode.RECV, Registers.SCRATCH1, Registers.SCRATCH2, Registers.SCRATCH0, Registers.SCRATCH3,
                Registers.KERNEL_FIRST, 0, 0, 0);
        held.add(new Feature(tensor, image, address, shape[1], shape[2], shape[3],
                LoweringContext.intOr(op, "channel_offset", 0), elementBytes));
    }

    // ---- weight layers --------------------------------------------------------------------------

    private void convolution(CgOp op) {
        int[] x = featureShape(op, "X_shape");
        int[] w = op.ints("W_shape");
        int[] pads = fourInts(op, "padding", 0);
        int[] strides = twoInts(op, "strides", 1);
        int[] dilations = twoInts(op, "dilations", 1);
        if (LoweringContext.intOr(op, "group", 1) != 1) {
            throw new CimflowException(label + ": grouped convolutions (group " + op.integer("group") + ") other "
                    + "than depthwise are not supported");
        }
        int inputOffset = LoweringContext.intOr(op, "input_channel_offset", 0);
        int[] outSize = outputSize(x, w[2], w[3], pads, strides, dilations);
        GatheredMap map = gather(cover(inputOf(op), imageOf(op), inputOffset, w[1], x[2], x[3]), x[2], x[3], pads,
                zeroBlock, false);
        CimKernels.WeightBlock block = denseBlock(op, w);
        CimKernels.Window window = new CimKernels.Window(map.address(), map.width(), map.channels(), 0, w[1], w[2],
                w[3], strides[0], strides[1], dilations[0], dilations[1], outSize[0], outSize[1]);
        boolean partial = w[1] < x[1];
        runWindow(op, window, block, isPointwise(w), w[0], outSize, 0, w[0], partial);
        if (map.temporary()) {
            memory.release(map.address());
        }
    }

    private void depthwiseConvolution(CgOp op) {
        int[] x = featureShape(op, "X_shape");
        int[] w = op.ints("W_shape");
        if (w[1] != 1) {
            throw new CimflowException(label + ": grouped convolution with " + w[1] + " input channels per group is "
                    + "not supported; only depthwise (1 per group) is");
        }
        int[] pads = fourInts(op, "padding", 0);
        int[] strides = twoInts(op, "strides", 1);
        int[] dilations = twoInts(op, "dilations", 1);
        int offset = LoweringContext.intOr(op, "channel_offset", 0);
        int channels = w[0];
        int[] outSize = outputSize(x, w[2], w[3], pads, strides, dilations);
        GatheredMap map = gather(cover(inputOf(op), imageOf(op), offset, channels, x[2], x[3]), x[2], x[3], pads,
                zeroBlock, false);
        long output = newOutput(op, channels, outSize, offset, 1);
        int tile = cim.outputChannelsPerGroup();
        String weight = op.string("weight") != null ? op.string("weight") : op.string("node");
        for (int start = 0; start < channels; start += tile) {
            int columns = Math.min(tile, channels - start);
            int[] tileShape = {columns, 1, w[2], w[3]};
            CimKernels.WeightBlock block = diagonalBlock(weight + " depthwise out " + (offset + start), weight,
                    GlobalImage.Pattern.DEPTHWISE, tileShape, offset + start, columns, w[2] * w[3], 0, false);
            CimKernels.Window window = new CimKernels.Window(map.address(), map.width(), map.channels(), start,
                    columns, w[2], w[3], strides[0], strides[1], dilations[0], dilations[1], outSize[0], outSize[1]);
            emitWindow(window, block, false, output + start, channels, true);
        }
        if (map.temporary()) {
            memory.release(map.address());
        }
    }

    private void fullyConnected(CgOp op) {
        int[] x = op.ints("X_shape");
        int[] w = op.ints("W_shape");
        int inputOffset = LoweringContext.intOr(op, "input_channel_offset", 0);
        int length = w[1];
        GatheredMap input = gather(cover(inputOf(op), imageOf(op), inputOffset, length, 1, 1), 1, 1, new int[4],
                zeroBlock, false);
        CimKernels.WeightBlock block = denseBlock(op, w);
        CimKernels.Window window = new CimKernels.Window(input.address(), 1, length, 0, length, 1, 1, 1, 1, 1, 1, 1,
                1);
        boolean partial = length < x[x.length - 1];
        runWindow(op, window, block, isPointwise(w), w[0], new int[] {1, 1}, 0, w[0], partial);
        if (input.temporary()) {
            memory.release(input.address());
        }
    }

    /** Allocates the output of a dense layer, emits its window kernel and keeps the result as a slice. */
    private void runWindow(CgOp op, CimKernels.Window window, CimKernels.WeightBlock block, boolean pointwise,
                           int columns, int[] outSize, int outputChannel, int outputChannels, boolean partial) {
        long output = newOutput(op, outputChannels, outSize, LoweringContext.intOr(op, "channel_offset", 0),
                partial ? 4 : 1);
        if (partial) {
            partialSumBlocks.put(tensorKey(op.string("output"), imageOf(op)), block);
        }
        emitWindow(window, block, pointwise, output + outputChannel, (long) outputChannels * (partial ? 4 : 1),
                !partial);
    }

    /** Emits one window kernel with its im2col vector and sums buffers. */
    private void emitWindow(CimKernels.Window window, CimKernels.WeightBlock block, boolean pointwise, long output,
                            long outputPixelBytes, boolean quantize) {
        MacroLayout layout = block.layout();
        boolean inPlace = pointwise && layout.inputBytes() == layout.reductionLength();
        long column = inPlace ? -1 : allocate("im2col vector", layout.inputBytes(), LocalMemory.Scaling.INPUT_MAP,
                "cim_input_reg_buffer", "input_memory");
        long sums = quantize ? allocate("int32 sums", 4L * layout.columns(), LocalMemory.Scaling.OUTPUT_CHANNELS,
                "cim_output_reg_buffer", "output_memory") : -1;
        CimKernels.window(out, window, block, column, sums, output, outputPixelBytes, quantize, zeroBlock);
        if (column >= 0) {
            memory.release(column);
        }
        if (sums >= 0) {
            memory.release(sums);
        }
    }

    /** Allocates the output slice of an operation and keeps it ({@code output} tensor, its image). */
    private long newOutput(CgOp op, int channels, int[] outSize, int channelOffset, int elementBytes) {
        long bytes = (long) channels * outSize[0] * outSize[1] * elementBytes;
        long address = allocate((elementBytes == 4 ? "int32 partial sums " : "output ") + op.string("output"), bytes,
                LocalMemory.Scaling.OUTPUT_CHANNELS, "output_memory", "input_memory");
        held.add(new Feature(op.string("output"), imageOf(op), address, channels, outSize[0], outSize[1],
                channelOffset, elementBytes));
        return address;
    }

    private int[] outputSize(int[] x, int kernelH, int kernelW, int[] pads, int[] strides, int[] dilations) {
        int outH = (x[2] + pads[0] + pads[2] - dilations[0] * (kernelH - 1) - 1) / strides[0] + 1;
        int outW = (x[3] + pads[1] + pads[3] - dilations[1] * (kernelW - 1) - 1) / strides[1] + 1;
        if (outH < 1 || outW < 1) {
            throw new CimflowException(label + ": the kernel " + kernelH + "×" + kernelW + " is larger than the "
                    + "padded input " + x[2] + "×" + x[3]);
        }
        return new int[] {outH, outW};
    }

    // ---- pooling --------------------------------------------------------------------------------

    private void maxPool(CgOp op) {
        int[] x = featureShape(op, "X_shape");
        int[] kernel = twoInts(op, "kernel_shape", 1);
        int[] strides = twoInts(op, "strides", 1);
        int[] pads = fourInts(op, "padding", 0);
        int offset = LoweringContext.intOr(op, "channel_offset", 0);
        int[] outSize = poolOutputSize(op, x, kernel, strides, pads);
        GatheredMap map = gather(cover(inputOf(op), imageOf(op), offset, x[1], x[2], x[3]), x[2], x[3], pads,
                minBlock, false);
        long output = newOutput(op, x[1], outSize, offset, 1);
        CimKernels.Window window = new CimKernels.Window(map.address(), map.width(), map.channels(), 0, x[1],
                kernel[0], kernel[1], strides[0], strides[1], 1, 1, outSize[0], outSize[1]);
        VectorKernels.maxPool(out, window, output);
        if (map.temporary()) {
            memory.release(map.address());
        }
    }

    private void averagePool(CgOp op) {
        int[] x = featureShape(op, "X_shape");
        int[] kernel = twoInts(op, "kernel_shape", 1);
        int[] strides = twoInts(op, "strides", 1);
        int[] pads = fourInts(op, "padding", 0);
        int offset = LoweringContext.intOr(op, "channel_offset", 0);
        int[] outSize = poolOutputSize(op, x, kernel, strides, pads);
        GatheredMap map = gather(cover(inputOf(op), imageOf(op), offset, x[1], x[2], x[3]), x[2], x[3], pads,
                zeroBlock, false);
        // NOTE: windows at the border divide by the full window size, as ONNX count_include_pad = 1 does.
        windowAverage(op, map, x[1], kernel, strides, outSize, offset);
        if (map.temporary()) {
            memory.release(map.address());
        }
    }

    /**
     * Returns the output size of a pooling: {@code Y_shape} when the CG IR gives it, which covers
     * ONNX's ceil_mode. When the last window reaches past the padded input, the bottom and right
     * padding grow (in place in {@code pads}) so every window stays inside the map.
     */
    private int[] poolOutputSize(CgOp op, int[] x, int[] kernel, int[] strides, int[] pads) {
        int[] outSize = outputSize(x, kernel[0], kernel[1], pads, strides, new int[] {1, 1});
        if (op.attr().containsKey("Y_shape")) {
            int[] y = featureShape(op, "Y_shape");
            outSize = new int[] {y[2], y[3]};
        }
        pads[2] += Math.max(0, (outSize[0] - 1) * strides[0] + kernel[0] - (x[2] + pads[0] + pads[2]));
        pads[3] += Math.max(0, (outSize[1] - 1) * strides[1] + kernel[1] - (x[3] + pads[1] + pads[3]));
        return outSize;
    }

    /** Average over windows on the macros: ones-diagonal blocks of at most 8·T channels each. */
    private void windowAverage(CgOp op, GatheredMap map, int channels, int[] kernel, int[] strides, int[] outSize,
                               int offset) {
        long output = newOutput(op, channels, outSize, offset, 1);
        int tile = cim.outputChannelsPerGroup();
        for (int start = 0; start < channels; start += tile) {
            int columns = Math.min(tile, channels - start);
            String key = "average of " + kernel[0] + "x" + kernel[1] + " windows over " + columns + " channels";
            CimKernels.WeightBlock block = diagonalBlock(key, null, GlobalImage.Pattern.ONES_DIAGONAL,
                    new int[] {columns, 1, kernel[0], kernel[1]}, 0, columns, kernel[0] * kernel[1],
                    kernel[0] * kernel[1], false);
            CimKernels.Window window = new CimKernels.Window(map.address(), map.width(), map.channels(), start,
                    columns, kernel[0], kernel[1], strides[0], strides[1], 1, 1, outSize[0], outSize[1]);
            emitWindow(window, block, false, output + start, channels, true);
        }
    }

    private void globalAveragePool(CgOp op) {
        int[] x = featureShape(op, "X_shape");
        int offset = LoweringContext.intOr(op, "channel_offset", 0);
        int channels = x[1];
        GatheredMap map = gather(cover(inputOf(op), imageOf(op), offset, channels, x[2], x[3]), x[2], x[3],
                new int[4], zeroBlock, false);
        int pixels = x[2] * x[3];
        int runPixels = channels <= cim.outputChannelsPerGroup() ? pixelsPerPass(channels, pixels) : 0;
        if (runPixels == 0) {
            windowAverage(op, map, channels, new int[] {x[2], x[3]}, new int[] {1, 1}, new int[] {1, 1}, offset);
        } else {
            String key = averageOfRunsKey(runPixels, pixels, channels);
            CimKernels.WeightBlock block = diagonalBlock(key, null, GlobalImage.Pattern.ONES_DIAGONAL,
                    new int[] {channels, 1, runPixels, 1}, 0, channels, runPixels, pixels, true);
            long sums = allocate("int32 sums", 4L * channels, LocalMemory.Scaling.OUTPUT_CHANNELS,
                    "cim_output_reg_buffer", "output_memory");
            long output = newOutput(op, channels, new int[] {1, 1}, offset, 1);
            CimKernels.globalAverage(out, map.address(), pixels / runPixels, block, sums, output, zeroBlock);
            memory.release(sums);
        }
        if (map.temporary()) {
            memory.release(map.address());
        }
    }

    /** Returns the key of a global average's block; the parameters divide by all pixels, so the key names them too. */
    private static String averageOfRunsKey(int runPixels, int pixels, int channels) {
        return "average of runs of " + runPixels + " of " + pixels + " pixels over " + channels + " channels";
    }

    /**
     * Returns the largest run of pixels (dividing the pixel count) whose ones-diagonal block fits the
     * free rows with an input of exactly pixels·channels bytes, or 0 when none does.
     */
    private int pixelsPerPass(int channels, int pixels) {
        for (int run = pixels; run >= 1; run--) {
            long reduction = (long) run * channels;
            if (pixels % run != 0 || reduction % cim.macro().compartments() != 0) {
                continue;
            }
            if (blocks.byKey(averageOfRunsKey(run, pixels, channels)) != null) {
                return run;
            }
            MacroLayout layout = MacroLayout.choose(channels, (int) reduction, cim, blocks.rowsFree(), true);
            if (layout != null) {
                return run;
            }
        }
        return 0;
    }

    // ---- element-wise ---------------------------------------------------------------------------

    private void residualAdd(CgOp op, int index) {
        int[] shape = featureShape(op, "shape");
        List<String> inputs = stringList(op, "inputs");
        if (inputs.size() != 2) {
            throw new CimflowException(label + ": add needs two input tensors, found " + inputs);
        }
        int offset = LoweringContext.intOr(op, "channel_offset", 0);
        int image = imageOf(op);
        List<Piece> first = cover(inputs.get(0), image, offset, shape[1], shape[2], shape[3]);
        List<Piece> second = cover(inputs.get(1), image, offset, shape[1], shape[2], shape[3]);
        if (!reusable(first, index) && reusable(second, index)) {
            List<Piece> swap = first;
            first = second;
            second = swap;
        }
        Feature target = takeOver(first, index, op, shape);
        GatheredMap operand = gather(second, shape[2], shape[3], new int[4], zeroBlock, false);
        VectorKernels.add(out, target.address(), operand.address(), target.bytes(), 8);
        if (operand.temporary()) {
            memory.release(operand.address());
        }
    }

    private void relu(CgOp op, int index) {
        int[] shape = featureShape(op, "shape");
        int offset = LoweringContext.intOr(op, "channel_offset", 0);
        List<Piece> pieces = cover(inputOf(op), imageOf(op), offset, shape[1], shape[2], shape[3]);
        Feature target = takeOver(pieces, index, op, shape);
        // NOTE: clip keeps only its lower bound 0; its upper bound (6 for ReLU6) is taken to be the int8
        // maximum of the output scale, as int8 deployments of ReLU6 choose that scale.
        VectorKernels.relu(out, target.address(), target.bytes(), zeroBlock, CONSTANT_BLOCK_BYTES);
    }

    /** Lowers sigmoid and hardsigmoid: VEC_VSET of the map through the function's table. */
    private void lookup(CgOp op, int index) {
        int[] shape = featureShape(op, "shape");
        int offset = LoweringContext.intOr(op, "channel_offset", 0);
        List<Piece> pieces = cover(inputOf(op), imageOf(op), offset, shape[1], shape[2], shape[3]);
        Feature target = takeOver(pieces, index, op, shape);
        VectorKernels.lookup(out, target.address(), target.bytes(), tables.get(tableKey(op)));
    }

    /** Lowers hardswish as x·hardsigmoid(x): the table on a copy of x, then the VEC_VSMUL. */
    private void hardSwish(CgOp op, int index) {
        int[] shape = featureShape(op, "shape");
        int offset = LoweringContext.intOr(op, "channel_offset", 0);
        List<Piece> pieces = cover(inputOf(op), imageOf(op), offset, shape[1], shape[2], shape[3]);
        GatheredMap factor = gather(pieces, shape[2], shape[3], new int[4], zeroBlock, true);
        long bytes = (long) shape[1] * shape[2] * shape[3];
        VectorKernels.lookup(out, factor.address(), bytes, tables.get(tableKey(op)));
        Feature target = takeOver(pieces, index, op, shape);
        VectorKernels.multiply(out, target.address(), factor.address(), target.bytes(), target.bytes(), shiftScalar);
        memory.release(factor.address());
    }

    /**
     * Lowers mul as VEC_VSMUL over the whole map, or per pixel when one operand has one value per
     * channel ([1, C, 1, 1], as squeeze-and-excitation). The product is shifted right by 7, so the
     * factor is a Q7 fraction such as a sigmoid's output.
     */
    private void multiply(CgOp op, int index) {
        int[] shape = featureShape(op, "shape");
        List<String> inputs = stringList(op, "inputs");
        if (inputs.size() != 2) {
            throw new CimflowException(label + ": mul needs two input tensors, found " + inputs);
        }
        boolean firstBroadcast = perChannel(op, "A_shape", shape);
        boolean secondBroadcast = perChannel(op, "B_shape", shape);
        String data = inputs.get(firstBroadcast ? 1 : 0);
        String factor = inputs.get(firstBroadcast ? 0 : 1);
        boolean broadcast = firstBroadcast || secondBroadcast;
        int offset = LoweringContext.intOr(op, "channel_offset", 0);
        int image = imageOf(op);
        int factorHeight = broadcast ? 1 : shape[2];
        int factorWidth = broadcast ? 1 : shape[3];
        List<Piece> first = cover(data, image, offset, shape[1], shape[2], shape[3]);
        List<Piece> second = cover(factor, image, offset, shape[1], factorHeight, factorWidth);
        if (!broadcast && !reusable(first, index) && reusable(second, index)) {
            List<Piece> swap = first;
            first = second;
            second = swap;
        }
        Feature target = takeOver(first, index, op, shape);
        GatheredMap operand = gather(second, factorHeight, factorWidth, new int[4], zeroBlock, false);
        VectorKernels.multiply(out, target.address(), operand.address(), target.bytes(),
                broadcast ? shape[1] : target.bytes(), shiftScalar);
        if (operand.temporary()) {
            memory.release(operand.address());
        }
    }

    /**
     * True when the operand shape under {@code key} is one value per channel of a map with more than
     * one pixel; an operand broadcast any other way has no lowering.
     */
    private boolean perChannel(CgOp op, String key, int[] shape) {
        int[] operand = op.ints(key);
        if (operand == null || Arrays.equals(Arrays.copyOfRange(operand, operand.length - 2, operand.length),
                new int[] {shape[2], shape[3]}) && operand[operand.length - 3] >= shape[1]) {
            return false;
        }
        if (operand.length == 4 && operand[2] == 1 && operand[3] == 1 && operand[1] >= shape[1]) {
            return true;
        }
        throw new CimflowException(label + ": mul operand " + key + " " + Arrays.toString(operand) + " is broadcast "
                + "over output " + Arrays.toString(shape) + "; only a per-channel operand [1, C, 1, 1] or a full "
                + "map is supported");
    }

    /** True when the pieces are one whole int8 slice that no later operation reads. */
    private boolean reusable(List<Piece> pieces, int index) {
        return pieces.size() == 1 && pieces.get(0).whole()
                && lastUse.getOrDefault(pieces.get(0).source().key(), -1) <= index;
    }

    /**
     * Returns the buffer an element-wise operation writes its output into: the input itself when
     * nothing later reads it (renamed to the output tensor), else a copy.
     */
    private Feature takeOver(List<Piece> pieces, int index, CgOp op, int[] shape) {
        String output = op.string("output");
        int offset = LoweringContext.intOr(op, "channel_offset", 0);
        if (reusable(pieces, index)) {
            Feature source = pieces.get(0).source();
            held.remove(source);
            Feature renamed = source.renamed(output);
            held.add(renamed);
            return renamed;
        }
        GatheredMap copy = gather(pieces, shape[2], shape[3], new int[4], zeroBlock, true);
        Feature result = new Feature(output, imageOf(op), copy.address(), shape[1], shape[2], shape[3], offset, 1);
        held.add(result);
        return result;
    }

    private void partialSumAdd(CgOp op, List<CgOp> ops, int index) {
        int[] shape = featureShape(op, "shape");
        String tensor = op.string("output") != null ? op.string("output") : inputOf(op);
        int image = imageOf(op);
        List<Feature> partials = held.stream().filter(f -> f.tensor().equals(tensor) && f.image() == image
                && f.elementBytes() == 4).toList();
        if (partials.size() < 2) {
            throw new CimflowException(label + ": the partial-sum add of '" + tensor + "' needs this core's int32 "
                    + "partial sums and a received one, but holds " + partials.size());
        }
        Feature accumulator = partials.get(0);
        Feature addend = partials.get(partials.size() - 1);
        VectorKernels.add(out, accumulator.address(), addend.address(), (long) shape[1] * shape[2] * shape[3], 32);
        drop(addend);
        if (!morePartialSums(ops, index, tensor, image)) {
            CimKernels.WeightBlock block = partialSumBlocks.get(tensorKey(tensor, image));
            long address = allocate("output " + tensor, accumulator.bytes() / 4, LocalMemory.Scaling.OUTPUT_CHANNELS,
                    "output_memory", "input_memory");
            CimKernels.quantizeMap(out, accumulator.address(), address, shape[2] * shape[3], block, zeroBlock);
            drop(accumulator);
            held.add(new Feature(tensor, image, address, accumulator.channels(), accumulator.height(),
                    accumulator.width(), accumulator.channelOffset(), 1));
        }
    }

    private static boolean morePartialSums(List<CgOp> ops, int index, String tensor, int image) {
        for (int next = index + 1; next < ops.size(); next++) {
            CgOp op = ops.get(next);
            if (op.op().equals("add") && Boolean.TRUE.equals(op.attr().get("partial_sum"))
                    && tensor.equals(op.string("output")) && LoweringContext.intOr(op, "image", 0) == image) {
                return true;
            }
        }
        return false;
    }

    /**
     * Lowers a flatten or reshape: the same bytes get the output name. Features are HWC, so a map
     * with more than one pixel flattens in (y, x, c) order. The weights of the layer that reads it
     * must be laid out in that order too.
     */
    private void reshape(CgOp op) {
        String input = inputOf(op);
        int image = imageOf(op);
        for (Feature feature : new ArrayList<>(held)) {
            if (feature.tensor().equals(input) && feature.image() == image) {
                int pixels = feature.height() * feature.width();
                held.add(new Feature(op.string("output"), image, feature.address(), feature.channels() * pixels, 1, 1,
                        feature.channelOffset() * pixels, feature.elementBytes()));
            }
        }
    }

    /**
     * Lowers a channel concatenation without instructions: every held slice of input i also becomes a
     * slice of the output, shifted by the channels of the inputs before it. The layer that reads the
     * output copies the slices into its map as it does for slices from an all-gather.
     */
    private void concat(CgOp op) {
        int axis = LoweringContext.intOr(op, "axis", 1);
        if (axis != 1) {
            throw new CimflowException(label + ": concat along axis " + axis + " is not supported; only the "
                    + "channel axis 1 is");
        }
        int image = imageOf(op);
        int base = 0;
        for (String input : stringList(op, "inputs")) {
            for (Feature feature : new ArrayList<>(held)) {
                if (feature.tensor().equals(input) && feature.image() == image && feature.elementBytes() == 1) {
                    held.add(new Feature(op.string("output"), image, feature.address(), feature.channels(),
                            feature.height(), feature.width(), base + feature.channelOffset(), 1));
                }
            }
            base += channelsOf(input, image);
        }
        if (op.attr().containsKey("Y_shape") && base != featureShape(op, "Y_shape")[1]) {
            throw new CimflowException(label + ": the inputs of the concat have " + base + " channels but Y_shape "
                    + "has " + featureShape(op, "Y_shape")[1]);
        }
    }

    /** Returns the channel count of a tensor: from its global entry, else from the slices this core holds. */
    private int channelsOf(String tensor, int image) {
        GlobalImage.Entry entry = context.global.feature(GlobalMemoryPlan.featureKey(tensor, image));
        if (entry != null) {
            return entry.shape().get(2);
        }
        int end = 0;
        for (Feature feature : held) {
            if (feature.tensor().equals(tensor) && feature.image() == image) {
                end = Math.max(end, feature.channelOffset() + feature.channels());
            }
        }
        return end;
    }

    // ---- gathering inputs -----------------------------------------------------------------------

    /**
     * Returns the held int8 pieces that together are channels [first, first + count) of a tensor's
     * image at the given height and width, in channel order.
     */
    private List<Piece> cover(String tensor, int image, int first, int count, int height, int width) {
        List<Feature> candidates = new ArrayList<>();
        for (Feature feature : held) {
            if (feature.tensor().equals(tensor) && feature.image() == image && feature.elementBytes() == 1
                    && feature.height() == height && feature.width() == width) {
                candidates.add(feature);
            }
        }
        candidates.sort((a, b) -> Integer.compare(a.channelOffset(), b.channelOffset()));
        List<Piece> pieces = new ArrayList<>();
        int next = first;
        int end = first + count;
        for (Feature feature : candidates) {
            int from = Math.max(next, feature.channelOffset());
            int to = Math.min(end, feature.channelOffset() + feature.channels());
            if (from == next && to > from) {
                pieces.add(new Piece(feature, from, to - from));
                next = to;
            }
        }
        if (next != end) {
            StringBuilder have = new StringBuilder();
            for (Feature feature : candidates) {
                have.append(have.length() == 0 ? "" : ", ").append(feature.channelOffset()).append("..")
                        .append(feature.channelOffset() + feature.channels());
            }
            throw new CimflowException(label + ": needs channels " + first + ".." + end + " of '" + tensor
                    + "' (image " + image + ", " + height + "×" + width + ") but this core holds "
                    + (have.length() == 0 ? "none" : "channels " + have) + "; the CG IR must read or receive them "
                    + "before this operation");
        }
        return pieces;
    }

    /**
     * Places pieces into one HWC map with the given padding. A single whole piece without padding is
     * used where it is, unless {@code copy} requests a new buffer. Otherwise the map is new, its
     * border filled from {@code fillBlock} and its interior copied from the pieces along the channels.
     */
    private GatheredMap gather(List<Piece> pieces, int height, int width, int[] pads, long fillBlock, boolean copy) {
        boolean padded = Arrays.stream(pads).anyMatch(p -> p > 0);
        if (pieces.size() == 1 && pieces.get(0).whole() && !padded && !copy) {
            Feature source = pieces.get(0).source();
            return new GatheredMap(source.address(), source.channels(), height, width, false);
        }
        int mapH = height + pads[0] + pads[2];
        int mapW = width + pads[1] + pads[3];
        int channels = pieces.stream().mapToInt(Piece::count).sum();
        long rowBytes = (long) mapW * channels;
        long map = allocate(padded ? "padded input map" : "gathered input", rowBytes * mapH,
                LocalMemory.Scaling.INPUT_MAP, "input_memory", "output_memory");
        if (padded) {
            fillBorder(map, channels, height, width, mapW, pads, fillBlock);
        }
        long position = 0;
        for (Piece piece : pieces) {
            Feature source = piece.source();
            long interior = map + pads[0] * rowBytes + (long) pads[1] * channels + position;
            CopyKernels.copy(out, interior, source.address() + piece.first() - source.channelOffset(), height, width,
                    piece.count(), rowBytes, channels, (long) width * source.channels(), source.channels());
            position += piece.count();
        }
        return new GatheredMap(map, channels, mapH, mapW, true);
    }

    /** Fills the padding border of a map: the top rows, the side columns between rows, the bottom rows. */
    private void fillBorder(long map, int channels, int height, int width, int mapW, int[] pads, long fillBlock) {
        long rowBytes = (long) mapW * channels;
        int top = Math.toIntExact(pads[0] * rowBytes + (long) pads[1] * channels);
        CopyKernels.fill(out, map, 1, top, 0, fillBlock, CONSTANT_BLOCK_BYTES);
        int sides = (pads[1] + pads[3]) * channels;
        long firstSide = map + pads[0] * rowBytes + (long) (pads[1] + width) * channels;
        CopyKernels.fill(out, firstSide, height - 1, sides, rowBytes, fillBlock, CONSTANT_BLOCK_BYTES);
        long bottomStart = map + (pads[0] + height - 1) * rowBytes + (long) (pads[1] + width) * channels;
        int bottom = Math.toIntExact((long) pads[3] * channels + pads[2] * rowBytes);
        CopyKernels.fill(out, bottomStart, 1, bottom, 0, fillBlock, CONSTANT_BLOCK_BYTES);
    }

    // ---- attribute helpers ----------------------------------------------------------------------

    private String inputOf(CgOp op) {
        String input = op.string("input");
        if (input != null) {
            return input;
        }
        List<String> inputs = stringList(op, "inputs");
        if (inputs.isEmpty()) {
            throw new CimflowException(label + ": the operation names no input tensor ('input' or 'inputs')");
        }
        return inputs.get(0);
    }

    private static int imageOf(CgOp op) {
        return LoweringContext.intOr(op, "image", 0);
    }

    private static List<String> stringList(CgOp op, String key) {
        Object value = op.attr().get(key);
        List<String> result = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                result.add(String.valueOf(item));
            }
        }
        return result;
    }

    private int[] featureShape(CgOp op, String key) {
        int[] shape = LoweringContext.asNchw(op.ints(key));
        if (shape.length != 4 || shape[0] != 1) {
            throw new CimflowException(label + ": " + key + " " + Arrays.toString(shape) + " is not [1, C, H, W]");
        }
        return shape;
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
