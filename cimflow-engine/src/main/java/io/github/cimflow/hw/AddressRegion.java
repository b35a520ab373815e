package io.github.cimflow.hw;

/**
 * One region of the unified byte address space ({@code address_space_config} entry, resolved).
 *
 * @param name      memory name the region maps to
 * @param baseAddress first byte address
 * @param sizeBytes length in bytes
 */
public record AddressRegion(String name, int baseAddress, int sizeBytes) {
    /** One past the last byte address. */
    public int endAddress() {
        return baseAddress + sizeBytes;
    }

    /** True when [address, address + length) lies inside the region. */
    public boolean contains(long address, long length) {
        return address >= baseAddress && address + length <= endAddress();
    }
}
