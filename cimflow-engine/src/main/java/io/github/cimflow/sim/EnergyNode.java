package io.github.cimflow.sim;

import java.util.List;

/**
 * A node of the energy tree (Chip → Core Overview → units → events, GlobalMemory, Network).
 * Children are sorted by name; a node's energies are the sums of its children's when it has any.
 *
 * @param name     component name as CIMFlow's report prints it
 * @param staticEnergyPicojoules  leakage energy
 * @param dynamicEnergyPicojoules event energy
 * @param children sub-components
 */
public record EnergyNode(String name, double staticEnergyPicojoules, double dynamicEnergyPicojoules,
                         List<EnergyNode> children) {
    public EnergyNode {
        children = List.copyOf(children);
    }

    public double totalEnergyPicojoules() {
        return staticEnergyPicojoules + dynamicEnergyPicojoules;
    }
}
