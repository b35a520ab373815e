package io.github.cimflow.cg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.CimflowException;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.CimUnitConfig;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.model.Model;
import io.github.cimflow.model.Node;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusteringTest {
    private static final CimUnitConfig CIM = HardwarePresets.preset(ArchParams.DEFAULT).core().cim();

    private static Layer byName(LayerGraph graph, String name) {
        return graph.layers().stream().filter(layer -> layer.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> names(List<Node> nodes) {
        return nodes.stream().map(Node::name).toList();
    }

    @Test
    void resnet18HasTwentyConvsAndOneFc() {
        LayerGraph graph = Clustering.build(TestGraphs.cifarResNet18().graph(), CIM);
        assertEquals(21, graph.size());
        assertEquals(20, graph.layers().stream().filter(layer -> layer.kind() == Layer.Kind.CONV).count());
    }

    @Test
    void residualAddJoinsBlockSecondConv() {
        LayerGraph graph = Clustering.build(TestGraphs.cifarResNet18().graph(), CIM);
        Layer conv2 = byName(graph, "/layer2.0/conv2/Conv");
        assertEquals(List.of("/layer2.0/Add", "/layer2.0/relu_1"), names(conv2.postOps()));
    }

    @Test
    void shortcutArrivesAsChannelSlice() {
        LayerGraph graph = Clustering.build(TestGraphs.cifarResNet18().graph(), CIM);
        Layer conv2 = byName(graph, "/layer2.0/conv2/Conv");
        Layer shortcut = byName(graph, "/layer2.0/downsample/Conv");
        LayerInput residual = conv2.inputs().stream()
                .filter(input -> input.sourceLayer() == shortcut.index()).findFirst().orElseThrow();
        assertFalse(residual.gather());
        assertTrue(graph.hasEdge(shortcut.index(), conv2.index()));
    }

    @Test
    void layersAreTopologicallyOrdered() {
        LayerGraph graph = Clustering.build(TestGraphs.cifarResNet18().graph(), CIM);
        for (Layer layer : graph.layers()) {
            for (LayerInput input : layer.inputs()) {
                assertTrue(input.sourceLayer() < layer.index(), layer.describe() + " reads " + input.tensor());
            }
        }
    }

    @Test
    void depthwiseConvRunsInProducerCluster() {
        TestGraphs g = new TestGraphs().input("input", 1, 16, 8, 8);
        String x = g.relu("/relu1", g.conv("/expand/Conv", "input", 64, 1, 1, 0));
        x = g.relu("/relu2", g.depthwise("/dw/Conv", x, 3, 1, 1));
        Model model = g.build("dw", g.conv("/project/Conv", x, 24, 1, 1, 0));
        LayerGraph graph = Clustering.build(model.graph(), CIM);
        assertEquals(2, graph.size());
        assertEquals(List.of("/relu1", "/dw/Conv", "/relu2"), names(byName(graph, "/expand/Conv").postOps()));
    }

    @Test
    void concatIsPreOpOfEveryConsumer() {
        TestGraphs g = new TestGraphs().input("input", 1, 16, 8, 8);
        String a = g.conv("/a/Conv", "input", 32, 1, 1, 0);
        String b = g.conv("/b/Conv", "input", 32, 3, 1, 1);
        String cat = g.concat("/cat", a, b);
        String c = g.conv("/c/Conv", cat, 16, 1, 1, 0);
        String d = g.conv("/d/Conv", g.maxPool("/pool", cat, 3, 1, 1), 16, 1, 1, 0);
        Model model = g.build("inception", c, d);
        LayerGraph graph = Clustering.build(model.graph(), CIM);
        assertEquals(List.of("/cat"), names(byName(graph, "/c/Conv").preOps()));
        assertEquals(List.of("/cat", "/pool"), names(byName(graph, "/d/Conv").preOps()));
        assertEquals(2, byName(graph, "/d/Conv").inputs().size());
        assertTrue(byName(graph, "/d/Conv").inputs().stream().allMatch(LayerInput::gather));
    }

    @Test
    void mlpIsAChainOfThreeFcLayers() {
        LayerGraph graph = Clustering.build(TestGraphs.mlp().graph(), CIM);
        assertEquals(3, graph.size());
        assertTrue(graph.hasEdge(0, 1));
        assertTrue(graph.hasEdge(1, 2));
        assertEquals(784, graph.layer(0).geometry().inChannels());
        assertEquals(256, graph.layer(0).outChannels());
    }

    @Test
    void flattenKeepsChannelSlices() {
        LayerGraph graph = Clustering.build(TestGraphs.smallChain().graph(), CIM);
        Layer conv2 = byName(graph, "/conv2/Conv");
        LayerOutput flattened = conv2.outputs().get(0);
        assertEquals(1, flattened.ratio());
        assertEquals(List.of("/relu2", "/gap", "/flatten"), names(conv2.postOps()));
    }

    @Test
    void trailingSoftmaxIsRejected() {
        TestGraphs g = new TestGraphs().input("input", 1, 32);
        String y = g.gemm("/fc/Gemm", "input", 10);
        Model model = g.buildWithNode("softmax", new Node("/softmax", "Softmax", List.of(y), List.of("probs"),
                java.util.Map.of()), "probs", 1, 10);
        CimflowException error = assertThrows(CimflowException.class, () -> Clustering.build(model.graph(), CIM));
        assertEquals("node '/softmax' (Softmax) is not channel-wise and feeds no Conv, Gemm or MatMul, so no CIM "
                + "core can run it; export the model without it (for example without a final Softmax)",
                error.getMessage());
    }

    @Test
    void graphWithoutWeightsIsRejected() {
        TestGraphs g = new TestGraphs().input("input", 1, 3, 8, 8);
        Model model = g.build("relu_only", g.relu("/relu", "input"));
        CimflowException error = assertThrows(CimflowException.class, () -> Clustering.build(model.graph(), CIM));
        assertTrue(error.getMessage().startsWith("model has no Conv, Gemm or MatMul node with static weights"));
    }
}
