package io.github.cimflow.explore;

import io.github.cimflow.cg.CgCompilation;
import io.github.cimflow.cg.CgProgram;
import io.github.cimflow.cg.GraphCompiler;
import io.github.cimflow.cg.Strategy;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.model.Model;
import io.github.cimflow.op.OpCompilation;
import io.github.cimflow.op.OperatorCompiler;
import io.github.cimflow.sim.SimulationOptions;
import io.github.cimflow.sim.SimulationProfile;
import io.github.cimflow.sim.Simulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The final step of the {@code dp} strategy in a simulated run: the DP's partition competes with the
 * partitions of {@code baseline1} and {@code baseline2}, every distinct one is compiled and simulated,
 * and the run keeps the fastest (ties keep the DP's).
 *
 * <p>The DP minimizes the graph-level cost model, which predicts each stage from its slowest layer,
 * its traffic and its weight loads. It leaves out the time one image needs to pass through a long
 * chain of layers and the im2col copies of every output pixel. Its load term also charges a weight
 * copy per spare macro group, which the OP compiler never loads. Where those errors favour a
 * baseline's stages (EfficientNet-B0 at 32×32), the DP's plan simulates slower than the greedy one.
 * Simulating the candidates costs one OP compile and one simulation per distinct baseline plan.
 * The result keeps the dp strategy's metadata, and the run's log names the kept partition.
 */
final class PlanSelection {
    /** Partitions that compete with the DP's, in the order they are tried. */
    static final List<Strategy> RIVALS = List.of(Strategy.BASELINE1, Strategy.BASELINE2);

    /** One compiled and simulated candidate. */
    record Candidate(String partition, CgCompilation compilation, OpCompilation operators,
                     SimulationProfile simulation) {
        CgProgram cg() {
            return compilation.program();
        }

        long cycles() {
            return simulation.result().cycles();
        }
    }

    private PlanSelection() {
    }

    /**
     * Compiles the baselines' partitions next to the DP's, simulates each distinct one and returns the
     * fastest, with one log line listing every candidate's simulated cycles.
     *
     * @param dp       the DP's compiled and simulated candidate
     * @param profiled simulate with the layer table, for a per-layer profile of the kept plan
     */
    static Candidate select(Candidate dp, Model model, HardwareConfig hardware, int batchSize, boolean profiled,
                            RunLog log) {
        List<Candidate> candidates = new ArrayList<>();
        candidates.add(dp);
        for (Strategy rival : RIVALS) {
            CgCompilation compiled = GraphCompiler.compileDetailed(model, hardware, batchSize, rival);
            CgProgram relabelled = new CgProgram(dp.cg().metadata(), compiled.program().cores());
            if (candidates.stream().anyMatch(known -> known.cg().cores().equals(relabelled.cores()))) {
                continue;
            }
            OpCompilation operators = OperatorCompiler.compileWithStatistics(relabelled, hardware);
            SimulationProfile simulation = Simulator.profile(operators.program(), hardware, SimulationOptions.DEFAULT,
                    null, profiled ? operators.program().layers() : null);
            candidates.add(new Candidate(rival.cliName(),
                    new CgCompilation(relabelled, compiled.layers(), compiled.partition()), operators, simulation));
        }

        Candidate best = dp;
        StringBuilder line = new StringBuilder("dp plan selection: simulated");
        for (Candidate candidate : candidates) {
            line.append(String.format(Locale.ROOT, " %s partition %d cycles,", candidate.partition(),
                    candidate.cycles()));
            if (candidate.cycles() < best.cycles()) {
                best = candidate;
            }
        }
        line.setLength(line.length() - 1);
        line.append("; kept the ").append(best.partition()).append(" partition");
        log.log("INFO", line.toString());
        return best;
    }
}
