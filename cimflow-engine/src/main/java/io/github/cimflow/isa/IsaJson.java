package io.github.cimflow.isa;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.github.cimflow.CimflowException;
import io.github.cimflow.hw.ArchParams;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * CIMFlow's JSON instruction form: {@code {"metadata": {"op_count": N, ...}, "0": [{"opcode": 44,
 * "rd": 0, "imm": 1060352}, ...], "1": [...]}}, one array per core keyed by the decimal core id.
 *
 * <p>Writing emits only the keys an opcode uses, in the order opcode, rs, rt, rd, re, rf, funct, imm,
 * then the flags that are set as {@code true}; one instruction per line, cores in numeric order,
 * metadata keys sorted, then the optional {@code layers} key (a {@link LayerTable}, see
 * {@link LayerTableJson}) on lines of its own. Reading streams the file and also accepts what other
 * CIMFlow tools write: the SC_LD/SC_LDG destination in {@code rt} when {@code rd} is absent, unused
 * register keys holding -1 or 0, flags set to {@code false}, MEM_CPY offsets as {@code SRC_O}/{@code
 * DST_O} keys on opcode 48, and the informational keys {@code asm}, {@code opcode_binary} and
 * {@code inst_group_tag}.
 */
public final class IsaJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private IsaJson() {
    }

    /** Reads a JSON instruction file. */
    public static IsaProgram read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new CimflowException(file + ": cannot read the instruction file: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a JSON instruction file from a stream.
     *
     * @param source file name for messages
     */
    public static IsaProgram read(InputStream in, String source) {
        try (JsonParser parser = FACTORY.createParser(in)) {
            return new Reader(parser, source).readProgram();
        } catch (JsonProcessingException e) {
            throw new CimflowException(source + ": invalid JSON at line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CimflowException(source + ": cannot read the instruction file: " + e.getMessage(), e);
        }
    }

    /** Writes a program to a file in the JSON form. */
    public static void write(IsaProgram program, Path file) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(program, out);
        } catch (IOException e) {
            throw new CimflowException(file + ": cannot write the instruction file: " + e.getMessage(), e);
        }
    }

    /** Writes a program in the JSON form; the caller closes the writer. */
    public static void write(IsaProgram program, Writer writer) throws IOException {
        BufferedWriter out = writer instanceof BufferedWriter buffered ? buffered : new BufferedWriter(writer);
        out.write("{\n  \"metadata\": ");
        String metadata = metadataJson(program.metadata());
        if (program.layers() == null) {
            out.write(metadata);
        } else {
            // The table goes last, on lines of its own, so the first line stays short and greppable.
            out.write(metadata, 0, metadata.length() - 1);
            out.write(",\n    \"layers\": ");
            LayerTableJson.write(program.layers(), out);
            out.write('}');
        }
        StringBuilder line = new StringBuilder(96);
        for (int core = 0; core < program.cores().size(); core++) {
            List<Instruction> instructions = program.cores().get(core);
            out.write(",\n  \"" + core + "\": [");
            for (int index = 0; index < instructions.size(); index++) {
                line.setLength(0);
                line.append(index == 0 ? "\n    " : ",\n    ");
                appendInstruction(instructions.get(index), core, index, line);
                out.append(line);
            }
            out.write(instructions.isEmpty() ? "]" : "\n  ]");
        }
        out.write("\n}\n");
        out.flush();
    }

    /** Formats a whole program in the JSON form. */
    public static String toJson(IsaProgram program) {
        java.io.StringWriter out = new java.io.StringWriter();
        try {
            write(program, out);
        } catch (IOException e) {
            throw new IllegalStateException("a StringWriter does not fail", e);
        }
        return out.toString();
    }

    /** Checks one instruction and formats it as a JSON object on one line. */
    public static String instructionJson(Instruction instruction) {
        StringBuilder text = new StringBuilder();
        appendInstruction(instruction, -1, -1, text);
        return text.toString();
    }

    /**
     * Formats the metadata object on one line with sorted keys: {@code b}, {@code batch_size}, {@code c},
     * {@code config_digest}, {@code k}, {@code model}, {@code op_count}, {@code strategy}, {@code t}.
     * Null values and a batch size of 0 (not recorded) are left out.
     */
    public static String metadataJson(ProgramMetadata metadata) {
        Map<String, String> values = new TreeMap<>();
        values.put("op_count", Long.toString(metadata.opCount()));
        if (metadata.batchSize() != 0) {
            values.put("batch_size", Integer.toString(metadata.batchSize()));
        }
        ArchParams arch = metadata.arch();
        if (arch != null) {
            values.put("t", Integer.toString(arch.macroGroupSize()));
            values.put("k", Integer.toString(arch.macroGroupCount()));
            values.put("b", Integer.toString(arch.flitBytes()));
            values.put("c", Integer.toString(arch.coreCount()));
        }
        putString(values, "config_digest", metadata.configDigest());
        putString(values, "model", metadata.model());
        putString(values, "strategy", metadata.strategy());
        StringBuilder text = new StringBuilder("{");
        for (Map.Entry<String, String> entry : values.entrySet()) {
            if (text.length() > 1) {
                text.append(", ");
            }
            text.append('"').append(entry.getKey()).append("\": ").append(entry.getValue());
        }
        return text.append('}').toString();
    }

    /** Parses a metadata object as {@link #metadataJson} writes it. */
    public static ProgramMetadata parseMetadata(String json, String source) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            Reader reader = new Reader(parser, source);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new CimflowException(source + ": metadata must be a JSON object, got: " + json);
            }
            return reader.readMetadata();
        } catch (JsonProcessingException e) {
            throw new CimflowException(source + ": invalid metadata JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CimflowException(source + ": cannot read the metadata: " + e.getMessage(), e);
        }
    }

    private static void putString(Map<String, String> values, String key, String value) {
        if (value != null) {
            values.put(key, '"' + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + '"');
        }
    }

    private static void appendInstruction(Instruction instruction, int core, int index, StringBuilder text) {
        InstructionCodec.validate(instruction, core, index);
        OpcodeSpec spec = InstructionSet.spec(instruction.opcode());
        text.append("{\"opcode\": ").append(instruction.opcode().code());
        for (Field field : spec.fields().keySet()) {
            text.append(", \"").append(field.key()).append("\": ").append(field.valueOf(instruction));
        }
        for (Flag flag : Flag.values()) {
            if (instruction.hasFlag(flag.mask())) {
                text.append(", \"").append(flag.name()).append("\": true");
            }
        }
        text.append('}');
    }

    /** Streaming reader of one file. */
    private static final class Reader {
        private static final int ABSENT = Integer.MIN_VALUE;

        private final JsonParser parser;
        private final String source;
        private LayerTableJson.Runs layerRuns;

        Reader(JsonParser parser, String source) {
            this.parser = parser;
            this.source = source;
        }

        IsaProgram readProgram() throws IOException {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw error("the file must be a JSON object with \"metadata\" and one array per core (\"0\", \"1\", ...)");
            }
            ProgramMetadata metadata = null;
            Map<Integer, List<Instruction>> cores = new TreeMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                if (key.equals("metadata")) {
                    if (value != JsonToken.START_OBJECT) {
                        throw error("\"metadata\" must be an object");
                    }
                    metadata = readMetadata();
                    continue;
                }
                int core = parseCoreKey(key);
                if (value != JsonToken.START_ARRAY) {
                    throw error("core \"" + key + "\" must be an array of instruction objects");
                }
                if (cores.containsKey(core)) {
                    throw error("core " + core + " appears twice");
                }
                cores.put(core, readCore(core));
            }
            if (metadata == null) {
                throw error("the \"metadata\" object is missing; add {\"metadata\": {\"op_count\": 0}}");
            }
            List<List<Instruction>> coreList = contiguousCores(cores, source);
            LayerTable layers = layerRuns == null ? null : layerRuns.expand(coreList, source);
            return new IsaProgram(metadata, coreList, layers);
        }

        private int parseCoreKey(String key) {
            try {
                int core = Integer.parseInt(key);
                if (core >= 0 && key.equals(Integer.toString(core))) {
                    return core;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw error("key \"" + key + "\" is neither \"metadata\" nor a core id (\"0\", \"1\", ...)");
        }

        private List<Instruction> readCore(int core) throws IOException {
            List<Instruction> instructions = new ArrayList<>();
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token != JsonToken.START_OBJECT) {
                    throw error("core " + core + " instruction " + instructions.size() + " must be an object");
                }
                instructions.add(readInstruction(core, instructions.size()));
            }
            return instructions;
        }

        private Instruction readInstruction(int core, int index) throws IOException {
            JsonLocation start = parser.currentLocation();
            int[] values = new int[Field.values().length];
            java.util.Arrays.fill(values, ABSENT);
            int code = ABSENT;
            int flags = 0;
            boolean sourceOffset = false;
            boolean destinationOffset = false;

            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                Field field = fieldOf(key);
                if (key.equals("opcode")) {
                    code = intValue(value, key, core, index);
                } else if (field != null) {
                    values[field.ordinal()] = intValue(value, key, core, index);
                } else if (Flag.byName(key) != null && key.equals(Flag.byName(key).name())) {
                    if (flagValue(value, key, core, index)) {
                        flags |= Flag.byName(key).mask();
                    }
                } else if (key.equals("SRC_O")) {
                    sourceOffset = flagValue(value, key, core, index);
                } else if (key.equals("DST_O")) {
                    destinationOffset = flagValue(value, key, core, index);
                } else if (key.equals("asm") || key.equals("opcode_binary") || key.equals("inst_group_tag")) {
                    parser.skipChildren();
                } else {
                    throw error(at(core, index) + ": unknown key \"" + key + "\"; valid keys are opcode, rs, rt, rd,"
                            + " re, rf, funct, imm and the flags GRP, GRP_I, SP_V, SP_B, BATCH, GRP_B, OSUM, OSUM_MOV");
                }
            }

            if (code == ABSENT) {
                throw error(at(core, index) + ": the \"opcode\" key is missing", start);
            }
            Opcode opcode = Opcode.fromCode(code);
            if (opcode == null) {
                throw error(at(core, index) + ": unknown opcode " + code
                        + "; valid opcodes are listed in docs/isa.md", start);
            }

            if (sourceOffset || destinationOffset) {
                if (opcode != Opcode.MEM_CPY) {
                    throw error(at(core, index) + " (" + opcode + "): SRC_O/DST_O keys are valid only on opcode 48"
                            + " (MEM_CPY); opcodes 49..51 already carry the offsets", start);
                }
                opcode = InstructionSet.memCopyOpcode(sourceOffset, destinationOffset);
            }
            return toInstruction(opcode, values, flags, core, index, start);
        }

        private Instruction toInstruction(Opcode opcode, int[] values, int flags, int core, int index,
                                          JsonLocation start) {
            OpcodeSpec spec = InstructionSet.spec(opcode);
            boolean load = opcode == Opcode.SC_LD || opcode == Opcode.SC_LDG;
            if (load && values[Field.RD.ordinal()] == ABSENT && values[Field.RT.ordinal()] != ABSENT) {
                values[Field.RD.ordinal()] = values[Field.RT.ordinal()];
                values[Field.RT.ordinal()] = ABSENT;
            }
            String subject = at(core, index) + " (" + opcode + ")";
            for (Field field : Field.values()) {
                int value = values[field.ordinal()];
                if (spec.uses(field)) {
                    boolean optional = field == Field.FUNCT || field == Field.IMM
                            || (opcode == Opcode.CIM_MVM && field == Field.RF);
                    if (value == ABSENT && !optional) {
                        throw error(subject + ": the \"" + field.key() + "\" key is missing", start);
                    }
                    if (value == ABSENT) {
                        values[field.ordinal()] = 0;
                    }
                } else if (value == ABSENT || value == 0 || (value == -1 && field != Field.IMM)) {
                    values[field.ordinal()] = 0;
                } else {
                    throw error(subject + ": " + opcode + " does not use \"" + field.key() + "\" but it is " + value
                            + "; remove the key", start);
                }
            }
            Instruction instruction = new Instruction(opcode, values[Field.RS.ordinal()], values[Field.RT.ordinal()],
                    values[Field.RD.ordinal()], values[Field.RE.ordinal()], values[Field.RF.ordinal()],
                    values[Field.FUNCT.ordinal()], values[Field.IMM.ordinal()], flags);
            try {
                InstructionCodec.validate(instruction, core, index);
            } catch (CimflowException e) {
                throw error(e.getMessage(), start);
            }
            return instruction;
        }

        ProgramMetadata readMetadata() throws IOException {
            long opCount = 0;
            int batchSize = 0;
            Integer[] arch = new Integer[4];
            String[] archKeys = {"t", "k", "b", "c"};
            String digest = null;
            String model = null;
            String strategy = null;

            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (key) {
                    case "op_count" -> opCount = longValue(value, key);
                    case "batch_size" -> batchSize = (int) longValue(value, key);
                    case "t" -> arch[0] = (int) longValue(value, key);
                    case "k" -> arch[1] = (int) longValue(value, key);
                    case "b" -> arch[2] = (int) longValue(value, key);
                    case "c" -> arch[3] = (int) longValue(value, key);
                    case "config_digest" -> digest = stringValue(value, key);
                    case "model" -> model = stringValue(value, key);
                    case "strategy" -> strategy = stringValue(value, key);
                    case "layers" -> layerRuns = layerRuns(value);
                    default -> parser.skipChildren();
                }
            }

            ArchParams params = null;
            int present = 0;
            for (Integer value : arch) {
                present += value != null ? 1 : 0;
            }
            if (present == 4) {
                params = new ArchParams(arch[0], arch[1], arch[2], arch[3]);
            } else if (present > 0) {
                List<String> missing = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    if (arch[i] == null) {
                        missing.add(archKeys[i]);
                    }
                }
                throw error("metadata records only part of t, k, b, c; add " + String.join(", ", missing));
            }
            return new ProgramMetadata(opCount, batchSize, params, digest, model, strategy);
        }

        private LayerTableJson.Runs layerRuns(JsonToken token) throws IOException {
            if (token != JsonToken.START_OBJECT) {
                throw error("metadata \"layers\" must be an object with \"names\" and \"runs\", not "
                        + parser.getText());
            }
            return LayerTableJson.read(parser, this::error);
        }

        private int intValue(JsonToken token, String key, int core, int index) throws IOException {
            if (token != JsonToken.VALUE_NUMBER_INT) {
                throw error(at(core, index) + ": \"" + key + "\" must be an integer, not " + parser.getText());
            }
            long value = parser.getLongValue();
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                throw error(at(core, index) + ": \"" + key + "\" is " + value + ", outside the 32-bit range");
            }
            return (int) value;
        }

        private boolean flagValue(JsonToken token, String key, int core, int index) throws IOException {
            if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
                return token == JsonToken.VALUE_TRUE;
            }
            if (token == JsonToken.VALUE_NUMBER_INT && (parser.getIntValue() == 0 || parser.getIntValue() == 1)) {
                return parser.getIntValue() == 1;
            }
            throw error(at(core, index) + ": flag \"" + key + "\" must be true or false, not " + parser.getText());
        }

        private long longValue(JsonToken token, String key) throws IOException {
            if (token != JsonToken.VALUE_NUMBER_INT) {
                throw error("metadata \"" + key + "\" must be an integer, not " + parser.getText());
            }
            return parser.getLongValue();
        }

        private String stringValue(JsonToken token, String key) throws IOException {
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            if (token != JsonToken.VALUE_STRING) {
                throw error("metadata \"" + key + "\" must be a string, not " + parser.getText());
            }
            return parser.getText();
        }

        private static Field fieldOf(String key) {
            return switch (key) {
                case "rs" -> Field.RS;
                case "rt" -> Field.RT;
                case "rd" -> Field.RD;
                case "re" -> Field.RE;
                case "rf" -> Field.RF;
                case "funct" -> Field.FUNCT;
                case "imm" -> Field.IMM;
                default -> null;
            };
        }

        private static String at(int core, int index) {
            return InstructionCodec.position(core, index);
        }

        private CimflowException error(String message) {
            return error(message, parser.currentLocation());
        }

        private CimflowException error(String message, JsonLocation location) {
            return new CimflowException(String.format(Locale.ROOT, "%s line %d: %s", source, location.getLineNr(),
                    message));
        }
    }

    /** Turns cores keyed by id into a list, checking that the ids are 0..n-1. */
    static List<List<Instruction>> contiguousCores(Map<Integer, List<Instruction>> cores, String source) {
        List<List<Instruction>> list = new ArrayList<>(cores.size());
        int expected = 0;
        for (Map.Entry<Integer, List<Instruction>> entry : cores.entrySet()) {
            if (entry.getKey() != expected) {
                throw new CimflowException(source + ": core " + expected + " is missing (cores must be numbered 0.."
                        + (cores.size() - 1) + " without gaps, found core " + entry.getKey() + ")");
            }
            list.add(entry.getValue());
            expected++;
        }
        return list;
    }
}
