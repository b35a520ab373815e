package io.github.cimflow.op;

import io.github.cimflow.CimflowException;
import io.github.cimflow.isa.Instruction;
import io.github.cimflow.isa.Opcode;
import java.util.ArrayList;
import java.util.List;

/**
 * Emits one core's instructions and counts how many of them execute. Loops have compile-time trip
 * counts, so the dynamic count is exact: every instruction adds the product of the trip counts of
 * the loops around it.
 *
 * <p>The builder also remembers the special registers it set, so a kernel can ask for a value without
 * emitting a redundant S_LI. Kernels set special registers before a loop: changing inside a loop
 * body one that was known at the loop head is rejected, because the second iteration would start
 * with the value the first one left behind.
 */
final class InstructionBuilder {
    /** Largest G_LI immediate (unsigned 21 bits). */
    static final int MAX_G_LI = (1 << 21) - 1;
    private static final int SPLIT_SHIFT = 10;

    private final List<Instruction> code = new ArrayList<>();
    private final long[] specialValues = new long[32];
    private final boolean[] specialKnown = new boolean[32];
    private final List<Loop> openLoops = new ArrayList<>();
    private long multiplier = 1;
    private long dynamicCount;

    /** An open loop: where its body starts, its counter and trip count. */
    record Loop(int bodyStart, int counter, int trips, boolean[] knownAtHead) {
    }

    int size() {
        return code.size();
    }

    long dynamicCount() {
        return dynamicCount;
    }

    List<Instruction> instructions() {
        return code;
    }

    /**
     * Emits a load of a value known only later: one G_LI, or with {@code wide} the three-instruction
     * form of {@link #loadConstant} for values above the G_LI range. Returns the index for
     * {@link #patchValue}.
     */
    int loadLater(int rd, boolean wide) {
        int index = loadImmediate(rd, 0);
        if (wide) {
            scRI(Registers.SLL, rd, rd, SPLIT_SHIFT);
            scRI(Registers.ADD, rd, rd, 0);
        }
        return index;
    }

    /** Fills in the value of a {@link #loadLater} at {@code index}. */
    void patchValue(int index, long value, boolean wide) {
        if (!wide) {
            if (value < 0 || value > MAX_G_LI) {
                throw new IllegalArgumentException("G_LI immediate out of range: " + value);
            }
            setImmediate(index, (int) value);
            return;
        }
        setImmediate(index, (int) (value >> SPLIT_SHIFT));
        setImmediate(index + 2, (int) (value & ((1 << SPLIT_SHIFT) - 1)));
    }

    private void setImmediate(int index, int value) {
        Instruction old = code.get(index);
        code.set(index, new Instruction(old.opcode(), old.rs(), old.rt(), old.rd(), old.re(), old.rf(), old.funct(),
                value, old.flags()));
    }

    void emit(Opcode opcode, int rs, int rt, int rd, int re, int rf, int funct, int imm, int flags) {
        code.add(new Instruction(opcode, rs, rt, rd, re, rf, funct, imm, flags));
        dynamicCount += multiplier;
    }

    /** G_LI rd, value for 0 ≤ value ≤ 2,097,151; returns the instruction's index. */
    int loadImmediate(int rd, int value) {
        if (value < 0 || value > MAX_G_LI) {
            throw new IllegalArgumentException("G_LI immediate out of range: " + value);
        }
        emit(Opcode.G_LI, 0, 0, rd, 0, 0, 0, value, 0);
        return code.size() - 1;
    }

