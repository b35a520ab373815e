package io.github.cimflow.sim;

import io.github.cimflow.CimflowException;
import io.github.cimflow.isa.LayerTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Splits each core's busy cycles and dynamic energy by layer while the engine runs. Around every
 * instruction it books the growth of the core's counters to that instruction's layer. Work that
 * finishes while the core is blocked (a SEND or RECV completed by the peer core) grows the counters
 * between two of the core's own steps. It goes to the blocked instruction, which is the one just
 * before the core's program counter when it resumes. The sums over layers therefore equal the
 * core totals (energy up to floating-point rounding). Only profiled runs use this class, so the
 * default simulation loop stays as fast as before.
 */
final class LayerProfiler {
    private final Engine engine;
    private final LayerTable table;
    private final int layerCount;
    private final int components;
    private final long[][] busyCycles;
    private final double[][] energyPicojoules;
    private final long[][] instructions;
    private final long[][] lastBusyCycles;
    private final double[][] lastEnergyPicojoules;

    LayerProfiler(Engine engine, LayerTable table) {
        this.engine = engine;
        this.table = table;
        int cores = engine.cores.length;
        if (table.layerOfInstruction().size() != cores) {
            throw new CimflowException("layer table lists " + table.layerOfInstruction().size() + " cores but the "
                    + "program has " + cores + "; use the table the OP compiler produced with this program");
        }
        for (Engine.Core core : engine.cores) {
            int length = table.layerOfInstruction().get(core.id).length;
            if (length != core.program.length) {
                throw new CimflowException("layer table lists " + length + " instructions for core " + core.id
                        + " but its program has " + core.program.length + "; use the table the OP compiler "
                        + "produced with this program");
            }
        }
        layerCount = table.layerNames().size();
        components = engine.energy.componentCount;
        busyCycles = new long[cores][layerCount * Engine.UNIT_COUNT];
        energyPicojoules = new double[cores][layerCount * components];
        instructions = new long[cores][layerCount];
        lastBusyCycles = new long[cores][Engine.UNIT_COUNT];
        lastEnergyPicojoules = new double[cores][components];
    }

    /** Executes one instruction of a core and books what it and any earlier blocked work added. */
    void step(Engine.Core core) {
        settle(core, layerBefore(core));
        int layer = layerAt(core, core.pc);
        instructions[core.id][layer]++;
        engine.step(core);
        settle(core, layer);
    }

    /** Books the work of blocked instructions that completed after each core's last step. */
    void finish() {
        for (Engine.Core core : engine.cores) {
            settle(core, layerBefore(core));
        }
    }

    private int layerBefore(Engine.Core core) {
        return layerAt(core, Math.max(0, Math.min(core.pc, core.program.length) - 1));
    }

    private int layerAt(Engine.Core core, int pc) {
        int[] layers = table.layerOfInstruction().get(core.id);
        return layers.length == 0 ? 0 : layers[pc];
    }

    private void settle(Engine.Core core, int layer) {
        long[] busy = busyCycles[core.id];
        long[] lastBusy = lastBusyCycles[core.id];
        for (int unit = 0; unit < Engine.UNIT_COUNT; unit++) {
            long grown = core.unitBusyCycles[unit] - lastBusy[unit];
            if (grown != 0) {
                busy[layer * Engine.UNIT_COUNT + unit] += grown;
                lastBusy[unit] = core.unitBusyCycles[unit];
            }
        }
        double[] energy = energyPicojoules[core.id];
        double[] lastEnergy = lastEnergyPicojoules[core.id];
        for (int component = 0; component < components; component++) {
            double grown = core.energyPicojoules[component] - lastEnergy[component];
            if (grown != 0) {
                energy[layer * components + component] += grown;
                lastEnergy[component] = core.energyPicojoules[component];
            }
        }
    }

    /** Returns one entry per core and layer that executed at least one instruction, by core then layer name. */
    List<LayerProfile> profiles() {
        List<LayerProfile> result = new ArrayList<>();
        int globalId = engine.layout.globalId;
        for (Engine.Core core : engine.cores) {
            Map<String, Integer> byName = new TreeMap<>();
            for (int layer = 0; layer < layerCount; layer++) {
                if (instructions[core.id][layer] > 0) {
                    byName.put(table.layerNames().get(layer), layer);
                }
            }
            for (Map.Entry<String, Integer> entry : byName.entrySet()) {
                int layer = entry.getValue();
                Map<String, Long> unitBusy = new TreeMap<>();
                for (int unit = 0; unit < Engine.UNIT_COUNT; unit++) {
                    unitBusy.put(Engine.UNIT_NAMES[unit], busyCycles[core.id][layer * Engine.UNIT_COUNT + unit]);
                }
                double[] dynamic = java.util.Arrays.copyOfRange(energyPicojoules[core.id], layer * components,
                        (layer + 1) * components);
                double global = dynamic[engine.energy.memoryRead(globalId)]
                        + dynamic[engine.energy.memoryWrite(globalId)];
                EnergyNode tree = engine.energy.coreTree(entry.getKey(), dynamic, 1, 0);
                result.add(new LayerProfile(core.id, entry.getKey(), instructions[core.id][layer], unitBusy, tree,
                        global));
            }
        }
        return result;
    }
}
