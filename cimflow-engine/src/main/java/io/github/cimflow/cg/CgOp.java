package io.github.cimflow.cg;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One operation of a core's stage in the CG IR, as in CIMFlow's {@code instructions_*.json}:
 * {@code {"op": "...", "attr": {...}}}. Attribute values are Integer, Long, Boolean, String, List of
 * Integer or List of String ({@code inputs}); keys are sorted so the JSON form is deterministic.
 *
 * <p>Feature slices are ranges of dimension 1 of a tensor: {@code channel_offset} is the first entry and
 * dimension 1 of {@code shape} the length (for [1, C, H, W] these are channels; for a flattened
 * [1, C·H·W] tensor they are elements). Every operation on feature data carries the batch index
 * {@code image}, and every operation the {@code inst_group_id} {@code core_<id>.stage_<s>.<kind>.inst_<n>}.
 *
 * <p>Operations and attributes. CIMFlow's keys first; cimflow's additions are marked (+).
 * <ul>
 *   <li>{@code read}: {@code tensor_type} "weight" or "feature", {@code shape} (weight
 *       [Cout_slice, Cin_slice, Kh, Kw] or [Cout_slice, K_slice] for fc, feature [1, C_slice, H, W]),
 *       {@code inst_group_id}; (+) {@code tensor} the ONNX tensor name, (+) {@code channel_offset} first
 *       output channel (weight) or first dimension-1 entry (feature) of the slice, (+)
 *       {@code input_channel_offset} first input channel of a weight slice, (+) {@code transposed} for fc
 *       weights stored [K, Cout], (+) {@code image} for features.</li>
 *   <li>{@code write}: {@code tensor_type} "feature", {@code shape}, {@code write_id}, {@code inst_group_id};
 *       (+) {@code tensor}, {@code channel_offset}, {@code image}.</li>
 *   <li>{@code wait_write}: (+) {@code write_id} of the global write a later read depends on,
 *       (+) {@code src_core_name} the writer.</li>
 *   <li>{@code send} / {@code receive}: {@code dist_core_name} / {@code src_core_name} ("core_r_c"),
 *       {@code shape}, {@code name} (transfer name, equal on both sides), {@code inst_group_id};
 *       (+) {@code tensor}, {@code channel_offset}, {@code image}. Transfers block until both sides
 *       are ready.</li>
 *   <li>{@code conv}: {@code X_shape} (the whole input), {@code W_shape} (the core's slice), {@code padding}
 *       [t, l, b, r], {@code strides} [sh, sw], {@code inst_group_id}; (+) {@code Y_shape} the core's output
 *       slice, (+) {@code node} ONNX node name, (+) {@code input}, {@code output}, {@code weight},
 *       {@code bias} (when present) tensor names, (+) {@code dilations}, (+) {@code group},
 *       (+) {@code channel_offset} first output channel, (+) {@code input_channel_offset} first input
 *       channel when the reduction is split across cores.</li>
 *   <li>(+) {@code fc}: {@code X_shape} [1, K], {@code W_shape} [Cout_slice, K_slice], {@code Y_shape},
 *       {@code node}, {@code input}, {@code output}, {@code weight}, {@code bias}, {@code transposed},
 *       {@code channel_offset}, {@code input_channel_offset}.</li>
 *   <li>{@code depthwise_conv}: {@code group} (the slice's channel count), {@code X_shape},
 *       {@code W_shape}, {@code padding}, {@code strides}; (+) {@code Y_shape}, {@code dilations},
 *       {@code weight}, {@code bias}. It runs on the vector unit.</li>
 *   <li>{@code add}, (+) {@code sub}, {@code mul}, {@code div}: {@code shape} [1, C, H, W] of the output
 *       slice; (+) {@code inputs} both operand names, (+) {@code A_shape} and {@code B_shape} (a broadcast
 *       operand keeps its full shape), (+) {@code partial_sum} true when {@code add} accumulates the
 *       partial sums of a reduction split in place.</li>
 *   <li>(+) {@code relu}, {@code sigmoid}, {@code hardswish}, {@code tanh}: {@code shape};
 *       {@code clip}: {@code min}, {@code max} as float text; {@code leakyrelu}: {@code alpha};
 *       {@code hardsigmoid}: {@code alpha}, {@code beta}.</li>
 *   <li>{@code maxpool}, (+) {@code avgpool}: {@code X_shape}, {@code padding}, {@code strides},
 *       {@code kernel_shape}; (+) {@code Y_shape}, (+) {@code count_include_pad} for avgpool.</li>
 *   <li>{@code globalaveragepool}, (+) {@code globalmaxpool}: {@code X_shape}; (+) {@code Y_shape}.</li>
 *   <li>(+) {@code reshape} (Flatten, Reshape, Squeeze, Unsqueeze, Identity, Dropout): {@code X_shape},
 *       {@code shape}; data stays in place because slices are channel-major.</li>
 *   <li>(+) {@code concat}: {@code axis}, {@code inputs}, {@code Y_shape}; computed in full by every core
 *       of the consuming layer.</li>
 *   <li>Every compute operation also has (+) {@code node}, {@code inputs}, {@code output},
 *       {@code channel_offset} and {@code image}.</li>
 * </ul>
 *
 * @param op   operation name
 * @param attr attributes, sorted by key
 */
public record CgOp(String op, Map<String, Object> attr) {
    public CgOp {
        Objects.requireNonNull(op, "op");
        attr = Collections.unmodifiableMap(new TreeMap<>(attr));
    }

    public String string(String key) {
        Object value = attr.get(key);
        return value == null ? null : value.toString();
    }

    public int integer(String key) {
        Object value = attr.get(key);
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException("CG op '" + op + "' has no integer attribute '" + key + "'");
        }
        return number.intValue();
    }

    /** A list attribute as an int array ({@code shape}, {@code padding}, ...). */
    public int[] ints(String key) {
        Object value = attr.get(key);
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("CG op '" + op + "' has no list attribute '" + key + "'");
        }
        int[] result = new int[list.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = ((Number) list.get(i)).intValue();
        }
        return result;
    }
}
