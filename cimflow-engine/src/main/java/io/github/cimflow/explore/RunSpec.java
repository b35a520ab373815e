package io.github.cimflow.explore;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One run of a batch: a model on one configuration. Paths are absolute (resolved against the batch
 * file's folder or the POM's base directory).
 *
 * @param name          run name ({@code _name}); null means CIMFlow's stem
 *                      {@code <model>_<strategy>_T<T>_K<K>_B<B>_C<C>_batch<N>}
 * @param modelPath     the ONNX file
 * @param t             macro group size T
 * @param k             macro groups per core K
 * @param b             NoC flit bytes B
 * @param c             core count C
 * @param batchSize     images per batch
 * @param strategy      CG strategy name
 * @param configPath    hardware JSON, or null for the preset of the knobs
 * @param inputShape    input shape override [N, C, H, W], or null for the batch default
 * @param hardware      dotted-path overrides into the hardware JSON ({@code sim_config.period_ns} → 1.0)
 * @param profile       CIMFlow's {@code profile}: "" off, "from-config", or a profiler config path
 * @param visualize     draw placements
 * @param logLevel      CIMFlow log level name, or null
 */
public record RunSpec(String name, Path modelPath, int t, int k, int b, int c, int batchSize, String strategy,
                      Path configPath, List<Integer> inputShape, Map<String, Object> hardware, String profile,
                      boolean visualize, String logLevel) {
}
