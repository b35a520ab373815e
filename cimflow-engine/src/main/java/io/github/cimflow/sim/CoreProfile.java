package io.github.cimflow.sim;

import java.util.Map;

/**
 * Activity of one core during a simulation.
 *
 * @param core                 core id
 * @param finishCycle          cycle its last instruction completed (0 for an empty program)
 * @param executedInstructions dynamic instruction count
 * @param mvmCount             MVM vectors computed (a CIM_MVM with BATCH counts each vector)
 * @param unitBusyCycles       busy cycles by unit name (union of the unit's instruction intervals)
 * @param instructionCounts    executed instructions by opcode name, sorted
 * @param instructionCycles    cycles from issue to completion summed by opcode name, sorted
 * @param energyTree           this core's energy (units and local memories; global memory and NoC are chip-level)
 */
public record CoreProfile(int core, long finishCycle, long executedInstructions, long mvmCount,
                          Map<String, Long> unitBusyCycles, Map<String, Long> instructionCounts,
                          Map<String, Long> instructionCycles, EnergyNode energyTree) {
    public CoreProfile {
        unitBusyCycles = Map.copyOf(unitBusyCycles);
        instructionCounts = Map.copyOf(instructionCounts);
        instructionCycles = Map.copyOf(instructionCycles);
    }
}