    /**
     * Loads any 32-bit value. Values above the G_LI range (global addresses) are built as
     * {@code (value >> 10) << 10 + (value & 1023)}; negative values as {@code 0 - |value|}.
     */
    void loadConstant(int rd, long value) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new CimflowException("constant " + value + " does not fit a 32-bit register");
        }
        if (value < 0) {
            loadConstant(rd, -value);
            scRR(Registers.SUB, rd, Registers.ZERO, rd);
            return;
        }
        if (value <= MAX_G_LI) {
            loadImmediate(rd, (int) value);
            return;
        }
        loadImmediate(rd, (int) (value >> SPLIT_SHIFT));
        scRI(Registers.SLL, rd, rd, SPLIT_SHIFT);
        int low = (int) (value & ((1 << SPLIT_SHIFT) - 1));
        if (low != 0) {
            scRI(Registers.ADD, rd, rd, low);
        }
    }

    /** S_LI special, value, skipped when the register is known to hold the value already. */
    void setSpecial(int special, int value) {
        if (specialKnown[special] && specialValues[special] == value) {
            return;
        }
        for (Loop loop : openLoops) {
            if (loop.knownAtHead()[special]) {
                throw new IllegalStateException("special register " + special + " changes inside a loop body");
            }
        }
        if (value >= 0 && value <= MAX_G_LI) {
            emit(Opcode.S_LI, 0, 0, special, 0, 0, 0, value, 0);
        } else {
            loadConstant(Registers.SPECIAL_VALUE, value);
            emit(Opcode.GS_MOV, Registers.SPECIAL_VALUE, 0, special, 0, 0, 0, 0, 0);
        }
        specialKnown[special] = true;
        specialValues[special] = value;
    }

    void scRR(int funct, int rd, int rs, int rt) {
        emit(Opcode.SC_RR, rs, rt, rd, 0, 0, funct, 0, 0);
    }

    void scRI(int funct, int rd, int rs, int imm) {
        emit(Opcode.SC_RI, rs, 0, rd, 0, 0, funct, imm, 0);
    }

    /** rd ← rs + rt. */
    void add(int rd, int rs, int rt) {
        scRR(Registers.ADD, rd, rs, rt);
    }

    /** rd ← rs. */
    void move(int rd, int rs) {
        scRR(Registers.ADD, rd, rs, Registers.ZERO);
    }

    /** MEM_CPY: copies GRF[size] bytes from GRF[src] to GRF[dst]. */
    void memCpy(int dst, int src, int size) {
        emit(Opcode.MEM_CPY, src, size, dst, 0, 0, 0, 0, 0);
    }

    void storeWord(int base, int value, int offset) {
        emit(Opcode.SC_ST, base, value, 0, 0, 0, 0, offset, 0);
    }

    /** VEC_OP with {@code inputs} inputs: out GRF[rd], in1 GRF[rs], in2 GRF[rt], length GRF[re]. */
    void vector(int inputs, int funct, int rd, int rs, int rt, int re) {
        Opcode opcode = switch (inputs) {
            case 1 -> Opcode.VEC_OP1;
            case 2 -> Opcode.VEC_OP2;
            case 3 -> Opcode.VEC_OP3;
            case 4 -> Opcode.VEC_OP4;
            default -> throw new IllegalArgumentException("VEC_OP takes 1 to 4 inputs, not " + inputs);
        };
        emit(opcode, rs, rt, rd, re, 0, funct, 0, 0);
    }

    /**
     * Opens a counted loop of {@code trips} ≥ 2 iterations on the next free loop counter. Call
     * {@link #endLoop} after the body.
     */
    Loop beginLoop(int trips) {
        if (trips < 2) {
            throw new IllegalArgumentException("a loop needs at least 2 trips, not " + trips);
        }
        if (openLoops.size() >= Registers.LOOP_DEPTH) {
            throw new IllegalStateException("loops nested deeper than " + Registers.LOOP_DEPTH);
        }
        int counter = Registers.LOOP_FIRST + openLoops.size();
        loadImmediate(counter, trips);
        Loop loop = new Loop(code.size(), counter, trips, specialKnown.clone());
        openLoops.add(loop);
        multiplier *= trips;
        return loop;
    }

    /** Closes the innermost loop: decrement the counter and branch back while it is not zero. */
    void endLoop(Loop loop) {
        if (openLoops.isEmpty() || openLoops.get(openLoops.size() - 1) != loop) {
            throw new IllegalStateException("loops must be closed innermost first");
        }
        scRI(Registers.ADD, loop.counter(), loop.counter(), -1);
        int offset = loop.bodyStart() - code.size();
        if (offset < Short.MIN_VALUE) {
            throw new CimflowException("loop body of " + (-offset) + " instructions is longer than a branch "
                    + "offset reaches (32,768)");
        }
        emit(Opcode.BNE, loop.counter(), Registers.ZERO, 0, 0, 0, 0, offset, 0);
        openLoops.remove(openLoops.size() - 1);
        multiplier /= loop.trips();
    }
}
