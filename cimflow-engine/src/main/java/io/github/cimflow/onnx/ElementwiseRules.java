package io.github.cimflow.onnx;

import io.github.cimflow.model.DataType;
import io.github.cimflow.model.Shape;
import io.github.cimflow.model.Tensor;

/** Shape rules of operators whose output has the shape of an input, or of the broadcast inputs. */
final class ElementwiseRules {
    private ElementwiseRules() {
    }

    /** Relu, Sigmoid, Clip, LeakyRelu, HardSigmoid, HardSwish, Identity: output like input 0. */
    static void unary(NodeContext context) {
        Tensor input = context.input(0);
        context.output(0, input.type(), input.shape());
    }

    /** Add, Sub, Mul, Div with multidirectional (NumPy) broadcasting. */
    static void broadcast(NodeContext context) {
        Tensor a = context.input(0);
        Tensor b = context.input(1);
        context.output(0, a.type(), broadcastShape(context, a, b));
    }

    static Shape broadcastShape(NodeContext context, Tensor a, Tensor b) {
        int rank = Math.max(a.shape().rank(), b.shape().rank());
        long[] dims = new long[rank];
        for (int i = 0; i < rank; i++) {
            int da = dimFromRight(a.shape(), rank - 1 - i);
            int db = dimFromRight(b.shape(), rank - 1 - i);
            if (da != db && da != 1 && db != 1) {
                throw context.invalid("inputs '" + a.name() + "' " + a.shape() + " and '" + b.name() + "' "
                        + b.shape() + " cannot be broadcast (dimension " + i + " of the result: " + da + " vs " + db
                        + "); the two operands must have equal dimensions or 1 in each position");
            }
            dims[i] = Math.max(da, db);
        }
        return context.shape(dims);
    }

    /** Dimension counted from the right ({@code 0} is the last), 1 where the shape has fewer dimensions. */
    private static int dimFromRight(Shape shape, int fromRight) {
        int index = shape.rank() - 1 - fromRight;
        return index < 0 ? 1 : shape.dim(index);
    }

    static void cast(NodeContext context) {
        Tensor input = context.input(0);
        long code = context.intAttribute("to", -1);
        DataType type = DataType.fromOnnxCode((int) code);
        if (type == null || type == DataType.STRING) {
            throw context.outOfScope(OutOfScopeException.Reason.UNSUPPORTED_FEATURE, "attribute 'to' is " + code
                    + ", an element type cimflow does not support; cast to a numeric type");
        }
        context.output(0, type, input.shape());
    }

    /** Inference-mode BatchNormalization; the optional training outputs have one value per channel. */
    static void batchNormalization(NodeContext context) {
        Tensor x = context.input(0);
        if (x.shape().rank() < 2) {
            throw context.invalid("input '" + x.name() + "' has shape " + x.shape() + " but needs rank 2 or more "
                    + "(N, C, ...)");
        }
        int channels = x.shape().dim(1);
        String[] roles = {"X", "scale", "B", "mean", "var"};
        for (int i = 1; i < 5; i++) {
            Shape parameter = context.inputShape(i);
            if (parameter.rank() != 1 || parameter.dim(0) != channels) {
                throw context.invalid("input " + i + " (" + roles[i] + ") '" + context.node().inputs().get(i)
                        + "' has shape " + parameter + " but needs [" + channels + "], one value per channel of "
                        + x.shape());
            }
        }
        context.output(0, x.type(), x.shape());
        for (int i = 1; i < context.outputCount(); i++) {
            context.output(i, x.type(), Shape.of(channels));
        }
    }

    /** Dropout at inference: the output is the input; the optional mask has the same shape. */
    static void dropout(NodeContext context) {
        Tensor input = context.input(0);
        context.output(0, input.type(), input.shape());
        context.output(1, DataType.BOOL, input.shape());
    }

    static void softmax(NodeContext context) {
        Tensor input = context.input(0);
        long defaultAxis = context.opset() >= 13 ? -1 : 1;
        context.axis(context.intAttribute("axis", defaultAxis), input.shape().rank(), "attribute 'axis'");
        context.output(0, input.type(), input.shape());
    }
}
