package io.github.cimflow.onnx;

import io.github.cimflow.CimflowException;
import io.github.cimflow.model.Attribute;
import io.github.cimflow.model.DataType;
import io.github.cimflow.model.Node;
import io.github.cimflow.model.Shape;
import io.github.cimflow.model.Tensor;
import io.github.cimflow.model.TensorOrigin;
import io.github.cimflow.onnx.proto.OnnxProto.AttributeProto;
import io.github.cimflow.onnx.proto.OnnxProto.GraphProto;
import io.github.cimflow.onnx.proto.OnnxProto.ModelProto;
import io.github.cimflow.onnx.proto.OnnxProto.NodeProto;
import io.github.cimflow.onnx.proto.OnnxProto.OperatorSetIdProto;
import io.github.cimflow.onnx.proto.OnnxProto.TensorProto;
import io.github.cimflow.onnx.proto.OnnxProto.TensorShapeProto;
import io.github.cimflow.onnx.proto.OnnxProto.TypeProto;
import io.github.cimflow.onnx.proto.OnnxProto.ValueInfoProto;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a parsed {@code ModelProto} into the importer's working graph: named nodes with typed
 * attributes, decoded weights, run-time inputs with their shapes, and the shapes the file declares.
 */
final class GraphReader {
    /** Newest default-domain opset whose versions of the supported operators the shape rules know. */
    static final int MAX_OPSET = 21;

    /**
     * Input positions that hold parameters, by operator. A graph input without data that only feeds
     * these positions is a weight exported with {@code export_params=False}, not a run-time input.
     */
    private static final Map<String, Set<Integer>> PARAMETER_INPUTS = Map.of(
            "Conv", Set.of(1, 2),
            "Gemm", Set.of(1, 2),
            "MatMul", Set.of(1),
            "BatchNormalization", Set.of(1, 2, 3, 4));

    private final Path file;
    private final TensorDecoder decoder;

    GraphReader(Path file) {
        this.file = file;
        this.decoder = new TensorDecoder(file);
    }

    ImportState read(ModelProto model, int[] inputShape) {
        int opset = defaultOpset(model);
        GraphProto graph = model.getGraph();
        ImportState state = new ImportState(file, opset, inputShape != null);

        for (TensorProto initializer : graph.getInitializerList()) {
            String name = initializer.getName();
            state.tensors.put(name, decoder.decode(initializer, name, TensorOrigin.INITIALIZER,
                    "initializer '" + name + "'"));
        }
        readNodes(graph, state);
        for (ValueInfoProto output : graph.getOutputList()) {
            state.outputs.add(output.getName());
        }
        // PyTorch routes shared weights through Identity nodes; bypassing them first lets readInputs
        // see that such a graph input feeds only weight positions.
        IdentityBypass.run(state);
        readInputs(graph, state, inputShape);
        readDeclaredShapes(graph.getValueInfoList(), state);
        readDeclaredShapes(graph.getOutputList(), state);
        return state;
    }

    private int defaultOpset(ModelProto model) {
        long opset = -1;
        for (OperatorSetIdProto entry : model.getOpsetImportList()) {
            if (entry.getDomain().isEmpty() || entry.getDomain().equals("ai.onnx")) {
                opset = entry.getVersion();
            }
        }
        if (opset < 0) {
            // Files of IR version 1 and 2 predate opset_import and use opset 1.
            opset = model.getIrVersion() < 3 ? 1 : 0;
        }
        if (opset > MAX_OPSET) {
            throw new CimflowException(file + ": default-domain opset " + opset + " is newer than cimflow supports ("
                    + MAX_OPSET + "); export with opset_version=17");
        }
        return (int) opset;
    }

    private void readNodes(GraphProto graph, ImportState state) {
        List<String> names = nodeNames(graph);
        // Every operator is checked before any attribute is decoded, so an unsupported operator is the
        // error even when an earlier Constant contains a tensor that cimflow cannot represent.
        for (int index = 0; index < graph.getNodeCount(); index++) {
            checkSupported(graph.getNode(index), names.get(index));
        }
        for (int index = 0; index < graph.getNodeCount(); index++) {
            NodeProto proto = graph.getNode(index);
            String name = names.get(index);
            Map<String, Attribute> attributes = new LinkedHashMap<>();
            for (AttributeProto attribute : proto.getAttributeList()) {
                Attribute converted = convertAttribute(attribute, proto, name);
                if (converted != null) {
                    attributes.put(converted.name(), converted);
                }
            }
            state.nodes.add(new Node(name, proto.getOpType(), proto.getInputList(), proto.getOutputList(), attributes));
        }
    }

