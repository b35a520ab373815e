package io.github.cimflow.op;

/**
 * Kernels on the vector unit, all on int8 HWC maps: residual add, ReLU, max pooling, table lookup
 * (sigmoid and its relatives) and multiplication with a right shift.
 */
final class VectorKernels {
    private static final int DATA = 4;
    private static final int OPERAND = 5;
    private static final int LENGTH = 6;
    private static final int WINDOW = 7;
    private static final int TAP = 8;
    private static final int TAP_STEP = 9;
    private static final int TAP_ROW_STEP = 10;
    private static final int PIXEL_STEP = 11;
    private static final int ROW_STEP = 12;
    private static final int OUTPUT = 13;

    private VectorKernels() {
    }

    static void setInt8Specials(InstructionBuilder out) {
        out.setSpecial(Registers.VEC_IBW1, 8);
        out.setSpecial(Registers.VEC_IBW2, 8);
        out.setSpecial(Registers.VEC_OBW, 8);
    }

    /**
     * data[i] ← saturate(data[i] + operand[i]) for {@code elements} elements of {@code bits} bits (8 for
     * residual adds, 32 for partial sums), one VEC_ADD.
     */
    static void add(InstructionBuilder out, long data, long operand, long elements, int bits) {
        out.setSpecial(Registers.VEC_IBW1, bits);
        out.setSpecial(Registers.VEC_IBW2, bits);
        out.setSpecial(Registers.VEC_OBW, bits);
        out.loadConstant(DATA, data);
        out.loadConstant(OPERAND, operand);
        out.loadConstant(LENGTH, elements);
        out.vector(2, Registers.VEC_ADD, DATA, DATA, OPERAND, LENGTH);
    }

    /**
     * data[i] ← max(data[i], 0): VEC_VVMAX against the zero block, one instruction per
     * {@code zeroBytes} elements.
     */
    static void relu(InstructionBuilder out, long data, long bytes, long zeroBlock, int zeroBytes) {
        setInt8Specials(out);
        out.loadConstant(DATA, data);
        out.loadConstant(OPERAND, zeroBlock);
        long pieces = bytes / zeroBytes;
        long rest = bytes % zeroBytes;
        if (pieces > 0) {
            out.loadConstant(LENGTH, zeroBytes);
            InstructionBuilder.Loop loop = pieces > 1 ? out.beginLoop(Math.toIntExact(pieces)) : null;
            out.vector(2, Registers.VEC_VVMAX, DATA, DATA, OPERAND, LENGTH);
            if (loop != null || rest > 0) {
                out.add(DATA, DATA, LENGTH);
            }
            if (loop != null) {
                out.endLoop(loop);
            }
        }
        if (rest > 0) {
            out.loadConstant(LENGTH, rest);
            out.vector(2, Registers.VEC_VVMAX, DATA, DATA, OPERAND, LENGTH);
        }
    }

    /** data[i] ← table[data[i] as an unsigned byte]: one VEC_VSET over {@code bytes} elements. */
    static void lookup(InstructionBuilder out, long data, long bytes, long table) {
        setInt8Specials(out);
        out.loadConstant(DATA, data);
        out.loadConstant(OPERAND, table);
        out.loadConstant(LENGTH, bytes);
        out.vector(2, Registers.VEC_LOOKUP, DATA, DATA, OPERAND, LENGTH);
    }

    /**
     * data[i] ← roundHalfUp(data[i]·operand[i % period] / 2^s), s the byte at {@code shift}: one
     * VEC_VSMUL when {@code period} is the whole map, else one per run of {@code period}
     * elements (a per-channel operand broadcast over the pixels of an HWC map).
     */
    static void multiply(InstructionBuilder out, long data, long operand, long bytes, long period, long shift) {
        setInt8Specials(out);
        out.setSpecial(Registers.VEC_IBW3, 8);
        out.setSpecial(Registers.VEC_IA3, Math.toIntExact(shift));
        out.loadConstant(DATA, data);
        out.loadConstant(OPERAND, operand);
        out.loadConstant(LENGTH, period);
        long runs = bytes / period;
        InstructionBuilder.Loop loop = runs > 1 ? out.beginLoop(Math.toIntExact(runs)) : null;
        out.vector(3, Registers.VEC_MULTIPLY_SHIFT, DATA, DATA, OPERAND, LENGTH);
        if (loop != null) {
            out.add(DATA, DATA, LENGTH);
            out.endLoop(loop);
        }
    }

    /**
     * Max pooling over an HWC map (already padded with -128 where the window leaves the input): per
     * output pixel the first tap is copied, every further tap joins through VEC_VVMAX.
     */
    static void maxPool(InstructionBuilder out, CimKernels.Window w, long output) {
        long channels = w.mapChannels();
        long rowBytes = w.mapWidth() * channels;
        setInt8Specials(out);
        out.loadConstant(WINDOW, w.map());
        out.loadConstant(OUTPUT, output);
        out.loadConstant(LENGTH, channels);
        out.loadConstant(TAP_STEP, w.dilationW() * channels);
        out.loadConstant(TAP_ROW_STEP, w.dilationH() * rowBytes - (long) w.kernelW() * w.dilationW() * channels);
        out.loadConstant(PIXEL_STEP, w.strideW() * channels);
        if (w.outH() > 1) {
            out.loadConstant(ROW_STEP, w.strideH() * rowBytes - (long) w.outW() * w.strideW() * channels);
        }
        InstructionBuilder.Loop rowLoop = w.outH() > 1 ? out.beginLoop(w.outH()) : null;
        InstructionBuilder.Loop colLoop = w.outW() > 1 ? out.beginLoop(w.outW()) : null;
        out.memCpy(OUTPUT, WINDOW, LENGTH);
        int taps = w.kernelH() * w.kernelW();
        if (taps > 1) {
            out.move(TAP, WINDOW);
        }
        for (int tap = 1; tap < taps; tap++) {
            out.add(TAP, TAP, TAP_STEP);
            if (tap % w.kernelW() == 0) {
                out.add(TAP, TAP, TAP_ROW_STEP);
            }
            out.vector(2, Registers.VEC_VVMAX, OUTPUT, OUTPUT, TAP, LENGTH);
        }
        out.add(OUTPUT, OUTPUT, LENGTH);
        out.add(WINDOW, WINDOW, PIXEL_STEP);
        if (colLoop != null) {
            out.endLoop(colLoop);
        }
        if (rowLoop != null) {
            out.add(WINDOW, WINDOW, ROW_STEP);
            out.endLoop(rowLoop);
        }
    }
}
