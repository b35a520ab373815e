package io.github.cimflow.quant;

import io.github.cimflow.CimflowException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The feature tensors that must share one scale (a union-find over tensor names), and the scales
 * that operators fix. A group takes its fixed scale when a member has one, else the calibrated one.
 */
final class ScaleGroups {
    private final Map<String, String> parent = new LinkedHashMap<>();
    private final Map<String, Fixed> fixed = new HashMap<>();

    /** A scale an operator imposes on a tensor, with the reason for error messages. */
    record Fixed(String tensor, double scale, String reason) {
    }

    void add(String tensor) {
        parent.putIfAbsent(tensor, tensor);
    }

    /** Puts two tensors into one group. */
    void union(String a, String b) {
        String rootA = root(a);
        String rootB = root(b);
        if (!rootA.equals(rootB)) {
            parent.put(rootB, rootA);
        }
    }

    /** Fixes the scale of a tensor's group; {@link #fixedScales()} rejects two different fixed scales in one group. */
    void fix(String tensor, double scale, String reason) {
        Fixed previous = fixed.get(tensor);
        if (previous != null && previous.scale() != scale) {
            throw conflict(previous, new Fixed(tensor, scale, reason));
        }
        fixed.put(tensor, new Fixed(tensor, scale, reason));
    }

    String root(String tensor) {
        String current = tensor;
        while (!parent.get(current).equals(current)) {
            current = parent.get(current);
        }
        parent.put(tensor, current);
        return current;
    }

    /** Returns every tensor in the order it was added. */
    Iterable<String> tensors() {
        return parent.keySet();
    }

    /** Returns the fixed scale of each group that has one, by root; fails when a group has two different ones. */
    Map<String, Fixed> fixedScales() {
        Map<String, Fixed> byRoot = new HashMap<>();
        for (String tensor : parent.keySet()) {
            Fixed scale = fixed.get(tensor);
            if (scale == null) {
                continue;
            }
            Fixed previous = byRoot.putIfAbsent(root(tensor), scale);
            if (previous != null && previous.scale() != scale.scale()) {
                throw conflict(previous, scale);
            }
        }
        return byRoot;
    }

    private static CimflowException conflict(Fixed first, Fixed second) {
        return new CimflowException(String.format(Locale.ROOT, "tensors '%s' and '%s' must share one scale "
                        + "(8-bit add, concat, pooling and ReLU keep the scale), but '%s' is fixed to %.6g as %s "
                        + "and '%s' to %.6g as %s; the int8 hardware cannot compute this model exactly",
                first.tensor(), second.tensor(), first.tensor(), first.scale(), first.reason(), second.tensor(),
                second.scale(), second.reason()));
    }
}
