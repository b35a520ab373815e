package io.github.cimflow.op;

/**
 * MEM_CPY kernels: strided block copies between HWC layouts and fills from a constant block.
 * They use kernel registers r4 to r10 and the loop counters.
 */
final class CopyKernels {
    private static final int SRC = 4;
    private static final int DST = 5;
    private static final int LENGTH = 6;
    private static final int SRC_PIXEL = 7;
    private static final int DST_PIXEL = 8;
    private static final int SRC_ROW = 9;
    private static final int DST_ROW = 10;

    private CopyKernels() {
    }

    /**
     * Copies {@code rows × cols} runs of {@code chunk} bytes. Run (y, x) starts at
     * {@code src + y·srcRow + x·srcPixel} and lands at {@code dst + y·dstRow + x·dstPixel}. Runs that
     * are adjacent on both sides merge into one MEM_CPY, so a contiguous copy is one instruction.
     */
    static void copy(InstructionBuilder out, long dst, long src, int rows, int cols, int chunk,
                     long dstRow, long dstPixel, long srcRow, long srcPixel) {
        if (rows == 0 || cols == 0 || chunk == 0) {
            return;
        }
        if (cols > 1 && chunk == dstPixel && chunk == srcPixel) {
            chunk *= cols;
            cols = 1;
        }
        if (cols == 1 && rows > 1 && chunk == dstRow && chunk == srcRow) {
            chunk *= rows;
            rows = 1;
        }
        out.loadConstant(SRC, src);
        out.loadConstant(DST, dst);
        out.loadConstant(LENGTH, chunk);
        if (cols > 1) {
            out.loadConstant(SRC_PIXEL, srcPixel);
            out.loadConstant(DST_PIXEL, dstPixel);
        }
        if (rows > 1) {
            // After a row the pixel strides have been added cols times (none when cols is 1).
            int added = cols > 1 ? cols : 0;
            out.loadConstant(SRC_ROW, srcRow - added * srcPixel);
            out.loadConstant(DST_ROW, dstRow - added * dstPixel);
        }
        InstructionBuilder.Loop rowLoop = rows > 1 ? out.beginLoop(rows) : null;
        InstructionBuilder.Loop colLoop = cols > 1 ? out.beginLoop(cols) : null;
        out.memCpy(DST, SRC, LENGTH);
        if (colLoop != null) {
            out.add(SRC, SRC, SRC_PIXEL);
            out.add(DST, DST, DST_PIXEL);
            out.endLoop(colLoop);
        }
        if (rowLoop != null) {
            out.add(SRC, SRC, SRC_ROW);
            out.add(DST, DST, DST_ROW);
            out.endLoop(rowLoop);
        }
    }

    /**
     * Fills {@code rows} runs of {@code bytes} bytes, run y at {@code dst + y·stride}, from a constant
     * block of {@code blockBytes} bytes at {@code block}; runs longer than the block take several copies.
     */
    static void fill(InstructionBuilder out, long dst, int rows, int bytes, long stride, long block, int blockBytes) {
        if (rows == 0 || bytes == 0) {
            return;
        }
        out.loadConstant(SRC, block);
        out.loadConstant(DST, dst);
        int pieces = bytes / blockBytes;
        int rest = bytes % blockBytes;
        if (rows > 1) {
            out.loadConstant(SRC_ROW, stride);
        }
        if (pieces > 0) {
            out.loadConstant(LENGTH, blockBytes);
        }
        if (rest > 0) {
            out.loadConstant(DST_PIXEL, rest);
        }
        InstructionBuilder.Loop rowLoop = rows > 1 ? out.beginLoop(rows) : null;
        if (rows > 1) {
            out.move(DST_ROW, DST);
        }
        if (pieces > 0) {
            InstructionBuilder.Loop pieceLoop = pieces > 1 ? out.beginLoop(pieces) : null;
            out.memCpy(DST, SRC, LENGTH);
            out.add(DST, DST, LENGTH);
            if (pieceLoop != null) {
                out.endLoop(pieceLoop);
            }
        }
        if (rest > 0) {
            out.memCpy(DST, SRC, DST_PIXEL);
        }
        if (rowLoop != null) {
            out.add(DST, DST_ROW, SRC_ROW);
            out.endLoop(rowLoop);
        }
    }

    /** Emits one MEM_CPY of {@code bytes} bytes between two fixed addresses. */
    static void copyContiguous(InstructionBuilder out, long dst, long src, long bytes) {
        copy(out, dst, src, 1, 1, Math.toIntExact(bytes), 0, 0, 0, 0);
    }
}
