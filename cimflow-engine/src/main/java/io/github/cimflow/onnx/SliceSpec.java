package io.github.cimflow.onnx;

import io.github.cimflow.model.Shape;
import java.util.Arrays;

/**
 * The resolved selection of a Slice node: for every input axis the first index, the step and the
 * number of elements taken. Bounds are clamped as the ONNX Slice definition prescribes.
 */
record SliceSpec(long[] starts, long[] steps, long[] counts) {

    static SliceSpec of(NodeContext context) {
        Shape input = context.inputShape(0);
        int rank = input.rank();
        long[] starts;
        long[] ends;
        long[] axes;
        long[] steps = null;
        if (context.opset() < 10 || context.hasAttribute("starts")) {
            starts = context.longsAttribute("starts");
            ends = context.longsAttribute("ends");
            axes = context.longsAttribute("axes");
            if (starts == null || ends == null) {
                throw context.invalid("attributes 'starts' and 'ends' are required before opset 10");
            }
        } else {
            starts = context.constantInts(1, "starts");
            ends = context.constantInts(2, "ends");
            axes = context.hasInput(3) ? context.constantInts(3, "axes") : null;
            steps = context.hasInput(4) ? context.constantInts(4, "steps") : null;
        }
        if (axes == null) {
            axes = new long[starts.length];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = i;
            }
        }
        if (steps == null) {
            steps = new long[starts.length];
            Arrays.fill(steps, 1);
        }
        if (ends.length != starts.length || axes.length != starts.length || steps.length != starts.length) {
            throw context.invalid("starts " + Arrays.toString(starts) + ", ends " + Arrays.toString(ends) + ", axes "
                    + Arrays.toString(axes) + " and steps " + Arrays.toString(steps) + " must have equal lengths");
        }

        long[] resolvedStarts = new long[rank];
        long[] resolvedSteps = new long[rank];
        long[] counts = new long[rank];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            resolvedSteps[i] = 1;
            counts[i] = input.dim(i);
        }
        for (int i = 0; i < starts.length; i++) {
            int axis = context.axis(axes[i], rank, "axes value");
            if (seen[axis]) {
                throw context.invalid("axes " + Arrays.toString(axes) + " repeat axis " + axis);
            }
            seen[axis] = true;
            if (steps[i] == 0) {
                throw context.invalid("steps " + Arrays.toString(steps) + " contain 0; a step must be non-zero");
            }
            resolveAxis(input.dim(axis), starts[i], ends[i], steps[i], axis, resolvedStarts, resolvedSteps, counts);
        }
        return new SliceSpec(resolvedStarts, resolvedSteps, counts);
    }

    private static void resolveAxis(long dim, long start, long end, long step, int axis,
                                    long[] starts, long[] steps, long[] counts) {
        long first = start < 0 ? start + dim : start;
        long last = end < 0 ? end + dim : end;
        long count;
        if (step > 0) {
            first = clamp(first, 0, dim);
            last = clamp(last, 0, dim);
            count = last > first ? (last - first + step - 1) / step : 0;
        } else {
            first = clamp(first, 0, dim - 1);
            last = clamp(last, -1, dim - 1);
            count = first > last ? (first - last - step - 1) / -step : 0;
        }
        starts[axis] = first;
        steps[axis] = step;
        counts[axis] = count;
    }

    private static long clamp(long value, long low, long high) {
        return Math.max(low, Math.min(high, value));
    }

    long[] outputDims() {
        return counts.clone();
    }
}
