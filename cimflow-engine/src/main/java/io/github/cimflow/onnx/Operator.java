package io.github.cimflow.onnx;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The ONNX operators cimflow imports, each with its shape rule. An operator marked foldable is
 * evaluated at import time when all its inputs are constants (the shape arithmetic PyTorch emits for
 * {@code flatten}, {@code view} and {@code torch.chunk}).
 */
enum Operator {
    ADD("Add", true, ElementwiseRules::broadcast),
    AVERAGE_POOL("AveragePool", false, WindowRules::pool),
    BATCH_NORMALIZATION("BatchNormalization", false, ElementwiseRules::batchNormalization),
    CAST("Cast", true, ElementwiseRules::cast),
    CLIP("Clip", false, ElementwiseRules::unary),
    CONCAT("Concat", true, LayoutRules::concat),
    CONSTANT("Constant", true, LayoutRules::constant),
    CONV("Conv", false, WindowRules::conv),
    DIV("Div", true, ElementwiseRules::broadcast),
    DROPOUT("Dropout", false, ElementwiseRules::dropout),
    FLATTEN("Flatten", true, LayoutRules::flatten),
    GATHER("Gather", true, LayoutRules::gather),
    GEMM("Gemm", false, MatrixRules::gemm),
    GLOBAL_AVERAGE_POOL("GlobalAveragePool", false, WindowRules::globalPool),
    HARD_SIGMOID("HardSigmoid", false, ElementwiseRules::unary),
    HARD_SWISH("HardSwish", false, ElementwiseRules::unary),
    IDENTITY("Identity", true, ElementwiseRules::unary),
    LEAKY_RELU("LeakyRelu", false, ElementwiseRules::unary),
    MAT_MUL("MatMul", false, MatrixRules::matMul),
    MAX_POOL("MaxPool", false, WindowRules::pool),
    MUL("Mul", true, ElementwiseRules::broadcast),
    PAD("Pad", false, LayoutRules::pad),
    REDUCE_MEAN("ReduceMean", false, LayoutRules::reduceMean),
    RELU("Relu", false, ElementwiseRules::unary),
    RESHAPE("Reshape", true, LayoutRules::reshape),
    SHAPE("Shape", true, LayoutRules::shape),
    SIGMOID("Sigmoid", false, ElementwiseRules::unary),
    SLICE("Slice", true, LayoutRules::slice),
    SOFTMAX("Softmax", false, ElementwiseRules::softmax),
    SPLIT("Split", false, LayoutRules::split),
    SQUEEZE("Squeeze", true, LayoutRules::squeeze),
    SUB("Sub", true, ElementwiseRules::broadcast),
    TRANSPOSE("Transpose", true, LayoutRules::transpose),
    UNSQUEEZE("Unsqueeze", true, LayoutRules::unsqueeze);

    /** Infers the output types and shapes of one node from its inputs and attributes. */
    @FunctionalInterface
    interface ShapeRule {
        void infer(NodeContext context);
    }

    private static final Map<String, Operator> BY_ONNX_NAME = Arrays.stream(values())
            .collect(Collectors.toMap(op -> op.onnxName, op -> op, (a, b) -> a, TreeMap::new));

    private final String onnxName;
    private final boolean foldable;
    private final ShapeRule rule;

    Operator(String onnxName, boolean foldable, ShapeRule rule) {
        this.onnxName = onnxName;
        this.foldable = foldable;
        this.rule = rule;
    }

    String onnxName() {
        return onnxName;
    }

    /** True when {@link ConstantFolder} can compute this operator's values from constant inputs. */
    boolean foldable() {
        return foldable;
    }

    ShapeRule rule() {
        return rule;
    }

    /** Returns the operator of an ONNX op_type, or null when cimflow does not import it. */
    static Operator forOnnxName(String opType) {
        return BY_ONNX_NAME.get(opType);
    }

    /** Returns the supported op_types, sorted and comma-separated, for error messages. */
    static String supportedList() {
        return String.join(", ", BY_ONNX_NAME.keySet());
    }
}
