package io.github.cimflow.functional;

import io.github.cimflow.op.OutputSlice;

/**
 * The bytes of an output slice as a data-mode run left them when the operation was done.
 *
 * @param slice where the slice sits
 * @param hwc   its values, HWC over the slice's channels
 */
record ObservedSlice(OutputSlice slice, byte[] hwc) {
}