    /** Node names, with {@code <op_type>_<index>} for unnamed nodes and an index suffix for repeated names. */
    private static List<String> nodeNames(GraphProto graph) {
        Set<String> used = new HashSet<>();
        List<String> names = new ArrayList<>(graph.getNodeCount());
        for (int index = 0; index < graph.getNodeCount(); index++) {
            NodeProto proto = graph.getNode(index);
            String name = proto.getName().isEmpty() ? proto.getOpType() + "_" + index : proto.getName();
            if (!used.add(name)) {
                name = name + "_" + index;
                used.add(name);
            }
            names.add(name);
        }
        return names;
    }

    private void checkSupported(NodeProto proto, String name) {
        String domain = proto.getDomain();
        String subject = file + ": node '" + name + "' (" + proto.getOpType() + ")";
        if (!domain.isEmpty() && !domain.equals("ai.onnx")) {
            throw new OutOfScopeException(OutOfScopeException.Reason.UNSUPPORTED_OPERATOR, subject + ": operator domain '"
                    + domain + "' is not supported; cimflow imports default-domain operators only: "
                    + Operator.supportedList());
        }
        if (Operator.forOnnxName(proto.getOpType()) == null) {
            throw new OutOfScopeException(OutOfScopeException.Reason.UNSUPPORTED_OPERATOR, subject + ": operator '"
                    + proto.getOpType() + "' is not supported; supported operators: " + Operator.supportedList());
        }
    }

    /** Converts one attribute; kinds that no supported operator reads (graphs, strings lists) return null. */
    private Attribute convertAttribute(AttributeProto proto, NodeProto node, String nodeName) {
        String name = proto.getName();
        AttributeProto.AttributeType type = proto.getType();
        if (type == AttributeProto.AttributeType.UNDEFINED) {
            type = guessType(proto);
        }
        return switch (type) {
            case FLOAT -> Attribute.ofFloat(name, proto.getF());
            case INT -> Attribute.ofInt(name, proto.getI());
            case STRING -> Attribute.ofString(name, proto.getS().toStringUtf8());
            case INTS -> Attribute.ofInts(name, proto.getIntsList());
            case FLOATS -> Attribute.ofFloats(name, proto.getFloatsList());
            case TENSOR -> {
                String tensorName = node.getOutputCount() > 0 ? node.getOutput(0) : name;
                Tensor tensor = decoder.decode(proto.getT(), tensorName, TensorOrigin.CONSTANT,
                        "node '" + nodeName + "' (" + node.getOpType() + ") attribute '" + name + "'");
                yield Attribute.ofTensor(name, tensor);
            }
            default -> null;
        };
    }

    /** Attribute type for files of IR version 1, which did not store it. */
    private static AttributeProto.AttributeType guessType(AttributeProto proto) {
        if (proto.hasF()) {
            return AttributeProto.AttributeType.FLOAT;
        }
        if (proto.hasI()) {
            return AttributeProto.AttributeType.INT;
        }
        if (proto.hasS()) {
            return AttributeProto.AttributeType.STRING;
        }
        if (proto.hasT()) {
            return AttributeProto.AttributeType.TENSOR;
        }
        if (proto.getFloatsCount() > 0) {
            return AttributeProto.AttributeType.FLOATS;
        }
        if (proto.getIntsCount() > 0) {
            return AttributeProto.AttributeType.INTS;
        }
        return AttributeProto.AttributeType.UNDEFINED;
    }

    private void readInputs(GraphProto graph, ImportState state, int[] override) {
        Map<String, List<int[]>> uses = inputUses(state);
        boolean firstRuntimeInput = true;
        for (ValueInfoProto input : graph.getInputList()) {
            String name = input.getName();
            if (state.tensors.containsKey(name)) {
                // Older exporters list initializers among the graph inputs too.
                continue;
            }
            boolean weight = !firstRuntimeInput && onlyParameterUses(state, uses.get(name));
            String subject = file + ": " + (weight ? "weight input '" : "graph input '") + name + "'";
            DataType type = elementType(input, subject);
            Shape shape;
            if (firstRuntimeInput && override != null) {
                shape = overriddenShape(input, subject, override);
            } else {
                shape = declaredStaticShape(input, subject);
            }
            if (weight) {
                state.tensors.put(name, Tensor.withoutData(name, type, shape, TensorOrigin.WEIGHT_WITHOUT_DATA));
            } else {
                state.tensors.put(name, Tensor.withoutData(name, type, shape, TensorOrigin.GRAPH_INPUT));
                state.inputs.add(name);
                firstRuntimeInput = false;
            }
        }
    }

