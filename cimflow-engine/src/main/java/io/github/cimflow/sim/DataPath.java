package io.github.cimflow.sim;

import io.github.cimflow.hw.CimUnitConfig;

/**
 * The functions of data mode: moving bytes and computing what vector, reduce and CIM
 * instructions compute. The engine checks every address range before calling in, so these
 * methods trust their arguments. Methods that can fail return null on success, else the reason
 * the operation has no data-mode definition.
 */
final class DataPath {
    private final DataMemoryImage image;
    private final MemoryLayout layout;
    private final int groupSize;
    private final int compartments;
    private final int columns;
    private final int rows;
    private final int columnsPerGroup;

    DataPath(DataMemoryImage image, CimUnitConfig cim) {
        this.image = image;
        this.layout = image.layout();
        this.groupSize = cim.macroGroupSize();
        this.compartments = cim.macro().compartments();
        this.columns = cim.macro().elementsPerCompartment();
        this.rows = cim.macro().rowsPerElement();
        this.columnsPerGroup = groupSize * columns;
    }

    private byte[] bytes(int core, long address) {
        return image.segment(core, layout.memoryAt(address));
    }

    private int offset(long address) {
        return (int) (address - layout.base[layout.memoryAt(address)]);
    }

    void copy(int sourceCore, long source, int destinationCore, long destination, int length) {
        if (length <= 0) {
            return;
        }
        System.arraycopy(bytes(sourceCore, source), offset(source), bytes(destinationCore, destination),
                offset(destination), length);
    }

    int loadWord(int core, long address) {
        return (int) readElement(bytes(core, address), offset(address), 32);
    }

    void storeWord(int core, long address, int value) {
        writeElement(bytes(core, address), offset(address), 32, value);
    }

    /** Reads the element of width {@code bits} (8, 16, 32 or 64) at byte {@code offset}, sign-extended. */
    static long readElement(byte[] bytes, int offset, int bits) {
        switch (bits) {
            case 8:
                return bytes[offset];
            case 16:
                return (short) ((bytes[offset] & 0xff) | (bytes[offset + 1] << 8));
            case 32:
                return (bytes[offset] & 0xff) | (bytes[offset + 1] & 0xff) << 8 | (bytes[offset + 2] & 0xff) << 16
                        | bytes[offset + 3] << 24;
            default: {
                long low = readElement(bytes, offset, 32) & 0xffffffffL;
                long high = readElement(bytes, offset + 4, 32);
                return high << 32 | low;
            }
        }
    }

