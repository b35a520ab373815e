package io.github.cimflow.op;

import io.github.cimflow.CimflowException;
import io.github.cimflow.cg.CgCore;
import io.github.cimflow.cg.CgOp;
import io.github.cimflow.cg.CgProgram;
import io.github.cimflow.cg.CgStage;
import io.github.cimflow.hw.HardwareConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the lowering of one core needs to know about the others: transfer ids, sync ids of global
 * writes, the global memory plan, and the local addresses each side of a transfer uses (filled in
 * while cores are lowered, patched in at the end).
 */
final class LoweringContext {
    final HardwareConfig hardware;
    final GlobalMemoryPlan global;
    final List<BufferAllocation> allocations = new ArrayList<>();
    final int stageCount;

    private final Map<String, Integer> transferIds = new TreeMap<>();
    private final Map<String, Integer> syncIds = new TreeMap<>();
    /** Writes per (stage, feature key): who writes which channels under which sync id. */
    private final Map<String, List<WriteRecord>> writes = new HashMap<>();
    private final Map<String, Long> sendAddresses = new HashMap<>();
    private final Map<String, Long> receiveAddresses = new HashMap<>();
    /** The first read or write of each global feature key, which names its tensor and image. */
    private final Map<String, CgOp> featureOps = new HashMap<>();

    /** A global write: its core, sync id and channel range [first, end). */
    record WriteRecord(int core, int syncId, int firstChannel, int endChannel) {
    }

    LoweringContext(CgProgram cg, HardwareConfig hardware) {
        this.hardware = hardware;
        this.global = new GlobalMemoryPlan(hardware.region("global"), cg.metadata() == null ? 1
                : cg.metadata().batchSize());
        int stages = 0;
        TreeSet<String> transferNames = new TreeSet<>();
        TreeSet<String> writeKeys = new TreeSet<>();
        Map<String, int[]> features = new LinkedHashMap<>();
        for (CgCore core : cg.cores()) {
            for (CgStage stage : core.stages()) {
                stages = Math.max(stages, stage.stage() + 1);
                for (int index = 0; index < stage.instructions().size(); index++) {
                    CgOp op = stage.instructions().get(index);
                    switch (op.op()) {
                        case "send", "receive", "send_ring", "receive_ring" -> transferNames.add(op.string("name"));
                        case "write" -> {
                            writeKeys.add(writeKey(coreId(core), stage.stage(), index, op));
                            noteFeature(features, op);
                        }
                        case "read" -> {
                            if (!"weight".equals(op.string("tensor_type"))) {
                                noteFeature(features, op);
                            }
                        }
                        default -> {
                        }
                    }
                }
            }
        }
        this.stageCount = stages;
        for (String name : transferNames) {
            transferIds.put(name, transferIds.size());
        }
        for (String key : writeKeys) {
            syncIds.put(key, syncIds.size());
        }
        for (Map.Entry<String, int[]> feature : features.entrySet()) {
            int[] hwc = feature.getValue();
            CgOp first = featureOps.get(feature.getKey());
            global.placeFeature(featureTensor(first), intOr(first, "image", 0), hwc[0], hwc[1], hwc[2]);
        }
        for (CgCore core : cg.cores()) {
            for (CgStage stage : core.stages()) {
                for (int index = 0; index < stage.instructions().size(); index++) {
                    CgOp op = stage.instructions().get(index);
                    if (op.op().equals("write")) {
                        int[] shape = asNchw(op.ints("shape"));
                        int first = intOr(op, "channel_offset", 0);
                        writes.computeIfAbsent(stage.stage() + "|" + featureKey(op), k -> new ArrayList<>())
                                .add(new WriteRecord(coreId(core), syncIds.get(writeKey(coreId(core), stage.stage(),
                                        index, op)), first, first + shape[1]));
                    }
                }
            }
        }
    }

    int coreId(CgCore core) {
        return core.row() * hardware.meshSide() + core.col();
    }

    /** Parses "core_r_c" into a core id. */
    int coreId(String name, String context) {
        String[] parts = name == null ? new String[0] : name.split("_");
        try {
            if (parts.length == 3 && parts[0].equals("core")) {
                int row = Integer.parseInt(parts[1]);
                int col = Integer.parseInt(parts[2]);
                int side = hardware.meshSide();
                if (row >= 0 && col >= 0 && row < side && col < side) {
                    return row * side + col;
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CimflowException(context + ": core name '" + name + "' is not core_<row>_<col> on the "
                + hardware.meshSide() + "×" + hardware.meshSide() + " mesh");
    }

    static int intOr(CgOp op, String key, int fallback) {
        Object value = op.attr().get(key);
        return value instanceof Number number ? number.intValue() : fallback;
    }

    /** Returns the global feature key of a read or write: tensor name and image. */
    static String featureKey(CgOp op) {
        return GlobalMemoryPlan.featureKey(featureTensor(op), intOr(op, "image", 0));
    }

    private static String featureTensor(CgOp op) {
        String tensor = op.string("tensor");
        return tensor != null ? tensor : "unnamed " + java.util.Arrays.toString(asNchw(op.ints("shape")));
    }

    static String writeKey(int core, int stage, int index, CgOp op) {
        String id = op.string("write_id");
        return id != null ? id : "core" + core + ".stage" + stage + ".op" + index;
    }

    /** Returns a feature shape as [N, C, H, W]: [N, C] (a fully connected layer's output) becomes [N, C, 1, 1]. */
    static int[] asNchw(int[] shape) {
        return shape.length == 2 ? new int[] {shape[0], shape[1], 1, 1} : shape;
    }

    private void noteFeature(Map<String, int[]> features, CgOp op) {
        int[] shape = asNchw(op.ints("shape"));
        if (shape.length != 4) {
            throw new CimflowException("CG " + op.op() + " of feature '" + op.string("tensor") + "': shape "
                    + java.util.Arrays.toString(shape) + " is not [1, C, H, W]");
        }
        int end = intOr(op, "channel_offset", 0) + shape[1];
        featureOps.putIfAbsent(featureKey(op), op);
        int[] hwc = features.computeIfAbsent(featureKey(op), k -> new int[] {shape[2], shape[3], 0});
        hwc[2] = Math.max(hwc[2], end);
    }

    int transferId(String name) {
        return transferIds.get(name);
    }

    Integer syncId(String writeKey) {
        return syncIds.get(writeKey);
    }

    /** Writes in {@code stage} to {@code featureKey}, from any core. */
    List<WriteRecord> writes(int stage, String featureKey) {
        return writes.getOrDefault(stage + "|" + featureKey, List.of());
    }

    void recordSend(String name, long address) {
        sendAddresses.put(name, address);
    }

    void recordReceive(String name, long address) {
        receiveAddresses.put(name, address);
    }

    Long sendAddress(String name) {
        return sendAddresses.get(name);
    }

    Long receiveAddress(String name) {
        return receiveAddresses.get(name);
    }
}
