package io.github.cimflow.onnx;

import io.github.cimflow.model.DataType;
import io.github.cimflow.model.Shape;
import io.github.cimflow.model.Tensor;

/**
 * Computes the values of a foldable node whose inputs are all constants, after its shape rule ran.
 * This covers the shape arithmetic of PyTorch exports (Shape → Gather → Unsqueeze → Concat → Reshape)
 * and constant weight preprocessing. Integer arithmetic runs on {@code long}, floating point on
 * {@code float}.
 */
final class ConstantFolder {
    private ConstantFolder() {
    }

    /** Folds the node when possible; returns true when every output became a constant. */
    static boolean fold(NodeContext context, Operator operator) {
        if (!operator.foldable()) {
            return false;
        }
        if (operator == Operator.CONSTANT || operator == Operator.SHAPE) {
            return true;
        }
        for (int i = 0; i < context.inputCount(); i++) {
            if (context.hasInput(i) && !context.input(i).hasData()) {
                return false;
            }
        }

        Tensor result = context.outputs()[0];
        if (result == null) {
            return false;
        }
        Values values = switch (operator) {
            case ADD, SUB, MUL, DIV -> arithmetic(context, operator, result);
            case CAST -> Values.of(context.input(0)).convertTo(result.type());
            case IDENTITY, FLATTEN, RESHAPE, SQUEEZE, UNSQUEEZE -> Values.of(context.input(0));
            case GATHER -> gather(context, result.shape());
            case SLICE -> slice(context, result.shape());
            case TRANSPOSE -> transpose(context, result.shape());
            case CONCAT -> concat(context, result.shape());
            default -> throw new IllegalStateException("no folding for " + operator);
        };
        context.constantOutput(0, result.type(), result.shape(), values.floats, values.longs);
        return true;
    }

    /** Element values of one tensor: exactly one of the arrays is set. */
    private record Values(float[] floats, long[] longs) {
        static Values of(Tensor tensor) {
            return new Values(tensor.values(), tensor.longValues());
        }

        static Values empty(DataType type, int count) {
            return isFloating(type) ? new Values(new float[count], null) : new Values(null, new long[count]);
        }

        Values convertTo(DataType type) {
            int count = floats != null ? floats.length : longs.length;
            Values result = empty(type, count);
            for (int i = 0; i < count; i++) {
                if (result.floats != null) {
                    result.floats[i] = floats != null ? floats[i] : (float) longs[i];
                } else {
                    long value = floats != null ? (long) floats[i] : longs[i];
                    if (type == DataType.BOOL && value != 0) {
                        value = 1;
                    }
                    result.longs[i] = value;
                }
            }
            return result;
        }

        int size() {
            return floats != null ? floats.length : longs.length;
        }

        void copy(int from, Values target, int to) {
            if (floats != null) {
                target.floats[to] = floats[from];
            } else {
                target.longs[to] = longs[from];
            }
        }
    }

    static boolean isFloating(DataType type) {
        return type == DataType.FLOAT || type == DataType.DOUBLE || type == DataType.FLOAT16
                || type == DataType.BFLOAT16;
    }

    private static Values arithmetic(NodeContext context, Operator operator, Tensor result) {
        Tensor a = context.input(0);
        Tensor b = context.input(1);
        Values left = Values.of(a).convertTo(result.type());
        Values right = Values.of(b).convertTo(result.type());
        int[] outDims = result.shape().dims();
        int[] leftIndex = broadcastIndex(outDims, a.shape());
        int[] rightIndex = broadcastIndex(outDims, b.shape());
        Values out = Values.empty(result.type(), leftIndex.length);
        for (int i = 0; i < leftIndex.length; i++) {
            if (out.floats != null) {
                float x = left.floats[leftIndex[i]];
                float y = right.floats[rightIndex[i]];
                out.floats[i] = switch (operator) {
                    case ADD -> x + y;
                    case SUB -> x - y;
                    case MUL -> x * y;
                    default -> x / y;
                };
            } else {
                long x = left.longs[leftIndex[i]];
                long y = right.longs[rightIndex[i]];
                if (operator == Operator.DIV && y == 0) {
                    throw context.invalid("integer division by zero while folding constant inputs '" + a.name()
                            + "' and '" + b.name() + "'");
                }
                // NOTE: integer Div truncates toward zero (C semantics); shape arithmetic divides positive values.
                out.longs[i] = switch (operator) {
                    case ADD -> x + y;
                    case SUB -> x - y;
                    case MUL -> x * y;
                    default -> x / y;
                };
            }
        }
        return out;
    }

