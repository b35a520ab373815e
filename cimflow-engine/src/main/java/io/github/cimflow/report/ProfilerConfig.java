package io.github.cimflow.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cimflow.CimflowException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Profiling settings, read from a CIMFlow profiler configuration ({@code profiler_config.json}) or
 * built in ({@code -p from-config}).
 *
 * @param profiling         whether to profile at all
 * @param reportToJson      whether to write the JSON profile
 * @param jsonFlat          whether JSON keys are full dotted names (else nested {@code sub} objects)
 * @param jsonFile          where the JSON profile goes; a relative path is resolved against the
 *                          profiler configuration's directory (the output directory for the built-in one)
 * @param eachCore          whether to list every core, not only the chip summary
 * @param instructionTypes  whether to profile by opcode
 */
public record ProfilerConfig(boolean profiling, boolean reportToJson, boolean jsonFlat, Path jsonFile,
                             boolean eachCore, boolean instructionTypes) {

    /** Returns the built-in configuration: everything on, JSON to {@code profiling.json} in the output directory. */
    public static ProfilerConfig builtIn(Path outputDirectory) {
        return new ProfilerConfig(true, true, true, outputDirectory.resolve("profiling.json"), true, true);
    }

    /** Reads a CIMFlow profiler configuration; absent fields take CIMFlow's defaults. */
    public static ProfilerConfig read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (MalformedInputException e) {
            throw new CimflowException("profiler configuration " + file + ": not UTF-8 text (a binary file?); pass "
                    + "a profiler configuration JSON file or 'from-config'");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String position = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new CimflowException("profiler configuration " + file + ": invalid JSON" + position + " ("
                    + e.getOriginalMessage() + "); fix the file or pass 'from-config'");
        } catch (IOException e) {
            throw new CimflowException("profiler configuration " + file + ": cannot read it (" + e.getMessage()
                    + "); pass an existing JSON file or 'from-config'");
        }
        if (root == null || !root.isObject()) {
            throw new CimflowException("profiler configuration " + file + ": expected a JSON object");
        }
        JsonNode hardware = root.path("hardware_profiler_config");
        JsonNode instructions = root.path("inst_profiler_config");
        String json = root.path("json_file").asText("../report/profiling.json");
        Path directory = file.toAbsolutePath().getParent();
        return new ProfilerConfig(root.path("profiling").asBoolean(false), root.path("report_to_json").asBoolean(true),
                root.path("json_flat").asBoolean(true), directory.resolve(json).normalize(),
                hardware.path("each_core_profiling").asBoolean(false),
                instructions.path("inst_type_profiling").asBoolean(false));
    }
}
