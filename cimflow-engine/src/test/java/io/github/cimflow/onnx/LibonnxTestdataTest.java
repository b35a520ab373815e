package io.github.cimflow.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.cimflow.CimflowException;
import io.github.cimflow.model.Graph;
import io.github.cimflow.model.Model;
import io.github.cimflow.onnx.proto.OnnxProto.ModelProto;
import io.github.cimflow.onnx.proto.OnnxProto.NodeProto;
import io.github.cimflow.onnx.proto.OnnxProto.TensorProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the importer over Debian's libonnx-testdata: every model whose operators are all in scope
 * loads and its inferred output shapes equal the dims of {@code test_data_set_0/output_N.pb};
 * every other model is rejected as out of scope.
 */
class LibonnxTestdataTest {
    private static final Path DATA = Path.of("/usr/share/libonnx-testdata/data");

    /** The operators of the import scope, written out here independently of the importer's table. */
    private static final Set<String> IN_SCOPE = Set.of(
            "Conv", "Gemm", "MatMul", "Add", "Sub", "Mul", "Div", "Relu", "Clip", "Sigmoid", "HardSigmoid",
            "HardSwish", "LeakyRelu", "MaxPool", "AveragePool", "GlobalAveragePool", "ReduceMean", "Flatten",
            "Reshape", "Transpose", "Concat", "Split", "Slice", "Squeeze", "Unsqueeze", "Pad", "Softmax",
            "BatchNormalization", "Constant", "Shape", "Identity", "Dropout", "Gather", "Cast");

    @ParameterizedTest
    @ValueSource(strings = {"pytorch-converted", "pytorch-operator", "node"})
    void folderLoadsInScopeAndRejectsTheRest(String folder) throws IOException {
        Path root = DATA.resolve(folder);
        assumeTrue(Files.isDirectory(root), "libonnx-testdata is not installed (" + root
                + " is missing); install the Debian package libonnx-testdata to run this test");

        int loaded = 0;
        Map<String, Integer> rejected = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        List<Path> cases;
        try (Stream<Path> list = Files.list(root)) {
            cases = list.filter(dir -> Files.exists(dir.resolve("model.onnx"))).sorted().toList();
        }
        for (Path dir : cases) {
            Path file = dir.resolve("model.onnx");
            boolean inScope = operatorsInScope(file);
            try {
                Model model = OnnxImporter.load(file, null);
                if (!inScope) {
                    failures.add(dir.getFileName() + ": loaded although an operator is out of scope");
                    continue;
                }
                String mismatch = compareOutputs(dir, model.graph());
                if (mismatch != null) {
                    failures.add(dir.getFileName() + ": " + mismatch);
                    continue;
                }
                loaded++;
            } catch (OutOfScopeException e) {
                boolean operatorReason = e.reason() == OutOfScopeException.Reason.UNSUPPORTED_OPERATOR;
                if (inScope == operatorReason) {
                    failures.add(dir.getFileName() + ": wrong rejection: " + e.getMessage());
                    continue;
                }
                rejected.merge(e.reason().name(), 1, Integer::sum);
            } catch (CimflowException e) {
                failures.add(dir.getFileName() + ": rejected as invalid: " + e.getMessage());
            } catch (RuntimeException e) {
                failures.add(dir.getFileName() + ": crashed: " + e);
            }
        }

        int rejectedTotal = rejected.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("libonnx-testdata %s: %d models, %d loaded with matching output shapes, %d rejected "
                + "as out of scope %s, %d failures%n", folder, cases.size(), loaded, rejectedTotal, rejected,
                failures.size());
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static boolean operatorsInScope(Path file) throws IOException {
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(file));
        for (NodeProto node : model.getGraph().getNodeList()) {
            boolean defaultDomain = node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx");
            if (!defaultDomain || !IN_SCOPE.contains(node.getOpType())) {
                return false;
            }
        }
        return true;
    }

    /** Returns null when every graph output has the dims of its reference output, else a description. */
    private static String compareOutputs(Path dir, Graph graph) throws IOException {
        for (int i = 0; i < graph.outputs().size(); i++) {
            Path reference = dir.resolve("test_data_set_0").resolve("output_" + i + ".pb");
            if (!Files.exists(reference)) {
                return "reference " + reference.getFileName() + " is missing";
            }
            TensorProto expected = TensorProto.parseFrom(Files.readAllBytes(reference));
            long[] expectedDims = expected.getDimsList().stream().mapToLong(Long::longValue).toArray();
            long[] actual = Arrays.stream(graph.tensor(graph.outputs().get(i)).shape().dims()).asLongStream().toArray();
            if (!Arrays.equals(expectedDims, actual)) {
                return "output " + i + " '" + graph.outputs().get(i) + "' inferred " + Arrays.toString(actual)
                        + ", reference " + Arrays.toString(expectedDims);
            }
        }
        return null;
    }
}
