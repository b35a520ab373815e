/**
 * A reference executor that evaluates a quantized model's graph directly, in the integer arithmetic of
 * docs/quantization.md. It shares no code with the compilers or the simulator, so a compiled program
 * that agrees with it is checked against an independent computation. The float executor it is
 * compared with lives in the quant package, which calibrates with it.
 */
package io.github.cimflow.reference;
