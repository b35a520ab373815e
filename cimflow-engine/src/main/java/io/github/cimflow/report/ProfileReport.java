package io.github.cimflow.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.cimflow.sim.CoreProfile;
import io.github.cimflow.sim.EnergyNode;
import io.github.cimflow.sim.LayerProfile;
import io.github.cimflow.sim.SimulationProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The profile of a simulation: busy time and energy per unit, for the chip (averaged over cores)
 * and per core, and executed count and time per opcode. Busy time is the union of the intervals
 * a unit spends on its instructions. Text lines follow CIMFlow's {@code name: X.XXXns (YY.YY%)}.
 *
 * <p>The layer section needs the OP compiler's layer table. A simulated pipeline run passes it to the
 * simulator, and {@code cimflow sim} reads it from the instruction file's metadata. Without a table
 * the text profile has one line saying so, and the JSON profile has no {@code layer_profiling} key.
 */
public final class ProfileReport {
    /** The text profile's line for a program without a layer table. */
    public static final String LAYERS_UNAVAILABLE = "Layer Profiling: unavailable, the program has no layer table "
            + "(ISA JSON files from cimflow compile op and run pipeline --keep-ir carry one)";

    /** Energy tree child that contains each unit's energy; the transfer unit's energy is in memories and NoC. */
    private static final Map<String, String> ENERGY_NODE = Map.of("scalar", "ScalarUnit", "vector", "SIMDUnit",
            "reduce", "ReduceUnit", "cim", "CimUnit");

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ProfileReport() {
    }

    /** Entries by dotted name: activity time in ns, its share of the latency, energy in pJ (or -1). */
    static Map<String, double[]> hardware(SimulationProfile profile, ProfilerConfig config) {
        Map<String, double[]> entries = new TreeMap<>();
        double period = profile.periodNanoseconds();
        double latency = profile.result().latencyNanoseconds();
        List<CoreProfile> cores = profile.cores();
        Map<String, Long> total = new TreeMap<>();
        for (CoreProfile core : cores) {
            core.unitBusyCycles().forEach((unit, cycles) -> total.merge(unit, cycles, Long::sum));
        }
        EnergyNode overview = profile.result().energyTree().children().get(0);
        for (Map.Entry<String, Long> unit : total.entrySet()) {
            double nanoseconds = unit.getValue() * period / Math.max(1, cores.size());
            entries.put("Chip.Core Overview." + unit.getKey(), new double[] {nanoseconds, share(nanoseconds, latency),
                    energy(overview, unit.getKey())});
        }
        if (config.eachCore()) {
            for (CoreProfile core : cores) {
                for (Map.Entry<String, Long> unit : core.unitBusyCycles().entrySet()) {
                    double nanoseconds = unit.getValue() * period;
                    entries.put("Chip.Core " + core.core() + "." + unit.getKey(), new double[] {nanoseconds,
                            share(nanoseconds, latency), energy(core.energyTree(), unit.getKey())});
                }
            }
        }
        return entries;
    }

    /** Entries by opcode (and by core when each core is profiled): count, summed issue-to-completion ns. */
    static Map<String, double[]> instructions(SimulationProfile profile, ProfilerConfig config) {
        Map<String, double[]> entries = new TreeMap<>();
        double period = profile.periodNanoseconds();
        for (CoreProfile core : profile.cores()) {
            for (Map.Entry<String, Long> opcode : core.instructionCounts().entrySet()) {
                double nanoseconds = core.instructionCycles().get(opcode.getKey()) * period;
                double[] sum = entries.computeIfAbsent(opcode.getKey(), key -> new double[2]);
                sum[0] += opcode.getValue();
                sum[1] += nanoseconds;
                if (config.eachCore()) {
                    entries.put("Core_" + core.core() + "_" + opcode.getKey(),
                            new double[] {opcode.getValue(), nanoseconds});
                }
            }
        }
        return entries;
    }

    /** One layer's totals, summed over the cores that run it (or for one core). */
    private static final class LayerTotals {
        long instructions;
        final Map<String, Double> busyNanoseconds = new TreeMap<>();
        final Map<String, Double> energyPicojoules = new TreeMap<>();

        void add(LayerProfile profile, double period) {
            instructions += profile.executedInstructions();
            profile.unitBusyCycles().forEach((unit, cycles) -> busyNanoseconds.merge(unit, cycles * period, Double::sum));
            for (EnergyNode unit : profile.energyTree().children()) {
                energyPicojoules.merge(unit.name(), unit.totalEnergyPicojoules(), Double::sum);
            }
            energyPicojoules.merge("GlobalMemory", profile.globalMemoryPicojoules(), Double::sum);
        }

        double totalEnergyPicojoules() {
            return energyPicojoules.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        Map<String, Object> json() {
            Map<String, Object> leaf = new TreeMap<>();
            leaf.put("instructions", instructions);
            leaf.put("busy_time_ns", busyNanoseconds);
            Map<String, Object> energy = new TreeMap<>(energyPicojoules);
            energy.put("total", totalEnergyPicojoules());
            leaf.put("dynamic_energy_pJ", energy);
            return leaf;
        }
    }

    /** Per-layer totals by layer name, and per core by {@code <core id>} inside each when each core is profiled. */
    private static Map<String, LayerTotals> layers(SimulationProfile profile) {
        Map<String, LayerTotals> totals = new TreeMap<>();
        for (LayerProfile layer : profile.layers()) {
            totals.computeIfAbsent(layer.layer(), name -> new LayerTotals()).add(layer, profile.periodNanoseconds());
        }
        return totals;
    }

