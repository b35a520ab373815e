package io.github.cimflow.cg;

/**
 * A CG compilation with what produced it, for summaries, pictures and tests.
 *
 * @param program    the CG IR
 * @param layers     the reduced DAG the partition is over
 * @param partition  the stages with their plans and estimated costs
 */
public record CgCompilation(CgProgram program, LayerGraph layers, StagePartitioner.Partition partition) {
}