    /** For each tensor name, the (node index, input position) pairs that read it. */
    private static Map<String, List<int[]>> inputUses(ImportState state) {
        Map<String, List<int[]>> uses = new HashMap<>();
        for (int n = 0; n < state.nodes.size(); n++) {
            List<String> inputs = state.nodes.get(n).inputs();
            for (int position = 0; position < inputs.size(); position++) {
                uses.computeIfAbsent(inputs.get(position), key -> new ArrayList<>()).add(new int[] {n, position});
            }
        }
        return uses;
    }

    private static boolean onlyParameterUses(ImportState state, List<int[]> uses) {
        if (uses == null) {
            return false;
        }
        for (int[] use : uses) {
            Set<Integer> positions = PARAMETER_INPUTS.get(state.nodes.get(use[0]).opType());
            if (positions == null || !positions.contains(use[1])) {
                return false;
            }
        }
        return true;
    }

    private DataType elementType(ValueInfoProto input, String subject) {
        if (!input.getType().hasTensorType()) {
            throw new OutOfScopeException(OutOfScopeException.Reason.UNSUPPORTED_FEATURE, subject
                    + ": not a tensor (a sequence, map or optional, or no type); cimflow imports tensor inputs only");
        }
        return decoder.elementType(input.getType().getTensorType().getElemType(), subject);
    }

    private Shape overriddenShape(ValueInfoProto input, String subject, int[] override) {
        TypeProto.Tensor tensorType = input.getType().getTensorType();
        if (tensorType.hasShape() && tensorType.getShape().getDimCount() != override.length) {
            throw new CimflowException(subject + ": --input-shape " + joinDims(override) + " has rank "
                    + override.length + " but the model's input has rank " + tensorType.getShape().getDimCount()
                    + " " + describeDeclared(tensorType.getShape()) + "; give " + tensorType.getShape().getDimCount()
                    + " comma-separated dimensions");
        }
        for (int i = 0; i < override.length; i++) {
            if (override[i] <= 0) {
                throw new CimflowException(subject + ": --input-shape " + joinDims(override) + " has dimension " + i
                        + " = " + override[i] + "; every dimension must be positive");
            }
        }
        return Shape.of(override);
    }

    private Shape declaredStaticShape(ValueInfoProto input, String subject) {
        TypeProto.Tensor tensorType = input.getType().getTensorType();
        if (!tensorType.hasShape()) {
            throw new CimflowException(subject + ": the model declares no shape for this input; give it with "
                    + "--input-shape N,C,H,W");
        }
        TensorShapeProto declared = tensorType.getShape();
        int[] dims = new int[declared.getDimCount()];
        for (int i = 0; i < dims.length; i++) {
            TensorShapeProto.Dimension dim = declared.getDim(i);
            if (!dim.hasDimValue()) {
                String param = dim.hasDimParam() ? " ('" + dim.getDimParam() + "')" : "";
                throw new CimflowException(subject + ": dimension " + i + param + " of "
                        + describeDeclared(declared) + " is dynamic; give a static shape with --input-shape, "
                        + "for example --input-shape " + exampleShape(declared));
            }
            long value = dim.getDimValue();
            if (value <= 0) {
                throw ShapeChecks.nonPositiveDimension(subject, i, value);
            }
            dims[i] = Math.toIntExact(value);
        }
        return Shape.of(dims);
    }

    private void readDeclaredShapes(List<ValueInfoProto> infos, ImportState state) {
        for (ValueInfoProto info : infos) {
            TypeProto type = info.getType();
            if (!type.hasTensorType() || !type.getTensorType().hasShape()) {
                continue;
            }
            TensorShapeProto shape = type.getTensorType().getShape();
            long[] dims = new long[shape.getDimCount()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = shape.getDim(i).hasDimValue() ? shape.getDim(i).getDimValue() : -1;
            }
            state.declaredShapes.put(info.getName(), dims);
        }
    }

    private static String describeDeclared(TensorShapeProto shape) {
        List<String> dims = new ArrayList<>();
        for (TensorShapeProto.Dimension dim : shape.getDimList()) {
            dims.add(dim.hasDimValue() ? Long.toString(dim.getDimValue())
                    : dim.hasDimParam() ? dim.getDimParam() : "?");
        }
        return "[" + String.join(", ", dims) + "]";
    }

    private static String exampleShape(TensorShapeProto shape) {
        List<String> dims = new ArrayList<>();
        for (TensorShapeProto.Dimension dim : shape.getDimList()) {
            dims.add(dim.hasDimValue() && dim.getDimValue() > 0 ? Long.toString(dim.getDimValue()) : "1");
        }
        return String.join(",", dims);
    }

    private static String joinDims(int[] dims) {
        return String.join(",", Arrays.stream(dims).mapToObj(Integer::toString).toArray(String[]::new));
    }
}
