package io.github.cimflow.sim;

import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.isa.Instruction;
import io.github.cimflow.isa.IsaProgram;
import io.github.cimflow.isa.Opcode;
import io.github.cimflow.isa.ProgramMetadata;
import java.util.ArrayList;
import java.util.List;

/** Builds small test programs instruction by instruction, one builder per core. */
final class Asm {
    /** Special register ids used by the tests. */
    static final int CIM_IBW = 0;
    static final int CIM_OBW = 1;
    static final int CIM_AG = 4;
    static final int CIM_GSTEP = 6;
    static final int VEC_IBW1 = 16;
    static final int VEC_IBW2 = 17;
    static final int VEC_IBW3 = 18;
    static final int VEC_OBW = 20;
    static final int VEC_IA3 = 21;

    private final List<Instruction> instructions = new ArrayList<>();

    static IsaProgram program(ArchParams arch, Asm... cores) {
        List<List<Instruction>> programs = new ArrayList<>();
        for (Asm core : cores) {
            programs.add(core.instructions);
        }
        while (programs.size() < arch.coreCount()) {
            programs.add(List.of());
        }
        return new IsaProgram(new ProgramMetadata(1000, 1, arch, null, "test", "test"), programs);
    }

    List<Instruction> instructions() {
        return instructions;
    }

    int size() {
        return instructions.size();
    }

    Asm add(Opcode opcode, int rs, int rt, int rd, int re, int rf, int funct, int imm, int flags) {
        instructions.add(new Instruction(opcode, rs, rt, rd, re, rf, funct, imm, flags));
        return this;
    }

    Asm li(int rd, int value) {
        return add(Opcode.G_LI, 0, 0, rd, 0, 0, 0, value, 0);
    }

    Asm sli(int special, int value) {
        return add(Opcode.S_LI, 0, 0, special, 0, 0, 0, value, 0);
    }

    Asm addi(int rd, int rs, int imm) {
        return add(Opcode.SC_RI, rs, 0, rd, 0, 0, 0, imm, 0);
    }

    Asm blt(int rs, int rt, int offset) {
        return add(Opcode.BLT, rs, rt, 0, 0, 0, 0, offset, 0);
    }

    Asm mvm(int input, int length, int row, int flags) {
        return add(Opcode.CIM_MVM, input, length, 0, row, 0, 0, 0, flags);
    }

    Asm mvmBatch(int input, int length, int row, int count, int flags) {
        return add(Opcode.CIM_MVM, input, length, 0, row, count, 0, 0, flags | Instruction.FLAG_BATCH);
    }

    Asm cimOut(int outputs, int destination, int flags) {
        return add(Opcode.CIM_OUT, outputs, 0, destination, 0, 0, 0, 0, flags);
    }

    Asm memCpy(int destination, int source, int size) {
        return add(Opcode.MEM_CPY, source, size, destination, 0, 0, 0, 0, 0);
    }

    Asm vec(int inputs, int funct, int destination, int in1, int in2, int length) {
        Opcode opcode = switch (inputs) {
            case 1 -> Opcode.VEC_OP1;
            case 2 -> Opcode.VEC_OP2;
            case 3 -> Opcode.VEC_OP3;
            default -> Opcode.VEC_OP4;
        };
        return add(opcode, in1, in2, destination, length, 0, funct, 0, 0);
    }

    Asm reduce(int funct, int destination, int input, int length) {
        return add(Opcode.REDUCE, input, length, destination, 0, 0, funct, 0, 0);
    }

    Asm send(int source, int core, int remote, int size, int id) {
        return add(Opcode.SEND, source, core, remote, size, id, 0, 0, 0);
    }

    Asm recv(int core, int remote, int destination, int size, int id) {
        return add(Opcode.RECV, core, remote, destination, size, id, 0, 0, 0);
    }

    Asm tag(int syncId) {
        return add(Opcode.TAG, syncId, 0, 0, 0, 0, 0, 0, 0);
    }

    Asm await(int core, int syncId, int count) {
        return add(Opcode.WAIT, core, syncId, count, 0, 0, 0, 0, 0);
    }

    Asm barrier(int count, int id) {
        return add(Opcode.BARRIER, count, id, 0, 0, 0, 0, 0, 0);
    }
}
