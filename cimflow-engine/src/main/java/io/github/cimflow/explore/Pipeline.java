package io.github.cimflow.explore;

import io.github.cimflow.CimflowException;
import io.github.cimflow.cg.CgCompilation;
import io.github.cimflow.cg.CgProgram;
import io.github.cimflow.cg.CgSummary;
import io.github.cimflow.cg.GraphCompiler;
import io.github.cimflow.cg.Strategy;
import io.github.cimflow.hw.ArchParams;
import io.github.cimflow.hw.ConfigResolver;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.HardwareConfigJson;
import io.github.cimflow.hw.HardwareConfigs;
import io.github.cimflow.hw.HardwareValidator;
import io.github.cimflow.isa.IsaProgram;
import io.github.cimflow.model.Model;
import io.github.cimflow.onnx.DeclaredInputShape;
import io.github.cimflow.onnx.OnnxImporter;
import io.github.cimflow.op.BatchMemoryCheck;
import io.github.cimflow.op.OpCompilation;
import io.github.cimflow.op.OperatorCompiler;
import io.github.cimflow.sim.SimulationOptions;
import io.github.cimflow.sim.SimulationProfile;
import io.github.cimflow.sim.SimulationResult;
import io.github.cimflow.sim.Simulator;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One run from ONNX file to reports: import, graph-level compile, operator-level compile,
 * simulate, then write the text and JSON reports (with visualize the placement pictures, and with
 * keep_ir the CG IR, the ISA JSON and assembly and the run's log) into the output folder.
 */
public final class Pipeline implements RunExecutor {
    /** CIMFlow's input shape: its graph-level compiler sets the first input to 1×3×32×32. */
    public static final List<Integer> DEFAULT_INPUT_SHAPE = List.of(1, 3, 32, 32);

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss", Locale.ROOT);

    /**
     * Everything a run computed, before it is written.
     *
     * @param compilation the CG IR with the stage plans it came from (for placement pictures)
     * @param log         the run's log lines at its level, each {@code LEVEL: message}
     */
    public record Result(HardwareConfig hardware, CgCompilation compilation, IsaProgram isa,
                         SimulationProfile simulation, StageTimes stageTimes, List<String> log) {
        /** Returns the CG IR. */
        public CgProgram cg() {
            return compilation.program();
        }
    }

    /**
     * Resolves the hardware a run compiles for: the run's config file, else the preset of its four knobs,
     * with the run's dotted-path overrides applied and the result validated.
     */
    public static HardwareConfig hardware(RunSpec run) {
        ArchParams knobs = new ArchParams(run.t(), run.k(), run.b(), run.c());
        HardwareConfig config = ConfigResolver.resolve(knobs, run.configPath(), null);
        if (run.hardware() == null || run.hardware().isEmpty()) {
            return config;
        }
        HardwareConfig overridden = HardwareConfigJson.applyOverrides(config, run.hardware());
        HardwareValidator.validate(overridden, "hardware overrides " + run.hardware());
        return overridden;
    }

    /** Returns the input shape the run imports its model with. */
    public static int[] inputShape(RunSpec run) {
        List<Integer> shape = run.inputShape() == null ? DEFAULT_INPUT_SHAPE : run.inputShape();
        return shape.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Returns a warning when the run falls back to {@link #DEFAULT_INPUT_SHAPE} but the model declares
     * another static input shape, else null. A run with an explicit input shape gets none.
     */
    public static String defaultShapeWarning(RunSpec run) {
        if (run.inputShape() != null) {
            return null;
        }
        int[] used = inputShape(run);
        int[] declared = DeclaredInputShape.differingFrom(DeclaredInputShape.read(run.modelPath()), used);
        if (declared == null) {
            return null;
        }
        return "the model declares input shape " + joinDims(declared, "×") + ", but the run uses CIMFlow's default "
                + joinDims(used, "×") + "; pass --input-shape " + joinDims(declared, ",") + " to use the declared "
                + "shape (in a batch file: \"input_shape\": [" + joinDims(declared, ", ") + "])";
    }

    private static String joinDims(int[] dims, String separator) {
        return String.join(separator, java.util.Arrays.stream(dims).mapToObj(Integer::toString).toList());
    }

    /** Compiles and simulates one run without writing anything. */
    public static Result compute(RunSpec run) {
        return compute(run, line -> { });
    }

    /**
     * Compiles and simulates one run without writing anything; its log keeps the lines at the run's own
     * {@code log_level}, else INFO, and echoes none.
     *
     * @param stages receives CIMFlow's {@code === Compilation finished in X.XXs ===} line after compiling
     *               and {@code === Simulation finished in X.XXs ===} after simulating; with {@code dp}
     *               the simulation time includes {@link PlanSelection}'s compiles and simulations
     */
    public static Result compute(RunSpec run, Consumer<String> stages) {
        return compute(run, stages, new RunLog(RunLog.levelOf(run, null), RunNames.of(run), line -> { }));
    }

    /**
     * Compiles and simulates one run without writing anything.
     *
     * @param stages receives the stage lines, as above
     * @param log    receives the run's log lines: INFO one summary line per pipeline step, VERBOSE the CG
     *               partition and its stages, DEBUG each CG stage's layers and cores, TRACE the instruction
     *               count of every core
     */
    public static Result compute(RunSpec run, Consumer<String> stages, RunLog log) {
        long start = System.nanoTime();
        HardwareConfig hardware = hardware(run);
        log.log("INFO", "hardware: " + hardware.archParams().fileFragment() + ", config digest "
                + HardwareConfigs.digest(hardware));

        String shapeWarning = defaultShapeWarning(run);
        if (shapeWarning != null) {
            log.log("WARNING", shapeWarning);
        }
        Model model = OnnxImporter.load(run.modelPath(), inputShape(run));
        log.log("INFO", "model: " + run.modelPath() + " (" + model.graph().nodes().size()
                + " nodes after simplification)");
        Strategy strategy = Strategy.parse(run.strategy());
        BatchMemoryCheck.check(model.graph(), hardware, run.batchSize());
        CgCompilation compilation = GraphCompiler.compileDetailed(model, hardware, run.batchSize(), strategy);
        CgProgram cg = compilation.program();
        log.log("INFO", "graph-level: " + cg.cores().size() + " cores, op count " + cg.metadata().opCount());
        if (RunLog.shows(log.level(), "VERBOSE")) {
            // Indented summary lines describe one layer of a stage; the others the partition and its stages.
            for (String line : CgSummary.format(compilation).split("\\R")) {
                log.log(line.startsWith(" ") ? "DEBUG" : "VERBOSE", "graph-level: " + line.strip());
            }
        }
        OpCompilation operators = OperatorCompiler.compileWithStatistics(cg, hardware);
        IsaProgram isa = operators.program();
        log.log("INFO", "operator-level: " + isa.instructionCount() + " instructions");
        for (int core = 0; core < isa.cores().size() && RunLog.shows(log.level(), "TRACE"); core++) {
            log.log("TRACE", "operator-level: core " + core + ": " + isa.cores().get(core).size() + " instructions");
        }
        long compiled = System.nanoTime();
        stages.accept(String.format(Locale.ROOT, "=== Compilation finished in %.2fs ===", (compiled - start) / 1e9));

        boolean profiled = run.profile() != null && !run.profile().isEmpty();
        SimulationProfile simulation = Simulator.profile(isa, hardware, SimulationOptions.DEFAULT, null,
                profiled ? operators.program().layers() : null);
        if (strategy == Strategy.DP) {
            PlanSelection.Candidate selected = PlanSelection.select(
                    new PlanSelection.Candidate(strategy.cliName(), compilation, operators, simulation), model, hardware,
                    run.batchSize(), profiled, log);
            compilation = selected.compilation();
            isa = selected.operators().program();
            simulation = selected.simulation();
        }
        long simulated = System.nanoTime();
        stages.accept(String.format(Locale.ROOT, "=== Simulation finished in %.2fs ===", (simulated - compiled) / 1e9));
        SimulationResult headline = simulation.result();
        log.log("INFO", "simulation: " + headline.cycles() + " cycles, " + headline.executedInstructions()
                + " instructions executed, " + headline.mvmCount() + " CIM_MVM");

        StageTimes times = new StageTimes((compiled - start) / 1e9, (simulated - compiled) / 1e9,
                (simulated - start) / 1e9);
        return new Result(hardware, compilation, isa, simulation, times, log.lines());
    }

    /**
     * {@inheritDoc}
     *
     * <p>A preset is a function of the knobs and the engine's code, which the engine fingerprint
     * covers, so a preset run is keyed by its knobs and override values without building the
     * configuration (which costs more than the rest of a cached run). A configuration file can
     * reference further files, so a run with one is keyed by the digest of the resolved configuration.
     */
    @Override
    public String configurationKey(RunSpec run) {
        StringBuilder key = new StringBuilder();
        if (run.configPath() == null) {
            key.append("hardware=preset overrides=").append(new TreeMap<>(run.hardware() == null ? Map.of()
                    : run.hardware()));
        } else {
            key.append("hardware_sha256=").append(HardwareConfigs.digest(hardware(run)));
        }
        key.append(" knobs=").append(new ArchParams(run.t(), run.k(), run.b(), run.c()).fileFragment());
        key.append(" batch_size=").append(run.batchSize());
        key.append(" strategy=").append(run.strategy());
        key.append(" input_shape=").append(java.util.Arrays.toString(inputShape(run)));
        key.append(" profile=").append(profileKey(run.profile()));
        key.append(" visualize=").append(run.visualize());
        return key.toString();
    }

    private static String profileKey(String profile) {
        if (profile == null || profile.isEmpty() || profile.equals("from-config")) {
            return profile == null ? "" : profile;
        }
        return "sha256:" + ResultCache.fileSha256(Path.of(profile));
    }

    @Override
    public RunOutcome execute(RunSpec run, String name, Path outputDir, boolean keepIr, RunLog log) {
        String timestamp = timestamp();
        Result result = compute(run, line -> { }, log);
        return write(run, name, outputDir, keepIr, result, timestamp);
    }

    /** Formats the local time as CIMFlow stamps its runs, {@code yyyyMMdd_HHmmss}. */
    public static String timestamp() {
        return LocalDateTime.now().format(TIMESTAMP);
    }

    /** Writes a computed run's files into the output folder and returns what was written. */
    public static RunOutcome write(RunSpec run, String name, Path outputDir, boolean keepIr, Result result,
                                   String timestamp) {
        RunMetrics metrics = RunMetrics.of(result.simulation().result());
        Map<String, String> files = new TreeMap<>();
        ReportFiles.writeReports(run, name, outputDir, result, files);
        if (run.visualize()) {
            ReportFiles.writePlacements(name, outputDir, result, files);
        }
        if (keepIr) {
            ReportFiles.writeIntermediate(name, outputDir, result, files);
        }
        return new RunOutcome(metrics, files, result.stageTimes(), timestamp);
    }
}
