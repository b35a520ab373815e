package io.github.cimflow.onnx;

import io.github.cimflow.model.Attribute;
import io.github.cimflow.model.DataType;
import io.github.cimflow.model.Shape;
import io.github.cimflow.model.Tensor;
import java.util.Arrays;

/**
 * Shape rules of the operators that move, select or reshape data without arithmetic, plus Constant
 * and Shape, whose outputs are known at import time. Axes, pads and shapes given as inputs (the form
 * since opset 10 to 18, depending on the operator) must be constants.
 */
final class LayoutRules {
    private LayoutRules() {
    }

    static void constant(NodeContext context) {
        Attribute value = firstPresent(context, "value", "value_float", "value_floats", "value_int", "value_ints");
        if (value == null) {
            throw context.outOfScope(OutOfScopeException.Reason.UNSUPPORTED_FEATURE, "has no numeric value attribute "
                    + "(value, value_float(s) or value_int(s)); sparse and string constants are not supported");
        }
        switch (value.name()) {
            case "value" -> {
                Tensor tensor = value.tensor();
                context.constantOutput(0, tensor.type(), tensor.shape(), tensor.values(), tensor.longValues());
            }
            case "value_float" -> context.constantOutput(0, DataType.FLOAT, Shape.of(),
                    new float[] {value.floatValue()}, null);
            case "value_floats" -> {
                float[] values = new float[value.floats().size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = value.floats().get(i);
                }
                context.constantOutput(0, DataType.FLOAT, context.shape(new long[] {values.length}), values, null);
            }
            case "value_int" -> context.constantOutput(0, DataType.INT64, Shape.of(), null,
                    new long[] {value.intValue()});
            default -> {
                long[] values = value.ints().stream().mapToLong(Long::longValue).toArray();
                context.constantOutput(0, DataType.INT64, context.shape(new long[] {values.length}), null, values);
            }
        }
    }

    private static Attribute firstPresent(NodeContext context, String... names) {
        for (String name : names) {
            Attribute attribute = context.node().attribute(name);
            if (attribute != null) {
                return attribute;
            }
        }
        return null;
    }

    /** Shape: the input's dimensions as an INT64 vector, optionally sliced by start and end (opset 15). */
    static void shape(NodeContext context) {
        Shape input = context.inputShape(0);
        int rank = input.rank();
        long start = clampShapeBound(context.intAttribute("start", 0), rank);
        long end = clampShapeBound(context.intAttribute("end", rank), rank);
        long[] values = new long[(int) Math.max(0, end - start)];
        for (int i = 0; i < values.length; i++) {
            values[i] = input.dim((int) start + i);
        }
        context.constantOutput(0, DataType.INT64, context.shape(new long[] {values.length}), null, values);
    }

    private static long clampShapeBound(long bound, int rank) {
        long value = bound < 0 ? bound + rank : bound;
        return Math.max(0, Math.min(rank, value));
    }

    static void concat(NodeContext context) {
        Tensor first = context.input(0);
        if (!context.hasAttribute("axis")) {
            throw context.invalid("attribute 'axis' is missing; Concat needs the axis to join along");
        }
        int rank = first.shape().rank();
        int axis = context.axis(context.intAttribute("axis", 0), rank, "attribute 'axis'");
        long[] dims = ShapeChecks.toLongs(first.shape());
        for (int i = 1; i < context.inputCount(); i++) {
            Tensor other = context.input(i);
            if (other.shape().rank() != rank) {
                throw context.invalid("inputs '" + first.name() + "' " + first.shape() + " and '" + other.name() + "' "
                        + other.shape() + " have different ranks; Concat needs equal ranks");
            }
            for (int d = 0; d < rank; d++) {
                if (d != axis && other.shape().dim(d) != first.shape().dim(d)) {
                    throw context.invalid("inputs '" + first.name() + "' " + first.shape() + " and '" + other.name()
                            + "' " + other.shape() + " differ in dimension " + d + " (" + first.shape().dim(d)
                            + " vs " + other.shape().dim(d) + "); Concat along axis " + axis
                            + " needs all other dimensions equal");
                }
            }
            dims[axis] += other.shape().dim(axis);
        }
        context.output(0, first.type(), dims);
    }

    /** Flatten: [d0·…·d(axis-1), d(axis)·…·d(n-1)]; axis may equal the rank. */
    static void flatten(NodeContext context) {
        Tensor input = context.input(0);
        int rank = input.shape().rank();
        long axis = context.intAttribute("axis", 1);
        long normalized = axis < 0 ? axis + rank : axis;
        if (normalized < 0 || normalized > rank) {
            throw context.invalid("attribute 'axis' " + axis + " is outside [" + -rank + ", " + rank + "]");
        }
        long outer = 1;
        long inner = 1;
        for (int i = 0; i < rank; i++) {
            if (i < normalized) {
                outer *= input.shape().dim(i);
            } else {
                inner *= input.shape().dim(i);
            }
        }
        context.output(0, input.type(), new long[] {outer, inner});
    }

