package io.github.cimflow.functional;

import io.github.cimflow.CimflowException;
import io.github.cimflow.model.Graph;
import io.github.cimflow.model.Node;
import io.github.cimflow.model.Tensor;
import io.github.cimflow.op.GlobalImage;
import io.github.cimflow.op.MacroLayout;
import io.github.cimflow.quant.QuantizedModel;
import io.github.cimflow.quant.Requantizer;
import io.github.cimflow.sim.DataMemoryImage;
import java.util.List;

/**
 * Writes what global memory must hold before the programs start: the int8 weights in the compact
 * macro layout of each weight image, the 64-bit VEC_QUANTIZE parameter of every output column, and
 * the quantized input feature map of every image (HWC).
 */
final class GlobalImageFiller {
    /** Largest multiplier: the parameter carries it as a signed 16-bit field. */
    private static final int MAX_MULTIPLIER = 32_767;
    /** Largest shift: the parameter carries it in 8 bits. */
    private static final int MAX_SHIFT = 255;

    private final QuantizedModel quantized;
    private final Graph graph;
    private final DataMemoryImage memory;

    GlobalImageFiller(QuantizedModel quantized, DataMemoryImage memory) {
        this.quantized = quantized;
        this.graph = quantized.model().graph();
        this.memory = memory;
    }

    /**
     * Fills every weight and quantization entry and the input feature maps.
     *
     * @param inputs the int8 NCHW input of each image of the batch, as {@link QuantizedModel#quantizeInput} returns
     */
    void fill(GlobalImage image, List<byte[]> inputs) {
        String input = graph.inputs().get(0);
        for (GlobalImage.Entry entry : image.entries()) {
            switch (entry.kind()) {
                case WEIGHTS -> memory.write(0, entry.address(), weightImage(entry));
                case QUANTIZATION -> memory.write(0, entry.address(), parameters(entry));
                case FEATURE -> {
                    if (entry.tensor().equals(input)) {
                        if (entry.image() >= inputs.size()) {
                            throw new CimflowException("global feature '" + entry.name() + "': the program reads image "
                                    + entry.image() + " but only " + inputs.size() + " input images were given");
                        }
                        memory.write(0, entry.address(), Layouts.toHwc(inputs.get(entry.image()), entry.shape()));
                    }
                }
            }
        }
    }

    /** Builds the compact macro image of a weight entry: each weight at {@link MacroLayout#imageOffset}, zeros elsewhere. */
    private byte[] weightImage(GlobalImage.Entry entry) {
        MacroLayout layout = entry.layout();
        byte[] image = new byte[Math.toIntExact(layout.imageBytes())];
        WeightSource weights = switch (entry.pattern()) {
            case DENSE -> denseWeights(entry);
            case DEPTHWISE -> depthwiseWeights(entry);
            case ONES_DIAGONAL -> (column, index) -> index % layout.columns() == column ? (byte) 1 : 0;
            case NONE -> throw new CimflowException("global weight entry '" + entry.name() + "' has no pattern");
        };
        for (int column = 0; column < layout.columns(); column++) {
            for (int index = 0; index < layout.reductionLength(); index++) {
                image[(int) layout.imageOffset(column, index)] = weights.at(column, index);
            }
        }
        return image;
    }

    /**
     * Returns the weights of a conv or fully connected slice: reduction index (kh·Kw + kw)·Cin + c contains
     * W[offset + column][inputOffset + c][kh][kw]. A fully connected layer reads a flattened map in
     * (y, x, c) order, so its index is mapped back to ONNX's (c, y, x) order first.
     */
    private WeightSource denseWeights(GlobalImage.Entry entry) {
        Node node = weightNode(entry);
        byte[] values = quantized.weights(node.name());
        int[] full = graph.tensor(entry.tensor()).shape().dims();
        List<Integer> slice = entry.shape();
        int offset = entry.outputChannelOffset();
        int inputOffset = entry.inputChannelOffset();
        if (slice.size() == 4) {
            int inputChannels = full[1];
            int kernelHeight = full[2];
            int kernelWidth = full[3];
            int sliceInputs = slice.get(1);
            return (column, index) -> {
                int tap = index / sliceInputs;
                int channel = inputOffset + index % sliceInputs;
                return values[(((offset + column) * inputChannels + channel) * kernelHeight + tap / kernelWidth)
                        * kernelWidth + tap % kernelWidth];
            };
        }
        boolean transposed = node.opType().equals("MatMul") || node.intAttribute("transB", 0) == 0;
        int outputs = transposed ? full[1] : full[0];
        int inputs = transposed ? full[0] : full[1];
        FlattenOrder order = FlattenOrder.of(graph, node);
        return (column, index) -> {
            int input = order.onnxIndex(inputOffset + index);
            int output = offset + column;
            return values[transposed ? input * outputs + output : output * inputs + input];
        };
    }

