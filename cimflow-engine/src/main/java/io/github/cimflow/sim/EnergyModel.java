package io.github.cimflow.sim;

import io.github.cimflow.hw.CimUnitConfig;
import io.github.cimflow.hw.CoreConfig;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.MemoryConfig;
import io.github.cimflow.hw.ReduceFunctor;
import io.github.cimflow.hw.SimdFunctor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The energy counters of one core and how they become the energy tree. Dynamic energy is
 * accumulated per core in a {@code double[]} indexed by the component constants below; static
 * energy is static power × latency for every component of every core, busy or idle. Energies are
 * in picojoules (mW × ns).
 */
final class EnergyModel {
    static final int SCALAR = 0;
    static final int SRAM_READ = 1;
    static final int SRAM_WRITE = 2;
    static final int IPU = 3;
    static final int ADDER_TREE = 4;
    static final int SHIFT_ADDER = 5;
    static final int RESULT_ADDER = 6;
    private static final int FIRST_SIMD = 7;

    private final HardwareConfig hardware;
    private final MemoryLayout layout;
    private final int firstReduce;
    private final int firstMemory;
    final int componentCount;

    EnergyModel(HardwareConfig hardware, MemoryLayout layout) {
        this.hardware = hardware;
        this.layout = layout;
        CoreConfig core = hardware.core();
        firstReduce = FIRST_SIMD + core.simdFunctors().size();
        firstMemory = firstReduce + core.reduceFunctors().size();
        componentCount = firstMemory + 2 * layout.count;
    }

    int simd(int functor) {
        return FIRST_SIMD + functor;
    }

    int reduce(int functor) {
        return firstReduce + functor;
    }

    int memoryRead(int memory) {
        return firstMemory + 2 * memory;
    }

    int memoryWrite(int memory) {
        return firstMemory + 2 * memory + 1;
    }

    /**
     * Builds the tree of one core (or of several cores summed, {@code cores} of them) from the
     * dynamic energies and the latency: CimUnit, LocalMemoryUnit, ReduceUnit, ScalarUnit, SIMDUnit.
     * Global memory accesses are left out; {@link #chipTree} puts them under GlobalMemory.
     */
    EnergyNode coreTree(String name, double[] dynamic, int cores, double latencyNanoseconds) {
        CoreConfig core = hardware.core();
        CimUnitConfig cim = core.cim();
        double time = latencyNanoseconds * cores;
        int macros = cim.macroTotalCount();
        int columns = cim.macro().elementsPerCompartment();
        List<EnergyNode> units = new ArrayList<>();

        List<EnergyNode> cimParts = new ArrayList<>();
        cimParts.add(leaf("adder tree", cim.adderTree().staticPowerMilliwatts() * columns * macros * time,
                dynamic[ADDER_TREE]));
        cimParts.add(leaf("ipu", cim.ipu().staticPowerMilliwatts() * cim.macroGroupCount() * time, dynamic[IPU]));
        cimParts.add(leaf("result adder", cim.resultAdder().staticPowerMilliwatts() * columns * macros * time,
                dynamic[RESULT_ADDER]));
        cimParts.add(leaf("shift adder", cim.shiftAdder().staticPowerMilliwatts() * columns * macros * time,
                dynamic[SHIFT_ADDER]));
        cimParts.add(leaf("sram leakage", cim.sram().staticPowerMilliwatts() * macros * time, 0));
        cimParts.add(leaf("sram read", 0, dynamic[SRAM_READ]));
        cimParts.add(leaf("sram write", 0, dynamic[SRAM_WRITE]));
        units.add(node("CimUnit", cimParts));

        List<EnergyNode> memories = new ArrayList<>();
        for (int id = 0; id < layout.count; id++) {
            int kind = layout.kind[id];
            if (kind != MemoryLayout.KIND_RAM && kind != MemoryLayout.KIND_REG_BUFFER) {
                continue;
            }
            MemoryConfig memory = layout.config[id];
            memories.add(node(memory.name(), List.of(
                    leaf("leakage", memory.staticPowerMilliwatts() * time, 0),
                    leaf("read", 0, dynamic[memoryRead(id)]),
                    leaf("write", 0, dynamic[memoryWrite(id)]))));
        }
        units.add(node("LocalMemoryUnit", memories));

        List<EnergyNode> reduceParts = new ArrayList<>();
        List<ReduceFunctor> reduceFunctors = core.reduceFunctors();
        for (int i = 0; i < reduceFunctors.size(); i++) {
            reduceParts.add(leaf(reduceFunctors.get(i).name(), reduceFunctors.get(i).staticPowerMilliwatts() * time,
                    dynamic[reduce(i)]));
        }
        units.add(node("ReduceUnit", reduceParts));

        units.add(leaf("ScalarUnit", core.scalarStaticPowerMilliwatts() * time, dynamic[SCALAR]));

        List<EnergyNode> simdParts = new ArrayList<>();
        List<SimdFunctor> simdFunctors = core.simdFunctors();
        for (int i = 0; i < simdFunctors.size(); i++) {
            SimdFunctor functor = simdFunctors.get(i);
            simdParts.add(leaf(functor.name(),
                    functor.staticPowerPerFunctorMilliwatts() * functor.functorCount() * time, dynamic[simd(i)]));
        }
        units.add(node("SIMDUnit", simdParts));

        return node(name, units);
    }

    /** The whole chip: Core Overview (all cores summed), GlobalMemory and Network. */
    EnergyNode chipTree(double[] dynamicAllCores, double networkPicojoules, double latencyNanoseconds) {
        EnergyNode overview = coreTree("Core Overview", dynamicAllCores, hardware.coreCount(), latencyNanoseconds);
        MemoryConfig global = hardware.globalMemory();
        int id = layout.globalId;
        EnergyNode globalNode = node("GlobalMemory", List.of(
                leaf("leakage", global.staticPowerMilliwatts() * latencyNanoseconds, 0),
                leaf("read", 0, dynamicAllCores[memoryRead(id)]),
                leaf("write", 0, dynamicAllCores[memoryWrite(id)])));
        EnergyNode network = leaf("Network", 0, networkPicojoules);
        return node("Chip", List.of(overview, globalNode, network));
    }

    static EnergyNode leaf(String name, double staticPicojoules, double dynamicPicojoules) {
        return new EnergyNode(name, staticPicojoules, dynamicPicojoules, List.of());
    }

    /** A node whose energies are its children's sums; children sorted by name. */
    static EnergyNode node(String name, List<EnergyNode> children) {
        List<EnergyNode> sorted = new ArrayList<>(children);
        sorted.sort(Comparator.comparing(EnergyNode::name));
        double staticSum = 0;
        double dynamicSum = 0;
        for (EnergyNode child : sorted) {
            staticSum += child.staticEnergyPicojoules();
            dynamicSum += child.dynamicEnergyPicojoules();
        }
        return new EnergyNode(name, staticSum, dynamicSum, sorted);
    }
}
