package io.github.cimflow.cg;

import io.github.cimflow.CimflowException;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwareConfigs;
import io.github.cimflow.model.ConvGeometry;
import io.github.cimflow.model.Model;
import io.github.cimflow.model.Node;
import io.github.cimflow.model.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** The graph-level (CG) compiler: stage partitioning, replication and placement. */
public final class GraphCompiler {
    private GraphCompiler() {
    }

    /**
     * Compiles a model for a chip.
     *
     * @param model     the imported model
     * @param hardware  the chip
     * @param batchSize images per stage, at least 1
     * @param strategy  partitioning strategy
     * @return the CG IR
     * @throws io.github.cimflow.CimflowException when the model does not fit or an argument is invalid
     */
    public static CgProgram compile(Model model, HardwareConfig hardware, int batchSize, Strategy strategy) {
        return compileDetailed(model, hardware, batchSize, strategy).program();
    }

    /** Compiles a model and keeps the reduced DAG and the stage plans next to the CG IR. */
    public static CgCompilation compileDetailed(Model model, HardwareConfig hardware, int batchSize,
                                                Strategy strategy) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(hardware, "hardware");
        Objects.requireNonNull(strategy, "strategy");
        if (batchSize < 1) {
            throw new CimflowException("batch size " + batchSize + " is invalid; it must be at least 1 "
                    + "(--batch-size, images per stage)");
        }
        int side = hardware.meshSide();
        if (hardware.coreCount() < 1 || side * side != hardware.coreCount()) {
            throw new CimflowException("core count C=" + hardware.coreCount() + " is invalid; the cores form a "
                    + "square mesh, so C must be a perfect square such as 1, 4, 16, 64 or 144 (-c/--core-num)");
        }

        LayerGraph layers = Clustering.build(model.graph(), hardware.core().cim());
        StagePartitioner.Partition partition = new StagePartitioner(layers, hardware, batchSize, strategy).partition();
        List<CgCore> cores = new InstructionGenerator(layers, side, batchSize).generate(partition.stages());
        CgMetadata metadata = new CgMetadata(opCount(model), model.name(), strategy.cliName(),
                hardware.archParams(), batchSize, HardwareConfigs.digest(hardware), inputShape(model));
        return new CgCompilation(new CgProgram(metadata, cores), layers, partition);
    }

    /**
     * Operations of one image, 2 per multiply-accumulate of every Conv (depthwise included), Gemm and
     * MatMul with static weights.
     */
    static long opCount(Model model) {
        long macs = 0;
        for (Node node : model.graph().nodes()) {
            if (node.opType().equals("Conv") && node.inputs().size() >= 2
                    && model.graph().tensor(node.inputs().get(1)).isStatic()) {
                ConvGeometry geometry = ConvGeometry.of(node, model.graph());
                macs += geometry.macs() / geometry.batch();
            } else if (Clustering.isWeightNode(node, model.graph())) {
                Shape x = model.graph().tensor(node.inputs().get(0)).shape();
                Shape y = model.graph().tensor(node.outputs().get(0)).shape();
                macs += (long) x.dim(x.rank() - 1) * (y.elementCount() / y.dim(0));
            }
        }
        return 2 * macs;
    }

    private static List<Integer> inputShape(Model model) {
        if (model.graph().inputs().isEmpty()) {
            return List.of();
        }
        int[] dims = model.graph().tensor(model.graph().inputs().get(0)).shape().dims();
        return Arrays.stream(dims).boxed().toList();
    }
}
