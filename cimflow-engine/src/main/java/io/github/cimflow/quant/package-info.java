/**
 * Quantization: the int8 form of a model that both the reference executor and the compiled programs
 * compute with. It depends on the model IR only.
 */
package io.github.cimflow.quant;
