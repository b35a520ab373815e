package io.github.cimflow.functional;

import io.github.cimflow.CimflowException;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.model.Graph;
import io.github.cimflow.model.Node;
import io.github.cimflow.op.GlobalImage;
import io.github.cimflow.op.OpCompilation;
import io.github.cimflow.op.OutputSlice;
import io.github.cimflow.quant.QuantizedModel;
import io.github.cimflow.sim.DataMemoryImage;
import io.github.cimflow.sim.SimulationOptions;
import io.github.cimflow.sim.Simulator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a compiled model in the simulator's data mode on a quantized model's weights and inputs and
 * compares the graph outputs, and optionally every layer's output, with expected int8 values.
 */
public final class FunctionalCheck {
    private FunctionalCheck() {
    }

    /**
     * Fills global memory, simulates the programs in data mode and compares.
     *
     * @param compilation the OP compiler's programs, global image and output slices
     * @param quantized   the weights and requantizers the programs compute with
     * @param inputs      the int8 NCHW input of each image of the batch
     * @param expected    the values to compare with (the reference executor's)
     * @param traceLayers also compare every layer output slice, read from local memory as each operation ends
     * @throws CimflowException when the program cannot run or a graph output is not in global memory
     */
    public static FunctionalResult run(OpCompilation compilation, HardwareConfig hardware, QuantizedModel quantized,
                                       List<byte[]> inputs, ExpectedValues expected, boolean traceLayers) {
        Graph graph = quantized.model().graph();
        DataMemoryImage memory = new DataMemoryImage(hardware);
        new GlobalImageFiller(quantized, memory).fill(compilation.globalImage(), inputs);
        SliceRecorder recorder = null;
        if (traceLayers) {
            recorder = new SliceRecorder(compilation.outputSlices(), hardware.coreCount());
            memory.observe(recorder);
        }
        Simulator.run(compilation.program(), hardware, new SimulationOptions(0, true), memory);

        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < graph.nodes().size(); i++) {
            for (String output : graph.nodes().get(i).outputs()) {
                order.put(output, i);
            }
        }
        List<Mismatch> mismatches = new ArrayList<>();
        long layerElements = 0;
        int layerSlices = 0;
        if (recorder != null) {
            if (recorder.missed() > 0) {
                throw new CimflowException(recorder.missed() + " layer output slices were never reached: a program "
                        + "jumped over the end of an operation, so its layers cannot be traced");
            }
            for (ObservedSlice observed : recorder.observed()) {
                OutputSlice slice = observed.slice();
                byte[] values = expected.values(slice.tensor(), slice.image());
                if (values == null) {
                    continue;
                }
                layerSlices++;
                layerElements += observed.hwc().length;
                Mismatch mismatch = compareSlice(graph, observed, values);
                if (mismatch != null) {
                    mismatches.add(mismatch);
                }
            }
        }