    /** Gather: data[:axis] + indices + data[axis+1:]. */
    static void gather(NodeContext context) {
        Tensor data = context.input(0);
        Shape indices = context.inputShape(1);
        int rank = data.shape().rank();
        int axis = context.axis(context.intAttribute("axis", 0), rank, "attribute 'axis'");
        long[] dims = new long[rank - 1 + indices.rank()];
        int next = 0;
        for (int i = 0; i < axis; i++) {
            dims[next++] = data.shape().dim(i);
        }
        for (int i = 0; i < indices.rank(); i++) {
            dims[next++] = indices.dim(i);
        }
        for (int i = axis + 1; i < rank; i++) {
            dims[next++] = data.shape().dim(i);
        }
        context.output(0, data.type(), dims);
    }

    /** Pad: pads as attribute (before opset 11) or constant input 1, with optional axes input 3 (opset 18). */
    static void pad(NodeContext context) {
        Tensor input = context.input(0);
        int rank = input.shape().rank();
        long[] pads;
        if (context.hasAttribute("pads") || context.hasAttribute("paddings")) {
            pads = context.longsAttribute(context.hasAttribute("pads") ? "pads" : "paddings");
        } else {
            pads = context.constantInts(1, "pads");
        }
        int[] axes = new int[rank];
        for (int i = 0; i < rank; i++) {
            axes[i] = i;
        }
        if (context.hasInput(3)) {
            long[] given = context.constantInts(3, "axes");
            axes = new int[given.length];
            for (int i = 0; i < given.length; i++) {
                axes[i] = context.axis(given[i], rank, "axes value");
            }
        }
        if (pads.length != 2 * axes.length) {
            throw context.invalid("pads " + Arrays.toString(pads) + " has " + pads.length + " values but needs "
                    + 2 * axes.length + " (begin and end of each padded axis)");
        }
        long[] dims = ShapeChecks.toLongs(input.shape());
        for (int i = 0; i < axes.length; i++) {
            dims[axes[i]] += pads[i] + pads[i + axes.length];
        }
        context.output(0, input.type(), dims);
    }

    /** ReduceMean: axes as attribute, or as optional input 1 from opset 18; no axes reduces all. */
    static void reduceMean(NodeContext context) {
        Tensor input = context.input(0);
        int rank = input.shape().rank();
        long[] axes = context.longsAttribute("axes");
        if (axes == null && context.hasInput(1)) {
            axes = context.constantInts(1, "axes");
        }
        boolean keepDims = context.intAttribute("keepdims", 1) != 0;

        if (axes == null || axes.length == 0) {
            if (context.intAttribute("noop_with_empty_axes", 0) != 0) {
                context.output(0, input.type(), input.shape());
                return;
            }
            axes = new long[rank];
            for (int i = 0; i < rank; i++) {
                axes[i] = i;
            }
        }
        boolean[] reduced = new boolean[rank];
        for (long axis : axes) {
            reduced[context.axis(axis, rank, "axes value")] = true;
        }

        long[] dims = new long[rank];
        int next = 0;
        for (int i = 0; i < rank; i++) {
            if (!reduced[i]) {
                dims[next++] = input.shape().dim(i);
            } else if (keepDims) {
                dims[next++] = 1;
            }
        }
        context.output(0, input.type(), Arrays.copyOf(dims, next));
    }

