package io.github.cimflow.cg;

import java.util.List;

/**
 * What one core does in one stage.
 *
 * @param stage           stage index, from 0
 * @param clusterId       ONNX node name of the weight layer this core holds, or "-1" when idle
 * @param weightReplicaId replica index of that layer's weights, or -1 when idle
 * @param instructions    operations in execution order
 */
public record CgStage(int stage, String clusterId, int weightReplicaId, List<CgOp> instructions) {
    public CgStage {
        instructions = List.copyOf(instructions);
    }
}
