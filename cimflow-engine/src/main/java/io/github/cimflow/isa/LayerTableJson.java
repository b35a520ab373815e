package io.github.cimflow.isa;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.github.cimflow.CimflowException;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The {@code "layers"} key of the JSON form's metadata, a {@link LayerTable} stored as runs:
 * {@code {"names": ["(outside layers)", "conv1"], "runs": {"0": [[3, 0], [120, 1]], "1": []}}}. Each
 * core lists its runs in program order, and a run {@code [n, i]} puts the next n instructions in layer
 * {@code names[i]}. Unknown keys inside the object are ignored, as in the rest of the metadata.
 */
final class LayerTableJson {
    private LayerTableJson() {
    }

    /** A layer table as read from the file, before it is checked against the instruction counts. */
    record Runs(List<String> names, NavigableMap<Integer, List<int[]>> runsByCore) {
        /**
         * Expands the runs into one layer index per instruction.
         *
         * @throws CimflowException when a core's runs cover another number of instructions than the core
         *                          has, a run names a layer index outside {@code names}, or runs are listed
         *                          for a core the program does not have
         */
        LayerTable expand(List<List<Instruction>> cores, String source) {
            int lastCore = runsByCore.isEmpty() ? -1 : runsByCore.lastKey();
            if (lastCore >= cores.size()) {
                throw new CimflowException(source + ": metadata \"layers\" lists runs for core " + lastCore
                        + " but the file has " + LayerTable.count(cores.size(), "core") + "; "
                        + LayerTable.MISMATCH_FIX);
            }
            List<int[]> layerOfInstruction = new ArrayList<>(cores.size());
            for (int core = 0; core < cores.size(); core++) {
                List<int[]> runs = runsByCore.getOrDefault(core, List.of());
                long covered = 0;
                for (int[] run : runs) {
                    covered += run[0];
                }
                int instructions = cores.get(core).size();
                if (covered != instructions) {
                    throw LayerTable.coverageMismatch(source, core, covered, instructions);
                }
                int[] layers = new int[instructions];
                int start = 0;
                for (int run = 0; run < runs.size(); run++) {
                    int[] pair = runs.get(run);
                    if (pair[1] >= names.size()) {
                        throw new CimflowException(source + ": metadata \"layers\": core " + core + " run " + run
                                + " refers to layer " + pair[1] + " but \"names\" lists "
                                + LayerTable.count(names.size(), "layer") + "; add the name or correct the index");
                    }
                    Arrays.fill(layers, start, start + pair[0], pair[1]);
                    start += pair[0];
                }
                layerOfInstruction.add(layers);
            }
            return new LayerTable(names, layerOfInstruction);
        }
    }

    /** Writes the table as one object: the names on the first line, then one line of runs per core. */
    static void write(LayerTable table, Writer out) throws IOException {
        StringBuilder text = new StringBuilder("{\"names\": [");
        List<String> names = table.layerNames();
        for (int i = 0; i < names.size(); i++) {
            text.append(i == 0 ? "\"" : ", \"")
                    .append(JsonStringEncoder.getInstance().quoteAsString(names.get(i))).append('"');
        }
        text.append("], \"runs\": {");
        List<int[]> cores = table.layerOfInstruction();
        for (int core = 0; core < cores.size(); core++) {
            text.append(core == 0 ? "\n      \"" : ",\n      \"").append(core).append("\": [");
            appendRuns(cores.get(core), text);
            text.append(']');
        }
        out.append(text.append("}}"));
    }

    /** Appends {@code [n, i]} pairs, one per maximal run of equal layer indexes. */
    private static void appendRuns(int[] layers, StringBuilder text) {
        int start = 0;
        while (start < layers.length) {
            int end = start + 1;
            while (end < layers.length && layers[end] == layers[start]) {
                end++;
            }
            text.append(start == 0 ? "[" : ", [").append(end - start).append(", ").append(layers[start]).append(']');
            start = end;
        }
    }

    /**
     * Reads the object whose {@code START_OBJECT} the parser is on.
     *
     * @param error builds an exception that names the file and the parser's line
     */
    static Runs read(JsonParser parser, Function<String, CimflowException> error) throws IOException {
        List<String> names = null;
        NavigableMap<Integer, List<int[]>> runs = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (key) {
                case "names" -> names = readNames(parser, value, error);
                case "runs" -> runs = readRuns(parser, value, error);
                default -> parser.skipChildren();
            }
        }
        if (names == null || runs == null) {
            throw error.apply("metadata \"layers\" must contain both \"names\" and \"runs\"; add the missing key "
                    + "or delete \"layers\"");
        }
        return new Runs(names, runs);
    }

    private static List<String> readNames(JsonParser parser, JsonToken value,
                                          Function<String, CimflowException> error) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw error.apply("metadata \"layers\" \"names\" must be an array of strings, not " + parser.getText());
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.VALUE_STRING) {
                throw error.apply("metadata \"layers\" \"names\" entry " + names.size() + " must be a string, not "
                        + parser.getText());
            }
            String name = parser.getText();
            if (!seen.add(name)) {
                throw error.apply("metadata \"layers\" \"names\" lists \"" + name + "\" twice; each layer name "
                        + "must appear once");
            }
            names.add(name);
        }
        return names;
    }

    private static NavigableMap<Integer, List<int[]>> readRuns(JsonParser parser, JsonToken value,
                                                               Function<String, CimflowException> error)
            throws IOException {
        if (value != JsonToken.START_OBJECT) {
            throw error.apply("metadata \"layers\" \"runs\" must be an object keyed by core id, not "
                    + parser.getText());
        }
        NavigableMap<Integer, List<int[]>> runsByCore = new TreeMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int core = coreId(key, error);
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw error.apply("metadata \"layers\" runs of core " + core + " must be an array of [count, layer] "
                        + "pairs");
            }
            if (runsByCore.containsKey(core)) {
                throw error.apply("metadata \"layers\" lists the runs of core " + core + " twice");
            }
            runsByCore.put(core, readCoreRuns(parser, core, error));
        }
        return runsByCore;
    }

    private static List<int[]> readCoreRuns(JsonParser parser, int core, Function<String, CimflowException> error)
            throws IOException {
        List<int[]> runs = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            String subject = "metadata \"layers\" core " + core + " run " + runs.size();
            if (token != JsonToken.START_ARRAY) {
                throw error.apply(subject + " must be a [count, layer] pair, not " + parser.getText());
            }
            int count = pairElement(parser, subject, error);
            int layer = pairElement(parser, subject, error);
            if (parser.nextToken() != JsonToken.END_ARRAY) {
                throw error.apply(subject + " has more than two numbers; write it as [count, layer]");
            }
            if (count < 1 || layer < 0) {
                throw error.apply(subject + " is [" + count + ", " + layer + "]; the count must be at least 1 and "
                        + "the layer index at least 0");
            }
            runs.add(new int[] {count, layer});
        }
        return runs;
    }

    private static int pairElement(JsonParser parser, String subject, Function<String, CimflowException> error)
            throws IOException {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT) {
            throw error.apply(subject + " must be a pair of 32-bit integers [count, layer], found "
                    + (token == JsonToken.END_ARRAY ? "fewer than two" : parser.getText()));
        }
        return parser.getIntValue();
    }

    private static int coreId(String key, Function<String, CimflowException> error) {
        try {
            int core = Integer.parseInt(key);
            if (core >= 0 && key.equals(Integer.toString(core))) {
                return core;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error.apply("metadata \"layers\" \"runs\" key \"" + key + "\" is not a core id (\"0\", \"1\", ...)");
    }
}