    /** For every element of the output (row-major), the index of the broadcast input element it reads. */
    private static int[] broadcastIndex(int[] outDims, Shape input) {
        int rank = outDims.length;
        int offset = rank - input.rank();
        int[] inputStrides = new int[rank];
        int stride = 1;
        for (int i = rank - 1; i >= offset; i--) {
            int dim = input.dim(i - offset);
            inputStrides[i] = dim == 1 ? 0 : stride;
            stride *= dim;
        }
        int count = 1;
        for (int dim : outDims) {
            count *= dim;
        }
        int[] result = new int[count];
        int[] position = new int[rank];
        int source = 0;
        for (int i = 0; i < count; i++) {
            result[i] = source;
            for (int d = rank - 1; d >= 0; d--) {
                position[d]++;
                source += inputStrides[d];
                if (position[d] < outDims[d]) {
                    break;
                }
                source -= inputStrides[d] * position[d];
                position[d] = 0;
            }
        }
        return result;
    }

    private static int[] rowMajorStrides(int[] dims) {
        int[] strides = new int[dims.length];
        int stride = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= dims[i];
        }
        return strides;
    }

    private static Values gather(NodeContext context, Shape outShape) {
        Tensor data = context.input(0);
        Tensor indices = context.input(1);
        int rank = data.shape().rank();
        int axis = context.axis(context.intAttribute("axis", 0), rank, "attribute 'axis'");
        long[] indexValues = context.constantInts(1, "indices");

        int[] dims = data.shape().dims();
        int outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= dims[i];
        }
        int inner = 1;
        for (int i = axis + 1; i < rank; i++) {
            inner *= dims[i];
        }

        Values source = Values.of(data);
        Values out = Values.empty(data.type(), Math.toIntExact(outShape.elementCount()));
        int next = 0;
        for (int o = 0; o < outer; o++) {
            for (long rawIndex : indexValues) {
                long index = rawIndex < 0 ? rawIndex + dims[axis] : rawIndex;
                if (index < 0 || index >= dims[axis]) {
                    throw context.invalid("index " + rawIndex + " of '" + indices.name() + "' is outside [" + -dims[axis]
                            + ", " + (dims[axis] - 1) + "] for axis " + axis + " of " + data.shape());
                }
                for (int i = 0; i < inner; i++) {
                    source.copy((int) ((o * (long) dims[axis] + index) * inner + i), out, next++);
                }
            }
        }
        return out;
    }

    private static Values slice(NodeContext context, Shape outShape) {
        Tensor data = context.input(0);
        SliceSpec spec = SliceSpec.of(context);
        int[] inStrides = rowMajorStrides(data.shape().dims());
        int[] outDims = outShape.dims();
        Values source = Values.of(data);
        Values out = Values.empty(data.type(), Math.toIntExact(outShape.elementCount()));
        int[] position = new int[outDims.length];
        for (int i = 0; i < out.size(); i++) {
            long from = 0;
            for (int d = 0; d < outDims.length; d++) {
                from += (spec.starts()[d] + position[d] * spec.steps()[d]) * inStrides[d];
            }
            source.copy((int) from, out, i);
            advance(position, outDims);
        }
        return out;
    }

    private static Values transpose(NodeContext context, Shape outShape) {
        Tensor data = context.input(0);
        int[] perm = LayoutRules.permutation(context, data.shape().rank());
        int[] inStrides = rowMajorStrides(data.shape().dims());
        int[] outDims = outShape.dims();
        Values source = Values.of(data);
        Values out = Values.empty(data.type(), Math.toIntExact(outShape.elementCount()));
        int[] position = new int[outDims.length];
        for (int i = 0; i < out.size(); i++) {
            int from = 0;
            for (int d = 0; d < outDims.length; d++) {
                from += position[d] * inStrides[perm[d]];
            }
            source.copy(from, out, i);
            advance(position, outDims);
        }
        return out;
    }

    private static Values concat(NodeContext context, Shape outShape) {
        int rank = outShape.rank();
        int axis = context.axis(context.intAttribute("axis", 0), rank, "attribute 'axis'");
        int[] outDims = outShape.dims();
        int outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= outDims[i];
        }
        Values out = Values.empty(context.outputs()[0].type(), Math.toIntExact(outShape.elementCount()));
        int next = 0;
        for (int o = 0; o < outer; o++) {
            for (int input = 0; input < context.inputCount(); input++) {
                Tensor part = context.input(input);
                Values source = Values.of(part).convertTo(context.outputs()[0].type());
                int block = Math.toIntExact(part.shape().elementCount() / outer);
                for (int i = 0; i < block; i++) {
                    source.copy(o * block + i, out, next++);
                }
            }
        }
        return out;
    }

    private static void advance(int[] position, int[] dims) {
        for (int d = dims.length - 1; d >= 0; d--) {
            position[d]++;
            if (position[d] < dims[d]) {
                return;
            }
            position[d] = 0;
        }
    }
}
