/**
 * Functional verification: runs compiled programs in the simulator's data mode on a quantized
 * model's weights and inputs, reads the feature maps back and compares them with expected int8
 * values element by element. It fills global memory from the OP compiler's global image, observes
 * layer outputs that stay in local memory through the simulator's instruction observer, and depends
 * on the compilers only through their public results.
 */
package io.github.cimflow.functional;