    /** Reshape: 0 copies the input dimension (unless allowzero=1), one -1 takes the remaining elements. */
    static void reshape(NodeContext context) {
        Tensor input = context.input(0);
        long[] target = context.hasAttribute("shape") ? context.longsAttribute("shape")
                : context.constantInts(1, "target shape");
        boolean allowZero = context.intAttribute("allowzero", 0) != 0;
        long[] dims = target.clone();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == 0 && !allowZero) {
                if (i >= input.shape().rank()) {
                    throw context.invalid("target shape " + Arrays.toString(target) + " copies dimension " + i
                            + " (value 0) but the input " + input.shape() + " has only " + input.shape().rank());
                }
                dims[i] = input.shape().dim(i);
            }
            if (dims[i] == -1) {
                if (inferred >= 0) {
                    throw context.invalid("target shape " + Arrays.toString(target) + " has more than one -1");
                }
                inferred = i;
            } else if (dims[i] < 0) {
                throw context.invalid("target shape " + Arrays.toString(target) + " has the invalid value " + dims[i]);
            } else {
                known *= dims[i];
            }
        }
        long count = input.shape().elementCount();
        if (inferred >= 0 && known != 0) {
            dims[inferred] = count / known;
            known *= dims[inferred];
        }
        if (known != count) {
            throw context.invalid("cannot reshape " + input.shape() + " (" + count + " elements) to "
                    + Arrays.toString(target) + " (" + known + " elements)");
        }
        context.output(0, input.type(), dims);
    }

    static void slice(NodeContext context) {
        Tensor input = context.input(0);
        SliceSpec spec = SliceSpec.of(context);
        context.output(0, input.type(), spec.outputDims());
    }

    /** Split: sizes from attribute or input 1 (opset 13), else equal parts (the last smaller from opset 18). */
    static void split(NodeContext context) {
        Tensor input = context.input(0);
        int rank = input.shape().rank();
        int axis = context.axis(context.intAttribute("axis", 0), rank, "attribute 'axis'");
        int parts = context.outputCount();
        long length = input.shape().dim(axis);
        long[] sizes = context.longsAttribute("split");
        if (sizes == null && context.hasInput(1)) {
            sizes = context.constantInts(1, "split sizes");
        }
        if (sizes == null) {
            sizes = equalParts(context, length, parts);
        }
        long total = Arrays.stream(sizes).sum();
        if (sizes.length != parts || total != length) {
            throw context.invalid("split sizes " + Arrays.toString(sizes) + " must be " + parts
                    + " values (one per output) that add up to dimension " + axis + " of " + input.shape());
        }
        for (int i = 0; i < parts; i++) {
            long[] dims = ShapeChecks.toLongs(input.shape());
            dims[axis] = sizes[i];
            context.output(i, input.type(), dims);
        }
    }

    private static long[] equalParts(NodeContext context, long length, int parts) {
        long[] sizes = new long[parts];
        if (length % parts == 0) {
            Arrays.fill(sizes, length / parts);
            return sizes;
        }
        if (context.opset() < 18) {
            throw context.invalid("dimension " + length + " does not divide into " + parts
                    + " equal parts; give the 'split' sizes");
        }
        long chunk = (length + parts - 1) / parts;
        Arrays.fill(sizes, chunk);
        sizes[parts - 1] = length - chunk * (parts - 1);
        return sizes;
    }

    /** Squeeze: removes the listed axes (attribute, or input 1 from opset 13), or every axis of length 1. */
    static void squeeze(NodeContext context) {
        Tensor input = context.input(0);
        int rank = input.shape().rank();
        long[] axes = context.longsAttribute("axes");
        if (axes == null && context.hasInput(1)) {
            axes = context.constantInts(1, "axes");
        }
        boolean[] removed = new boolean[rank];
        if (axes == null) {
            for (int i = 0; i < rank; i++) {
                removed[i] = input.shape().dim(i) == 1;
            }
        } else {
            for (long axis : axes) {
                int index = context.axis(axis, rank, "axes value");
                if (input.shape().dim(index) != 1) {
                    throw context.invalid("cannot squeeze axis " + axis + " of " + input.shape()
                            + " because its length is not 1");
                }
                removed[index] = true;
            }
        }
        long[] dims = new long[rank];
        int next = 0;
        for (int i = 0; i < rank; i++) {
            if (!removed[i]) {
                dims[next++] = input.shape().dim(i);
            }
        }
        context.output(0, input.type(), Arrays.copyOf(dims, next));
    }

    /** Unsqueeze: inserts axes of length 1 at positions of the output (attribute, or input 1 from opset 13). */
    static void unsqueeze(NodeContext context) {
        Tensor input = context.input(0);
        long[] axes = context.longsAttribute("axes");
        if (axes == null) {
            axes = context.constantInts(1, "axes");
        }
        int rank = input.shape().rank() + axes.length;
        boolean[] inserted = new boolean[rank];
        for (long axis : axes) {
            int index = context.axis(axis, rank, "axes value");
            if (inserted[index]) {
                throw context.invalid("axes " + Arrays.toString(axes) + " repeat axis " + index);
            }
            inserted[index] = true;
        }
        long[] dims = new long[rank];
        int next = 0;
        for (int i = 0; i < rank; i++) {
            dims[i] = inserted[i] ? 1 : input.shape().dim(next++);
        }
        context.output(0, input.type(), dims);
    }

    static void transpose(NodeContext context) {
        Tensor input = context.input(0);
        int[] perm = permutation(context, input.shape().rank());
        long[] dims = new long[perm.length];
        for (int i = 0; i < perm.length; i++) {
            dims[i] = input.shape().dim(perm[i]);
        }
        context.output(0, input.type(), dims);
    }

    /** Returns the Transpose permutation: attribute 'perm', or the reversed axes by default. */
    static int[] permutation(NodeContext context, int rank) {
        long[] perm = context.longsAttribute("perm");
        int[] result = new int[rank];
        if (perm == null) {
            for (int i = 0; i < rank; i++) {
                result[i] = rank - 1 - i;
            }
            return result;
        }
        boolean[] seen = new boolean[rank];
        if (perm.length != rank) {
            throw context.invalid("attribute 'perm' " + Arrays.toString(perm) + " must list each of the " + rank
                    + " axes once");
        }
        for (int i = 0; i < rank; i++) {
            int axis = context.axis(perm[i], rank, "perm value");
            if (seen[axis]) {
                throw context.invalid("attribute 'perm' " + Arrays.toString(perm) + " must list each of the " + rank
                        + " axes once");
            }
            seen[axis] = true;
            result[i] = axis;
        }
        return result;
    }
}
