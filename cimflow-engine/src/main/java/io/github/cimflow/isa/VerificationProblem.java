package io.github.cimflow.isa;

import io.github.cimflow.CimflowException;

/**
 * One rule a program breaks at one instruction.
 *
 * @param core        core id, or -1 for a problem of the whole program
 * @param index       instruction index within the core, or -1
 * @param instruction the instruction, or null
 * @param rule        the rule broken
 * @param detail      the values involved and the fix
 */
public record VerificationProblem(int core, int index, Instruction instruction, VerificationRule rule,
                                  String detail) {

    /** {@code core 3 instruction 17 (MEM_CPY r1, r0, r2, 0): <rule>: <detail>}. */
    public String message() {
        StringBuilder text = new StringBuilder();
        if (core >= 0) {
            text.append(InstructionCodec.position(core, index));
            if (instruction != null) {
                text.append(" (").append(describe(instruction)).append(')');
            }
        } else {
            text.append("program");
        }
        return text.append(": ").append(rule.description()).append(": ").append(detail).toString();
    }

    private static String describe(Instruction instruction) {
        try {
            return IsaAsm.format(instruction);
        } catch (CimflowException e) {
            return String.valueOf(instruction.opcode());
        }
    }

    @Override
    public String toString() {
        return message();
    }
}
