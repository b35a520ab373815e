package io.github.cimflow.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.CimflowException;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwarePresets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Address map of the preset at T=8, K=16, C=4 (computed by hand from the preset's sizes): macro
 * 0..524287, input_memory 524288..786431, output_memory 786432..1048575, cim_input_reg_buffer
 * 1048576..1049599, cim_output_reg_buffer 1049600..1057791, global 1057792..34612223.
 */
class ProgramVerifierTest {
    private static final HardwareConfig HARDWARE = HardwarePresets.preset(new ArchParams(8, 16, 16, 4));

    private static List<VerificationProblem> check(String asm) {
        return ProgramVerifier.check(IsaAsm.parse(asm, "test.asm"), HARDWARE);
    }

    private static final String CONV_LOOP = """
            # Core 0
            S_LI CIM_IBW, 8
            S_LI CIM_WBW, 8
            S_LI CIM_OBW, 32
            S_LI CIM_GSZ, 8
            S_LI CIM_AG, 2
            S_LI CIM_GSTEP, 32
            G_LI r0, 1057792          # global
            G_LI r1, 0                # macro
            G_LI r2, 4096
            MEM_CPY r1, r0, r2, 0     # weight load
            G_LI r3, 524288           # input_memory
            G_LI r4, 32
            G_LI r5, 0
            G_LI r6, 0
            G_LI r7, 4
            CIM_MVM r3, r4, r5, r0, GRP
            SC_ADDI r6, r6, 1
            SC_ADDI r3, r3, 64
            BLT r6, r7, -3
            G_LI r8, 786432           # output_memory
            CIM_OUT r4, r0, r8
            TAG r6
            """;

    @Test
    void convolutionLoopPasses() {
        assertEquals(List.of(), check(CONV_LOOP));
    }

    @Test
    void branchPastEndRejected() {
        List<VerificationProblem> problems = check("G_LI r1, 0\nJMP 5\n");
        assertEquals(1, problems.size());
        assertEquals("core 0 instruction 1 (JMP 5): branch target inside the program: offset 5 from instruction 1 "
                + "leads to 6, outside 0..1; offsets count from the branch itself", problems.get(0).message());
    }

    @Test
    void registerUnsetOnOnePath() {
        List<VerificationProblem> problems = check("""
                G_LI r1, 0
                BEQ r1, r1, 2
                G_LI r2, 5
                TAG r2
                """);
        assertEquals(1, problems.size());
        assertEquals(3, problems.get(0).index());
        assertEquals(VerificationRule.REGISTER_UNSET, problems.get(0).rule());
        assertTrue(problems.get(0).detail().startsWith("reads r2 (field rs)"), problems.get(0).detail());
    }

    @Test
    void registerSetOnBothPathsPasses() {
        assertEquals(List.of(), check("""
                G_LI r1, 0
                BEQ r1, r1, 3
                G_LI r2, 5
                JMP 2
                G_LI r2, 6
                TAG r2
                """));
    }

    @Test
    void specialRegisterUnsetBeforeVectorAdd() {
        List<VerificationProblem> problems = check("""
                S_LI VEC_IBW1, 8
                S_LI VEC_OBW, 8
                G_LI r1, 524288
                G_LI r2, 524416
                G_LI r3, 128
                G_LI r4, 786432
                VEC_ADD_1 r4, r1, r2, r3
                """);
        assertEquals(1, problems.size());
        assertEquals(VerificationRule.SPECIAL_REGISTER_UNSET, problems.get(0).rule());
        assertEquals(6, problems.get(0).index());
        assertTrue(problems.get(0).detail().startsWith("uses special register VEC_IBW2"), problems.get(0).detail());
    }

    @Test
    void globalToGlobalCopyRejected() {
        List<VerificationProblem> problems = check("""
                G_LI r0, 1057792
                G_LI r1, 1100000
                G_LI r2, 64
                MEM_CPY r1, r0, r2, 0
                """);
        assertEquals(1, problems.size());
        assertEquals(VerificationRule.ADDRESS, problems.get(0).rule());
        assertTrue(problems.get(0).detail().startsWith("copies from global memory to global memory"));
    }

    @Test
    void copyPastRegionEndRejected() {
        List<VerificationProblem> problems = check("""
                G_LI r0, 1057792
                G_LI r1, 786400
                G_LI r2, 64
                MEM_CPY r1, r0, r2, 0
                """);
        assertEquals(1, problems.size());
        assertEquals("destination bytes 786400..786463 run past the end of input_memory (524288..786431)",
                problems.get(0).detail());
    }

    @Test
    void addressFromShiftedConstantTracked() {
        // 1 << 25 = 33554432 lies in global memory, but SC_LD reads a local memory.
        List<VerificationProblem> problems = check("""
                G_LI r1, 1
                SC_SLLI r1, r1, 25
                SC_LD r2, 0(r1)
                """);
        assertEquals(1, problems.size());
        assertEquals("word address 33554432 is in global (global memory) but must be in a local memory",
                problems.get(0).detail());
    }

    @Test
    void loopVaryingAddressNotChecked() {
        // r1 is 524288 on entry and grows in the loop, so it is unknown at SC_ST and nothing is reported.
        assertEquals(List.of(), check("""
                G_LI r1, 524288
                G_LI r2, 0
                G_LI r3, 100000
                SC_ST r2, 0(r1)
                SC_ADDI r1, r1, 1000
                SC_ADDI r2, r2, 1
                BLT r2, r3, -3
                """));
    }

    @Test
    void groupSizeMismatchRejected() {
        String program = CONV_LOOP.replace("S_LI CIM_GSZ, 8", "S_LI CIM_GSZ, 4");
        List<VerificationProblem> problems = check(program);
        assertEquals(1, problems.size());
        assertEquals(VerificationRule.OPERAND_VALUE, problems.get(0).rule());
        assertEquals("CIM_GSZ = 4 but the hardware's macro group size is 8", problems.get(0).detail());
    }

    @Test
    void unencodableInstructionReported() {
        IsaProgram program = new IsaProgram(new ProgramMetadata(0, 0, null, null, null, null),
                List.of(List.of(new Instruction(Opcode.G_LI, 0, 0, 40, 0, 0, 0, 1, 0))));
        List<VerificationProblem> problems = ProgramVerifier.check(program, HARDWARE);
        assertEquals(1, problems.size());
        assertEquals(VerificationRule.ENCODING, problems.get(0).rule());
        assertEquals("register field rd is 40, which is not a general register 0..31 (r0..r31)",
                problems.get(0).detail());
    }

    @Test
    void compiledForOtherHardwareReported() {
        IsaProgram program = new IsaProgram(new ProgramMetadata(0, 1, new ArchParams(4, 16, 16, 4), null, null, null),
                List.of(List.of()));
        List<VerificationProblem> problems = ProgramVerifier.check(program, HARDWARE);
        assertEquals(1, problems.size());
        assertEquals("program: program compiled for this hardware: the program was compiled for T4_K16_B16_C4 but "
                + "the hardware is T8_K16_B16_C4; pass the configuration it was compiled for", problems.get(0).message());
    }

    @Test
    void verifyThrowsWithFirstProblem() {
        CimflowException error = assertThrows(CimflowException.class,
                () -> ProgramVerifier.verify(IsaAsm.parse("TAG r3\n", "t.asm"), HARDWARE));
        assertTrue(error.getMessage().startsWith("the program breaks 1 verification rule: core 0 instruction 0 "
                + "(TAG r3): register written before read: reads r3"), error.getMessage());
    }

    @Test
    void sendToMissingCoreRejected() {
        List<VerificationProblem> problems = check("""
                G_LI r0, 786432
                G_LI r1, 4
                G_LI r2, 128
                G_LI r3, 7
                SEND r0, r1, r0, r2, r3
                """);
        assertEquals(1, problems.size());
        assertEquals("destination core 4 must be 0..3", problems.get(0).detail());
    }

    @Test
    void matrixVectorInputInGlobalRejected() {
        String program = CONV_LOOP.replace("G_LI r3, 524288           # input_memory", "G_LI r3, 1057792");
        program = program.replace("CIM_MVM r3, r4, r5, r0, GRP\nSC_ADDI r6, r6, 1\nSC_ADDI r3, r3, 64\nBLT r6, r7, -3\n",
                "CIM_MVM r3, r4, r5, r0, GRP\n");
        List<VerificationProblem> problems = check(program);
        assertEquals(1, problems.size());
        assertEquals("input address 1057792 is in global (global memory) but must be in a local memory",
                problems.get(0).detail());
    }

    @Test
    void vectorWidthsWithoutFunctorRejected() {
        List<VerificationProblem> problems = check("""
                S_LI VEC_IBW1, 8
                S_LI VEC_IBW2, 32
                S_LI VEC_OBW, 8
                G_LI r1, 524288
                G_LI r2, 524416
                G_LI r3, 16
                G_LI r4, 786432
                VEC_ADD_1 r4, r1, r2, r3
                """);
        assertEquals(1, problems.size());
        assertEquals(VerificationRule.OPERAND_VALUE, problems.get(0).rule());
        assertEquals("VEC_ADD_1 with input widths [8, 32] bits has no functor; set VEC_IBW1.. to one of the bound "
                + "widths [[32, 32], [8, 8]]", problems.get(0).detail());
    }

    @Test
    void benchmarkProgramPasses() {
        IsaProgram program = io.github.cimflow.bench.IsaFormsBenchmark.program();
        assertEquals(List.of(), ProgramVerifier.check(program, HARDWARE));
    }
}