    private static double share(double nanoseconds, double latency) {
        return latency > 0 ? nanoseconds / latency * 100 : 0;
    }

    private static double energy(EnergyNode core, String unit) {
        String name = ENERGY_NODE.get(unit);
        if (name == null) {
            return -1;
        }
        for (EnergyNode child : core.children()) {
            if (child.name().equals(name)) {
                return child.totalEnergyPicojoules();
            }
        }
        return -1;
    }

    /** Renders the {@code Profiling:} section appended to the text report. */
    public static String text(SimulationProfile profile, ProfilerConfig config) {
        StringBuilder text = new StringBuilder("\nProfiling:\nHardware Profiling:\n");
        for (Map.Entry<String, double[]> entry : hardware(profile, config).entrySet()) {
            double[] value = entry.getValue();
            text.append('\t').append(entry.getKey()).append(": ")
                    .append(String.format(Locale.ROOT, "%.3fns (%.2f%%)", value[0], value[1]));
            if (value[2] >= 0) {
                text.append(String.format(Locale.ROOT, ", energy %.3fpJ", value[2]));
            }
            text.append('\n');
        }
        if (!profile.layers().isEmpty()) {
            text.append("Layer Profiling (busy time and dynamic energy summed over cores):\n");
            for (Map.Entry<String, LayerTotals> entry : layers(profile).entrySet()) {
                appendLayer(text, entry.getKey(), entry.getValue());
            }
            if (config.eachCore()) {
                for (LayerProfile layer : profile.layers()) {
                    LayerTotals one = new LayerTotals();
                    one.add(layer, profile.periodNanoseconds());
                    appendLayer(text, "Core_" + layer.core() + " " + layer.layer(), one);
                }
            }
        } else {
            text.append(LAYERS_UNAVAILABLE).append('\n');
        }
        if (config.instructionTypes()) {
            text.append("Instruction Profiling:\n");
            for (Map.Entry<String, double[]> entry : instructions(profile, config).entrySet()) {
                double[] value = entry.getValue();
                text.append('\t').append(entry.getKey()).append(": ")
                        .append(String.format(Locale.ROOT, "%.3fns, count %d", value[1], (long) value[0]))
                        .append('\n');
            }
        }
        return text.toString();
    }

    private static void appendLayer(StringBuilder text, String name, LayerTotals totals) {
        text.append('\t').append(name).append(": instructions ").append(totals.instructions);
        for (Map.Entry<String, Double> unit : totals.busyNanoseconds.entrySet()) {
            if (unit.getValue() > 0) {
                text.append(String.format(Locale.ROOT, ", %s %.3fns", unit.getKey(), unit.getValue()));
            }
        }
        text.append(String.format(Locale.ROOT, ", dynamic energy %.3fpJ\n", totals.totalEnergyPicojoules()));
    }

    /**
     * Renders the JSON profile: {@code hardware_profiling}, {@code instruction_profiling} and, when the
     * simulation had a layer table, {@code layer_profiling}.
     */
    public static String json(SimulationProfile profile, ProfilerConfig config) {
        Map<String, Object> hardware = new TreeMap<>();
        for (Map.Entry<String, double[]> entry : hardware(profile, config).entrySet()) {
            Map<String, Object> leaf = new TreeMap<>();
            leaf.put("activity_time", entry.getValue()[0]);
            leaf.put("activity_percent", entry.getValue()[1]);
            if (entry.getValue()[2] >= 0) {
                leaf.put("energy_pJ", entry.getValue()[2]);
            }
            put(hardware, entry.getKey(), leaf, config.jsonFlat());
        }
        Map<String, Object> instructions = new TreeMap<>();
        if (config.instructionTypes()) {
            for (Map.Entry<String, double[]> entry : instructions(profile, config).entrySet()) {
                Map<String, Object> leaf = new TreeMap<>();
                leaf.put("activity_time", entry.getValue()[1]);
                leaf.put("count", (long) entry.getValue()[0]);
                instructions.put(entry.getKey(), leaf);
            }
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("hardware_profiling", hardware);
        root.put("instruction_profiling", instructions);
        if (!profile.layers().isEmpty()) {
            Map<String, Object> layers = new TreeMap<>();
            for (Map.Entry<String, LayerTotals> entry : layers(profile).entrySet()) {
                layers.put(entry.getKey(), entry.getValue().json());
            }
            if (config.eachCore()) {
                for (LayerProfile layer : profile.layers()) {
                    LayerTotals one = new LayerTotals();
                    one.add(layer, profile.periodNanoseconds());
                    @SuppressWarnings("unchecked")
                    Map<String, Object> leaf = (Map<String, Object>) layers.get(layer.layer());
                    @SuppressWarnings("unchecked")
                    Map<String, Object> cores = (Map<String, Object>) leaf.computeIfAbsent("cores",
                            key -> new TreeMap<String, Object>());
                    cores.put(String.valueOf(layer.core()), one.json());
                }
            }
            root.put("layer_profiling", layers);
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings and numbers always serialize", e);
        }
    }

    /** Puts a leaf under its dotted name, flat or as nested {@code sub} objects. */
    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, String name, Map<String, Object> leaf, boolean flat) {
        if (flat) {
            root.put(name, leaf);
            return;
        }
        String[] parts = name.split("\\.");
        Map<String, Object> level = root;
        for (int i = 0; i < parts.length - 1; i++) {
            Map<String, Object> child = (Map<String, Object>) level.computeIfAbsent(parts[i], key -> new TreeMap<>());
            level = (Map<String, Object>) child.computeIfAbsent("sub", key -> new TreeMap<>());
        }
        level.put(parts[parts.length - 1], leaf);
    }
}
