package io.github.cimflow.functional;

import io.github.cimflow.cg.CgCore;
import io.github.cimflow.cg.CgOp;
import io.github.cimflow.cg.CgProgram;
import io.github.cimflow.cg.CgStage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How a CG IR splits its layers: stages, conv and fc slices by output channel offset and by input
 * channel offset, and partial-sum adds.
 */
record CgSplits(int stages, int outputSplits, int reductionSplits, int partialSumAdds) {

    static CgSplits of(CgProgram cg) {
        Set<Integer> stages = new HashSet<>();
        Map<String, Set<Object>> outputOffsets = new HashMap<>();
        Set<String> reductionSplit = new HashSet<>();
        int partialSumAdds = 0;
        for (CgCore core : cg.cores()) {
            for (CgStage stage : core.stages()) {
                stages.add(stage.stage());
                for (CgOp op : stage.instructions()) {
                    if (op.op().equals("conv") || op.op().equals("fc")) {
                        outputOffsets.computeIfAbsent(op.string("node"), key -> new HashSet<>())
                                .add(op.attr().get("channel_offset"));
                        Object inputOffset = op.attr().get("input_channel_offset");
                        if (inputOffset instanceof Number number && number.intValue() > 0) {
                            reductionSplit.add(op.string("node"));
                        }
                    }
                    if (op.op().equals("add") && Boolean.TRUE.equals(op.attr().get("partial_sum"))) {
                        partialSumAdds++;
                    }
                }
            }
        }
        int outputSplits = (int) outputOffsets.values().stream().filter(offsets -> offsets.size() > 1).count();
        return new CgSplits(stages.size(), outputSplits, reductionSplit.size(), partialSumAdds);
    }
}
