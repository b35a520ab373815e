package io.github.cimflow.cg;

import io.github.cimflow.CimflowException;
import io.github.cimflow.hw.CimUnitConfig;
import io.github.cimflow.hw.HardwareConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a CG IR program:
 * <ul>
 *   <li>the program has C cores, each with the same stages;</li>
 *   <li>every {@code send} has one {@code receive} in the same stage with the same name and shape, on the
 *       core it names, naming the sender back;</li>
 *   <li>the stage runs to completion when send/receive pairs block until both sides are ready and
 *       {@code wait_write} blocks until the named write happened (no deadlock);</li>
 *   <li>every read of a feature that some core writes is covered by writes issued before it: in an
 *       earlier stage, earlier on the same core, or by another core behind a {@code wait_write};</li>
 *   <li>every weight read fits the core: at most 8·T output channels and at most K macro groups of
 *       H·m weights, at most one weight read per core and stage except on a single-core chip.</li>
 * </ul>
 */
public final class CgVerifier {
    private static final int MAX_REPORTED = 20;

    private final CgProgram program;
    private final HardwareConfig hardware;
    private final Set<String> graphInputs;
    private final List<String> problems = new ArrayList<>();
    /** Write ids executed so far, over all stages: earlier stages have finished. */
    private final Set<String> doneWrites = new HashSet<>();

    private CgVerifier(CgProgram program, HardwareConfig hardware, Set<String> graphInputs) {
        this.program = program;
        this.hardware = hardware;
        this.graphInputs = graphInputs;
    }

    /**
     * Lists every problem found, each starting with its subject ({@code core_0_1 stage 0 instruction 12
     * (send)}). {@code graphInputs} names the tensors that no core writes. With null, every unwritten
     * tensor counts as a graph input.
     */
    public static List<String> check(CgProgram program, HardwareConfig hardware, Set<String> graphInputs) {
        CgVerifier verifier = new CgVerifier(program, hardware, graphInputs);
        verifier.run();
        return List.copyOf(verifier.problems);
    }

    /** Throws a CimflowException listing the problems (the first 20) when there are any. */
    public static void verify(CgProgram program, HardwareConfig hardware, Set<String> graphInputs) {
        List<String> found = check(program, hardware, graphInputs);
        if (!found.isEmpty()) {
            List<String> shown = found.subList(0, Math.min(MAX_REPORTED, found.size()));
            throw new CimflowException("CG IR verification failed with " + found.size() + " problem(s): "
                    + String.join("; ", shown) + (found.size() > shown.size() ? "; ..." : ""));
        }
    }

    private void run() {
        if (program.cores().size() != hardware.coreCount()) {
            problems.add("program has " + program.cores().size() + " cores but the chip has C="
                    + hardware.coreCount());
            return;
        }
        int stageCount = program.cores().get(0).stages().size();
        for (CgCore core : program.cores()) {
            if (core.stages().size() != stageCount) {
                problems.add(core.key() + " has " + core.stages().size() + " stages but " + program.cores().get(0).key()
                        + " has " + stageCount);
                return;
            }
        }
        Map<String, List<Written>> written = new HashMap<>();
        for (int stage = 0; stage < stageCount; stage++) {
            checkWeights(stage);
            checkTransfers(stage);
            simulate(stage, written);
        }
    }

    private String subject(CgCore core, int stage, int index, CgOp op) {
        return core.key() + " stage " + stage + " instruction " + index + " (" + op.op() + ")";
    }

    private void checkWeights(int stage) {
        CimUnitConfig cim = hardware.core().cim();
        for (CgCore core : program.cores()) {
            List<CgOp> ops = core.stages().get(stage).instructions();
            int weightReads = 0;
            for (int i = 0; i < ops.size(); i++) {
                CgOp op = ops.get(i);
                if (!op.op().equals("read") || !"weight".equals(op.string("tensor_type"))) {
                    continue;
                }
                weightReads++;
                int[] shape = op.ints("shape");
                int channels = shape[0];
                long reduction = 1;
                for (int d = 1; d < shape.length; d++) {
                    reduction *= shape[d];
                }
                long groups = (reduction + cim.reductionLengthPerGroup() - 1) / cim.reductionLengthPerGroup();
                if (channels > cim.outputChannelsPerGroup() || groups > cim.macroGroupCount()) {
                    problems.add(subject(core, stage, i, op) + ": weight slice " + Arrays.toString(shape) + " needs "
                            + channels + " output channels and " + groups + " macro groups but a core has "
                            + cim.outputChannelsPerGroup() + " channels and K=" + cim.macroGroupCount() + " groups");
                }
            }
            if (weightReads > 1 && hardware.coreCount() > 1) {
                problems.add(core.key() + " stage " + stage + " reads weights " + weightReads
                        + " times; only a single-core chip reloads weights inside a stage");
            }
        }
    }

