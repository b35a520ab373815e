package io.github.cimflow.explore;

import io.github.cimflow.hw.NearestName;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.CimflowException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchFileReaderTest {
    @TempDir
    Path folder;

    private Path write(String json) throws IOException {
        Path file = folder.resolve("batch.json");
        Files.writeString(file, json);
        return file;
    }

    private BatchSpec read(String json) throws IOException {
        return BatchFileReader.read(write(json), line -> { });
    }

    private String error(String json) throws IOException {
        Path file = write(json);
        return assertThrows(CimflowException.class, () -> BatchFileReader.read(file, line -> { })).getMessage();
    }

    @Test
    void tutorialBatchReadsFourRuns() throws IOException {
        BatchSpec batch = read("""
                {
                  "output_dir": "output/exploration",
                  "keep_ir": false,
                  "run_name": "design_exploration",
                  "_comment": "NoC bandwidth and batch size",
                  "runs": [
                    {"_name": "B8_batch1", "model_path": "data/models/resnet18.onnx", "t": 8, "k": 16, "b": 8,
                     "c": 64, "batch_size": 1, "strategy": "dp"},
                    {"_name": "B8_batch8", "model_path": "data/models/resnet18.onnx", "t": 8, "k": 16, "b": 8,
                     "c": 64, "batch_size": 8, "strategy": "dp"},
                    {"_name": "B16_batch1", "model_path": "data/models/resnet18.onnx", "t": 8, "k": 16, "b": 16,
                     "c": 64, "batch_size": 1, "strategy": "dp"},
                    {"_name": "B16_batch8", "model_path": "data/models/resnet18.onnx", "t": 8, "k": 16, "b": 16,
                     "c": 64, "batch_size": 8, "strategy": "dp"}
                  ]
                }
                """);
        assertEquals(folder.resolve("output/exploration"), batch.outputDir());
        assertEquals("design_exploration", batch.runName());
        assertFalse(batch.keepIr());
        assertEquals(4, batch.runs().size());
        RunSpec third = batch.runs().get(2);
        assertEquals("B16_batch1", third.name());
        assertEquals(folder.resolve("data/models/resnet18.onnx"), third.modelPath());
        assertEquals(16, third.b());
        assertEquals(1, third.batchSize());
    }

    @Test
    void missingRunFieldsTakeCimflowDefaults() throws IOException {
        RunSpec run = read("{\"output_dir\": \"out\", \"runs\": [{\"model_path\": \"m.onnx\"}]}").runs().get(0);
        assertEquals(8, run.t());
        assertEquals(16, run.k());
        assertEquals(16, run.b());
        assertEquals(64, run.c());
        assertEquals(8, run.batchSize());
        assertEquals("dp", run.strategy());
        assertEquals("", run.profile());
        assertFalse(run.visualize());
        assertNull(run.name());
        assertNull(run.configPath());
        assertNull(run.inputShape());
        assertNull(run.logLevel());
        assertTrue(run.hardware().isEmpty());
    }

    @Test
    void missingBatchFieldsTakeCimflowDefaults() throws IOException {
        BatchSpec batch = read("{\"output_dir\": \"out\", \"runs\": [{\"model_path\": \"m.onnx\"}]}");
        assertEquals("batch", batch.runName());
        assertFalse(batch.keepIr());
    }

    @Test
    void defaultNameIsCimflowStem() throws IOException {
        RunSpec run = read("{\"output_dir\": \"out\", \"runs\": [{\"model_path\": \"models/resnet18.onnx\", "
                + "\"b\": 8, \"batch_size\": 1}]}").runs().get(0);
        assertEquals("resnet18_dp_T8_K16_B8_C64_batch1", RunNames.of(run));
    }

    @Test
    void numbersGivenAsStringsOrWholeFloatsAreAccepted() throws IOException {
        RunSpec run = read("{\"output_dir\": \"out\", \"runs\": [{\"model_path\": \"m.onnx\", \"t\": \"4\", "
                + "\"c\": 16.0, \"visualize\": \"yes\"}]}").runs().get(0);
        assertEquals(4, run.t());
        assertEquals(16, run.c());
        assertTrue(run.visualize());
    }

    @Test
    void fractionalKnobIsRejected() throws IOException {
        String message = error("{\"output_dir\": \"out\", \"runs\": [{\"model_path\": \"m.onnx\", \"t\": 8.5}]}");
        assertTrue(message.contains("$.runs[0].t: must be a whole number, not the number 8.5"), message);
    }

    @Test
    void zeroKnobIsRejected() throws IOException {
        String message = error("{\"output_dir\": \"out\", \"runs\": [{\"model_path\": \"m.onnx\", \"batch_size\": 0}]}");
        assertTrue(message.contains("$.runs[0].batch_size: must be at least 1, not 0"), message);
    }

    @Test
    void knobAboveIntRangeIsTooLarge() throws IOException {
        String message = error("{\"output_dir\": \"out\", \"runs\": [{\"model_path\": \"m.onnx\", "
                + "\"batch_size\": 100000000000}]}");
        assertTrue(message.contains("$.runs[0].batch_size: is too large: 100000000000 exceeds the maximum "
                + "2147483647"), message);
    }

    @Test
    void knobAboveLongRangeIsTooLarge() throws IOException {
        String message = error("{\"output_dir\": \"out\", \"runs\": [{\"model_path\": \"m.onnx\", "
                + "\"t\": 123456789012345678901234567890}]}");
        assertTrue(message.contains("$.runs[0].t: is too large: 123456789012345678901234567890 exceeds the "
                + "maximum 2147483647"), message);
    }

    @Test
    void inputShapeOfThreeNamesItsLength() throws IOException {
        String message = error("{\"output_dir\": \"out\", \"runs\": [{\"model_path\": \"m.onnx\", "
                + "\"input_shape\": [1, 3, 32]}]}");
        assertTrue(message.contains("$.runs[0].input_shape: must be a list of 4 whole numbers [N, C, H, W], "
                + "not a list of 3 entries"), message);
    }

    @Test
    void fieldSetDirectlyAndInMatrixIsRejected() throws IOException {
        String message = error("{\"output_dir\": \"out\", \"runs\": [{\"model_path\": \"m.onnx\", \"b\": 8, "
                + "\"matrix\": {\"b\": [8, 16]}}]}");
        assertTrue(message.contains("$.runs[0].b: is set here and varied by $.runs[0].matrix.b as well; remove "
                + "one of the two"), message);
    }

    @Test
    void hardwarePathInBothPlacesIsRejected() throws IOException {
        String message = error("{\"output_dir\": \"out\", \"runs\": [{\"model_path\": \"m.onnx\", "
                + "\"hardware\": {\"sim_config.period_ns\": 1.0}, "
                + "\"matrix\": {\"hardware\": {\"sim_config.period_ns\": [1.0, 2.0]}}}]}");
        assertTrue(message.contains("$.runs[0].hardware.sim_config.period_ns: is set here and varied by "
                + "$.runs[0].matrix.hardware.sim_config.period_ns as well"), message);
    }

    @Test
    void unknownRunKeyNamesPathAndNearestKey() throws IOException {
        String message = error("{\"output_dir\": \"out\", \"runs\": [{\"model_path\": \"m.onnx\"}, "
                + "{\"model_path\": \"m.onnx\", \"batchsize\": 4}]}");
        assertTrue(message.contains("$.runs[1].batchsize: unknown key; did you mean 'batch_size'?"), message);
    }

    @Test
    void unknownBatchKeyNamesPathAndNearestKey() throws IOException {
        String message = error("{\"outputdir\": \"out\", \"runs\": [{\"model_path\": \"m.onnx\"}]}");
        assertTrue(message.contains("$.outputdir: unknown key; did you mean 'output_dir'?"), message);
    }

    @Test
    void underscoreKeysAreComments() throws IOException {
        BatchSpec batch = read("{\"_note\": 1, \"output_dir\": \"out\", \"runs\": [{\"model_path\": \"m.onnx\", "
                + "\"_comment_b\": \"bandwidth\"}]}");
        assertEquals(1, batch.runs().size());
    }

    @Test
    void pathsCfgIsIgnoredWithOneInfoLine() throws IOException {
        Path file = write("{\"paths_cfg\": \"config/tool_paths.json\", \"output_dir\": \"out\", "
                + "\"runs\": [{\"model_path\": \"m.onnx\"}]}");
        List<String> lines = new ArrayList<>();
        BatchFileReader.read(file, lines::add);
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).startsWith("INFO: paths_cfg 'config/tool_paths.json'"), lines.get(0));
    }

    @Test
    void malformedJsonGivesLineAndColumn() throws IOException {
        // Line 3 misses the comma after "out"; the parser stops at the quote that opens "runs",
        // which is the 3rd character of line 3.
        String message = error("{\n  \"output_dir\": \"out\"\n  \"runs\": []\n}\n");
        assertTrue(message.contains("batch.json line 3, column 3: invalid JSON"), message);
    }

    @Test
    void emptyRunsIsAnError() throws IOException {
        String message = error("{\"output_dir\": \"out\", \"runs\": []}");
        assertTrue(message.contains("$.runs: No pipeline runs defined"), message);
    }

    @Test
    void missingModelPathIsAnError() throws IOException {
        String message = error("{\"output_dir\": \"out\", \"runs\": [{\"t\": 8}]}");
        assertTrue(message.contains("$.runs[0].model_path: missing"), message);
    }

    @Test
    void unknownStrategyIsAnError() throws IOException {
        String message = error("{\"output_dir\": \"out\", \"runs\": [{\"model_path\": \"m.onnx\", \"strategy\": \"best\"}]}");
        assertTrue(message.contains("$.runs[0].strategy: unknown strategy 'best'"), message);
    }

    @Test
    void duplicateDefaultNamesNameBothRuns() throws IOException {
        String message = error("{\"output_dir\": \"out\", \"runs\": [{\"model_path\": \"a/m.onnx\"}, "
                + "{\"model_path\": \"m.onnx\", \"b\": 8}, {\"model_path\": \"b/m.onnx\"}]}");
        assertTrue(message.contains("$.runs[0] and $.runs[2] both write "
                + "simulation_report_m_dp_T8_K16_B16_C64_batch8.txt"), message);
    }

    @Test
    void duplicateUnderscoreNamesAreRejected() throws IOException {
        String message = error("{\"output_dir\": \"out\", \"runs\": [{\"_name\": \"x\", \"model_path\": \"m.onnx\"}, "
                + "{\"_name\": \"x\", \"model_path\": \"m.onnx\", \"b\": 8}]}");
        assertTrue(message.contains("$.runs[0] and $.runs[1] both write simulation_report_x.txt"), message);
    }

    @Test
    void nameWithSlashIsRejected() throws IOException {
        String message = error("{\"output_dir\": \"out\", \"runs\": [{\"_name\": \"a/b\", \"model_path\": \"m.onnx\"}]}");
        assertTrue(message.contains("run name 'a/b' contains '/'"), message);
    }

    @Test
    void matrixExpandsToCartesianProductInOrder() throws IOException {
        BatchSpec batch = read("{\"output_dir\": \"out\", \"runs\": [{\"model_path\": \"m.onnx\", \"t\": 8, "
                + "\"matrix\": {\"b\": [8, 16], \"batch_size\": [1, 8]}}]}");
        List<String> names = batch.runs().stream().map(RunNames::of).toList();
        assertEquals(List.of("B8_batch1", "B8_batch8", "B16_batch1", "B16_batch8"), names);
        assertEquals(16, batch.runs().get(3).b());
        assertEquals(8, batch.runs().get(3).batchSize());
        assertEquals(8, batch.runs().get(3).t());
    }

    @Test
    void matrixNamePrefixedByUnderscoreName() throws IOException {
        BatchSpec batch = read("{\"output_dir\": \"out\", \"runs\": [{\"_name\": \"r18\", \"model_path\": \"m.onnx\", "
                + "\"matrix\": {\"strategy\": [\"dp\", \"baseline1\"]}}]}");
        assertEquals(List.of("r18_dp", "r18_baseline1"), batch.runs().stream().map(RunSpec::name).toList());
    }

    @Test
    void matrixVariesHardwarePaths() throws IOException {
        BatchSpec batch = read("{\"output_dir\": \"out\", \"runs\": [{\"model_path\": \"m.onnx\", "
                + "\"hardware\": {\"sim_config.period_ns\": 1.0}, \"matrix\": {\"hardware\": "
                + "{\"chip_config.core_config.local_memory_unit_config.memory_list[0].hardware_config.size_byte\": "
                + "[262144, 524288]}}}]}");
        assertEquals(List.of("size_byte262144", "size_byte524288"), batch.runs().stream().map(RunSpec::name).toList());
        Map<String, Object> second = batch.runs().get(1).hardware();
        assertEquals(1.0, second.get("sim_config.period_ns"));
        assertEquals(524288,
                second.get("chip_config.core_config.local_memory_unit_config.memory_list[0].hardware_config.size_byte"));
    }

    @Test
    void matrixBadValueNamesItsEntry() throws IOException {
        String message = error("{\"output_dir\": \"out\", \"runs\": [{\"model_path\": \"m.onnx\", "
                + "\"matrix\": {\"b\": [8, \"wide\"]}}]}");
        assertTrue(message.contains("$.runs[0].matrix.b[1]: must be a whole number, not the string \"wide\""), message);
    }

    @Test
    void matrixOfNonListIsRejected() throws IOException {
        String message = error("{\"output_dir\": \"out\", \"runs\": [{\"model_path\": \"m.onnx\", \"matrix\": {\"b\": 8}}]}");
        assertTrue(message.contains("$.runs[0].matrix.b: must be a non-empty list of values"), message);
    }

    @Test
    void matrixOfEmptyListSaysEmpty() throws IOException {
        String message = error("{\"output_dir\": \"out\", \"runs\": [{\"model_path\": \"m.onnx\", "
                + "\"matrix\": {\"c\": []}}]}");
        assertTrue(message.contains("$.runs[0].matrix.c: must be a non-empty list of values, not an empty list"),
                message);
    }

    @Test
    void matrixDuplicatesAcrossRunsAreRejected() throws IOException {
        String message = error("{\"output_dir\": \"out\", \"runs\": ["
                + "{\"model_path\": \"a.onnx\", \"matrix\": {\"b\": [8, 16]}},"
                + "{\"model_path\": \"b.onnx\", \"matrix\": {\"b\": [16]}}]}");
        assertTrue(message.contains("$.runs[0] (matrix B16) and $.runs[1] (matrix B16) both write "
                + "simulation_report_B16.txt"), message);
    }

    @Test
    void inputShapeAndHardwareAreRead() throws IOException {
        RunSpec run = read("{\"output_dir\": \"out\", \"runs\": [{\"model_path\": \"m.onnx\", "
                + "\"input_shape\": [1, 3, 224, 224], \"hardware\": {\"sim_config.period_ns\": 1.5}}]}").runs().get(0);
        assertEquals(List.of(1, 3, 224, 224), run.inputShape());
        assertEquals(Map.of("sim_config.period_ns", 1.5), run.hardware());
    }

    @Test
    void logLevelIsCheckedAgainstCimflowNames() throws IOException {
        String message = error("{\"output_dir\": \"out\", \"runs\": [{\"model_path\": \"m.onnx\", \"log_level\": \"LOUD\"}]}");
        assertTrue(message.contains("$.runs[0].log_level: unknown log level 'LOUD'"), message);
    }

    @Test
    void editDistanceCountsSingleEdits() {
        assertEquals(3, NearestName.levenshtein("kitten", "sitting"));
        assertEquals(1, NearestName.levenshtein("batchsize", "batch_size"));
        assertEquals(0, NearestName.levenshtein("t", "t"));
    }
}
