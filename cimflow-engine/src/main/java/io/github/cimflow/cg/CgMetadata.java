package io.github.cimflow.cg;

import io.github.cimflow.hw.ArchParams;

/**
 * Metadata of a CG IR file: CIMFlow's {@code op_count} plus what cimflow records so later stages
 * need not guess.
 *
 * @param opCount      operations of one image, 2 per MAC
 * @param model        model name (ONNX file stem)
 * @param strategy     strategy name
 * @param arch         T, K, B, C
 * @param batchSize    images per stage
 * @param configDigest SHA-256 (hex) of the hardware configuration compiled for
 * @param inputShape   the model input shape used, [N, C, H, W]
 */
public record CgMetadata(long opCount, String model, String strategy, ArchParams arch, int batchSize,
                         String configDigest, java.util.List<Integer> inputShape) {
}
