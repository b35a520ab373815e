package io.github.cimflow.cli;

import io.github.cimflow.CimflowException;
import io.github.cimflow.cg.StagePartitioner;
import io.github.cimflow.cg.Strategy;
import io.github.cimflow.functional.FloatAgreement;
import io.github.cimflow.functional.FunctionalResult;
import io.github.cimflow.functional.FunctionalRun;
import io.github.cimflow.functional.InputFile;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.model.Model;
import io.github.cimflow.onnx.DeclaredInputShape;
import io.github.cimflow.onnx.OnnxImporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The {@code --functional} part of {@code cimflow run pipeline}: a data-mode run checked against the reference. */
final class FunctionalVerification {
    private FunctionalVerification() {
    }

    /**
     * Verifies a model and prints the outcome.
     *
     * @param fileInputs the images of the {@code --input} file ({@link #readInputFile}), or null for seeded inputs
     * @return 0 when the outputs (and with {@code traceLayers} every layer) are bit-exact, else 1
     */
    static int run(Path modelPath, int[] inputShape, HardwareConfig hardware, Strategy strategy, int batchSize,
                   List<float[]> fileInputs, boolean traceLayers, PrintWriter out, Consumer<String> print) {
        long start = System.nanoTime();
        Model imported = OnnxImporter.load(modelPath, inputShape);
        Model model = FunctionalRun.withWeights(imported, print);
        boolean seededInputs = fileInputs == null;
        List<float[]> inputs = seededInputs ? FunctionalRun.randomInputs(model, batchSize) : fileInputs;
        FunctionalRun.Report report = runWithoutRepeatedPartitionWarnings(
                () -> FunctionalRun.run(model, hardware, strategy, inputs,
                        seededInputs ? FunctionalRun.seededCalibration(model) : inputs, traceLayers));

        FunctionalResult result = report.result();
        String compared = String.format(Locale.ROOT, "%,d output elements of %d image(s)", result.outputElements(),
                inputs.size());
        if (traceLayers) {
            compared += String.format(Locale.ROOT, " and %,d layer output elements in %,d slices",
                    result.layerElements(), result.layerSlices());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!result.bitExact()) {
            out.println("Functional check: mismatch in " + result.mismatch().describe() + " (compared " + compared
                    + ")");
            out.println(String.format(Locale.ROOT, "=== Functional check finished in %.2fs ===", seconds));
            out.flush();
            return 1;
        }
        FloatAgreement agreement = report.agreement();
        out.println("Functional check: bit-exact, " + compared);
        out.println(String.format(Locale.ROOT, "Float agreement: max abs error %.6g of the dequantized outputs, "
                + "top-1 equal in %d of %d image(s)", agreement.maxAbsoluteError(), agreement.top1Agreements(),
                agreement.images()));
        if (agreement.isWeak()) {
            out.println(weakAgreementNote(agreement, model != imported, seededInputs));
        }
        out.println(String.format(Locale.ROOT, "=== Functional check finished in %.2fs ===", seconds));
        out.flush();
        return 0;
    }

    /** Explains a weak float agreement ({@link FloatAgreement#isWeak}) and what makes it weak in this run. */
    static String weakAgreementNote(FloatAgreement agreement, boolean seededWeights, boolean seededInputs) {
        String finding = agreement.outputCodeSpan() < FloatAgreement.NARROW_CODE_SPAN
                ? "the int8 outputs span only " + agreement.outputCodeSpan() + " of 255 quantization steps, so "
                        + "rounding decides the float error and the top-1 index"
                : "top-1 differs in " + (agreement.images() - agreement.top1Agreements()) + " of "
                        + agreement.images() + " image(s)";
        List<String> causes = new java.util.ArrayList<>();
        if (seededWeights) {
            causes.add("seeded weights");
        }
        if (seededInputs) {
            causes.add("seeded inputs");
        }
        if (seededInputs) {
            causes.add("scales calibrated on seeded noise");
        }
        if (causes.isEmpty()) {
            return "NOTE: " + finding + ". This measures int8 quantization error, not compiler correctness "
                    + "(docs/functional.md, \"Reading the float agreement\")";
        }
        String cause = causes.size() == 1 ? causes.get(0)
                : String.join(", ", causes.subList(0, causes.size() - 1)) + " and " + causes.get(causes.size() - 1);
        return "NOTE: " + finding + ". This measures int8 quantization error, not compiler correctness, and "
                + cause + " make it large (docs/functional.md, \"Reading the float agreement\")";
    }

    /**
     * Reads the images of the {@code --input} file at the run's input shape. The run pipeline command calls
     * it before compiling, so a wrong size or a NaN value fails before any compile or simulation.
     */
    static List<float[]> readInputFile(Path modelPath, int[] inputShape, int batchSize, Path input) {
        long elements = Arrays.stream(inputShape).asLongStream().reduce(1, (a, b) -> a * b);
        try {
            return InputFile.read(input, inputShape, elements, batchSize);
        } catch (CimflowException e) {
            throw withDeclaredShapeHint(e, modelPath, inputShape, input, batchSize);
        }
    }

    /**
     * Adds {@code --input-shape} as a fix to a failed read of the input file when the model's declared
     * input shape, which the run did not use, matches the file's size.
     */
    private static CimflowException withDeclaredShapeHint(CimflowException error, Path modelPath, int[] usedShape,
                                                          Path input, int batchSize) {
        int[] declared = DeclaredInputShape.differingFrom(DeclaredInputShape.read(modelPath), usedShape);
        long fileBytes;
        try {
            fileBytes = Files.size(input);
        } catch (IOException e) {
            return error;
        }
        if (declared == null || fileBytes != Arrays.stream(declared).asLongStream().reduce(1, (a, b) -> a * b)
                * Float.BYTES * batchSize) {
            return error;
        }
        String dims = String.join(",", Arrays.stream(declared).mapToObj(Integer::toString).toList());
        return new CimflowException(error.getMessage() + "; the model declares input shape " + dims.replace(",", "×")
                + ", which matches the file: add --input-shape " + dims);
    }

    /**
     * Runs the functional compile with the graph-level partitioner's WARNING lines dropped, because the
     * pipeline compiled the same graph at the same batch size and strategy just before and printed them.
     */
    private static FunctionalRun.Report runWithoutRepeatedPartitionWarnings(Supplier<FunctionalRun.Report> run) {
        Logger partitioner = Logger.getLogger(StagePartitioner.class.getName());
        Filter previous = partitioner.getFilter();
        partitioner.setFilter(record -> record.getLevel().intValue() < Level.WARNING.intValue()
                && (previous == null || previous.isLoggable(record)));
        try {
            return run.get();
        } finally {
            partitioner.setFilter(previous);
        }
    }
}
