package io.github.cimflow.op;

import io.github.cimflow.cg.CgProgram;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.sim.DataMemoryImage;
import io.github.cimflow.sim.SimulationOptions;
import io.github.cimflow.sim.Simulator;
import java.util.Random;

/**
 * Compiles a hand-built CG program, fills global memory (features HWC, weight images, quantization
 * parameters), runs the simulator in data mode and reads features back. Tensors are given NCHW
 * ([c][y][x]) as in ONNX; the harness converts to and from the compiler's HWC layout.
 */
final class KernelHarness {
    final HardwareConfig hardware;
    final OpCompilation compilation;
    final DataMemoryImage memory;

    KernelHarness(CgProgram cg, HardwareConfig hardware) {
        this.hardware = hardware;
        this.compilation = OperatorCompiler.compileWithStatistics(cg, hardware);
        this.memory = new DataMemoryImage(hardware);
    }

    GlobalImage.Entry entry(String name) {
        for (GlobalImage.Entry entry : compilation.globalImage().entries()) {
            if (entry.name().equals(name) || entry.name().startsWith(name + " ")) {
                return entry;
            }
        }
        throw new AssertionError("no global entry '" + name + "' in " + compilation.globalImage().entries());
    }

    /** Stores feature channels [first, first + C) of an NCHW tensor into its global entry. */
    void putFeature(String name, byte[][][] chw, int firstChannel) {
        GlobalImage.Entry entry = entry(name);
        int height = entry.shape().get(0);
        int width = entry.shape().get(1);
        int channels = entry.shape().get(2);
        byte[] hwc = new byte[height * width * channels];
        for (int c = 0; c < chw.length; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    hwc[(y * width + x) * channels + firstChannel + c] = chw[c][y][x];
                }
            }
        }
        memory.write(0, entry.address(), hwc);
    }

    byte[][][] getFeature(String name) {
        GlobalImage.Entry entry = entry(name);
        int height = entry.shape().get(0);
        int width = entry.shape().get(1);
        int channels = entry.shape().get(2);
        byte[] hwc = memory.read(0, entry.address(), height * width * channels);
        byte[][][] chw = new byte[channels][height][width];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    chw[c][y][x] = hwc[(y * width + x) * channels + c];
                }
            }
        }
        return chw;
    }

    /**
     * Stores a weight image: {@code weight(column, index)} for every column and reduction index of the
     * entry's layout; positions outside the matrix stay zero.
     */
    void putWeights(String name, WeightFunction weight) {
        GlobalImage.Entry entry = entry(name);
        MacroLayout layout = entry.layout();
        byte[] image = new byte[(int) layout.imageBytes()];
        for (int column = 0; column < layout.columns(); column++) {
            for (int index = 0; index < layout.reductionLength(); index++) {
                image[(int) layout.imageOffset(column, index)] = (byte) weight.at(column, index);
            }
        }
        memory.write(0, entry.address(), image);
    }

    /** Stores the same VEC_QUANTIZE parameter for every column of an entry. */
    void putQuantization(String name, int bias, int multiplier, int shift, boolean relu) {
        GlobalImage.Entry entry = entry(name);
        int columns = entry.shape().get(0);
        byte[] bytes = new byte[8 * columns];
        long parameter = (bias & 0xffffffffL) | ((long) (multiplier & 0xffff) << 32) | ((long) shift << 48)
                | (relu ? 1L << 56 : 0);
        for (int column = 0; column < columns; column++) {
            for (int i = 0; i < 8; i++) {
                bytes[8 * column + i] = (byte) (parameter >>> (8 * i));
            }
        }
        memory.write(0, entry.address(), bytes);
    }

    void run() {
        Simulator.run(compilation.program(), hardware, new SimulationOptions(50_000_000, true), memory);
    }

    /** Integer division rounded half up, as VEC_QUANTIZE rounds. */
    static long roundHalfUp(long value, int shift) {
        return shift == 0 ? value : (value + (1L << (shift - 1))) >> shift;
    }

    static byte clamp8(long value) {
        return (byte) Math.max(-128, Math.min(127, value));
    }

    static byte[][][] randomFeature(Random random, int channels, int height, int width) {
        byte[][][] chw = new byte[channels][height][width];
        for (byte[][] plane : chw) {
            for (byte[] row : plane) {
                for (int x = 0; x < row.length; x++) {
                    row[x] = (byte) (random.nextInt(256) - 128);
                }
            }
        }
        return chw;
    }

    /** A weight by output column and reduction index. */
    interface WeightFunction {
        int at(int column, int index);
    }
}
