package io.github.cimflow.cg;

import java.util.List;

/**
 * One core of the CG IR ({@code core_<row>_<col>}); its numeric id is {@code row·√C + col}.
 *
 * @param row    mesh row
 * @param col    mesh column
 * @param stages one entry per stage of the program, in stage order
 */
public record CgCore(int row, int col, List<CgStage> stages) {
    public CgCore {
        stages = List.copyOf(stages);
    }

    /** The JSON key {@code core_<row>_<col>}. */
    public String key() {
        return "core_" + row + "_" + col;
    }
}
