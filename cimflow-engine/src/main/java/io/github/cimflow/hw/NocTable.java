package io.github.cimflow.hw;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * CIMFlow's NoC table ({@code {"latency": {src: {dst: cycles}}, "energy": {src: {dst: pJ}}}}): the cost
 * of one flit for every (source, destination) pair. Node ids are core ids, and -1 is the global memory.
 *
 * @param latencyCycles     cycles per flit, by source then destination
 * @param energyPicojoules  energy per flit, by source then destination
 */
public record NocTable(Map<Integer, Map<Integer, Integer>> latencyCycles,
                       Map<Integer, Map<Integer, Double>> energyPicojoules) {
    public NocTable {
        latencyCycles = sortedCopy(latencyCycles);
        energyPicojoules = sortedCopy(energyPicojoules);
    }

    /** Cycles per flit from src to dst, or -1 when the table has no such pair. */
    public int latencyCycles(int src, int dst) {
        Integer value = latencyCycles.getOrDefault(src, Map.of()).get(dst);
        return value == null ? -1 : value;
    }

    /** Picojoules per flit from src to dst, or NaN when the table has no such pair. */
    public double energyPicojoules(int src, int dst) {
        Double value = energyPicojoules.getOrDefault(src, Map.of()).get(dst);
        return value == null ? Double.NaN : value;
    }

    // Sorted maps keep toString, and so HardwareConfigs.digest, independent of the file's key order.
    private static <V> Map<Integer, Map<Integer, V>> sortedCopy(Map<Integer, Map<Integer, V>> rows) {
        TreeMap<Integer, Map<Integer, V>> copy = new TreeMap<>();
        rows.forEach((src, row) -> copy.put(src, Collections.unmodifiableMap(new TreeMap<>(row))));
        return Collections.unmodifiableMap(copy);
    }
}
