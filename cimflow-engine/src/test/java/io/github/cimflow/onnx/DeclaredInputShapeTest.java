package io.github.cimflow.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Shapes as examples/models/README.md lists them for the exported models. */
class DeclaredInputShapeTest {
    private static final Path MODELS = Path.of("../examples/models");

    @Test
    void staticShapeIsRead() {
        assertArrayEquals(new int[] {1, 3, 16, 16}, DeclaredInputShape.read(MODELS.resolve("tinynet_trained.onnx")));
    }

    @Test
    void dynamicBatchAxisIsMarked() {
        assertArrayEquals(new int[] {DeclaredInputShape.DYNAMIC, 3, 32, 32},
                DeclaredInputShape.read(MODELS.resolve("resnet18_cifar_dynamic_batch.onnx")));
    }

    @Test
    void differingShapeTakesDynamicAxesFromUsed() {
        assertArrayEquals(new int[] {8, 3, 16, 16},
                DeclaredInputShape.differingFrom(new int[] {DeclaredInputShape.DYNAMIC, 3, 16, 16},
                        new int[] {8, 3, 32, 32}));
    }

    @Test
    void dynamicAxisAloneDoesNotDiffer() {
        assertNull(DeclaredInputShape.differingFrom(new int[] {DeclaredInputShape.DYNAMIC, 3, 32, 32},
                new int[] {4, 3, 32, 32}));
    }

    @Test
    void otherRankDoesNotDiffer() {
        assertNull(DeclaredInputShape.differingFrom(new int[] {3, 16, 16}, new int[] {1, 3, 32, 32}));
    }
}