    private void checkTransfers(int stage) {
        Map<String, String[]> sends = new HashMap<>();
        Map<String, String[]> receives = new HashMap<>();
        for (CgCore core : program.cores()) {
            List<CgOp> ops = core.stages().get(stage).instructions();
            for (int i = 0; i < ops.size(); i++) {
                CgOp op = ops.get(i);
                boolean send = op.op().equals("send");
                if (!send && !op.op().equals("receive")) {
                    continue;
                }
                String name = op.string("name");
                String peer = op.string(send ? "dist_core_name" : "src_core_name");
                String[] entry = {core.key(), peer, Arrays.toString(op.ints("shape")), subject(core, stage, i, op)};
                Map<String, String[]> target = send ? sends : receives;
                if (target.put(name, entry) != null) {
                    problems.add(entry[3] + ": transfer name '" + name + "' is used twice in stage " + stage);
                }
            }
        }
        for (Map.Entry<String, String[]> send : sends.entrySet()) {
            String[] s = send.getValue();
            String[] r = receives.get(send.getKey());
            if (r == null) {
                problems.add(s[3] + ": no receive named '" + send.getKey() + "' in stage " + stage);
            } else if (!r[0].equals(s[1]) || !r[1].equals(s[0])) {
                problems.add(s[3] + ": sends '" + send.getKey() + "' to " + s[1] + " but " + r[0]
                        + " receives it from " + r[1]);
            } else if (!r[2].equals(s[2])) {
                problems.add(s[3] + ": sends shape " + s[2] + " but the receive expects " + r[2]);
            }
        }
        for (Map.Entry<String, String[]> receive : receives.entrySet()) {
            if (!sends.containsKey(receive.getKey())) {
                problems.add(receive.getValue()[3] + ": no send named '" + receive.getKey() + "' in stage " + stage);
            }
        }
    }

    /**
     * Runs the stage with blocking transfers and write waits; records writes and checks that every
     * feature read is covered by writes visible to the reader.
     */
    private void simulate(int stage, Map<String, List<Written>> written) {
        int coreCount = program.cores().size();
        int[] next = new int[coreCount];
        Map<String, Integer> coreIndex = new HashMap<>();
        for (int c = 0; c < coreCount; c++) {
            coreIndex.put(program.cores().get(c).key(), c);
        }
        List<Set<String>> waited = new ArrayList<>();
        for (int c = 0; c < coreCount; c++) {
            waited.add(new HashSet<>());
        }
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int c = 0; c < coreCount; c++) {
                CgCore core = program.cores().get(c);
                List<CgOp> ops = core.stages().get(stage).instructions();
                while (next[c] < ops.size()) {
                    CgOp op = ops.get(next[c]);
                    if (op.op().equals("send") || op.op().equals("receive")) {
                        if (!matchTransfer(stage, c, op, next, coreIndex)) {
                            break;
                        }
                    } else if (op.op().equals("wait_write")) {
                        if (!doneWrites.contains(op.string("write_id"))) {
                            break;
                        }
                        waited.get(c).add(op.string("write_id"));
                    } else if (op.op().equals("write")) {
                        doneWrites.add(op.string("write_id"));
                        written.computeIfAbsent(featureKey(op), key -> new ArrayList<>()).add(new Written(
                                op.integer("channel_offset"), op.ints("shape")[1], c, stage, op.string("write_id")));
                    } else if (op.op().equals("read") && "feature".equals(op.string("tensor_type"))) {
                        checkRead(stage, c, next[c], op, written, waited.get(c));
                    }
                    next[c]++;
                    progress = true;
                }
            }
        }
        for (int c = 0; c < coreCount; c++) {
            CgCore core = program.cores().get(c);
            List<CgOp> ops = core.stages().get(stage).instructions();
            if (next[c] < ops.size()) {
                problems.add(subject(core, stage, next[c], ops.get(next[c])) + ": blocks forever (deadlock or "
                        + "missing partner)");
            }
        }
    }

    /** Completes a send or receive when the partner core is at the matching operation. */
    private boolean matchTransfer(int stage, int c, CgOp op, int[] next, Map<String, Integer> coreIndex) {
        String peerName = op.string(op.op().equals("send") ? "dist_core_name" : "src_core_name");
        Integer peer = coreIndex.get(peerName);
        if (peer == null) {
            return false;
        }
        List<CgOp> peerOps = program.cores().get(peer).stages().get(stage).instructions();
        if (next[peer] >= peerOps.size()) {
            return false;
        }
        CgOp other = peerOps.get(next[peer]);
        String expected = op.op().equals("send") ? "receive" : "send";
        if (!other.op().equals(expected) || !other.string("name").equals(op.string("name"))) {
            return false;
        }
        next[peer]++;
        return true;
    }

    private void checkRead(int stage, int c, int index, CgOp op, Map<String, List<Written>> written,
                           Set<String> waited) {
        String tensor = op.string("tensor");
        List<Written> writes = written.get(featureKey(op));
        if (writes == null) {
            if (graphInputs != null && !graphInputs.contains(tensor)) {
                problems.add(subject(program.cores().get(c), stage, index, op) + ": reads '" + tensor
                        + "' image " + op.integer("image") + " which no core wrote before");
            }
            return;
        }
        int from = op.integer("channel_offset");
        int to = from + op.ints("shape")[1];
        boolean[] covered = new boolean[to - from];
        for (Written write : writes) {
            boolean visible = write.stage() < stage || write.core() == c || waited.contains(write.writeId());
            if (!visible) {
                continue;
            }
            for (int ch = Math.max(from, write.offset()); ch < Math.min(to, write.offset() + write.count()); ch++) {
                covered[ch - from] = true;
            }
        }
        for (int i = 0; i < covered.length; i++) {
            if (!covered[i]) {
                problems.add(subject(program.cores().get(c), stage, index, op) + ": reads '" + tensor
                        + "' image " + op.integer("image") + " channel " + (from + i)
                        + " before a visible write of it (missing write or wait_write)");
                return;
            }
        }
    }

    /** A feature write seen so far: slice, writer core index, stage and write id. */
    private record Written(int offset, int count, int core, int stage, String writeId) {
    }

    private static String featureKey(CgOp op) {
        return op.string("tensor") + "\u0000" + op.integer("image");
    }
}
