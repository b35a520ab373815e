package io.github.cimflow.sim;

import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.isa.IsaProgram;
import io.github.cimflow.isa.LayerTable;
import io.github.cimflow.isa.Opcode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Executes every instruction of every core on the multi-core model and measures time and energy.
 * The timing rules are in {@code TimingModel}, the scheduling and hazard rules in {@code Engine};
 * docs/simulator.md describes the model and where it differs from CIMFlow's simulator.
 */
public final class Simulator {
    private Simulator() {
    }

    /**
     * Simulates a program. In data mode the memories start zeroed; use
     * {@link #run(IsaProgram, HardwareConfig, SimulationOptions, DataMemoryImage)} to preload them.
     *
     * @throws io.github.cimflow.CimflowException on a deadlock, a cycle budget overrun or an invalid access
     */
    public static SimulationResult run(IsaProgram program, HardwareConfig hardware, SimulationOptions options) {
        return run(program, hardware, options, null);
    }

    /**
     * Simulates a program on the given memory contents; in data mode the image contains the results
     * afterwards. In timing-only mode the image is not touched.
     */
    public static SimulationResult run(IsaProgram program, HardwareConfig hardware, SimulationOptions options,
                                       DataMemoryImage image) {
        return result(simulate(program, hardware, options, image, null), program);
    }

    /** Simulates a program and returns per-core detail as well; {@code image} may be null. */
    public static SimulationProfile profile(IsaProgram program, HardwareConfig hardware, SimulationOptions options,
                                            DataMemoryImage image) {
        return profile(program, hardware, options, image, null);
    }

    /**
     * Simulates a program and returns per-core detail and, when {@code layers} is not null, per-layer
     * detail. Timing and totals are the same with or without the table; the table costs simulation speed.
     *
     * @param layers the OP compiler's layer of every instruction of this program, or null
     */
    public static SimulationProfile profile(IsaProgram program, HardwareConfig hardware, SimulationOptions options,
                                            DataMemoryImage image, LayerTable layers) {
        Engine engine = simulate(program, hardware, options, image, layers);
        List<LayerProfile> layerProfiles = List.of();
        if (engine.layerProfiler != null) {
            engine.layerProfiler.finish();
            layerProfiles = engine.layerProfiler.profiles();
        }
        return summarize(engine, result(engine, program), layerProfiles);
    }

    private static Engine simulate(IsaProgram program, HardwareConfig hardware, SimulationOptions options,
                                   DataMemoryImage image, LayerTable layers) {
        DataMemoryImage memory = image;
        if (options.dataMode() && memory == null) {
            memory = new DataMemoryImage(hardware);
        }
        Engine engine = new Engine(program, hardware, options, options.dataMode() ? memory : null);
        if (layers != null) {
            engine.layerProfiler = new LayerProfiler(engine, layers);
        }
        engine.run();
        return engine;
    }

    /** Builds the headline numbers of a finished simulation, without the per-core detail of a profile. */
    private static SimulationResult result(Engine engine, IsaProgram program) {
        HardwareConfig hardware = engine.hardware();
        double period = hardware.periodNanoseconds();
        long cycles = 0;
        long executed = 0;
        long mvms = 0;
        double[] dynamic = new double[engine.energy.componentCount];
        for (Engine.Core core : engine.cores) {
            cycles = Math.max(cycles, core.finishCycle);
            executed += core.executed;
            mvms += core.mvmVectors;
            for (int i = 0; i < dynamic.length; i++) {
                dynamic[i] += core.energyPicojoules[i];
            }
        }
        double latencyNanoseconds = cycles * period;
        EnergyNode tree = engine.energy.chipTree(dynamic, engine.noc.energyPicojoules, latencyNanoseconds);

        Map<String, Double> busy = new TreeMap<>();
        int coreCount = engine.cores.length;
        for (int unit = 0; unit < Engine.UNIT_COUNT; unit++) {
            long total = 0;
            for (Engine.Core core : engine.cores) {
                total += core.unitBusyCycles[unit];
            }
            busy.put(Engine.UNIT_NAMES[unit], fraction(total, cycles, coreCount));
        }
        long injection = 0;
        for (int id = 0; id < coreCount; id++) {
            injection += engine.noc.injectionBusyCycles[id];
        }
        busy.put("noc", fraction(injection, cycles, coreCount));

        return new SimulationResult(latencyNanoseconds, cycles, tree.staticEnergyPicojoules(),
                tree.dynamicEnergyPicojoules(), program.metadata().opCount(), program.metadata().batchSize(),
                executed, mvms, tree, java.util.Collections.unmodifiableMap(busy));
    }

    private static SimulationProfile summarize(Engine engine, SimulationResult result, List<LayerProfile> layers) {
        double latencyNanoseconds = result.latencyNanoseconds();
        double period = engine.hardware().periodNanoseconds();
        List<CoreProfile> profiles = new ArrayList<>();
        for (Engine.Core core : engine.cores) {
            Map<String, Long> unitBusy = new TreeMap<>();
            for (int unit = 0; unit < Engine.UNIT_COUNT; unit++) {
                unitBusy.put(Engine.UNIT_NAMES[unit], core.unitBusyCycles[unit]);
            }
            Map<String, Long> counts = new TreeMap<>();
            Map<String, Long> opcodeCycles = new TreeMap<>();
            for (int code = 0; code < 64; code++) {
                if (core.opcodeCount[code] > 0) {
                    String name = opcodeName(code);
                    counts.merge(name, core.opcodeCount[code], Long::sum);
                    opcodeCycles.merge(name, core.opcodeCycles[code], Long::sum);
                }
            }
            EnergyNode coreTree = engine.energy.coreTree("Core " + core.id, core.energyPicojoules, 1,
                    latencyNanoseconds);
            profiles.add(new CoreProfile(core.id, core.finishCycle, core.executed, core.mvmVectors, unitBusy, counts,
                    opcodeCycles, coreTree));
        }
        return new SimulationProfile(result, profiles, engine.noc.messages, engine.noc.flits, period,
                engine.globalBytesRead, engine.globalBytesWritten, engine.localCopies, engine.globalLoads,
                engine.globalStores, layers);
    }

    /** Opcode name with the VEC_OP and MEM_CPY variants folded into one name each. */
    private static String opcodeName(int code) {
        Opcode opcode = Opcode.fromCode(code);
        String name = opcode == null ? "OPCODE_" + code : opcode.name();
        if (name.startsWith("VEC_OP")) {
            return "VEC_OP";
        }
        if (name.startsWith("MEM_CPY")) {
            return "MEM_CPY";
        }
        return name;
    }

    private static double fraction(long busyCycles, long cycles, int cores) {
        return cycles == 0 ? 0.0 : (double) busyCycles / ((double) cycles * cores);
    }
}
