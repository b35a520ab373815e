package io.github.cimflow.op;

import java.util.List;

/**
 * What the OP compiler produced, per core, and where it put every buffer.
 *
 * @param staticInstructions  instructions in each core's program, by core id
 * @param dynamicInstructions instructions each core executes (loops counted with their trip counts), by core id
 * @param allocations         every local buffer and global tensor, in allocation order
 */
public record OpStatistics(List<Long> staticInstructions, List<Long> dynamicInstructions,
                           List<BufferAllocation> allocations) {
    public OpStatistics {
        staticInstructions = List.copyOf(staticInstructions);
        dynamicInstructions = List.copyOf(dynamicInstructions);
        allocations = List.copyOf(allocations);
    }

    public long totalStaticInstructions() {
        return staticInstructions.stream().mapToLong(Long::longValue).sum();
    }

    public long totalDynamicInstructions() {
        return dynamicInstructions.stream().mapToLong(Long::longValue).sum();
    }
}
