package io.github.cimflow.bench;

import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwarePresets;
import io.github.cimflow.isa.Instruction;
import io.github.cimflow.isa.IsaAsm;
import io.github.cimflow.isa.IsaBinary;
import io.github.cimflow.isa.IsaJson;
import io.github.cimflow.isa.IsaProgram;
import io.github.cimflow.isa.ProgramMetadata;
import io.github.cimflow.isa.ProgramVerifier;
import io.github.cimflow.isa.VerificationProblem;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading, writing and verifying a program of about 10^5 instructions on 4 cores, the size of a
 * compiled ResNet18 file. Run with {@code java -cp <test classpath> org.openjdk.jmh.Main IsaFormsBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IsaFormsBenchmark {
    /** Instructions per core; 4 cores give 100,000. */
    static final int INSTRUCTIONS_PER_CORE = 25_000;

    IsaProgram program;
    HardwareConfig hardware;
    byte[] json;
    String asm;
    byte[] binary;

    @Setup
    public void setUp() {
        hardware = HardwarePresets.preset(new ArchParams(8, 16, 16, 4));
        program = program();
        json = IsaJson.toJson(program).getBytes(StandardCharsets.UTF_8);
        asm = IsaAsm.toAsm(program);
        binary = IsaBinary.toBytes(program);
    }

    /** Builds a program of repeated convolution loops that passes the verifier. */
    public static IsaProgram program() {
        String prologue = """
                S_LI CIM_IBW, 8
                S_LI CIM_WBW, 8
                S_LI CIM_OBW, 32
                S_LI CIM_GSZ, 8
                S_LI CIM_AG, 2
                S_LI CIM_GSTEP, 32
                G_LI r0, 1057792
                G_LI r1, 0
                G_LI r2, 4096
                """;
        String body = """
                MEM_CPY r1, r0, r2, 0
                G_LI r3, 524288
                G_LI r4, 32
                G_LI r5, 0
                G_LI r6, 0
                G_LI r7, 4
                CIM_MVM r3, r4, r5, r0, GRP
                SC_ADDI r6, r6, 1
                SC_ADDI r3, r3, 64
                BLT r6, r7, -3
                G_LI r8, 786432
                CIM_OUT r4, r0, r8
                """;
        List<Instruction> core = new ArrayList<>(IsaAsm.parse(prologue, "prologue").cores().get(0));
        List<Instruction> loop = IsaAsm.parse(body, "body").cores().get(0);
        while (core.size() + loop.size() <= INSTRUCTIONS_PER_CORE) {
            core.addAll(loop);
        }
        return new IsaProgram(new ProgramMetadata(0, 8, new ArchParams(8, 16, 16, 4), null, "bench", "dp"),
                List.of(core, core, core, core));
    }

    @Benchmark
    public IsaProgram readJson() {
        return IsaJson.read(new ByteArrayInputStream(json), "bench.json");
    }

    @Benchmark
    public IsaProgram readAsm() throws Exception {
        return IsaAsm.read(new StringReader(asm), "bench.asm");
    }

    @Benchmark
    public IsaProgram readBinary() {
        return IsaBinary.read(binary, "bench.bin");
    }

    @Benchmark
    public String writeJson() {
        return IsaJson.toJson(program);
    }

    @Benchmark
    public String writeAsm() {
        return IsaAsm.toAsm(program);
    }

    @Benchmark
    public byte[] writeBinary() {
        return IsaBinary.toBytes(program);
    }

    @Benchmark
    public List<VerificationProblem> verify() {
        return ProgramVerifier.check(program, hardware);
    }
}
