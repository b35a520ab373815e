package io.github.cimflow.hw;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole accelerator: C identical cores on a √C×√C mesh, a global memory behind the NoC, one
 * unified address space and a clock. Built from a preset ({@link HardwarePresets}) or read from a
 * CIMFlow hardware JSON file.
 *
 * @param coreCount     C, a perfect square
 * @param core          configuration of every core
 * @param globalMemory  the global (DRAM-like) memory
 * @param network       the mesh NoC
 * @param addressSpace  regions of the unified address space, in address order; region names are
 *                      memory names, the CIM array's region is named after {@link #cimRegionName()}
 * @param periodNanoseconds clock period ({@code sim_config.period_ns})
 * @param provenance    source of every timing and power number, by JSON path
 *                      ({@code chip_config.core_config.cim_unit_config.ipu.dynamic_power_mW} → text)
 */
public record HardwareConfig(int coreCount, CoreConfig core, MemoryConfig globalMemory, NetworkConfig network,
                             List<AddressRegion> addressSpace, double periodNanoseconds,
                             Map<String, String> provenance) {
    public HardwareConfig {
        addressSpace = List.copyOf(addressSpace);
        provenance = Collections.unmodifiableMap(new TreeMap<>(provenance));
    }

    /** The knobs T, K, B, C this configuration corresponds to. */
    public ArchParams archParams() {
        CimUnitConfig cim = core.cim();
        return new ArchParams(cim.macroGroupSize(), cim.macroGroupCount(), network.flitBytes(), coreCount);
    }

    /** √C, cores per mesh row and column. */
    public int meshSide() {
        return (int) Math.round(Math.sqrt(coreCount));
    }

    /** Name of the address region that maps the macros. */
    public String cimRegionName() {
        return "macro";
    }

    /** The region of that name, or null. */
    public AddressRegion region(String name) {
        for (AddressRegion region : addressSpace) {
            if (region.name().equals(name)) {
                return region;
            }
        }
        return null;
    }

    /** Clock frequency in MHz. */
    public double clockMegahertz() {
        return 1000.0 / periodNanoseconds;
    }

    /** Peak tera-operations per second of the chip (2 ops per MAC, 8-bit inputs). */
    public double peakTops() {
        return 2.0 * core.cim().peakMacsPerCycle() * coreCount * clockMegahertz() * 1e6 / 1e12;
    }
}
