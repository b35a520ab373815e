package io.github.cimflow.op;

import io.github.cimflow.isa.Instruction;
import io.github.cimflow.isa.Opcode;

/**
 * Kernels on the macros: a sliding-window kernel (convolution, depthwise convolution, average
 * pooling, fully connected) and global average pooling. Each output pixel is one CIM_MVM over an
 * im2col vector, one CIM_OUT of int32 sums and one VEC_QUANTIZE to int8.
 */
final class CimKernels {
    private static final int COLUMN = 4;
    private static final int WINDOW = 5;
    private static final int OUTPUT = 6;
    private static final int RUN = 7;
    private static final int TAP_STEP = 8;
    private static final int COPY_SRC = 9;
    private static final int COPY_DST = 10;
    private static final int VECTOR_LENGTH = 11;
    private static final int START_ROW = 12;
    private static final int ROWS = 13;
    private static final int COLUMNS = 14;
    private static final int SUMS = 15;
    private static final int PARAMETERS = 16;
    private static final int PIXEL_STEP = 17;
    private static final int ROW_STEP = 18;
    private static final int OUTPUT_STEP = 19;
    private static final int TAP_ROW_STEP = Registers.SCRATCH3;

    private CimKernels() {
    }

    /**
     * A weight block loaded in the macros.
     *
     * @param layout          where the weights sit
     * @param startRow        first row of the block in every element
     * @param parametersAddress local address of the VEC_QUANTIZE parameters, 8 bytes per column
     */
    record WeightBlock(MacroLayout layout, int startRow, long parametersAddress) {
    }

    /**
     * A sliding window over an HWC map. The window of output (oy, ox) starts at map pixel
     * (oy·strideH, ox·strideW); each tap contributes {@code tapChannels} bytes starting at channel
     * {@code channelStart} of its pixel. The im2col vector lists taps row by row, then channels.
     *
     * @param map           local address of the (padded) map
     * @param mapWidth      pixels per map row
     * @param mapChannels   bytes per map pixel
     * @param channelStart  first channel a tap reads
     * @param tapChannels   channels a tap reads
     */
    record Window(long map, int mapWidth, int mapChannels, int channelStart, int tapChannels, int kernelH,
                  int kernelW, int strideH, int strideW, int dilationH, int dilationW, int outH, int outW) {
    }

    /** Sets the CIM special registers for a block. */
    static void setCimSpecials(InstructionBuilder out, MacroLayout layout) {
        out.setSpecial(Registers.CIM_IBW, 8);
        out.setSpecial(Registers.CIM_WBW, 8);
        out.setSpecial(Registers.CIM_OBW, 32);
        out.setSpecial(Registers.CIM_GSZ, layout.groupSize());
        out.setSpecial(Registers.CIM_AG, layout.groups());
        out.setSpecial(Registers.CIM_GSTEP, layout.rows() * layout.compartments());
    }

    /** Sets the vector special registers for VEC_QUANTIZE: int32 sums, 64-bit parameters, int8 zero point. */
    static void setQuantizeSpecials(InstructionBuilder out, long zeroPointAddress) {
        out.setSpecial(Registers.VEC_IBW1, 32);
        out.setSpecial(Registers.VEC_IBW2, 64);
        out.setSpecial(Registers.VEC_IBW3, 8);
        out.setSpecial(Registers.VEC_OBW, 8);
        out.setSpecial(Registers.VEC_IA3, Math.toIntExact(zeroPointAddress));
    }

    /**
     * Emits the window kernel. {@code column} is the im2col buffer (at least {@code layout.inputBytes()}
     * bytes), or -1 when each window is one contiguous run of exactly the reduction length, which the
     * MVM then reads in place. With {@code quantize}, {@code sums} takes the int32 outputs of one pixel
     * and the int8 outputs go to {@code output}, one pixel every {@code outputPixelBytes} bytes.
     * Without, the int32 sums of each pixel go straight to {@code output} (partial sums of a layer whose
     * reduction is split over cores) and {@code sums} is unused.
     */
    static void window(InstructionBuilder out, Window w, WeightBlock block, long column, long sums, long output,
                       long outputPixelBytes, boolean quantize, long zeroPointAddress) {
        MacroLayout layout = block.layout();
        boolean inPlace = column < 0;
        boolean runs = w.dilationW() == 1 && w.tapChannels() == w.mapChannels();
        long rowBytes = (long) w.mapWidth() * w.mapChannels();

        if (!inPlace) {
            out.loadConstant(COLUMN, column);
        }
        out.loadConstant(WINDOW, w.map() + w.channelStart());
        out.loadConstant(OUTPUT, output);
        if (runs) {
            out.loadConstant(RUN, (long) w.kernelW() * w.mapChannels());
            out.loadConstant(TAP_STEP, w.dilationH() * rowBytes);
        } else {
            out.loadConstant(RUN, w.tapChannels());
            out.loadConstant(TAP_STEP, (long) w.dilationW() * w.mapChannels());
            out.loadConstant(TAP_ROW_STEP, w.dilationH() * rowBytes - (long) w.kernelW() * w.dilationW()
                    * w.mapChannels());
        }
        out.loadConstant(VECTOR_LENGTH, layout.compartments());
        out.loadConstant(START_ROW, block.startRow());
        out.loadConstant(ROWS, layout.rows());
        out.loadConstant(COLUMNS, layout.columns());
        if (quantize) {
            out.loadConstant(SUMS, sums);
            out.loadConstant(PARAMETERS, block.parametersAddress());
        }
        out.loadConstant(OUTPUT_STEP, outputPixelBytes);
        out.loadConstant(PIXEL_STEP, (long) w.strideW() * w.mapChannels());
        if (w.outH() > 1) {
            out.loadConstant(ROW_STEP, w.strideH() * rowBytes - (long) w.outW() * w.strideW() * w.mapChannels());
        }
        setCimSpecials(out, layout);
        if (quantize) {
            setQuantizeSpecials(out, zeroPointAddress);
        }

        InstructionBuilder.Loop rowLoop = w.outH() > 1 ? out.beginLoop(w.outH()) : null;
        InstructionBuilder.Loop colLoop = w.outW() > 1 ? out.beginLoop(w.outW()) : null;
        if (!inPlace) {
            emitIm2col(out, w, runs);
        }
        out.emit(Opcode.CIM_MVM, inPlace ? WINDOW : COLUMN, VECTOR_LENGTH, 0, START_ROW, ROWS, 0, 0,
                Instruction.FLAG_GRP | Instruction.FLAG_BATCH);
        if (quantize) {
            emitOutputPixel(out);
        } else {
            out.emit(Opcode.CIM_OUT, COLUMNS, Registers.ZERO, OUTPUT, 0, 0, 0, 0, Instruction.FLAG_OSUM);
        }
        out.add(OUTPUT, OUTPUT, OUTPUT_STEP);
        out.add(WINDOW, WINDOW, PIXEL_STEP);
        if (colLoop != null) {
            out.endLoop(colLoop);
        }
        if (rowLoop != null) {
            out.add(WINDOW, WINDOW, ROW_STEP);
            out.endLoop(rowLoop);
        }
    }

