/**
 * A reference executor that evaluates the simplified ONNX graph directly, in float and in the integer
 * arithmetic of docs/quantization.md. It shares no code with the compilers or the simulator, so a
 * compiled program that agrees with it is checked against an independent computation.
 */
package io.github.cimflow.reference;
