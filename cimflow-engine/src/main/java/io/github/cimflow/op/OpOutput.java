package io.github.cimflow.op;

import io.github.cimflow.CimflowException;
import io.github.cimflow.isa.IsaAsm;
import io.github.cimflow.isa.IsaJson;
import io.github.cimflow.isa.ProgramMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes compiled programs under CIMFlow's file names. */
public final class OpOutput {
    private OpOutput() {
    }

    /**
     * CIMFlow's name of an OP-level result without extension:
     * {@code isa_instructions_<model>_<strategy>_T<T>_K<K>_B<B>_C<C>_batch<N>}.
     */
    public static String baseName(ProgramMetadata metadata) {
        String model = metadata.model() == null ? "model" : metadata.model();
        String strategy = metadata.strategy() == null ? "dp" : metadata.strategy();
        return "isa_instructions_" + model + "_" + strategy + "_" + metadata.arch().fileFragment() + "_batch"
                + metadata.batchSize();
    }

    /**
     * Writes the JSON form (and the assembly form with {@code asm}) into {@code directory}, creating it
     * when missing; returns the files written.
     */
    public static List<Path> write(OpCompilation compilation, Path directory, boolean asm) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new CimflowException(directory + ": cannot create the output directory: " + e.getMessage(), e);
        }
        String base = baseName(compilation.program().metadata());
        List<Path> written = new ArrayList<>();
        Path json = directory.resolve(base + ".json");
        IsaJson.write(compilation.program(), json);
        written.add(json);
        if (asm) {
            Path asmFile = directory.resolve(base + ".asm");
            IsaAsm.write(compilation.program(), asmFile);
            written.add(asmFile);
        }
        return written;
    }
}
