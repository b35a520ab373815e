package io.github.cimflow.cg;

import java.util.Locale;

/**
 * A readable report of a CG compilation: per stage its estimated cost, pattern, idle cores, and per
 * layer its replicas, cores per replica and the cores (row, col) it occupies.
 */
public final class CgSummary {
    private CgSummary() {
    }

    /** Formats the summary; numbers use {@link Locale#ROOT}. */
    public static String format(CgCompilation compilation) {
        CgMetadata metadata = compilation.program().metadata();
        StagePartitioner.Partition partition = compilation.partition();
        int coreCount = metadata.arch().coreCount();
        int side = (int) Math.round(Math.sqrt(coreCount));
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "model %s, strategy %s, %s, batch %d%n", metadata.model(),
                metadata.strategy(), metadata.arch().fileFragment(), metadata.batchSize()));
        out.append(String.format(Locale.ROOT, "%d weight layers, %d stages, search %s over %d prefixes, "
                        + "estimated cost %,d cycles%n", compilation.layers().size(), partition.stages().size(),
                partition.search().name().toLowerCase(Locale.ROOT), partition.prefixes(), partition.costCycles()));
        for (int s = 0; s < partition.stages().size(); s++) {
            StagePlan plan = partition.stages().get(s);
            out.append(String.format(Locale.ROOT, "stage %d: %d layers, %d cores used, %d idle, pattern %s, "
                            + "cost %,d cycles (compute %,d + communication %,d + weight load %,d)%n", s,
                    plan.layers().length, plan.usedCores(), coreCount - plan.usedCores(),
                    plan.pattern().displayName(), plan.costCycles(), plan.computeCycles(),
                    plan.communicationCycles(), plan.loadCycles()));
            for (int i = 0; i < plan.layers().length; i++) {
                Layer layer = compilation.layers().layer(plan.layers()[i]);
                out.append(String.format(Locale.ROOT, "  %-40s %s %d×%d cores:", layer.name(),
                        layer.kind() == Layer.Kind.FC ? "fc  " : "conv", plan.replicas()[i],
                        layer.capacity().coresPerReplica()));
                for (int r = 0; r < plan.replicas()[i]; r++) {
                    out.append(r == 0 ? " " : " | ");
                    int[] cores = plan.cores()[i][r];
                    for (int j = 0; j < cores.length; j++) {
                        if (j > 0) {
                            out.append(' ');
                        }
                        out.append('(').append(cores[j] / side).append(',').append(cores[j] % side).append(')');
                    }
                }
                out.append(System.lineSeparator());
            }
        }
        return out.toString();
    }
}
