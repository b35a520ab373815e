package io.github.cimflow.op;

import io.github.cimflow.isa.IsaProgram;
import java.util.List;

/**
 * The result of an OP-level compilation: the programs and what it cost to produce them.
 *
 * @param program    one instruction list per core, with the CG layer of every instruction
 *                   ({@code program().layers()}) for per-layer profiles
 * @param statistics instruction counts and the buffer allocation table
 * @param globalImage what global memory must hold before the programs start (weights, quantization
 *                    parameters, constant tables, input features)
 * @param outputSlices where each operation's int8 output slices sit in local memory when it is done,
 *                     by core, in program order
 */
public record OpCompilation(IsaProgram program, OpStatistics statistics, GlobalImage globalImage,
                            List<OutputSlice> outputSlices) {
    public OpCompilation {
        outputSlices = List.copyOf(outputSlices);
    }
}
