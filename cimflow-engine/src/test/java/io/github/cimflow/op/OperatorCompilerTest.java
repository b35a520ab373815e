package io.github.cimflow.op;

import static io.github.cimflow.op.CgPrograms.ints;
import static io.github.cimflow.op.CgPrograms.op;
import static io.github.cimflow.op.CgPrograms.program;
import static io.github.cimflow.op.CgPrograms.stage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cimflow.cg.CgProgram;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.isa.Instruction;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorCompilerTest {
    private static final ArchParams ONE_CORE = new ArchParams(8, 16, 16, 1);

    static String dump(List<Instruction> program) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < program.size(); i++) {
            Instruction in = program.get(i);
            text.append(i).append(": ").append(in.opcode()).append(" rs=").append(in.rs()).append(" rt=")
                    .append(in.rt()).append(" rd=").append(in.rd()).append(" re=").append(in.re()).append(" rf=")
                    .append(in.rf()).append(" funct=").append(in.funct()).append(" imm=").append(in.imm())
                    .append(" flags=").append(in.flags()).append('\n');
        }
        return text.toString();
    }

    @Test
    void convTileSmoke() {
        CgProgram cg = program(ONE_CORE, List.of(List.of(stage(0,
                op("read", "tensor_type", "feature", "shape", ints(1, 4, 4, 4), "tensor", "x", "image", 0),
                op("read", "tensor_type", "weight", "shape", ints(8, 4, 3, 3), "tensor", "w"),
                op("conv", "X_shape", ints(1, 4, 4, 4), "W_shape", ints(8, 4, 3, 3), "padding", ints(1, 1, 1, 1),
                        "strides", ints(1, 1), "node", "conv0"),
                op("write", "tensor_type", "feature", "shape", ints(1, 8, 4, 4), "tensor", "y", "image", 0,
                        "write_id", "y0")))));
        HardwareConfig hardware = HardwarePresets.preset(ONE_CORE);
        OpCompilation result = OperatorCompiler.compileWithStatistics(cg, hardware);
        System.out.println(dump(result.program().cores().get(0)));
        System.out.println(result.statistics());
        System.out.println(result.globalImage());
        assertEquals(1, result.program().cores().size());
    }
}
