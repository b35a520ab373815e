package io.github.cimflow.op;

/**
 * The location of a slice of an operation's int8 output in a core's local memory once the operation
 * is done: from the moment the core's program counter first reaches {@code instructionIndex} (all
 * instructions before it have run) until a later operation reuses the bytes. The slice is HWC over
 * its own channels: byte {@code (y·width + x)·channels + c} is channel {@code channelOffset + c}.
 * Data-mode checks read it there, so layer outputs that never reach global memory can be compared too.
 *
 * @param core             core id
 * @param instructionIndex index of the first instruction after the operation (the program length when
 *                         the operation is the core's last)
 * @param node             the ONNX node of the CG operation, or null when the CG IR names none
 * @param tensor           the output tensor
 * @param image            the image of the batch
 * @param channelOffset    the tensor's channel of the slice's first channel
 * @param channels         channels in the slice
 * @param height           rows of the map
 * @param width            columns of the map
 * @param address          local address of the slice's first byte
 */
public record OutputSlice(int core, int instructionIndex, String node, String tensor, int image, int channelOffset,
                          int channels, int height, int width, long address) {
}