    /** Writes {@code value} saturated to a signed {@code bits}-bit element. */
    static void writeElement(byte[] bytes, int offset, int bits, long value) {
        if (bits < 64) {
            long max = (1L << (bits - 1)) - 1;
            long min = -(1L << (bits - 1));
            value = Math.max(min, Math.min(max, value));
        }
        for (int i = 0; i < bits / 8; i++) {
            bytes[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    static boolean supportedWidth(int bits) {
        return bits == 8 || bits == 16 || bits == 32 || bits == 64;
    }

    /**
     * Computes a VEC_OP. Inputs are addresses; {@code widths} are the element widths of inputs 1-4
     * and the output.
     */
    String vector(int core, int funct, long[] inputs, int inputCount, long output, int length, int[] widths) {
        for (int k = 0; k < inputCount; k++) {
            if (!supportedWidth(widths[k])) {
                return "input " + (k + 1) + " element width " + widths[k] + " bits is not 8, 16, 32 or 64";
            }
        }
        if (!supportedWidth(widths[4])) {
            return "output element width " + widths[4] + " bits is not 8, 16, 32 or 64";
        }
        byte[] out = bytes(core, output);
        int outOffset = offset(output);
        int outStep = widths[4] / 8;
        byte[] in1 = bytes(core, inputs[0]);
        int in1Offset = offset(inputs[0]);
        int step1 = widths[0] / 8;
        byte[] in2 = inputCount > 1 ? bytes(core, inputs[1]) : null;
        int in2Offset = inputCount > 1 ? offset(inputs[1]) : 0;
        int step2 = widths[1] / 8;
        switch (funct) {
            case 0:
            case 2:
            case 6:
                if (inputCount != 2) {
                    return "funct " + funct + " needs 2 inputs, got " + inputCount;
                }
                for (int i = 0; i < length; i++) {
                    long a = readElement(in1, in1Offset + i * step1, widths[0]);
                    long b = readElement(in2, in2Offset + i * step2, widths[1]);
                    long value;
                    if (funct == 0) {
                        value = a + b;
                    } else if (funct == 2) {
                        value = a * b;
                    } else {
                        value = Math.max(a, b);
                    }
                    writeElement(out, outOffset + i * outStep, widths[4], value);
                }
                return null;
            case 1: {
                if (inputCount != 2) {
                    return "funct 1 needs 2 inputs, got " + inputCount;
                }
                long scalar = readElement(in2, in2Offset, widths[1]);
                for (int i = 0; i < length; i++) {
                    long a = readElement(in1, in1Offset + i * step1, widths[0]);
                    writeElement(out, outOffset + i * outStep, widths[4], a + scalar);
                }
                return null;
            }
            case 7:
                if (inputCount != 3) {
                    return "funct 7 (multiply and shift) needs 3 inputs, got " + inputCount;
                }
                return multiplyShift(core, inputs, out, outOffset, length, widths);
            case 9: {
                if (inputCount != 2 || widths[0] != 8 || widths[1] != 8) {
                    return "funct 9 (table lookup) needs 2 inputs of 8 bits: indexes and a 256-byte table";
                }
                for (int i = 0; i < length; i++) {
                    int index = in1[in1Offset + i] & 0xff;
                    writeElement(out, outOffset + i * outStep, widths[4], in2[in2Offset + index]);
                }
                return null;
            }
            case 3:
            case 4:
                return quantize(core, funct, inputs, inputCount, out, outOffset, length, widths);
            default:
                return "VEC_OP funct " + funct + " has no data-mode definition (supported: 0 add, 1 add scalar, "
                        + "2 multiply, 3 quantize, 4 residual add and quantize, 6 maximum, "
                        + "7 multiply and shift, 9 table lookup)";
        }
    }

    /** VEC_VSMUL (3 inputs): out[i] = roundHalfUp(in1[i]·in2[i] / 2^s), s the 8-bit scalar of input 3. */
    private String multiplyShift(int core, long[] inputs, byte[] out, int outOffset, int length, int[] widths) {
        byte[] in1 = bytes(core, inputs[0]);
        int in1Offset = offset(inputs[0]);
        byte[] in2 = bytes(core, inputs[1]);
        int in2Offset = offset(inputs[1]);
        long shift = readElement(bytes(core, inputs[2]), offset(inputs[2]), 8);
        if (shift < 0 || shift > 62) {
            return "funct 7 reads shift " + shift + " from input 3; it must be 0..62";
        }
        int step1 = widths[0] / 8;
        int step2 = widths[1] / 8;
        int outStep = widths[4] / 8;
        long half = shift == 0 ? 0 : 1L << (shift - 1);
        for (int i = 0; i < length; i++) {
            long product = readElement(in1, in1Offset + i * step1, widths[0])
                    * readElement(in2, in2Offset + i * step2, widths[1]);
            writeElement(out, outOffset + i * outStep, widths[4], (product + half) >> shift);
        }
        return null;
    }

    private String quantize(int core, int funct, long[] inputs, int inputCount, byte[] out, int outOffset,
                            int length, int[] widths) {
        boolean residual = funct == 4;
        int needed = residual ? 4 : 3;
        if (inputCount != needed) {
            return "funct " + funct + " needs " + needed + " inputs, got " + inputCount;
        }
        int parameterInput = residual ? 2 : 1;
        if (widths[0] != 32 || widths[parameterInput] != 64 || (residual && widths[1] != 32)) {
            return "quantize needs int32 accumulators and 64-bit parameters, got widths "
                    + widths[0] + ", " + widths[1] + ", " + widths[2];
        }
        byte[] in1 = bytes(core, inputs[0]);
        int in1Offset = offset(inputs[0]);
        byte[] residualBytes = residual ? bytes(core, inputs[1]) : null;
        int residualOffset = residual ? offset(inputs[1]) : 0;
        byte[] parameters = bytes(core, inputs[parameterInput]);
        int parametersOffset = offset(inputs[parameterInput]);
        int zeroPointInput = needed - 1;
        long zeroPoint = readElement(bytes(core, inputs[zeroPointInput]), offset(inputs[zeroPointInput]),
                supportedWidth(widths[zeroPointInput]) ? widths[zeroPointInput] : 8);
        int outStep = widths[4] / 8;
        for (int i = 0; i < length; i++) {
            long accumulator = readElement(in1, in1Offset + 4 * i, 32);
            if (residual) {
                accumulator += readElement(residualBytes, residualOffset + 4 * i, 32);
            }
            long parameter = readElement(parameters, parametersOffset + 8 * i, 64);
            int bias = (int) parameter;
            long multiplier = (short) (parameter >>> 32);
            int shift = (int) ((parameter >>> 48) & 0xff);
            boolean relu = ((parameter >>> 56) & 1) != 0;
            long scaled = (accumulator + bias) * multiplier;
            long rounded = shift == 0 ? scaled : (scaled + (1L << (shift - 1))) >> shift;
            long value = Math.max(relu ? 0 : -128, Math.min(127, rounded + zeroPoint));
            writeElement(out, outOffset + i * outStep, widths[4], value);
        }
        return null;
    }

    /** Computes a REDUCE: funct 0 maximum, 1 sum, over {@code length} elements. */
    String reduce(int core, int funct, long input, long output, int length, int inputBits, int outputBits) {
        if (!supportedWidth(inputBits) || !supportedWidth(outputBits)) {
            return "element widths " + inputBits + " and " + outputBits + " bits are not 8, 16, 32 or 64";
        }
        if (funct != 0 && funct != 1) {
            return "REDUCE funct " + funct + " has no data-mode definition (supported: 0 maximum, 1 sum)";
        }
        byte[] in = bytes(core, input);
        int inOffset = offset(input);
        int step = inputBits / 8;
        long result = funct == 0 ? Long.MIN_VALUE : 0;
        for (int i = 0; i < length; i++) {
            long value = readElement(in, inOffset + i * step, inputBits);
            result = funct == 0 ? Math.max(result, value) : result + value;
        }
        if (length == 0 && funct == 0) {
            result = 0;
        }
        writeElement(bytes(core, output), offset(output), outputBits, result);
        return null;
    }

    /**
     * Accumulates one MVM vector for every active group: acc[g][j·W + e] += Σ_h x[h]·w, with the
     * weight of (group g, macro j, row r, compartment h, element e) at macro offset
     * ((((g·T + j)·m + r)·H + h)·W + e) and int8 inputs and weights.
     */
    void mvm(int core, long inputAddress, long groupStep, int length, int row, int activeGroups, long macroBase) {
        int[] acc = image.accumulators(core);
        byte[] input = bytes(core, inputAddress);
        byte[] weights = bytes(core, macroBase);
        int macroOffset = offset(macroBase);
        for (int g = 0; g < activeGroups; g++) {
            int inputOffset = offset(inputAddress + g * groupStep);
            for (int j = 0; j < groupSize; j++) {
                int rowBase = macroOffset + (((g * groupSize + j) * rows + row) * compartments) * columns;
                for (int e = 0; e < columns; e++) {
                    int sum = 0;
                    for (int h = 0; h < length; h++) {
                        sum += input[inputOffset + h] * weights[rowBase + h * columns + e];
                    }
                    acc[g * columnsPerGroup + j * columns + e] += sum;
                }
            }
        }
    }

    /** Writes and clears the accumulators: group-major, or summed over groups with {@code sum}. */
    void cimOut(int core, long output, int outputsPerGroup, int activeGroups, boolean sum) {
        int[] acc = image.accumulators(core);
        byte[] out = bytes(core, output);
        int outOffset = offset(output);
        if (sum) {
            for (int i = 0; i < outputsPerGroup; i++) {
                long total = 0;
                for (int g = 0; g < activeGroups; g++) {
                    total += acc[g * columnsPerGroup + i];
                    acc[g * columnsPerGroup + i] = 0;
                }
                writeElement(out, outOffset + 4 * i, 32, total);
            }
            return;
        }
        for (int g = 0; g < activeGroups; g++) {
            for (int i = 0; i < outputsPerGroup; i++) {
                writeElement(out, outOffset + 4 * (g * outputsPerGroup + i), 32, acc[g * columnsPerGroup + i]);
                acc[g * columnsPerGroup + i] = 0;
            }
        }
    }
}
