package io.github.cimflow.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.isa.Instruction;
import io.github.cimflow.isa.IsaProgram;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Data mode against direct computations of the same kernels in plain Java. */
class DataModeTest {
    static final ArchParams ONE_CORE = new ArchParams(8, 16, 16, 1);
    static final ArchParams FOUR_CORES = new ArchParams(8, 16, 16, 4);
    static final int T = 8;
    static final int W = 8;
    static final int M = 16;
    static final int H = 32;
    static final int INPUT = SimulatorTimingTest.INPUT_MEMORY;
    static final int OUTPUT = SimulatorTimingTest.OUTPUT_MEMORY;
    static final int GLOBAL = SimulatorTimingTest.GLOBAL;

    static final SimulationOptions DATA = new SimulationOptions(0, true);

    /** Macro byte offset of the weight of (group, macro, row, compartment, element). */
    static int weightOffset(int group, int macro, int row, int compartment, int element) {
        return (((group * T + macro) * M + row) * H + compartment) * W + element;
    }

    static int[] int32s(byte[] bytes) {
        int[] values = new int[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(values);
        return values;
    }

    static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    @Test
    void fullyConnectedTileMatchesDotProducts() {
        HardwareConfig hardware = HardwarePresets.preset(ONE_CORE);
        Random random = new Random(1);
        byte[][] weights = new byte[64][H];
        for (byte[] row : weights) {
            random.nextBytes(row);
        }
        byte[] x = randomBytes(random, H);
        byte[] macro = new byte[weightOffset(1, 0, 0, 0, 0)];
        int row = 3;
        for (int c = 0; c < 64; c++) {
            for (int h = 0; h < H; h++) {
                macro[weightOffset(0, c / W, row, h, c % W)] = weights[c][h];
            }
        }
        DataMemoryImage image = new DataMemoryImage(hardware);
        image.write(0, 0, macro);
        image.write(0, INPUT, x);

        Asm core = new Asm().sli(Asm.CIM_IBW, 8).sli(Asm.CIM_AG, 1).sli(Asm.CIM_OBW, 32)
                .li(1, INPUT).li(2, H).li(3, row).li(4, 64).li(5, OUTPUT)
                .mvm(1, 2, 3, 0).cimOut(4, 5, 0);
        Simulator.run(Asm.program(ONE_CORE, core), hardware, DATA, image);

        int[] expected = new int[64];
        for (int c = 0; c < 64; c++) {
            for (int h = 0; h < H; h++) {
                expected[c] += x[h] * weights[c][h];
            }
        }
        assertArrayEquals(expected, int32s(image.read(0, OUTPUT, 256)));
    }

    @Test
    void reductionSplitOverGroupsSumsWithOsum() {
        // A 64-long reduction: group 0 stores h in [0, 32), group 1 h in [32, 64); inputs 32 bytes apart.
        HardwareConfig hardware = HardwarePresets.preset(ONE_CORE);
        Random random = new Random(2);
        byte[][] weights = new byte[64][2 * H];
        for (byte[] row : weights) {
            random.nextBytes(row);
        }
        byte[] x = randomBytes(random, 2 * H);
        byte[] macro = new byte[weightOffset(2, 0, 0, 0, 0)];
        for (int c = 0; c < 64; c++) {
            for (int k = 0; k < 2 * H; k++) {
                macro[weightOffset(k / H, c / W, 0, k % H, c % W)] = weights[c][k];
            }
        }
        DataMemoryImage image = new DataMemoryImage(hardware);
        image.write(0, 0, macro);
        image.write(0, INPUT, x);

        Asm core = new Asm().sli(Asm.CIM_IBW, 8).sli(Asm.CIM_AG, 2).sli(Asm.CIM_GSTEP, H).sli(Asm.CIM_OBW, 32)
                .li(1, INPUT).li(2, H).li(3, 0).li(4, 64).li(5, OUTPUT)
                .mvm(1, 2, 3, Instruction.FLAG_GRP).cimOut(4, 5, Instruction.FLAG_OSUM);
        Simulator.run(Asm.program(ONE_CORE, core), hardware, DATA, image);

        int[] expected = new int[64];
        for (int c = 0; c < 64; c++) {
            for (int k = 0; k < 2 * H; k++) {
                expected[c] += x[k] * weights[c][k];
            }
        }
        assertArrayEquals(expected, int32s(image.read(0, OUTPUT, 256)));
    }

    @Test
    void batchedMvmAccumulatesConsecutiveRows() {
        // BATCH with 3 vectors: vector b at input + 32·b against row b; all add into the same columns.
        HardwareConfig hardware = HardwarePresets.preset(ONE_CORE);
        Random random = new Random(3);
        byte[] macro = randomBytes(random, weightOffset(1, 0, 0, 0, 0));
        byte[] x = randomBytes(random, 3 * H);
        DataMemoryImage image = new DataMemoryImage(hardware);
        image.write(0, 0, macro);
        image.write(0, INPUT, x);
        Asm core = new Asm().sli(Asm.CIM_IBW, 8).sli(Asm.CIM_AG, 1).sli(Asm.CIM_OBW, 32)
                .li(1, INPUT).li(2, H).li(3, 0).li(4, 64).li(5, OUTPUT).li(6, 3)
                .mvmBatch(1, 2, 3, 6, 0).cimOut(4, 5, 0);
        Simulator.run(Asm.program(ONE_CORE, core), hardware, DATA, image);

        int[] expected = new int[64];
        for (int c = 0; c < 64; c++) {
            for (int b = 0; b < 3; b++) {
                for (int h = 0; h < H; h++) {
                    expected[c] += x[b * H + h] * macro[weightOffset(0, c / W, b, h, c % W)];
                }
            }
        }
        assertArrayEquals(expected, int32s(image.read(0, OUTPUT, 256)));
    }

    @Test
    void quantizeRoundsHalfUpAndClamps() {
        HardwareConfig hardware = HardwarePresets.preset(ONE_CORE);
        int[] accumulators = {1000, -1000, 100, 3, 5, -5, 70000, 0};
        int[] biases = {0, 0, 28, 0, 0, 0, 0, -7};
        int[] multipliers = {3, 3, 1, 1, 1, 1, 2, 1};
        int[] shifts = {4, 4, 0, 1, 1, 1, 2, 0};
        boolean[] relu = {false, false, false, false, false, false, false, true};
        ByteBuffer acc = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer parameters = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 8; i++) {
            acc.putInt(accumulators[i]);
            long p = (biases[i] & 0xffffffffL) | ((long) (multipliers[i] & 0xffff) << 32) | ((long) shifts[i] << 48)
                    | (relu[i] ? 1L << 56 : 0);
            parameters.putLong(p);
        }
        DataMemoryImage image = new DataMemoryImage(hardware);
        image.write(0, INPUT, acc.array());
        image.write(0, INPUT + 64, parameters.array());
        Asm core = new Asm().sli(Asm.VEC_IBW1, 32).sli(Asm.VEC_IBW2, 64).sli(Asm.VEC_IBW3, 8).sli(Asm.VEC_OBW, 8)
                .sli(Asm.VEC_IA3, INPUT + 200).li(1, INPUT).li(2, INPUT + 64).li(3, OUTPUT).li(4, 8)
                .vec(3, 3, 3, 1, 2, 4);
        Simulator.run(Asm.program(ONE_CORE, core), hardware, DATA, image);

        // By hand: 3000/16 = 187.5 → 188 → 127; -3000/16 = -187.5 → -187 → -128; 128 → 127;
        // 3/2 = 1.5 → 2; 5/2 = 2.5 → 3; -5/2 = -2.5 → -2; 140000/4 → 127; relu(-7) → 0.
        assertArrayEquals(new byte[] {127, -128, 127, 2, 3, -2, 127, 0}, image.read(0, OUTPUT, 8));
    }

