package io.github.cimflow.op;

import io.github.cimflow.cg.CgCore;
import io.github.cimflow.cg.CgOp;
import io.github.cimflow.cg.CgProgram;
import io.github.cimflow.cg.CgStage;
import io.github.cimflow.cg.GraphCompiler;
import io.github.cimflow.cg.Strategy;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.model.Model;
import io.github.cimflow.onnx.OnnxImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CgDumpScratch {
    @Test
    void dump() {
        Model model = OnnxImporter.load(Path.of(System.getProperty("model", "../examples/models/resnet18_cifar.onnx")), null);
        CgProgram cg = GraphCompiler.compile(model, HardwarePresets.preset(ArchParams.DEFAULT), 2, Strategy.DP);
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        for (CgCore core : cg.cores()) {
            for (CgStage stage : core.stages()) {
                for (CgOp op : stage.instructions()) {
                    counts.merge(op.op(), 1, Integer::sum);
                }
            }
        }
        System.out.println(counts);
        OpCompilation result = OperatorCompiler.compileWithStatistics(cg, HardwarePresets.preset(ArchParams.DEFAULT));
        System.out.println("static " + result.statistics().totalStaticInstructions() + " dynamic "
                + result.statistics().totalDynamicInstructions());
        System.out.println("per core static " + result.statistics().staticInstructions());
        System.out.println("per core dynamic " + result.statistics().dynamicInstructions());
        if (counts.size() > 0) {
            return;
        }
        for (int id : new int[] {0, 20}) {
            CgCore core = cg.cores().get(id);
            for (CgStage stage : core.stages()) {
                System.out.println("core " + id + " stage " + stage.stage() + " cluster " + stage.clusterId());
                for (CgOp op : stage.instructions()) {
                    System.out.println("  " + op.op() + " " + op.attr());
                }
            }
        }
    }
}
