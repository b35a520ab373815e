package io.github.cimflow.cg;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One operation of a core's stage in the CG IR, as in CIMFlow's {@code instructions_*.json}:
 * {@code {"op": "...", "attr": {...}}}. Attribute values are Integer, Long, Boolean, String or
 * List of Integer; keys are sorted so the JSON form is deterministic.
 *
 * <p>Operations and attributes. CIMFlow's keys first; cimflow's additions are marked (+).
 * <ul>
 *   <li>{@code read}: {@code tensor_type} "weight" or "feature", {@code shape} (weight
 *       [Cout_slice, Cin, Kh, Kw], feature [1, C, H, W]), {@code inst_group_id}; (+) {@code tensor} the
 *       ONNX tensor name, (+) {@code channel_offset} first channel of the slice, (+) {@code image}
 *       batch index for features.</li>
 *   <li>{@code write}: {@code tensor_type} "feature", {@code shape}, {@code write_id}, {@code inst_group_id};
 *       (+) {@code tensor}, {@code channel_offset}, {@code image}.</li>
 *   <li>{@code wait_write}: (+) {@code write_id} of the global write a later read depends on,
 *       (+) {@code src_core_name} the writer.</li>
 *   <li>{@code send} / {@code receive}: {@code dist_core_name} / {@code src_core_name} ("core_r_c"),
 *       {@code shape}, {@code name} (transfer name, equal on both sides), {@code inst_group_id}.</li>
 *   <li>{@code conv}: {@code X_shape}, {@code W_shape} (the core's slice), {@code padding} [t, l, b, r],
 *       {@code strides} [sh, sw], {@code inst_group_id}; (+) {@code node} ONNX node name,
 *       (+) {@code dilations}, (+) {@code channel_offset}.</li>
 *   <li>{@code depthwise_conv}: as conv plus {@code group}.</li>
 *   <li>(+) {@code fc}: {@code X_shape} [N, K], {@code W_shape} [Cout_slice, K], {@code node}, {@code channel_offset}.</li>
 *   <li>{@code add}: {@code shape} [1, C, H, W]; (+) {@code node}.</li>
 *   <li>(+) {@code relu}, {@code clip} ({@code min}, {@code max} as Integer in the quantized domain is the
 *       OP compiler's business; the CG keeps float text), {@code sigmoid}, {@code hardswish},
 *       {@code hardsigmoid}, {@code mul}: {@code shape}, {@code node}.</li>
 *   <li>{@code maxpool}, (+) {@code avgpool}: {@code X_shape}, {@code padding}, {@code strides},
 *       {@code kernel_shape}; (+) {@code node}.</li>
 *   <li>{@code globalaveragepool}: {@code X_shape}; (+) {@code node}.</li>
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
