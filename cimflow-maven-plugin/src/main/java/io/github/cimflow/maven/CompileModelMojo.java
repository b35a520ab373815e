package io.github.cimflow.maven;

import io.github.cimflow.CimflowException;
import io.github.cimflow.cg.CgJson;
import io.github.cimflow.cg.CgProgram;
import io.github.cimflow.cg.GraphCompiler;
import io.github.cimflow.cg.Strategy;
import io.github.cimflow.explore.BatchSpec;
import io.github.cimflow.explore.Pipeline;
import io.github.cimflow.explore.RunNames;
import io.github.cimflow.explore.RunSpec;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.isa.IsaAsm;
import io.github.cimflow.isa.IsaJson;
import io.github.cimflow.isa.IsaProgram;
import io.github.cimflow.model.Model;
import io.github.cimflow.onnx.OnnxImporter;
import io.github.cimflow.op.OperatorCompiler;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Compiles each configured model for the configured hardware, without simulating: graph level
 * (CG IR, CIMFlow's {@code instructions_<run>.json}) and operator level (the ISA program as
 * {@code isa_instructions_<run>.json} and as assembly text {@code .asm}), into
 * {@code <outputDirectory>}. A model that does not compile fails the build after the others have
 * been compiled, naming the stage and the node.
 *
 * <pre>{@code
 * <execution>
 *   <goals><goal>compile-model</goal></goals>
 *   <configuration>
 *     <model>models/resnet18_cifar.onnx</model>
 *     <c>16</c>
 *     <batchSize>1</batchSize>
 *   </configuration>
 * </execution>
 * }</pre>
 *
 * @since 0.1.0
 */
@Mojo(name = "compile-model", defaultPhase = LifecyclePhase.COMPILE, threadSafe = true)
public final class CompileModelMojo extends AbstractSweepMojo {

    /**
     * The models to compile, each for the same hardware. {@code <model>} alone works for one.
     *
     * <pre>{@code
     * <models>
     *   <model>models/resnet18_cifar.onnx</model>
     *   <model>models/mobilenet_v2_32.onnx</model>
     * </models>
     * }</pre>
     *
     * @since 0.1.0
     */
    @Parameter
    private List<File> models;

    /**
     * The folder of the CG IR and ISA files.
     *
     * <pre>{@code <outputDirectory>${project.build.directory}/cimflow/compile-model</outputDirectory>}</pre>
     *
     * @since 0.1.0
     */
    @Parameter(defaultValue = "${project.build.directory}/cimflow/compile-model", required = true)
    private File outputDirectory;

    @Override
    protected void executeGoal() throws MojoExecutionException {
        Path output = outputDirectory.toPath().toAbsolutePath();
        SweepBuilder builder = new SweepBuilder(project.getBasedir().toPath(), sharedFields(), oneRunPerModel(models),
                Map.of());
        BatchSpec batch = builder.build(output, project.getArtifactId(), true, output.resolve("pom-batch.json"),
                engineLog());

        List<String> failures = new ArrayList<>();
        for (RunSpec run : batch.runs()) {
            String name = RunNames.of(run);
            long start = System.nanoTime();
            try {
                compile(run, name, output);
                getLog().info(String.format(Locale.ROOT, "Compiled %s in %.2f s", name,
                        (System.nanoTime() - start) / 1e9));
            } catch (CimflowException e) {
                getLog().error(name + ": " + e.getMessage());
                failures.add(name + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new MojoExecutionException(failures.size() + " of " + batch.runs().size()
                    + " models failed to compile:\n  - " + String.join("\n  - ", failures));
        }
    }

    private void compile(RunSpec run, String name, Path output) {
        HardwareConfig hardware = Pipeline.hardware(run);
        Model model = OnnxImporter.load(run.modelPath(), Pipeline.inputShape(run));
        CgProgram cg = GraphCompiler.compile(model, hardware, run.batchSize(), Strategy.parse(run.strategy()));
        Path cgFile = output.resolve(RunNames.cgIr(name));
        CgJson.write(cg, cgFile);

        IsaProgram isa = OperatorCompiler.compile(cg, hardware);
        Path isaFile = output.resolve(RunNames.isaJson(name));
        Path asmFile = output.resolve(RunNames.isaAsm(name));
        IsaJson.write(isa, isaFile);
        IsaAsm.write(isa, asmFile);
        getLog().info(name + ": " + cg.cores().size() + " cores, " + isa.instructionCount() + " instructions -> "
                + relative(cgFile) + ", " + relative(isaFile) + ", " + relative(asmFile));
    }
}
