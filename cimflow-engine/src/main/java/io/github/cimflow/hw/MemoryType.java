package io.github.cimflow.hw;

/** Local memory kinds of the simulator's configuration ({@code type} of a memory). */
public enum MemoryType {
    /** SRAM with a fixed access width and per-access latency ({@code "ram"}). */
    RAM,
    /** Register buffer: reads take no cycle, writes one, energy per access unit ({@code "reg_buffer"}). */
    REG_BUFFER
}
