package io.github.cimflow.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwareConfigJson;
import io.github.cimflow.hw.HardwarePresets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchValidatorTest {
    @TempDir
    Path folder;
    Path file;

    @BeforeEach
    void writeModel() throws IOException {
        // The check only looks for the file; the model is read when its run starts.
        Files.writeString(folder.resolve("m.onnx"), "model bytes");
        file = folder.resolve("batch.json");
    }

    private String error(String runs) throws IOException {
        Files.writeString(file, "{\"output_dir\": \"out\", \"runs\": [" + runs + "]}");
        BatchSpec batch = BatchFileReader.read(file, line -> { });
        return assertThrows(InvalidBatchException.class, () -> BatchValidator.validate(batch)).getMessage();
    }

    @Test
    void validBatchPasses() throws IOException {
        Files.writeString(file, "{\"output_dir\": \"out\", \"runs\": [{\"model_path\": \"m.onnx\", \"c\": 16}]}");
        BatchValidator.validate(BatchFileReader.read(file, line -> { }));
    }

    @Test
    void coreCountNamesFieldRunAndFix() throws IOException {
        String message = error("{\"model_path\": \"m.onnx\"}, {\"_name\": \"big\", \"model_path\": \"m.onnx\", "
                + "\"c\": 128}");
        assertTrue(message.startsWith(file + ": $.runs[1].c = 128 (run 'big'): chip_config.core_cnt: 128 is not a "
                + "perfect square"), message);
        assertTrue(message.contains("use 121 or 144"), message);
        assertTrue(message.endsWith("; nothing was run"), message);
    }

    @Test
    void matrixValueNamesItsEntry() throws IOException {
        String message = error("{\"model_path\": \"m.onnx\", \"matrix\": {\"c\": [16, 128]}}");
        assertTrue(message.startsWith(file + ": $.runs[0].matrix.c[1] = 128 (run 'C128'): "), message);
    }

    @Test
    void furtherInvalidRunsAreCounted() throws IOException {
        String message = error("{\"model_path\": \"m.onnx\", \"matrix\": {\"c\": [8, 128, 200]}}");
        assertTrue(message.startsWith(file + ": $.runs[0].matrix.c[0] = 8 (run 'C8'): "), message);
        assertTrue(message.endsWith(" (and 2 more invalid runs); nothing was run"), message);
    }

    @Test
    void missingModelNamesModelPath() throws IOException {
        String message = error("{\"_name\": \"r\", \"model_path\": \"models/none.onnx\"}");
        assertEquals(file + ": $.runs[0].model_path (run 'r'): model file " + folder.resolve("models/none.onnx")
                + " not found; fix the path, which is relative to the batch file; nothing was run", message);
    }

    @Test
    void configMismatchNamesBatchField() throws IOException {
        Path config = folder.resolve("config-mg8-b16.json");
        HardwareConfigJson.write(HardwarePresets.preset(new ArchParams(8, 16, 16, 64)), config);
        String message = error("{\"model_path\": \"m.onnx\"}, {\"_name\": \"t4\", \"model_path\": \"m.onnx\", "
                + "\"config_path\": \"config-mg8-b16.json\", \"t\": 4}");
        assertEquals(file + ": $.runs[1] (run 't4'): " + config + ": chip_config.core_config.cim_unit_config."
                + "macro_group_size is 8 but $.runs[1].t is 4; set $.runs[1].t to 8 to match the file, or edit the "
                + "file; nothing was run", message);
    }

    @Test
    void invalidOverrideNamesHardwarePath() throws IOException {
        String message = error("{\"_name\": \"r\", \"model_path\": \"m.onnx\", "
                + "\"hardware\": {\"sim_config.period_ns\": -1.0}}");
        assertTrue(message.startsWith(file + ": $.runs[0].hardware.sim_config.period_ns = -1.0 (run 'r'): "
                + "sim_config.period_ns: "), message);
    }

    @Test
    void unknownOverridePathNamesHardware() throws IOException {
        String message = error("{\"_name\": \"r\", \"model_path\": \"m.onnx\", "
                + "\"hardware\": {\"sim_config.period\": 1.0}}");
        assertTrue(message.startsWith(file + ": $.runs[0].hardware (run 'r'): "), message);
        assertTrue(message.contains("sim_config.period_ns"), message);
    }

    @Test
    void inputShapeBatchDimensionMustBeOne() throws IOException {
        String message = error("{\"_name\": \"r\", \"model_path\": \"m.onnx\", \"input_shape\": [8, 3, 32, 32]}");
        assertEquals(file + ": $.runs[0].input_shape = [8, 3, 32, 32] (run 'r'): the batch dimension N is 8, but the "
                + "CG compiler maps one image at a time; use [1, 3, 32, 32] and set the images per batch with "
                + "batch_size; nothing was run", message);
    }
}