    /** Returns depthwise weights: index (kh·Kw + kw)·C + c contains W[offset + column][0][kh][kw] when c = column. */
    private WeightSource depthwiseWeights(GlobalImage.Entry entry) {
        Node node = weightNode(entry);
        byte[] values = quantized.weights(node.name());
        int taps = entry.shape().get(2) * entry.shape().get(3);
        int columns = entry.layout().columns();
        int offset = entry.outputChannelOffset();
        return (column, index) -> index % columns == column ? values[(offset + column) * taps + index / columns] : 0;
    }

    /** Packs the VEC_QUANTIZE parameters: bias (bits 31..0) | multiplier (47..32) | shift (55..48), no fused ReLU. */
    private byte[] parameters(GlobalImage.Entry entry) {
        int columns = entry.shape().get(0);
        byte[] bytes = new byte[8 * columns];
        String node = entry.pattern() == GlobalImage.Pattern.ONES_DIAGONAL ? null : weightNode(entry).name();
        for (int column = 0; column < columns; column++) {
            Requantizer requantizer = node == null ? quantized.averageRequantizer(entry.averageCount())
                    : quantized.requantizer(node, entry.outputChannelOffset() + column);
            long parameter = encode(requantizer, entry, node);
            for (int i = 0; i < 8; i++) {
                bytes[8 * column + i] = (byte) (parameter >>> (8 * i));
            }
        }
        return bytes;
    }

    private static long encode(Requantizer requantizer, GlobalImage.Entry entry, String node) {
        String subject = node == null ? "the average over " + entry.averageCount() + " values" : "node '" + node + "'";
        if (requantizer.multiplier() < 0 || requantizer.multiplier() > MAX_MULTIPLIER) {
            throw new CimflowException("quantization of " + subject + ": multiplier " + requantizer.multiplier()
                    + " does not fit the 16-bit signed field of VEC_QUANTIZE (0 .. " + MAX_MULTIPLIER + ")");
        }
        if (requantizer.shift() < 0 || requantizer.shift() > MAX_SHIFT) {
            throw new CimflowException("quantization of " + subject + ": shift " + requantizer.shift()
                    + " does not fit the 8-bit field of VEC_QUANTIZE (0 .. " + MAX_SHIFT + ")");
        }
        return (requantizer.bias() & 0xffffffffL) | ((long) requantizer.multiplier() << 32)
                | ((long) requantizer.shift() << 48);
    }

    /** Finds the Conv, Gemm or MatMul node whose weight tensor an entry contains. */
    private Node weightNode(GlobalImage.Entry entry) {
        Tensor tensor = entry.tensor() == null ? null : graph.tensors().get(entry.tensor());
        if (tensor != null) {
            for (Node consumer : graph.consumers(tensor.name())) {
                if (consumer.inputs().size() > 1 && consumer.inputs().get(1).equals(tensor.name())) {
                    return consumer;
                }
            }
        }
        throw new CimflowException("global weight entry '" + entry.name() + "': the model has no Conv, Gemm or "
                + "MatMul node with weight tensor '" + entry.tensor() + "'; compile the CG IR from the same model");
    }

    /** One weight by macro column and reduction index. */
    @FunctionalInterface
    private interface WeightSource {
        byte at(int column, int index);
    }
}