    @Test
    void maxPoolAndReduce() {
        HardwareConfig hardware = HardwarePresets.preset(ONE_CORE);
        byte[] a = {1, -5, 7, 100, -128, 0, 3, 3};
        byte[] b = {2, -6, 7, -100, 127, 0, -3, 4};
        DataMemoryImage image = new DataMemoryImage(hardware);
        image.write(0, INPUT, a);
        image.write(0, INPUT + 8, b);
        Asm core = new Asm().sli(Asm.VEC_IBW1, 8).sli(Asm.VEC_IBW2, 8).sli(Asm.VEC_OBW, 8)
                .li(1, INPUT).li(2, INPUT + 8).li(3, OUTPUT).li(4, 8)
                .vec(2, 6, 3, 1, 2, 4)
                .sli(Asm.VEC_OBW, 32)
                .li(5, OUTPUT + 64).reduce(1, 5, 1, 4);
        Simulator.run(Asm.program(ONE_CORE, core), hardware, DATA, image);
        assertArrayEquals(new byte[] {2, -5, 7, 100, 127, 0, 3, 4}, image.read(0, OUTPUT, 8));
        assertEquals(1 - 5 + 7 + 100 - 128 + 0 + 3 + 3, int32s(image.read(0, OUTPUT + 64, 4))[0]);
    }

    @Test
    void sendReceiveAndGlobalCopyMoveBytes() {
        HardwareConfig hardware = HardwarePresets.preset(FOUR_CORES);
        byte[] payload = randomBytes(new Random(4), 300);
        DataMemoryImage image = new DataMemoryImage(hardware);
        image.write(0, GLOBAL + 1000, payload);
        Asm sender = new Asm().li(1, GLOBAL + 1000).li(2, INPUT).li(3, 300).memCpy(2, 1, 3)
                .li(4, 2).li(5, 11).send(2, 4, 2, 3, 5);
        Asm idle = new Asm();
        Asm receiver = new Asm().li(1, 0).li(2, OUTPUT).li(3, 300).li(4, 11).recv(1, 2, 2, 3, 4);
        IsaProgram program = Asm.program(FOUR_CORES, sender, idle, receiver);
        Simulator.run(program, hardware, DATA, image);
        assertArrayEquals(payload, image.read(2, OUTPUT, 300));
    }

    @Test
    void timingEqualsTimingOnlyMode() {
        HardwareConfig hardware = HardwarePresets.preset(FOUR_CORES);
        Asm sender = new Asm().li(1, GLOBAL + 1000).li(2, INPUT).li(3, 300).memCpy(2, 1, 3)
                .li(4, 2).li(5, 11).send(2, 4, 2, 3, 5);
        Asm receiver = new Asm().li(1, 0).li(2, OUTPUT).li(3, 300).li(4, 11).recv(1, 2, 2, 3, 4);
        IsaProgram program = Asm.program(FOUR_CORES, sender, new Asm(), receiver);
        SimulationResult timed = Simulator.run(program, hardware, SimulationOptions.DEFAULT);
        SimulationResult data = Simulator.run(program, hardware, DATA, new DataMemoryImage(hardware));
        assertEquals(timed, data);
    }
}
