package io.github.cimflow.op;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.cimflow.CimflowException;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.model.Graph;
import io.github.cimflow.onnx.OnnxImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BatchMemoryCheckTest {
    private static final Graph TINYNET = OnnxImporter.load(Path.of("../examples/models/tinynet_trained.onnx"),
            new int[] {1, 3, 16, 16}).graph();
    private static final HardwareConfig HARDWARE = HardwarePresets.preset(new ArchParams(8, 16, 16, 64));

    @Test
    void perImageBytesCountInputAndOutput() {
        // The 3×16×16 int8 input is 768 bytes, a multiple of 32; the 10 logits take one 32-byte block.
        assertEquals(800, BatchMemoryCheck.minimumFeatureBytesPerImage(TINYNET));
    }

    @Test
    void largestBoundedBatchPasses() {
        // 33,554,432 global bytes / 800 bytes per image = 41,943 images.
        assertDoesNotThrow(() -> BatchMemoryCheck.check(TINYNET, HARDWARE, 41_943));
    }

    @Test
    void oneImageMoreIsRejected() {
        CimflowException error = assertThrows(CimflowException.class,
                () -> BatchMemoryCheck.check(TINYNET, HARDWARE, 41_944));

        assertEquals("batch size 41944 does not fit global memory 'global': the input and output feature maps "
                + "alone need 33,555,200 bytes (800 per image) but the region holds 33,554,432 bytes; lower "
                + "--batch-size to at most 41943 (the full compile may allow fewer)", error.getMessage());
    }
}
