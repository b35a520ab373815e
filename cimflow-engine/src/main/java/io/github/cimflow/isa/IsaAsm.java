package io.github.cimflow.isa;

import io.github.cimflow.CimflowException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
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
 * The assembly form: one instruction per line under {@code # Core N} headers, operands in the order
 * of CIMFlow's documentation ({@code G_LI r0, 1060352}, {@code MEM_CPY r1, r0, r2, 0, SRC_O},
 * {@code VEC_ADD_1 r4, r1, r2, r3}, {@code SC_LD r2, 4(r1)}, {@code S_LI VEC_IBW1, 8}).
 *
 * <p>The writer puts the metadata on a {@code # metadata {...}} line before the first core and
 * writes immediates in decimal. The reader accepts decimal and hexadecimal ({@code 0x1000},
 * {@code -0x10}) immediates, special registers by name or id, comments after {@code #}, {@code ;} or
 * {@code //}, flags separated by commas or {@code |}, and three older forms: {@code CIM_MVM} with three
 * registers (rf = r0), {@code VEC_ADD r4, r1, r2, r3, 1} with the input count − 1 as a last operand,
 * and CIMCompiler's {@code SEND r0 to r1[r2], size: r3, trans-id: r4}.
 * Instructions before the first header belong to core 0.
 */
public final class IsaAsm {
    private static final String METADATA_PREFIX = "# metadata ";
    private static final java.util.regex.Pattern DESCRIPTIVE_SEND = java.util.regex.Pattern.compile(
            "(\\S+)\\s+to\\s+(\\S+?)\\s*\\[\\s*(\\S+?)\\s*\\]\\s*,\\s*size\\s*:\\s*(\\S+?)\\s*,"
                    + "\\s*trans-id\\s*:\\s*(\\S+)");

    private IsaAsm() {
    }

    /** Reads an assembly file. */
    public static IsaProgram read(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new CimflowException(file + ": cannot read the assembly file: " + e.getMessage(), e);
        }
    }

    /** Reads assembly text; {@code source} names it in messages. */
    public static IsaProgram read(Reader reader, String source) throws IOException {
        BufferedReader in = reader instanceof BufferedReader buffered ? buffered : new BufferedReader(reader);
        Map<Integer, List<Instruction>> cores = new TreeMap<>();
        ProgramMetadata metadata = new ProgramMetadata(0, 0, null, null, null, null);
        List<Instruction> current = null;
        int core = 0;
        int lineNumber = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            String text = line.strip();
            if (text.startsWith(METADATA_PREFIX.strip())) {
                metadata = IsaJson.parseMetadata(text.substring(METADATA_PREFIX.strip().length()).strip(),
                        source + " line " + lineNumber);
                continue;
            }
            int header = coreHeader(text);
            if (header >= 0) {
                if (cores.containsKey(header)) {
                    throw new CimflowException(source + " line " + lineNumber + ": core " + header
                            + " appears twice; each core needs exactly one '# Core N' header");
                }
                core = header;
                current = new ArrayList<>();
                cores.put(core, current);
                continue;
            }
            String code = stripComment(text);
            if (code.isEmpty()) {
                continue;
            }
            if (current == null) {
                current = new ArrayList<>();
                cores.put(0, current);
            }
            current.add(parseLine(code, source, lineNumber, core, current.size()));
        }
        return new IsaProgram(metadata, IsaJson.contiguousCores(cores, source));
    }

    /** Parses assembly text held in a string. */
    public static IsaProgram parse(String text, String source) {
        try {
            return read(new StringReader(text), source);
        } catch (IOException e) {
            throw new IllegalStateException("a StringReader does not fail", e);
        }
    }

    /** Writes a program to a file in the assembly form. */
    public static void write(IsaProgram program, Path file) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(program, out);
        } catch (IOException e) {
            throw new CimflowException(file + ": cannot write the assembly file: " + e.getMessage(), e);
        }
    }

    /** Writes a program in the assembly form; the caller closes the writer. */
    public static void write(IsaProgram program, Writer writer) throws IOException {
        BufferedWriter out = writer instanceof BufferedWriter buffered ? buffered : new BufferedWriter(writer);
        out.write(METADATA_PREFIX);
        out.write(IsaJson.metadataJson(program.metadata()));
        out.write('\n');
        StringBuilder line = new StringBuilder(64);
        for (int core = 0; core < program.cores().size(); core++) {
            out.write("# Core " + core + "\n");
            List<Instruction> instructions = program.cores().get(core);
            for (int index = 0; index < instructions.size(); index++) {
                line.setLength(0);
                InstructionCodec.validate(instructions.get(index), core, index);
                appendInstruction(instructions.get(index), line);
                out.append(line).append('\n');
            }
        }
        out.flush();
    }

    /** Formats a whole program in the assembly form. */
    public static String toAsm(IsaProgram program) {
        StringWriter out = new StringWriter();
        try {
            write(program, out);
        } catch (IOException e) {
            throw new IllegalStateException("a StringWriter does not fail", e);
        }
        return out.toString();
    }

    /** Checks one instruction and formats it as an assembly line without a newline. */
    public static String format(Instruction instruction) {
        InstructionCodec.validate(instruction, -1, -1);
        StringBuilder text = new StringBuilder();
        appendInstruction(instruction, text);
        return text.toString();
    }

    /** Parses one assembly line (no comment, no header) into an instruction. */
    public static Instruction parseInstruction(String line) {
        return parseLine(stripComment(line.strip()), "assembly", 1, -1, -1);
    }

    private static void appendInstruction(Instruction instruction, StringBuilder text) {
        OpcodeSpec spec = InstructionSet.spec(instruction.opcode());
        text.append(InstructionSet.mnemonic(instruction));
        boolean first = true;
        for (AsmOperand operand : spec.asmOperands()) {
            text.append(first ? " " : ", ");
            first = false;
            switch (operand) {
                case IMM -> text.append(instruction.imm());
                case IMM_OF_RS -> text.append(instruction.imm()).append("(r").append(instruction.rs()).append(')');
                default -> {
                    int value = operand.field().valueOf(instruction);
                    if (spec.isSpecial(operand.field())) {
                        text.append(SpecialRegister.nameOf(value));
                    } else {
                        text.append('r').append(value);
                    }
                }
            }
        }
        if (InstructionSet.hasSourceOffset(instruction.opcode())) {
            text.append(", SRC_O");
        }
        if (InstructionSet.hasDestinationOffset(instruction.opcode())) {
            text.append(", DST_O");
        }
        for (Flag flag : Flag.values()) {
            if (instruction.hasFlag(flag.mask())) {
                text.append(", ").append(flag.name());
            }
        }
    }

    /** Returns the core id of a {@code # Core N} header line, or -1 for any other line. */
    private static int coreHeader(String text) {
        if (!text.startsWith("#")) {
            return -1;
        }
        String rest = text.substring(1).strip();
        if (rest.length() < 5 || !rest.regionMatches(true, 0, "core", 0, 4)
                || !Character.isWhitespace(rest.charAt(4))) {
            return -1;
        }
        String number = rest.substring(5).strip();
        if (number.isEmpty() || number.length() > 9) {
            return -1;
        }
        for (int i = 0; i < number.length(); i++) {
            if (!Character.isDigit(number.charAt(i))) {
                return -1;
            }
        }
        return Integer.parseInt(number);
    }

    private static String stripComment(String text) {
        int end = text.length();
        int hash = text.indexOf('#');
        if (hash >= 0) {
            end = Math.min(end, hash);
        }
        int semicolon = text.indexOf(';');
        if (semicolon >= 0) {
            end = Math.min(end, semicolon);
        }
        int slashes = text.indexOf("//");
        if (slashes >= 0) {
            end = Math.min(end, slashes);
        }
        return text.substring(0, end).strip();
    }

    private static Instruction parseLine(String code, String source, int lineNumber, int core, int index) {
        LineParser parser = new LineParser(code, source, lineNumber, core, index);
        return parser.parse();
    }

    /** Parses one instruction line; every error names the file and line. */
    private static final class LineParser {
        private final String code;
        private final String source;
        private final int lineNumber;
        private final int core;
        private final int index;

        LineParser(String code, String source, int lineNumber, int core, int index) {
            this.code = code;
            this.source = source;
            this.lineNumber = lineNumber;
            this.core = core;
            this.index = index;
        }

        Instruction parse() {
            int space = 0;
            while (space < code.length() && !Character.isWhitespace(code.charAt(space))) {
                space++;
            }
            String name = code.substring(0, space).toUpperCase(Locale.ROOT);
            if (name.equals("SEND") && code.contains(" to ")) {
                return descriptiveSend(code.substring(space).strip());
            }
            List<String> operands = splitOperands(code.substring(space));

            InstructionSet.Mnemonic mnemonic = InstructionSet.lookupMnemonic(name);
            if (mnemonic == null) {
                mnemonic = olderVectorForm(name, operands);
            }
            if (mnemonic == null) {
                throw error("unknown mnemonic '" + name + "'; see docs/isa.md for the instruction list");
            }
            return build(mnemonic, name, operands);
        }

        /** CIMCompiler's {@code SEND rs to rt[rd], size: re, trans-id: rf}. */
        private Instruction descriptiveSend(String text) {
            java.util.regex.Matcher matcher = DESCRIPTIVE_SEND.matcher(text);
            if (!matcher.matches()) {
                throw error("'" + code + "' is neither 'SEND rs, rt, rd, re, rf' nor "
                        + "'SEND rs to rt[rd], size: re, trans-id: rf'");
            }
            List<String> operands = new ArrayList<>();
            for (int group = 1; group <= 5; group++) {
                operands.add(matcher.group(group));
            }
            return build(InstructionSet.lookupMnemonic("SEND"), "SEND", operands);
        }

        /** {@code VEC_ADD r4, r1, r2, r3, 1}: the funct name without suffix and the input count − 1 last. */
        private InstructionSet.Mnemonic olderVectorForm(String name, List<String> operands) {
            for (VectorFunct funct : VectorFunct.values()) {
                if (funct.name().equals(name) && operands.size() == 5) {
                    long extraInputs = parseNumber(operands.remove(4), "input count - 1");
                    if (extraInputs < 0 || extraInputs > 3) {
                        throw error("the last operand of " + name + " is the input count - 1 and must be 0..3, not "
                                + extraInputs);
                    }
                    return new InstructionSet.Mnemonic(InstructionSet.vectorOpcode((int) extraInputs + 1),
                            funct.code());
                }
            }
            return null;
        }

        private Instruction build(InstructionSet.Mnemonic mnemonic, String name, List<String> operands) {
            OpcodeSpec spec = InstructionSet.spec(mnemonic.opcode());
            List<AsmOperand> order = spec.asmOperands();
            int[] values = new int[Field.values().length];
            values[Field.FUNCT.ordinal()] = mnemonic.funct();

            int required = order.size();
            if (mnemonic.opcode() == Opcode.CIM_MVM && (operands.size() == 3 || operands.size() > 3
                    && isFlagName(operands.get(3)))) {
                required = 3;
            }
            if (operands.size() < required) {
                throw error(name + " expects " + describe(order) + ", got " + operands.size() + " operand"
                        + (operands.size() == 1 ? "" : "s"));
            }
            for (int i = 0; i < required; i++) {
                AsmOperand operand = order.get(i);
                String token = operands.get(i);
                switch (operand) {
                    case IMM -> values[Field.IMM.ordinal()] = parseImmediate(token);
                    case IMM_OF_RS -> parseBaseOffset(token, values);
                    default -> values[operand.field().ordinal()] = spec.isSpecial(operand.field())
                            ? parseSpecialRegister(token) : parseRegister(token);
                }
            }

            Opcode opcode = mnemonic.opcode();
            int flags = 0;
            boolean sourceOffset = false;
            boolean destinationOffset = false;
            for (String token : operands.subList(required, operands.size())) {
                String flagName = token.toUpperCase(Locale.ROOT);
                Flag flag = Flag.byName(flagName);
                if (opcode == Opcode.MEM_CPY && flagName.equals("SRC_O")) {
                    sourceOffset = true;
                } else if (opcode == Opcode.MEM_CPY && flagName.equals("DST_O")) {
                    destinationOffset = true;
                } else if (flag != null && spec.flagBits().containsKey(flag)) {
                    flags |= flag.mask();
                } else {
                    throw error("'" + token + "' is not a flag of " + name + " (" + name + " expects "
                            + describe(order) + validFlags(spec) + ")");
                }
            }
            if (opcode == Opcode.MEM_CPY) {
                opcode = InstructionSet.memCopyOpcode(sourceOffset, destinationOffset);
            }

            Instruction instruction = new Instruction(opcode, values[Field.RS.ordinal()], values[Field.RT.ordinal()],
                    values[Field.RD.ordinal()], values[Field.RE.ordinal()], values[Field.RF.ordinal()],
                    values[Field.FUNCT.ordinal()], values[Field.IMM.ordinal()], flags);
            try {
                InstructionCodec.validate(instruction, core, index);
            } catch (CimflowException e) {
                throw new CimflowException(source + " line " + lineNumber + ": " + e.getMessage());
            }
            return instruction;
        }

        private static boolean isFlagName(String token) {
            return Flag.byName(token.toUpperCase(Locale.ROOT)) != null;
        }

        private static String validFlags(OpcodeSpec spec) {
            List<String> names = new ArrayList<>();
            if (InstructionSet.isMemCopy(spec.opcode())) {
                names.add("SRC_O");
                names.add("DST_O");
            }
            for (Flag flag : spec.flagBits().keySet()) {
                names.add(flag.name());
            }
            return names.isEmpty() ? " and no flags" : " then the flags " + String.join(", ", names);
        }

        private static String describe(List<AsmOperand> order) {
            List<String> names = new ArrayList<>();
            for (AsmOperand operand : order) {
                names.add(operand == AsmOperand.IMM_OF_RS ? "imm(rs)" : operand.field().key());
            }
            return names.isEmpty() ? "no operands" : String.join(", ", names);
        }

        private List<String> splitOperands(String text) {
            List<String> operands = new ArrayList<>();
            String rest = text.strip();
            if (rest.isEmpty()) {
                return operands;
            }
            for (String part : rest.split(",", -1)) {
                String token = part.strip();
                if (token.isEmpty()) {
                    throw error("empty operand in '" + code + "'");
                }
                if (token.indexOf('|') >= 0) {
                    for (String flag : token.split("\\|", -1)) {
                        if (flag.isBlank()) {
                            throw error("empty flag in '" + token + "'");
                        }
                        operands.add(flag.strip());
                    }
                } else {
                    operands.add(token);
                }
            }
            return operands;
        }

        private int parseRegister(String token) {
            if (token.length() >= 2 && (token.charAt(0) == 'r' || token.charAt(0) == 'R')) {
                String digits = token.substring(1);
                if (digits.length() <= 3 && isDigits(digits)) {
                    int number = Integer.parseInt(digits);
                    if (number < InstructionSet.GENERAL_REGISTER_COUNT) {
                        return number;
                    }
                    throw error("register " + token + " is out of range r0..r31");
                }
            }
            throw error("'" + token + "' is not a general register (r0..r31)");
        }

        private int parseSpecialRegister(String token) {
            int id = SpecialRegister.idOf(token.toUpperCase(Locale.ROOT));
            if (id >= 0) {
                return id;
            }
            if (!token.isEmpty() && isDigits(token) && token.length() <= 3) {
                int number = Integer.parseInt(token);
                if (number < SpecialRegister.COUNT) {
                    return number;
                }
            }
            throw error("'" + token + "' is not a special register; use a name such as CIM_IBW or VEC_IBW1, "
                    + "RESERVED_<id>, or an id 0..31");
        }

        private static boolean isDigits(String text) {
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                    return false;
                }
            }
            return true;
        }

        private int parseImmediate(String token) {
            long value = parseNumber(token, "immediate");
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                throw error("immediate " + token + " is outside the 32-bit range");
            }
            return (int) value;
        }

        private void parseBaseOffset(String token, int[] values) {
            int open = token.indexOf('(');
            if (open < 0 || !token.endsWith(")")) {
                throw error("'" + token + "' is not an address of the form imm(rN), for example 4(r1)");
            }
            String offset = token.substring(0, open).strip();
            values[Field.IMM.ordinal()] = offset.isEmpty() ? 0 : parseImmediate(offset);
            values[Field.RS.ordinal()] = parseRegister(token.substring(open + 1, token.length() - 1).strip());
        }

        private long parseNumber(String token, String what) {
            String text = token;
            boolean negative = false;
            if (text.startsWith("-") || text.startsWith("+")) {
                negative = text.charAt(0) == '-';
                text = text.substring(1);
            }
            int radix = 10;
            if (text.startsWith("0x") || text.startsWith("0X")) {
                radix = 16;
                text = text.substring(2);
            }
            if (text.isEmpty() || text.length() > 12) {
                throw error("'" + token + "' is not a valid " + what + " (decimal or 0x hexadecimal)");
            }
            try {
                long value = Long.parseLong(text, radix);
                return negative ? -value : value;
            } catch (NumberFormatException e) {
                throw error("'" + token + "' is not a valid " + what + " (decimal or 0x hexadecimal)");
            }
        }

        private CimflowException error(String message) {
            String position = core >= 0 ? " (" + InstructionCodec.position(core, index) + ")" : "";
            return new CimflowException(source + " line " + lineNumber + position + ": " + message);
        }
    }
}
