package io.github.cimflow.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code dp} strategy against {@code baseline2} on the three networks CIMFlow evaluates, at the
 * defaults (T8 K16 B16 C64, batch 8, 32×32 input): dp must never simulate slower. Each pipeline runs
 * once for the whole class: about 40 s on a busy 2-core machine (load average 8).
 */
class DpAgainstBaselinesTest {
    static final Path MODELS = Path.of("..", "examples", "models");
    static final List<String> NETWORKS = List.of("resnet18_cifar", "mobilenet_v2_32", "efficientnet_b0_32");
    static final Map<String, Pipeline.Result> RESULTS = new HashMap<>();

    static RunSpec run(String network, String strategy) {
        return new RunSpec(network + "_" + strategy, MODELS.resolve(network + ".onnx").toAbsolutePath().normalize(),
                8, 16, 16, 64, 8, strategy, null, null, Map.of(), "", false, null);
    }

    @BeforeAll
    static void simulate() {
        for (String network : NETWORKS) {
            for (String strategy : List.of("dp", "baseline2")) {
                RESULTS.put(network + " " + strategy, Pipeline.compute(run(network, strategy)));
            }
        }
    }

    private static long cycles(String network, String strategy) {
        return RESULTS.get(network + " " + strategy).simulation().result().cycles();
    }

    private static void assertDpNotSlower(String network) {
        long dp = cycles(network, "dp");
        long baseline = cycles(network, "baseline2");
        assertTrue(dp <= baseline, network + ": dp " + dp + " cycles, baseline2 " + baseline + " cycles");
    }

    @Test
    void resnet18DpNotSlowerThanBaseline2() {
        assertDpNotSlower("resnet18_cifar");
    }

    @Test
    void mobilenetV2DpNotSlowerThanBaseline2() {
        assertDpNotSlower("mobilenet_v2_32");
    }

    @Test
    void efficientnetB0DpNotSlowerThanBaseline2() {
        assertDpNotSlower("efficientnet_b0_32");
    }

    @Test
    void keptPlanCarriesDpMetadata() {
        for (String network : NETWORKS) {
            Pipeline.Result result = RESULTS.get(network + " dp");
            assertEquals("dp", result.cg().metadata().strategy(), network);
            assertEquals("dp", result.isa().metadata().strategy(), network);
        }
    }

    @Test
    void logNamesKeptPartition() {
        for (String network : NETWORKS) {
            List<String> selection = RESULTS.get(network + " dp").log().stream()
                    .filter(line -> line.contains("dp plan selection: simulated dp partition ")).toList();
            assertEquals(1, selection.size(), network + ": " + RESULTS.get(network + " dp").log());
        }
    }
}
