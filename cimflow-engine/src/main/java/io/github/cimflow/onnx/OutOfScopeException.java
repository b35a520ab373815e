package io.github.cimflow.onnx;

import io.github.cimflow.CimflowException;

/**
 * A valid ONNX model that uses something cimflow does not import: an operator outside its list, a
 * 1-D or 3-D convolution, a shape that depends on a run-time input, a zero-size tensor. The message
 * names the node and the reason like every {@link CimflowException}; {@link #reason()} lets tests
 * and tools tell these cases apart from broken files.
 */
public final class OutOfScopeException extends CimflowException {
    /** Why a model is outside cimflow's scope. */
    public enum Reason {
        /** An operator (or operator domain) that cimflow cannot infer or compile. */
        UNSUPPORTED_OPERATOR,
        /** A convolution or pooling over other than two spatial dimensions, or an operand of unsupported rank. */
        UNSUPPORTED_RANK,
        /** A shape that is known only at run time, for example a Reshape target fed by a graph input. */
        RUNTIME_SHAPE,
        /** A tensor with a zero-length dimension. */
        ZERO_SIZE,
        /** An element type or attribute form that cimflow does not read (strings, sparse tensors). */
        UNSUPPORTED_FEATURE
    }

    private final Reason reason;

    public OutOfScopeException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