    /** Copies one window into the im2col buffer: one MEM_CPY per kernel row (runs) or per tap. */
    private static void emitIm2col(InstructionBuilder out, Window w, boolean runs) {
        out.move(COPY_SRC, WINDOW);
        out.move(COPY_DST, COLUMN);
        int copies = runs ? w.kernelH() : w.kernelH() * w.kernelW();
        for (int copy = 0; copy < copies; copy++) {
            out.memCpy(COPY_DST, COPY_SRC, RUN);
            if (copy == copies - 1) {
                break;
            }
            out.add(COPY_DST, COPY_DST, RUN);
            out.add(COPY_SRC, COPY_SRC, TAP_STEP);
            if (!runs && (copy + 1) % w.kernelW() == 0) {
                out.add(COPY_SRC, COPY_SRC, TAP_ROW_STEP);
            }
        }
    }

    /** CIM_OUT of the pixel's sums (summed over groups) and VEC_QUANTIZE of them to int8 at the output. */
    private static void emitOutputPixel(InstructionBuilder out) {
        out.emit(Opcode.CIM_OUT, COLUMNS, Registers.ZERO, SUMS, 0, 0, 0, 0, Instruction.FLAG_OSUM);
        out.vector(3, Registers.VEC_QUANTIZE, OUTPUT, SUMS, PARAMETERS, COLUMNS);
    }

    /**
     * Quantizes an int32 HWC map of {@code pixels} pixels × C channels (C = the block's columns) to
     * int8, one VEC_QUANTIZE per pixel because the parameter vector holds one entry per channel.
     */
    static void quantizeMap(InstructionBuilder out, long sums, long output, int pixels, WeightBlock block,
                            long zeroPointAddress) {
        int columns = block.layout().columns();
        out.loadConstant(SUMS, sums);
        out.loadConstant(OUTPUT, output);
        out.loadConstant(COLUMNS, columns);
        out.loadConstant(PARAMETERS, block.parametersAddress());
        out.loadConstant(PIXEL_STEP, 4L * columns);
        setQuantizeSpecials(out, zeroPointAddress);
        InstructionBuilder.Loop loop = pixels > 1 ? out.beginLoop(pixels) : null;
        out.vector(3, Registers.VEC_QUANTIZE, OUTPUT, SUMS, PARAMETERS, COLUMNS);
        if (loop != null) {
            out.add(SUMS, SUMS, PIXEL_STEP);
            out.add(OUTPUT, OUTPUT, COLUMNS);
            out.endLoop(loop);
        }
    }

    /**
     * Global average pooling of an HWC map of {@code pixels} pixels × C channels (C = layout columns):
     * {@code passes} MVMs over consecutive runs of {@code pixels / passes} pixels accumulate in the CIM
     * accumulators against ones-diagonal weights, then one CIM_OUT and one VEC_QUANTIZE (whose
     * multiplier and shift divide by the pixel count) write the C averages.
     */
    static void globalAverage(InstructionBuilder out, long input, int passes, WeightBlock block, long sums,
                              long output, long zeroPointAddress) {
        MacroLayout layout = block.layout();
        out.loadConstant(WINDOW, input);
        out.loadConstant(OUTPUT, output);
        out.loadConstant(PIXEL_STEP, layout.reductionLength());
        out.loadConstant(VECTOR_LENGTH, layout.compartments());
        out.loadConstant(START_ROW, block.startRow());
        out.loadConstant(ROWS, layout.rows());
        out.loadConstant(COLUMNS, layout.columns());
        out.loadConstant(SUMS, sums);
        out.loadConstant(PARAMETERS, block.parametersAddress());
        setCimSpecials(out, layout);
        setQuantizeSpecials(out, zeroPointAddress);
        InstructionBuilder.Loop passLoop = passes > 1 ? out.beginLoop(passes) : null;
        out.emit(Opcode.CIM_MVM, WINDOW, VECTOR_LENGTH, 0, START_ROW, ROWS, 0, 0,
                Instruction.FLAG_GRP | Instruction.FLAG_BATCH);
        if (passLoop != null) {
            out.add(WINDOW, WINDOW, PIXEL_STEP);
            out.endLoop(passLoop);
        }
        emitOutputPixel(out);
    }
}
