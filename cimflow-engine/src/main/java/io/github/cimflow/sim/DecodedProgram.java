package io.github.cimflow.sim;

import io.github.cimflow.isa.Instruction;
import java.util.List;

/**
 * One core's program in primitive arrays, so the simulation loop reads fields without touching
 * objects. Index i of every array describes instruction i. The opcode and the register numbers
 * are bytes, which halves the memory a large program takes (18 instead of 36 bytes per instruction).
 */
final class DecodedProgram {
    final int length;
    /** The 6-bit opcode number. */
    final byte[] opcode;
    /** Register numbers 0..31, which the caller checks before decoding. */
    final byte[] rs;
    final byte[] rt;
    final byte[] rd;
    final byte[] re;
    final byte[] rf;
    final int[] funct;
    final int[] imm;
    /** Bit set of {@link Instruction} FLAG_* constants. */
    final int[] flags;

    DecodedProgram(List<Instruction> instructions) {
        length = instructions.size();
        opcode = new byte[length];
        rs = new byte[length];
        rt = new byte[length];
        rd = new byte[length];
        re = new byte[length];
        rf = new byte[length];
        funct = new int[length];
        imm = new int[length];
        flags = new int[length];
        for (int i = 0; i < length; i++) {
            Instruction instruction = instructions.get(i);
            opcode[i] = (byte) instruction.opcode().code();
            rs[i] = (byte) instruction.rs();
            rt[i] = (byte) instruction.rt();
            rd[i] = (byte) instruction.rd();
            re[i] = (byte) instruction.re();
            rf[i] = (byte) instruction.rf();
            funct[i] = instruction.funct();
            imm[i] = instruction.imm();
            flags[i] = instruction.flags();
        }
    }
}
