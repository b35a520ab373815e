package io.github.cimflow.sim;

import io.github.cimflow.isa.Instruction;
import java.util.List;

/**
 * One core's program in primitive arrays, so the simulation loop reads fields without touching
 * objects. Index i of every array describes instruction i.
 */
final class DecodedProgram {
    final int length;
    /** The 6-bit opcode number. */
    final int[] opcode;
    final int[] rs;
    final int[] rt;
    final int[] rd;
    final int[] re;
    final int[] rf;
    final int[] funct;
    final int[] imm;
    /** Bit set of {@link Instruction} FLAG_* constants. */
    final int[] flags;

    DecodedProgram(List<Instruction> instructions) {
        length = instructions.size();
        opcode = new int[length];
        rs = new int[length];
        rt = new int[length];
        rd = new int[length];
        re = new int[length];
        rf = new int[length];
        funct = new int[length];
        imm = new int[length];
        flags = new int[length];
        for (int i = 0; i < length; i++) {
            Instruction instruction = instructions.get(i);
            opcode[i] = instruction.opcode().code();
            rs[i] = instruction.rs();
            rt[i] = instruction.rt();
            rd[i] = instruction.rd();
            re[i] = instruction.re();
            rf[i] = instruction.rf();
            funct[i] = instruction.funct();
            imm[i] = instruction.imm();
            flags[i] = instruction.flags();
        }
    }
}
