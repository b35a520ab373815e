package io.github.cimflow.op;

import io.github.cimflow.hw.CimUnitConfig;
import io.github.cimflow.hw.MacroGeometry;

/**
 * How a weight matrix of {@code columns} outputs × {@code reductionLength} inputs sits in the macros.
 *
 * <p>The reduction is cut into chunks of H inputs (one per compartment). Chunk q goes to group
 * {@code q / rows}, row {@code q % rows} (counted from the block's first row), so one CIM_MVM with
 * GRP and BATCH (GRF[rf] = rows, CIM_GSTEP = rows·H bytes) reads chunk q from input address
 * {@code base + q·H}: the input vector is one contiguous run. Column c is macro {@code c / W},
 * element {@code c % W} of every group. Byte offsets follow the macro layout
 * {@code ((((g·T + j)·m + r)·H + h)·W + e)}; weights outside the matrix are zero.
 *
 * @param columns         output columns used (≤ 8T)
 * @param reductionLength inputs per output
 * @param groups          macro groups used (CIM_AG)
 * @param rows            rows used in each element
 * @param groupSize       T
 * @param elements        W, element columns per compartment
 * @param compartments    H, inputs per chunk
 * @param rowsPerElement  m, rows per element
 */
public record MacroLayout(int columns, int reductionLength, int groups, int rows, int groupSize, int elements,
                          int compartments, int rowsPerElement) {

    /**
     * The layout with the fewest rows (the fastest: one bit-serial pass per row) for a matrix, or null
     * when it needs more than {@code rowsFree} rows. With {@code exact}, only layouts whose groups·rows
     * equals the chunk count qualify, so a contiguous input run of exactly the reduction length suffices.
     */
    static MacroLayout choose(int columns, int reductionLength, CimUnitConfig cim, int rowsFree, boolean exact) {
        MacroGeometry macro = cim.macro();
        int chunks = MacroLayout.ceilDiv(reductionLength, macro.compartments());
        int groupCount = cim.macroGroupCount();
        for (int rows = Math.max(1, MacroLayout.ceilDiv(chunks, groupCount)); rows <= rowsFree; rows++) {
            int groups = MacroLayout.ceilDiv(chunks, rows);
            if (exact && groups * rows != chunks) {
                continue;
            }
            return new MacroLayout(columns, reductionLength, groups, rows, cim.macroGroupSize(),
                    macro.elementsPerCompartment(), macro.compartments(), macro.rowsPerElement());
        }
        return null;
    }

    /** ⌈a / b⌉ for positive b (Java 17 has no Math.ceilDiv). */
    static long ceilDiv(long a, long b) {
        return Math.floorDiv(a + b - 1, b);
    }

    static int ceilDiv(int a, int b) {
        return Math.floorDiv(a + b - 1, b);
    }

    int chunks() {
        return MacroLayout.ceilDiv(reductionLength, compartments);
    }

    /** Bytes of the input vector one MVM reads: groups·rows·H. */
    int inputBytes() {
        return groups * rows * compartments;
    }

    /** Bytes of the compact global image: groups·T·rows·H·W, ordered (g, j, r, h, e). */
    public long imageBytes() {
        return (long) groups * groupSize * rows * compartments * elements;
    }

    /** Bytes of one (group, macro) block of the compact image: rows·H·W. */
    int blockBytes() {
        return rows * compartments * elements;
    }

    /** Offset in the compact global image of the weight of output {@code column}, input {@code index}. */
    public long imageOffset(int column, int index) {
        int chunk = index / compartments;
        int group = chunk / rows;
        int row = chunk % rows;
        int macro = column / elements;
        return ((((long) group * groupSize + macro) * rows + row) * compartments + index % compartments) * elements
                + column % elements;
    }

    /** Offset in the macro region of the same weight once loaded at {@code startRow}. */
    public long macroOffset(int column, int index, int startRow) {
        int chunk = index / compartments;
        int group = chunk / rows;
        int row = chunk % rows;
        int macro = column / elements;
        return ((((long) group * groupSize + macro) * rowsPerElement + startRow + row) * compartments
                + index % compartments) * elements + column % elements;
    }
}
