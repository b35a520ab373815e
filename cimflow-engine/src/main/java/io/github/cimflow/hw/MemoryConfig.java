package io.github.cimflow.hw;

/**
 * One memory of a core or of the chip ({@code memory_list} entry).
 *
 * <p>For a RAM, {@code widthBytes} is the access width and the read and write powers apply per access
 * cycle. For a register buffer, {@code widthBytes} is the largest read width, {@code writeWidthBytes}
 * the largest write width, {@code unitBytes} the access unit and {@code readDynamicPowerMilliwatts} the
 * power per unit ({@code rw_dynamic_power_per_unit_mW}).
 *
 * @param name       memory name ({@code input_memory}, ...), also its address-space region name
 * @param type       RAM or register buffer
 * @param role       OP-level role ({@code input_memory}, {@code output_memory}, ...; CIMFlow's
 *                   {@code identifier}), or the name when none is given
 * @param sizeBytes  capacity in bytes
 * @param widthBytes RAM access width, or the register buffer's read width
 * @param writeWidthBytes register buffer write width (equal to widthBytes for a RAM)
 * @param unitBytes  register buffer access unit (equal to widthBytes for a RAM)
 * @param readLatencyCycles  cycles per read access
 * @param writeLatencyCycles cycles per write access
 * @param staticPowerMilliwatts      leakage
 * @param readDynamicPowerMilliwatts power during a read access (per unit for a register buffer)
 * @param writeDynamicPowerMilliwatts power during a write access (per unit for a register buffer)
 */
public record MemoryConfig(String name, MemoryType type, String role, int sizeBytes, int widthBytes,
                           int writeWidthBytes, int unitBytes, int readLatencyCycles, int writeLatencyCycles,
                           double staticPowerMilliwatts, double readDynamicPowerMilliwatts,
                           double writeDynamicPowerMilliwatts) {
}
