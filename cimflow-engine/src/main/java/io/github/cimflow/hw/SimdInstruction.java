package io.github.cimflow.hw;

import java.util.List;

/**
 * Binds a VEC_OP (input count, funct) to functors by input bit widths
 * ({@code simd_unit_config.instruction_list} entry).
 *
 * @param name       operation name ({@code add}, {@code quantify}, ...)
 * @param inputCount number of inputs (1 to 4)
 * @param funct      the VEC_OP funct code
 * @param inputKinds per input, "vector" or "scalar"
 * @param bindings   functor per combination of input bit widths
 */
public record SimdInstruction(String name, int inputCount, int funct, List<String> inputKinds,
                              List<Binding> bindings) {
    public SimdInstruction {
        inputKinds = List.copyOf(inputKinds);
        bindings = List.copyOf(bindings);
    }

    /**
     * @param inputBitWidths element widths of the inputs this binding matches
     * @param functorName    the functor that executes it
     */
    public record Binding(List<Integer> inputBitWidths, String functorName) {
        public Binding {
            inputBitWidths = List.copyOf(inputBitWidths);
        }
    }
}
