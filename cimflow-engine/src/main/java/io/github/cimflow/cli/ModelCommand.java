package io.github.cimflow.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.cimflow.model.Graph;
import io.github.cimflow.model.Model;
import io.github.cimflow.model.Node;
import io.github.cimflow.model.OperationCount;
import io.github.cimflow.model.Shape;
import io.github.cimflow.onnx.OnnxImporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cimflow model ...}: commands that read an ONNX model. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Inspect ONNX models as cimflow imports them.",
        subcommands = {ModelCommand.Inspect.class})
public final class ModelCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code cimflow model inspect MODEL.onnx}: the simplified graph with shapes and MACs. */
    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "Import an ONNX model and print the simplified graph: each node's name, operator, "
                    + "output shape and MACs per image, and the totals.")
    static final class Inspect implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "The ONNX file to import.")
        Path modelFile;

        @Option(names = "--input-shape", paramLabel = "N,C,H,W",
                description = "Shape of the first graph input, overriding the model's own "
                        + "(required when the model has dynamic dimensions).")
        String inputShape;

        @Option(names = "--json", description = "Print a JSON document instead of a table.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        LogLevelOption logLevel;

        @Override
        public Integer call() throws JsonProcessingException {
            int[] shape = null;
            if (inputShape != null) {
                try {
                    shape = parseInputShape(inputShape);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "Invalid value for option '--input-shape': " + e.getMessage());
                }
            }
            InputFiles.requireFile(spec, modelFile, "MODEL.onnx");
            Model model = OnnxImporter.load(modelFile, shape);
            OperationCount count = OperationCount.of(model);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(toJson(model, count));
            } else {
                printTable(out, model, count);
            }
            out.flush();
            return 0;
        }
    }

    /** Renders the inspection as JSON with sorted keys and nodes in topological order. */
    static String toJson(Model model, OperationCount count) throws JsonProcessingException {
        Graph graph = model.graph();
        Map<String, Object> document = new TreeMap<>();
        document.put("model", model.name());
        document.put("opset", model.opsetVersion());
        document.put("batch", count.batch());

        List<Map<String, Object>> inputs = new ArrayList<>();
        for (String name : graph.inputs()) {
            Map<String, Object> input = new TreeMap<>();
            input.put("name", name);
            input.put("shape", graph.tensor(name).shape().dims());
            inputs.add(input);
        }
        document.put("inputs", inputs);

        List<Map<String, Object>> nodes = new ArrayList<>();
        for (int i = 0; i < graph.size(); i++) {
            Node node = graph.nodes().get(i);
            Map<String, Object> entry = new TreeMap<>();
            entry.put("name", node.name());
            entry.put("op", node.opType());
            entry.put("outputShape", graph.tensor(node.outputs().get(0)).shape().dims());
            entry.put("macs", count.nodes().get(i).macs());
            nodes.add(entry);
        }
        document.put("nodes", nodes);

        Map<String, Object> totals = new TreeMap<>();
        totals.put("macs", count.macs());
        totals.put("opCount", count.opCount());
        totals.put("weightCount", count.weightCount());
        document.put("totals", totals);

        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        return mapper.writeValueAsString(document);
    }

    private static void printTable(PrintWriter out, Model model, OperationCount count) {
        Graph graph = model.graph();
        out.printf(Locale.ROOT, "Model %s (opset %d)%n", model.name(), model.opsetVersion());
        for (String input : graph.inputs()) {
            out.printf(Locale.ROOT, "Input %s %s%n", input, graph.tensor(input).shape());
        }
        out.println();

        int nameWidth = "name".length();
        int opWidth = "op".length();
        int shapeWidth = "output shape".length();
        for (Node node : graph.nodes()) {
            nameWidth = Math.max(nameWidth, node.name().length());
            opWidth = Math.max(opWidth, node.opType().length());
            shapeWidth = Math.max(shapeWidth, graph.tensor(node.outputs().get(0)).shape().toString().length());
        }
        String row = "%-" + nameWidth + "s  %-" + opWidth + "s  %-" + shapeWidth + "s  %15s%n";
        out.printf(Locale.ROOT, row, "name", "op", "output shape", "MACs");
        for (int i = 0; i < graph.size(); i++) {
            Node node = graph.nodes().get(i);
            Shape shape = graph.tensor(node.outputs().get(0)).shape();
            out.printf(Locale.ROOT, row, node.name(), node.opType(), shape,
                    String.format(Locale.ROOT, "%,d", count.nodes().get(i).macs()));
        }
        out.println();
        out.printf(Locale.ROOT, "Nodes         %,d%n", graph.size());
        out.printf(Locale.ROOT, "MACs          %,d per image (batch %d)%n", count.macs(), count.batch());
        out.printf(Locale.ROOT, "Op count      %,d per image (2 per MAC)%n", count.opCount());
        out.printf(Locale.ROOT, "Weights       %,d elements%n", count.weightCount());
    }

    /** Parses {@code 1,3,32,32} into positive dimensions. */
    static int[] parseInputShape(String value) {
        String[] parts = value.split(",", -1);
        int[] dims = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                dims[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + value + "' is not a shape: dimension " + i + " '" + parts[i]
                        + "' is not an integer; write it as N,C,H,W, for example 1,3,32,32");
            }
            if (dims[i] <= 0) {
                throw new IllegalArgumentException("'" + value + "' is not a shape: dimension " + i + " is " + dims[i]
                        + " but must be positive; for example 1,3,32,32");
            }
        }
        return dims;
    }
}