        Map<String, List<byte[]>> outputs = new TreeMap<>();
        long outputElements = 0;
        for (String output : graph.outputs()) {
            List<byte[]> images = new ArrayList<>();
            for (int image = 0; image < inputs.size(); image++) {
                byte[] actual = readOutput(compilation.globalImage(), memory, output, image);
                images.add(actual);
                outputElements += actual.length;
                byte[] values = expected.values(output, image);
                if (values == null) {
                    throw new CimflowException("graph output '" + output + "': no expected values to compare with");
                }
                Mismatch mismatch = compareOutput(graph, compilation.outputSlices(), output, image, actual, values);
                if (mismatch != null) {
                    mismatches.add(mismatch);
                }
            }
            outputs.put(output, images);
        }
        Mismatch first = null;
        for (Mismatch mismatch : mismatches) {
            if (first == null || earlier(mismatch, first, order)) {
                first = mismatch;
            }
        }
        return new FunctionalResult(outputElements, layerElements, layerSlices, first, outputs);
    }

    /** True when {@code a} is in an earlier layer of the graph than {@code b}, or the same layer on a lower core. */
    private static boolean earlier(Mismatch a, Mismatch b, Map<String, Integer> order) {
        int layerA = order.getOrDefault(a.tensor(), Integer.MAX_VALUE);
        int layerB = order.getOrDefault(b.tensor(), Integer.MAX_VALUE);
        if (layerA != layerB) {
            return layerA < layerB;
        }
        if (a.image() != b.image()) {
            return a.image() < b.image();
        }
        if (a.core() != b.core()) {
            return a.core() < b.core();
        }
        return a.elementIndex() < b.elementIndex();
    }

    private static byte[] readOutput(GlobalImage image, DataMemoryImage memory, String tensor, int imageIndex) {
        for (GlobalImage.Entry entry : image.entries()) {
            if (entry.kind() == GlobalImage.Kind.FEATURE && entry.tensor().equals(tensor)
                    && entry.image() == imageIndex) {
                int pixels = entry.shape().get(0) * entry.shape().get(1);
                int channels = entry.shape().get(2);
                return Layouts.toNchw(memory.read(0, entry.address(), pixels * channels), pixels, channels);
            }
        }
        throw new CimflowException("graph output '" + tensor + "' of image " + imageIndex + " is not in global "
                + "memory: the compiled program never writes it, so it cannot be checked");
    }

    /** Returns the first differing element of a slice, by NCHW index, or null. */
    private static Mismatch compareSlice(Graph graph, ObservedSlice observed, byte[] expected) {
        OutputSlice slice = observed.slice();
        int pixels = slice.height() * slice.width();
        for (int c = 0; c < slice.channels(); c++) {
            for (int pixel = 0; pixel < pixels; pixel++) {
                long index = (long) (slice.channelOffset() + c) * pixels + pixel;
                byte actual = observed.hwc()[pixel * slice.channels() + c];
                if (index >= expected.length) {
                    throw new CimflowException("layer output slice of '" + slice.tensor() + "' on core " + slice.core()
                            + " has channel " + (slice.channelOffset() + c) + " of " + pixels + " pixels, but the "
                            + "model's tensor has " + expected.length + " elements");
                }
                if (actual != expected[(int) index]) {
                    return new Mismatch(layerOf(graph, slice.tensor(), slice.node()), slice.tensor(), slice.core(),
                            slice.image(), index, expected[(int) index], actual);
                }
            }
        }
        return null;
    }

    private static Mismatch compareOutput(Graph graph, List<OutputSlice> slices, String tensor, int image,
                                          byte[] actual, byte[] expected) {
        if (actual.length != expected.length) {
            throw new CimflowException("graph output '" + tensor + "': the program's map has " + actual.length
                    + " elements but the expected values have " + expected.length);
        }
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] != expected[i]) {
                int pixels = pixelsOf(graph, tensor);
                int channel = i / pixels;
                int core = -1;
                String node = null;
                for (OutputSlice slice : slices) {
                    if (slice.tensor().equals(tensor) && slice.image() == image && channel >= slice.channelOffset()
                            && channel < slice.channelOffset() + slice.channels()) {
                        core = slice.core();
                        node = slice.node();
                        break;
                    }
                }
                return new Mismatch(layerOf(graph, tensor, node), tensor, core, image, i, expected[i], actual[i]);
            }
        }
        return null;
    }

    /** H·W of a feature tensor of the model (1 for a vector). */
    private static int pixelsOf(Graph graph, String tensor) {
        int[] dims = graph.tensor(tensor).shape().dims();
        return dims.length == 4 ? dims[2] * dims[3] : 1;
    }

    /** Returns the ONNX node that produces a tensor in the model, else the node the CG IR named. */
    private static String layerOf(Graph graph, String tensor, String cgNode) {
        Node producer = graph.producer(tensor);
        if (producer != null) {
            return producer.name();
        }
        return cgNode != null ? cgNode : tensor;
    }
}
