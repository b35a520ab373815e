package io.github.cimflow.isa;

import io.github.cimflow.hw.ArchParams;

/**
 * What an instruction file records about how it was compiled, so nothing downstream guesses it.
 *
 * @param opCount      operations of one image (2 per MAC), CIMFlow's {@code op_count}
 * @param batchSize    images the program processes, or 0 when the file does not record it
 * @param arch         T, K, B, C it was compiled for; null for a file that does not record them
 * @param configDigest SHA-256 (hex) of the full hardware configuration, or null
 * @param model        model name, or null
 * @param strategy     graph-level strategy, or null
 */
public record ProgramMetadata(long opCount, int batchSize, ArchParams arch, String configDigest, String model,
                              String strategy) {
}
