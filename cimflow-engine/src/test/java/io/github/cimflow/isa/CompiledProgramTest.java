package io.github.cimflow.isa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cimflow.cg.CgProgram;
import io.github.cimflow.cg.GraphCompiler;
import io.github.cimflow.cg.Strategy;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.model.Model;
import io.github.cimflow.onnx.OnnxImporter;
import io.github.cimflow.op.OperatorCompiler;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The compiled CIFAR ResNet18 at the defaults (T8 K16 B16 C64, batch 8, dp) through every form and the verifier. */
class CompiledProgramTest {
    private static HardwareConfig hardware;
    private static IsaProgram program;

    @BeforeAll
    static void compile() {
        hardware = HardwarePresets.preset(ArchParams.DEFAULT);
        Model model = OnnxImporter.load(Path.of("../examples/models/resnet18_cifar.onnx"), null);
        CgProgram cg = GraphCompiler.compile(model, hardware, 8, Strategy.DP);
        program = OperatorCompiler.compile(cg, hardware);
    }

    @Test
    void resnet18PassesVerifier() {
        List<VerificationProblem> problems = ProgramVerifier.check(program, hardware);
        assertEquals(List.of(), problems.subList(0, Math.min(10, problems.size())));
    }

    @Test
    void resnet18WithoutInputWidthCaught() {
        List<List<Instruction>> cores = new ArrayList<>(program.cores());
        List<Instruction> core = new ArrayList<>(cores.get(0));
        Instruction setWidth = new Instruction(Opcode.S_LI, 0, 0, SpecialRegister.CIM_IBW.id(), 0, 0, 0, 8, 0);
        assertTrue(core.remove(setWidth), "core 0 sets CIM_IBW to 8");
        cores.set(0, core);

        List<VerificationProblem> problems = ProgramVerifier.check(new IsaProgram(program.metadata(), cores), hardware);
        assertFalse(problems.isEmpty());
        for (VerificationProblem problem : problems) {
            assertEquals(VerificationRule.SPECIAL_REGISTER_UNSET, problem.rule(), problem.message());
            assertEquals(0, problem.core(), problem.message());
            assertTrue(problem.detail().startsWith("uses special register CIM_IBW"), problem.message());
        }
    }

    @Test
    void resnet18JsonAsmJsonRoundTrip() {
        IsaProgram withoutLayers = new IsaProgram(program.metadata(), program.cores());
        IsaProgram fromAsm = IsaAsm.parse(IsaAsm.toAsm(program), "resnet18.asm");
        assertEquals(withoutLayers, fromAsm, "the assembly form stores no layer table");
        assertEquals(IsaJson.toJson(withoutLayers), IsaJson.toJson(fromAsm));
    }

    @Test
    void resnet18JsonRoundTripKeepsLayers() {
        String json = IsaJson.toJson(program);
        IsaProgram read = IsaJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                "resnet18.json");
        assertNotNull(read.layers());
        assertEquals(program, read);
        assertEquals(json, IsaJson.toJson(read));
    }

    @Test
    void resnet18AsmBinAsmRoundTrip() {
        String asm = IsaAsm.toAsm(program);
        byte[] bytes = IsaBinary.toBytes(IsaAsm.parse(asm, "resnet18.asm"));
        IsaProgram fromBinary = IsaBinary.read(bytes, "resnet18.bin");
        assertEquals(asm, IsaAsm.toAsm(fromBinary));
        assertArrayEquals(bytes, IsaBinary.toBytes(fromBinary));
        assertTrue(program.instructionCount() > 1000, "instructions " + program.instructionCount());
    }
}
