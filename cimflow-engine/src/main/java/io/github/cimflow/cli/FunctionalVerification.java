package io.github.cimflow.cli;

import io.github.cimflow.cg.Strategy;
import io.github.cimflow.functional.FloatAgreement;
import io.github.cimflow.functional.FunctionalResult;
import io.github.cimflow.functional.FunctionalRun;
import io.github.cimflow.functional.InputFile;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.model.Model;
import io.github.cimflow.model.Shape;
import io.github.cimflow.onnx.OnnxImporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** The {@code --functional} part of {@code cimflow run pipeline}: a data-mode run checked against the reference. */
final class FunctionalVerification {
    private FunctionalVerification() {
    }

    /**
     * Verifies a model and prints the outcome.
     *
     * @param input a float32 input file, or null for seeded inputs
     * @return 0 when the outputs (and with {@code traceLayers} every layer) are bit-exact, else 1
     */
    static int run(Path modelPath, int[] inputShape, HardwareConfig hardware, Strategy strategy, int batchSize,
                   Path input, boolean traceLayers, PrintWriter out, Consumer<String> print) {
        long start = System.nanoTime();
        Model model = FunctionalRun.withWeights(OnnxImporter.load(modelPath, inputShape), print);
        List<float[]> inputs;
        if (input != null) {
            Shape shape = model.graph().tensor(model.graph().inputs().get(0)).shape();
            inputs = InputFile.read(input, shape.dims(), shape.elementCount(), batchSize);
        } else {
            inputs = FunctionalRun.randomInputs(model, batchSize);
        }
        FunctionalRun.Report report = FunctionalRun.run(model, hardware, strategy, inputs, traceLayers);

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
        out.println(String.format(Locale.ROOT, "=== Functional check finished in %.2fs ===", seconds));
        out.flush();
        return 0;
    }
}
