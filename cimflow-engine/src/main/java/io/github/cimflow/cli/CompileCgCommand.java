package io.github.cimflow.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code cimflow compile cg}: graph-level compilation of an ONNX model into CG IR JSON. */
@Command(name = "cg", mixinStandardHelpOptions = true,
        description = "Partition a model into stages, replicate and place its layers, and write the CG IR JSON.")
public final class CompileCgCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new io.github.cimflow.CimflowException("compile cg: not implemented yet");
    }
}
