package io.github.cimflow.op;

/**
 * One buffer the OP compiler placed in a core's local memory, or a tensor it placed in global memory
 * (core -1).
 *
 * @param core      core id, or -1 for global memory
 * @param stage     stage index, or -1 for buffers that live for the whole program
 * @param operation the CG operation that allocated it ({@code conv /layer1/conv1/Conv}, ...)
 * @param buffer    its content ({@code input map}, {@code im2col vector}, ...)
 * @param region    address region name ({@code input_memory}, {@code global}, ...)
 * @param address   first byte address in the unified address space
 * @param bytes     bytes reserved
 */
public record BufferAllocation(int core, int stage, String operation, String buffer, String region, long address,
                               long bytes) {
}
