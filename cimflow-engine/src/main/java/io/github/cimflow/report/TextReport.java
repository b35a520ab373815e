package io.github.cimflow.report;

import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.sim.EnergyNode;
import io.github.cimflow.sim.SimulationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CIMFlow's text report ({@code simulation_<name>.txt}). The lines {@code latency:},
 * {@code average power:}, {@code total energy:}, {@code TOPS:} and {@code TOPS/W:} keep CIMFlow's
 * labels, 20-character padding and number formats, and no other line contains those labels, so
 * scripts that grep them and take field 3 keep working.
 */
public final class TextReport {
    private static final String[] RESERVED_LABELS = {"latency:", "average power:", "total energy:", "TOPS:", "TOPS/W:"};

    private TextReport() {
    }

    public static String render(ReportInput input, boolean everyCore) {
        SimulationResult result = input.profile().result();
        Metrics metrics = input.metrics();
        StringBuilder text = new StringBuilder();
        text.append("|*************** Simulation Report ***************|\n");
        text.append("Basic Information:\n");
        field(text, "config file:", input.configSource());
        field(text, "instruction file:", input.instructionFile());
        field(text, "simulation mode:", "run_one_round");
        field(text, "data mode:", input.dataModeName());
        ArchParams arch = input.hardware().archParams();
        field(text, "architecture:", arch.fileFragment());

        text.append("Simulation Result:\n");
        field(text, "latency:", CFormat.g6(metrics.latencyMilliseconds()) + " ms");
        field(text, "average power:", CFormat.f4(metrics.averagePowerMilliwatts()) + " mW");
        field(text, "total energy:", CFormat.f4(metrics.totalEnergyPicojoules()) + " pJ/it");
        field(text, "TOPS:", CFormat.f4(metrics.tops()));
        field(text, "TOPS/W:", CFormat.f4(metrics.topsPerWatt()));
        field(text, "OP_count:", Long.toString(metrics.opCount()));
        field(text, "batch size:", Integer.toString(metrics.batchSize()));
        field(text, "latency per image:", CFormat.g6(metrics.latencyPerImageMilliseconds()) + " ms");
        field(text, "cycles:", Long.toString(result.cycles()));
        field(text, "instructions:", Long.toString(result.executedInstructions()));
        field(text, "CIM_MVM count:", Long.toString(result.mvmCount()));
        field(text, "global read:", input.profile().globalBytesRead() + " bytes in "
                + input.profile().globalLoads() + " MEM_CPY");
        field(text, "global written:", input.profile().globalBytesWritten() + " bytes in "
                + input.profile().globalStores() + " MEM_CPY");
        field(text, "local MEM_CPY:", Long.toString(input.profile().localCopies()));
        for (Map.Entry<String, Double> busy : result.unitBusyFraction().entrySet()) {
            field(text, busy.getKey() + " busy:", CFormat.f4(busy.getValue()));
        }

        text.append("Energy report form:\n");
        energyForm(text, List.of(result.energyTree()), result.totalEnergyPicojoules());
        if (everyCore) {
            text.append("Every core energy form:\n");
            List<EnergyNode> cores = new ArrayList<>();
            input.profile().cores().forEach(core -> cores.add(core.energyTree()));
            energyForm(text, cores, result.totalEnergyPicojoules());
        }

        text.append("Energy constants:\n");
        for (Map.Entry<String, String> source : input.hardware().provenance().entrySet()) {
            text.append("  - ").append(source.getKey()).append(" = ").append(neutral(source.getValue())).append('\n');
        }
        return text.toString();
    }

    /** Appends one {@code "  - label     value"} line, the label padded to 20 characters. */
    static void field(StringBuilder text, String label, String value) {
        text.append("  - ").append(String.format(Locale.ROOT, "%-20s", label)).append(value).append('\n');
    }

    /** Removes the colon after a reserved label inside free text so greps match only the result lines. */
    private static String neutral(String value) {
        String result = value;
        for (String label : RESERVED_LABELS) {
            result = result.replace(label, label.substring(0, label.length() - 1) + " =");
        }
        return result;
    }

    /**
     * Appends the energy table: module name indented 4 spaces per level, then total, static and dynamic
     * energy as {@code %.3fpJ (%.2f%)} of the chip total; columns left-aligned to the widest cell
     * and separated by 4 spaces.
     */
    static void energyForm(StringBuilder text, List<EnergyNode> roots, double chipTotal) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"module", "total energy", "static energy", "dynamic energy"});
        for (EnergyNode root : roots) {
            collect(root, 0, chipTotal, rows);
        }
        int[] widths = new int[4];
        for (String[] row : rows) {
            for (int c = 0; c < 4; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("    ");
            for (int c = 0; c < 4; c++) {
                line.append(c < 3 ? String.format(Locale.ROOT, "%-" + widths[c] + "s    ", row[c]) : row[c]);
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static void collect(EnergyNode node, int level, double chipTotal, List<String[]> rows) {
        rows.add(new String[] {"    ".repeat(level) + node.name(), cell(node.totalEnergyPicojoules(), chipTotal),
                cell(node.staticEnergyPicojoules(), chipTotal), cell(node.dynamicEnergyPicojoules(), chipTotal)});
        for (EnergyNode child : node.children()) {
            collect(child, level + 1, chipTotal, rows);
        }
    }

    private static String cell(double picojoules, double chipTotal) {
        double percent = chipTotal > 0 ? picojoules / chipTotal * 100 : 0;
        return String.format(Locale.ROOT, "%.3fpJ (%.2f%%)", picojoules, percent);
    }
}
