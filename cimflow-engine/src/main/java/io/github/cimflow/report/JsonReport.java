package io.github.cimflow.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwareConfigs;
import io.github.cimflow.sim.EnergyNode;
import io.github.cimflow.sim.SimulationResult;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON report: every metric with its unit, the configuration summary, the energy tree, the
 * constants' sources, and CIMFlow's report keys ({@code latency_} in ms, {@code average_power_} in
 * mW, {@code total_energy_} in pJ, {@code TOPS_}, {@code TOPS_per_W_}, {@code op_count_},
 * {@code module_name_}, {@code energy_reporter_}) so existing {@code jq} scripts keep working.
 * {@code TOPS_} has the text report's meaning (the whole batch's operations); CIMFlow's single-image
 * formula is under {@code tops_cimflow_formula}. CIMFlow's {@code exec_time_} (wall-clock seconds)
 * is left out because result files must not depend on the machine. Keys are sorted.
 */
public final class JsonReport {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private JsonReport() {
    }

    public static String render(ReportInput input) {
        try {
            return MAPPER.writeValueAsString(tree(input)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings and numbers always serialize", e);
        }
    }

    static Map<String, Object> tree(ReportInput input) {
        SimulationResult result = input.profile().result();
        Metrics metrics = input.metrics();
        Map<String, Object> root = new TreeMap<>();

        root.put("latency_", metrics.latencyMilliseconds());
        root.put("average_power_", metrics.averagePowerMilliwatts());
        root.put("total_energy_", metrics.totalEnergyPicojoules());
        root.put("TOPS_", metrics.tops());
        root.put("TOPS_per_W_", metrics.topsPerWatt());
        root.put("op_count_", metrics.opCount());
        root.put("module_name_", result.energyTree().name());
        root.put("energy_reporter_", cimflowNode(result.energyTree()));

        Map<String, Object> values = new TreeMap<>();
        values.put("latency", metric(metrics.latencyMilliseconds(), "ms", "whole batch, maximum over cores"));
        values.put("latency_per_image", metric(metrics.latencyPerImageMilliseconds(), "ms", "latency / batch size"));
        values.put("cycles", metric(result.cycles(), "cycles", "whole batch, maximum over cores"));
        values.put("average_power", metric(metrics.averagePowerMilliwatts(), "mW", "total energy / latency"));
        values.put("total_energy", metric(metrics.totalEnergyPicojoules(), "pJ", "sum over components"));
        values.put("static_energy", metric(metrics.staticEnergyPicojoules(), "pJ", "sum over components"));
        values.put("dynamic_energy", metric(metrics.dynamicEnergyPicojoules(), "pJ", "sum over components"));
        values.put("tops", metric(metrics.tops(), "TOPS", "op_count × batch size / latency"));
        values.put("tops_per_w", metric(metrics.topsPerWatt(), "TOPS/W", "tops / average power"));
        values.put("tops_cimflow_formula", metric(metrics.cimflowFormulaTops(), "TOPS",
                "op_count of one image / latency of the batch (CIMFlow's TOPS)"));
        values.put("tops_per_w_cimflow_formula", metric(metrics.cimflowFormulaTopsPerWatt(), "TOPS/W",
                "tops_cimflow_formula / average power (CIMFlow's TOPS/W)"));
        values.put("op_count", metric(metrics.opCount(), "operations", "one image, 2 per MAC"));
        values.put("batch_size", metric(metrics.batchSize(), "images", "per program"));
        values.put("executed_instructions", metric(result.executedInstructions(), "instructions", "sum over cores"));
        values.put("mvm_count", metric(result.mvmCount(), "MVM vectors", "sum over cores"));
        values.put("noc_flits", metric(input.profile().nocFlits(), "flits", "sum over the network"));
        values.put("global_bytes_read", metric(input.profile().globalBytesRead(), "bytes", "sum over cores"));
        values.put("global_bytes_written", metric(input.profile().globalBytesWritten(), "bytes", "sum over cores"));
        values.put("mem_cpy_local", metric(input.profile().localCopies(), "instructions", "sum over cores"));
        values.put("mem_cpy_global_load", metric(input.profile().globalLoads(), "instructions", "sum over cores"));
        values.put("mem_cpy_global_store", metric(input.profile().globalStores(), "instructions", "sum over cores"));
        values.put("noc_messages", metric(input.profile().nocMessages(), "messages", "sum over the network"));
        root.put("metrics", values);

        Map<String, Object> busy = new TreeMap<>();
        result.unitBusyFraction().forEach((unit, value) -> busy.put(unit, value));
        root.put("unit_busy_fraction", busy);

        root.put("configuration", configuration(input));
        root.put("energy_tree", node(result.energyTree()));
        root.put("provenance", new TreeMap<>(input.hardware().provenance()));
        return root;
    }

    private static Map<String, Object> configuration(ReportInput input) {
        HardwareConfig hardware = input.hardware();
        ArchParams arch = hardware.archParams();
        Map<String, Object> configuration = new TreeMap<>();
        configuration.put("config_file", input.configSource());
        configuration.put("instruction_file", input.instructionFile());
        configuration.put("data_mode", input.dataModeName());
        configuration.put("simulation_mode", "run_one_round");
        configuration.put("macro_group_size", arch.macroGroupSize());
        configuration.put("macro_group_count", arch.macroGroupCount());
        configuration.put("flit_bytes", arch.flitBytes());
        configuration.put("core_count", arch.coreCount());
        configuration.put("period_ns", hardware.periodNanoseconds());
        configuration.put("peak_tops", hardware.peakTops());
        configuration.put("config_digest", HardwareConfigs.digest(hardware));
        return configuration;
    }

    private static Map<String, Object> metric(double value, String unit, String aggregation) {
        Map<String, Object> metric = new TreeMap<>();
        metric.put("value", value);
        metric.put("unit", unit);
        metric.put("aggregation", aggregation);
        return metric;
    }

    private static Map<String, Object> metric(long value, String unit, String aggregation) {
        Map<String, Object> metric = new TreeMap<>();
        metric.put("value", value);
        metric.put("unit", unit);
        metric.put("aggregation", aggregation);
        return metric;
    }

    /** CIMFlow's energy node form: {@code total_energy_, static_energy_, dynamic_energy_, sub_modules_}. */
    static Map<String, Object> cimflowNode(EnergyNode node) {
        Map<String, Object> json = new TreeMap<>();
        json.put("total_energy_", node.totalEnergyPicojoules());
        json.put("static_energy_", node.staticEnergyPicojoules());
        json.put("dynamic_energy_", node.dynamicEnergyPicojoules());
        Map<String, Object> children = new TreeMap<>();
        for (EnergyNode child : node.children()) {
            children.put(child.name(), cimflowNode(child));
        }
        json.put("sub_modules_", children);
        return json;
    }

    static Map<String, Object> node(EnergyNode node) {
        Map<String, Object> json = new TreeMap<>();
        json.put("name", node.name());
        json.put("total_energy_pJ", node.totalEnergyPicojoules());
        json.put("static_energy_pJ", node.staticEnergyPicojoules());
        json.put("dynamic_energy_pJ", node.dynamicEnergyPicojoules());
        if (!node.children().isEmpty()) {
            json.put("children", node.children().stream().map(JsonReport::node).toList());
        }
        return json;
    }
}
