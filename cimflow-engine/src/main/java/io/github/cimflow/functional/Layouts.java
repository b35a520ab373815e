package io.github.cimflow.functional;

import java.util.List;

/** Conversions between ONNX's NCHW order (batch 1) and the programs' HWC order. */
final class Layouts {
    private Layouts() {
    }

    /** NCHW values of one image to HWC, for an entry shape [H, W, C]. */
    static byte[] toHwc(byte[] nchw, List<Integer> shape) {
        int height = shape.get(0);
        int width = shape.get(1);
        int channels = shape.get(2);
        int pixels = height * width;
        byte[] hwc = new byte[pixels * channels];
        for (int c = 0; c < channels; c++) {
            for (int pixel = 0; pixel < pixels; pixel++) {
                hwc[pixel * channels + c] = nchw[c * pixels + pixel];
            }
        }
        return hwc;
    }

    /** HWC values of a map of {@code pixels} pixels and {@code channels} channels to NCHW. */
    static byte[] toNchw(byte[] hwc, int pixels, int channels) {
        byte[] nchw = new byte[pixels * channels];
        for (int c = 0; c < channels; c++) {
            for (int pixel = 0; pixel < pixels; pixel++) {
                nchw[c * pixels + pixel] = hwc[pixel * channels + c];
            }
        }
        return nchw;
    }
}
