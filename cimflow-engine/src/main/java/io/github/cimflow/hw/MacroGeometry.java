package io.github.cimflow.hw;

/**
 * Geometry of one CIM macro as a 4-D bit array (H, W, m, n), {@code cim_unit_config.macro_size}.
 *
 * @param compartments         H, element rows; each takes one input element per MVM
 * @param elementsPerCompartment W, element columns; one output per element for 8-bit weights
 * @param rowsPerElement       m, SRAM rows stacked in an element; one row is active per MVM
 * @param bitsPerRow           n, bits per element row (the weight width when one weight fills a row)
 */
public record MacroGeometry(int compartments, int elementsPerCompartment, int rowsPerElement, int bitsPerRow) {
    /** Bytes of weight storage in one macro: H·W·m·n/8. */
    public int bytes() {
        return compartments * elementsPerCompartment * rowsPerElement * bitsPerRow / 8;
    }
}
