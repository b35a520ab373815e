package io.github.cimflow.isa;

import io.github.cimflow.CimflowException;
import io.github.cimflow.hw.AddressRegion;
import io.github.cimflow.hw.HardwareConfig;
import io.github.cimflow.hw.SimdInstruction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Checks a program statically, before it runs. Every field must be encodable and every branch target
 * inside the program. General registers must be written and special registers set before use on
 * every path, and every address that constants determine must lie inside a memory of the right kind.
 *
 * <p>Register values are tracked by a forward data-flow analysis over each core's control-flow graph:
 * G_LI, S_LI, SC_RR/SC_RI on known operands and the register moves give known values, and a register
 * whose values differ on the paths into a block (a loop counter at its loop head) becomes unknown.
 * Checks that need an unknown value are left to the simulator, which performs them as it executes.
 */
public final class ProgramVerifier {
    /** Problems listed in the message of {@link #verify}; the rest are counted. */
    private static final int PROBLEMS_IN_MESSAGE = 20;

    private ProgramVerifier() {
    }

    /**
     * Checks a program and returns every problem, in core and instruction order.
     *
     * @param hardware the configuration it will run on; null skips the address and value checks
     */
    public static List<VerificationProblem> check(IsaProgram program, HardwareConfig hardware) {
        List<VerificationProblem> problems = new ArrayList<>();
        if (hardware != null) {
            checkConfiguration(program, hardware, problems);
        }
        for (int core = 0; core < program.cores().size(); core++) {
            new CoreVerifier(core, program.cores().get(core), hardware, problems).run();
        }
        return problems;
    }

    /**
     * Checks a program and throws when it breaks a rule.
     *
     * @throws CimflowException listing the first problems and the total count
     */
    public static void verify(IsaProgram program, HardwareConfig hardware) {
        List<VerificationProblem> problems = check(program, hardware);
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder();
        message.append("the program breaks ").append(problems.size()).append(" verification rule")
                .append(problems.size() == 1 ? "" : "s").append(": ").append(problems.get(0).message());
        for (int i = 1; i < Math.min(problems.size(), PROBLEMS_IN_MESSAGE); i++) {
            message.append("\n  ").append(problems.get(i).message());
        }
        if (problems.size() > PROBLEMS_IN_MESSAGE) {
            message.append("\n  ... and ").append(problems.size() - PROBLEMS_IN_MESSAGE).append(" more");
        }
        throw new CimflowException(message.toString());
    }

    private static void checkConfiguration(IsaProgram program, HardwareConfig hardware,
                                           List<VerificationProblem> problems) {
        if (program.cores().size() > hardware.coreCount()) {
            problems.add(new VerificationProblem(-1, -1, null, VerificationRule.CONFIGURATION, String.format(
                    Locale.ROOT, "the program has %d cores but the hardware only %d; compile for this configuration",
                    program.cores().size(), hardware.coreCount())));
        }
        if (program.metadata().arch() != null && !program.metadata().arch().equals(hardware.archParams())) {
            problems.add(new VerificationProblem(-1, -1, null, VerificationRule.CONFIGURATION, String.format(
                    Locale.ROOT, "the program was compiled for %s but the hardware is %s; pass the configuration "
                            + "it was compiled for", program.metadata().arch().fileFragment(),
                    hardware.archParams().fileFragment())));
        }
    }

    /**
     * Register facts at one program point: the registers written on every path, and those with the
     * same known value on every path. Bits 0..31 are r0..r31, bits 32..63 the special registers.
     */
    private static final class State {
        long defined;
        long known;
        final int[] values = new int[64];

        State copy() {
            State copy = new State();
            copy.defined = defined;
            copy.known = known;
            System.arraycopy(values, 0, copy.values, 0, values.length);
            return copy;
        }

        /** Merges the state of another path into this one; returns whether this one changed. */
        boolean join(State other) {
            long equal = 0;
            long both = known & other.known;
            for (long bits = both; bits != 0; bits &= bits - 1) {
                int slot = Long.numberOfTrailingZeros(bits);
                if (values[slot] == other.values[slot]) {
                    equal |= 1L << slot;
                }
            }
            long newDefined = defined & other.defined;
            long newKnown = both & equal;
            boolean changed = newDefined != defined || newKnown != known;
            defined = newDefined;
            known = newKnown;
            return changed;
        }

        boolean isDefined(int slot) {
            return (defined >>> slot & 1) != 0;
        }

        boolean isKnown(int slot) {
            return (known >>> slot & 1) != 0;
        }

        void set(int slot, int value) {
            defined |= 1L << slot;
            known |= 1L << slot;
            values[slot] = value;
        }

        void setUnknown(int slot) {
            defined |= 1L << slot;
            known &= ~(1L << slot);
        }

        /** Returns the known value of a slot, or null. */
        Integer value(int slot) {
            return isKnown(slot) ? values[slot] : null;
        }
    }

    private static int special(SpecialRegister register) {
        return 32 + register.id();
    }

    /** Checks one core. */
    private static final class CoreVerifier {
        private final int core;
        private final List<Instruction> code;
        private final HardwareConfig hardware;
        private final List<VerificationProblem> problems;
        private final boolean[] encodable;

        CoreVerifier(int core, List<Instruction> code, HardwareConfig hardware, List<VerificationProblem> problems) {
            this.core = core;
            this.code = code;
            this.hardware = hardware;
            this.problems = problems;
            this.encodable = new boolean[code.size()];
        }

        void run() {
            int firstProblem = problems.size();
            int n = code.size();
            for (int i = 0; i < n; i++) {
                try {
                    InstructionCodec.validate(code.get(i), core, i);
                    encodable[i] = true;
                } catch (CimflowException e) {
                    String message = e.getMessage();
                    int colon = message.indexOf("): ");
                    report(i, VerificationRule.ENCODING, colon >= 0 ? message.substring(colon + 3) : message);
                }
            }
            if (n == 0) {
                return;
            }

            int[] blockStart = blockStarts(n);
            int blockCount = blockStart.length - 1;
            int[] blockOf = new int[n];
            for (int block = 0; block < blockCount; block++) {
                Arrays.fill(blockOf, blockStart[block], blockStart[block + 1], block);
            }

            State[] entry = new State[blockCount];
            entry[0] = new State();
            Deque<Integer> worklist = new ArrayDeque<>();
            boolean[] queued = new boolean[blockCount];
            worklist.add(0);
            queued[0] = true;
            while (!worklist.isEmpty()) {
                int block = worklist.poll();
                queued[block] = false;
                State state = entry[block].copy();
                for (int i = blockStart[block]; i < blockStart[block + 1]; i++) {
                    transfer(state, code.get(i));
                }
                for (int successor : successors(blockStart[block + 1] - 1)) {
                    int target = blockOf[successor];
                    boolean changed;
                    if (entry[target] == null) {
                        entry[target] = state.copy();
                        changed = true;
                    } else {
                        changed = entry[target].join(state);
                    }
                    if (changed && !queued[target]) {
                        worklist.add(target);
                        queued[target] = true;
                    }
                }
            }

            for (int block = 0; block < blockCount; block++) {
                if (entry[block] == null) {
                    continue;
                }
                State state = entry[block].copy();
                for (int i = blockStart[block]; i < blockStart[block + 1]; i++) {
                    if (encodable[i]) {
                        checkInstruction(state, i, code.get(i));
                    }
                    transfer(state, code.get(i));
                }
            }
            problems.subList(firstProblem, problems.size()).sort(Comparator.comparingInt(VerificationProblem::index));
        }

        /** Block boundaries: index 0, branch targets and the instruction after each branch, then n. */
        private int[] blockStarts(int n) {
            boolean[] leader = new boolean[n + 1];
            leader[0] = true;
            leader[n] = true;
            for (int i = 0; i < n; i++) {
                Instruction instruction = code.get(i);
                if (!encodable[i] || !InstructionSet.isBranch(instruction.opcode())) {
                    continue;
                }
                long target = (long) i + instruction.imm();
                if (target >= 0 && target < n) {
                    leader[(int) target] = true;
                } else {
                    report(i, VerificationRule.BRANCH_TARGET, String.format(Locale.ROOT,
                            "offset %d from instruction %d leads to %d, outside 0..%d; offsets count from the "
                                    + "branch itself", instruction.imm(), i, target, n - 1));
                }
                leader[i + 1] = true;
            }
            int count = 0;
            for (boolean start : leader) {
                count += start ? 1 : 0;
            }
            int[] starts = new int[count];
            int next = 0;
            for (int i = 0; i <= n; i++) {
                if (leader[i]) {
                    starts[next++] = i;
                }
            }
            return starts;
        }

        /** Instructions that may run after instruction {@code last}; a path past the end leaves the program. */
        private List<Integer> successors(int last) {
            Instruction instruction = code.get(last);
            List<Integer> next = new ArrayList<>(2);
            boolean branch = encodable[last] && InstructionSet.isBranch(instruction.opcode());
            if (!branch || instruction.opcode() != Opcode.JMP) {
                if (last + 1 < code.size()) {
                    next.add(last + 1);
                }
            }
            if (branch) {
                long target = (long) last + instruction.imm();
                if (target >= 0 && target < code.size()) {
                    next.add((int) target);
                }
            }
            return next;
        }

        /** Applies an instruction's register writes to the state. */
        private static void transfer(State state, Instruction instruction) {
            switch (instruction.opcode()) {
                case G_LI -> state.set(instruction.rd(), instruction.imm());
                case S_LI -> state.set(32 + instruction.rd(), instruction.imm());
                case SC_RR -> compute(state, instruction, state.value(instruction.rt()));
                case SC_RI -> compute(state, instruction, instruction.imm());
                case SC_LD, SC_LDG -> state.setUnknown(instruction.rd());
                case SG_MOV -> copy(state, 32 + instruction.rs(), instruction.rd());
                case GS_MOV -> copy(state, instruction.rs(), 32 + instruction.rd());
                default -> {
                }
            }
        }

        private static void compute(State state, Instruction instruction, Integer second) {
            Integer first = state.value(instruction.rs());
            ScalarFunct funct = ScalarFunct.fromCode(instruction.funct());
            if (first == null || second == null || funct == null) {
                state.setUnknown(instruction.rd());
                return;
            }
            try {
                state.set(instruction.rd(), funct.apply(first, second));
            } catch (ArithmeticException e) {
                state.setUnknown(instruction.rd());
            }
        }

        private static void copy(State state, int from, int to) {
            Integer value = state.value(from);
            if (value != null) {
                state.set(to, value);
            } else {
                state.setUnknown(to);
            }
        }

        private void checkInstruction(State state, int index, Instruction instruction) {
            checkReads(state, index, instruction);
            if (hardware != null) {
                new ValueChecker(this, state, index, instruction).check();
            }
        }

        private void checkReads(State state, int index, Instruction instruction) {
            OpcodeSpec spec = InstructionSet.spec(instruction.opcode());
            for (Field field : spec.fields().keySet()) {
                if (field == Field.FUNCT || field == Field.IMM || field == spec.writtenField()) {
                    continue;
                }
                if (field == Field.RF && instruction.opcode() == Opcode.CIM_MVM
                        && !instruction.hasFlag(Instruction.FLAG_BATCH)) {
                    continue;
                }
                int register = field.valueOf(instruction);
                if (spec.isSpecial(field)) {
                    checkSpecial(state, index, register);
                } else if (!state.isDefined(register)) {
                    report(index, VerificationRule.REGISTER_UNSET, String.format(Locale.ROOT,
                            "reads r%d (field %s), which is not written on every path from the program start; "
                                    + "load it with G_LI or compute it first", register, field.key()));
                }
            }
            for (SpecialRegister register : InstructionSet.specialRegistersRead(instruction)) {
                checkSpecial(state, index, register.id());
            }
        }

        private void checkSpecial(State state, int index, int id) {
            if (!state.isDefined(32 + id)) {
                report(index, VerificationRule.SPECIAL_REGISTER_UNSET, String.format(Locale.ROOT,
                        "uses special register %s, which is not set on every path from the program start; "
                                + "set it with S_LI or GS_MOV first", SpecialRegister.nameOf(id)));
            }
        }

        void report(int index, VerificationRule rule, String detail) {
            problems.add(new VerificationProblem(core, index, index >= 0 ? code.get(index) : null, rule, detail));
        }
    }

    /** Memory kinds an address may point into. */
    private enum MemoryKind {
        LOCAL("a local memory"), MACRO("the CIM macros"), GLOBAL("global memory");

        private final String text;

        MemoryKind(String text) {
            this.text = text;
        }
    }

    /** Checks addresses and operand values of one instruction whose registers hold known constants. */
    private static final class ValueChecker {
        private final CoreVerifier verifier;
        private final State state;
        private final int index;
        private final Instruction instruction;
        private final HardwareConfig hardware;

        ValueChecker(CoreVerifier verifier, State state, int index, Instruction instruction) {
            this.verifier = verifier;
            this.state = state;
            this.index = index;
            this.instruction = instruction;
            this.hardware = verifier.hardware;
        }

        void check() {
            switch (instruction.opcode()) {
                case MEM_CPY, MEM_CPY_DST_O, MEM_CPY_SRC_O, MEM_CPY_SRC_O_DST_O -> checkMemCopy();
                case CIM_MVM -> checkMatrixVector();
                case CIM_OUT -> checkCimOutput();
                case CIM_CFG -> checkCimConfiguration();
                case VEC_OP1, VEC_OP2, VEC_OP3, VEC_OP4 -> checkVector();
                case REDUCE -> checkReduce();
                case SC_LD, SC_ST -> range("word", add(grf(instruction.rs()), instruction.imm()), 4L, MemoryKind.LOCAL);
                case SC_LDG, SC_STG -> range("global word", add(grf(instruction.rs()), instruction.imm()), 4L,
                        MemoryKind.GLOBAL);
                case SEND -> {
                    Long size = grf(instruction.re());
                    range("source", grf(instruction.rs()), size, MemoryKind.LOCAL);
                    coreId("destination core", grf(instruction.rt()), false);
                    range("remote destination", grf(instruction.rd()), size, MemoryKind.LOCAL);
                    nonNegative("size (re)", size);
                }
                case RECV -> {
                    Long size = grf(instruction.re());
                    coreId("source core", grf(instruction.rs()), false);
                    range("destination", grf(instruction.rd()), size, MemoryKind.LOCAL);
                    nonNegative("size (re)", size);
                }
                case WAIT -> {
                    coreId("source core", grf(instruction.rs()), true);
                    nonNegative("expected count (rd)", grf(instruction.rd()));
                }
                case BARRIER -> {
                    Long cores = grf(instruction.rs());
                    if (cores != null && (cores < 1 || cores > hardware.coreCount())) {
                        problem(VerificationRule.OPERAND_VALUE, "core count r" + instruction.rs() + " = " + cores
                                + " must be 1.." + hardware.coreCount());
                    }
                }
                default -> {
                }
            }
        }

        private void checkMemCopy() {
            Long size = grf(instruction.rt());
            nonNegative("size (rt)", size);
            Long source = grf(instruction.rs());
            Long destination = grf(instruction.rd());
            if (InstructionSet.hasSourceOffset(instruction.opcode())) {
                source = add(source, instruction.imm());
            }
            if (InstructionSet.hasDestinationOffset(instruction.opcode())) {
                destination = add(destination, instruction.imm());
            }
            MemoryKind from = range("source", source, size, null);
            MemoryKind to = range("destination", destination, size, null);
            if (from == null || to == null || to == MemoryKind.MACRO) {
                return;
            }
            if (from == MemoryKind.MACRO) {
                problem(VerificationRule.ADDRESS, "copies out of the CIM macros, which only a weight load writes; "
                        + "the source must be a local or global memory");
            } else if (from == MemoryKind.GLOBAL && to == MemoryKind.GLOBAL) {
                problem(VerificationRule.ADDRESS, "copies from global memory to global memory; stage the data "
                        + "through a local memory");
            }
        }

        private void checkMatrixVector() {
            int compartments = hardware.core().cim().macro().compartments();
            int rows = hardware.core().cim().macro().rowsPerElement();
            Long length = grf(instruction.rt());
            if (length != null && (length < 1 || length > compartments)) {
                problem(VerificationRule.OPERAND_VALUE, "input length r" + instruction.rt() + " = " + length
                        + " must be 1.." + compartments + " (compartments per macro)");
                length = null;
            }
            Long groupSize = srf(SpecialRegister.CIM_GSZ);
            int configuredGroupSize = hardware.core().cim().macroGroupSize();
            if (groupSize != null && groupSize != configuredGroupSize) {
                problem(VerificationRule.OPERAND_VALUE, "CIM_GSZ = " + groupSize
                        + " but the hardware's macro group size is " + configuredGroupSize);
            }
            Long groups = activeGroups();

            long count = 1;
            if (instruction.hasFlag(Instruction.FLAG_BATCH)) {
                Long batch = grf(instruction.rf());
                if (batch == null) {
                    return;
                }
                if (batch < 1) {
                    problem(VerificationRule.OPERAND_VALUE, "batch count r" + instruction.rf() + " = " + batch
                            + " must be at least 1");
                    return;
                }
                count = batch;
            }
            Long row = grf(instruction.re());
            if (row != null && (row < 0 || row + count - 1 >= rows)) {
                problem(VerificationRule.OPERAND_VALUE, String.format(Locale.ROOT,
                        "rows %d..%d (re = r%d) lie outside 0..%d (rows per element)", row, row + count - 1,
                        instruction.re(), rows - 1));
            }

            Long address = grf(instruction.rs());
            if (address == null || length == null) {
                return;
            }
            Long inputBits = srf(SpecialRegister.CIM_IBW);
            long vectorBytes = ceilDiv(length * (inputBits != null ? inputBits : 8), 8);
            long span = (count - 1) * vectorBytes + vectorBytes;
            MemoryKind kind = range("input", address, span, MemoryKind.LOCAL);
            if (kind == MemoryKind.LOCAL && instruction.hasFlag(Instruction.FLAG_GRP)
                    && !instruction.hasFlag(Instruction.FLAG_GRP_I)) {
                Long step = srf(SpecialRegister.CIM_GSTEP);
                if (groups != null && step != null && groups > 1) {
                    range("input of the last group", address + (groups - 1) * step, span, MemoryKind.LOCAL);
                }
            }
        }

        private Long activeGroups() {
            Long groups = srf(SpecialRegister.CIM_AG);
            int groupCount = hardware.core().cim().macroGroupCount();
            if (groups != null && (groups < 1 || groups > groupCount)) {
                problem(VerificationRule.OPERAND_VALUE, "CIM_AG = " + groups + " active groups, but the hardware has "
                        + groupCount + " macro groups");
                return null;
            }
            return groups;
        }

        private void checkCimOutput() {
            Long outputs = grf(instruction.rs());
            Long groups = activeGroups();
            nonNegative("outputs per group (rs)", outputs);
            if (outputs == null || outputs < 0) {
                return;
            }
            Long outputBits = srf(SpecialRegister.CIM_OBW);
            long groupCount = 1;
            if (!instruction.hasFlag(Instruction.FLAG_OSUM) && groups != null) {
                groupCount = groups;
            }
            long bytes = outputs * groupCount * ceilDiv(outputBits != null ? outputBits : 32, 8);
            range("output", grf(instruction.rd()), bytes, MemoryKind.LOCAL);
        }

        private void checkCimConfiguration() {
            Long group = grf(instruction.rs());
            int groupCount = hardware.core().cim().macroGroupCount();
            if (!instruction.hasFlag(Instruction.FLAG_GRP_B) && group != null && (group < 0 || group >= groupCount)) {
                problem(VerificationRule.OPERAND_VALUE, "group id r" + instruction.rs() + " = " + group
                        + " must be 0.." + (groupCount - 1));
            }
            range("activation mask", grf(instruction.rt()), 1L, MemoryKind.LOCAL);
        }

        private void checkVector() {
            int inputs = InstructionSet.vectorInputCount(instruction.opcode());
            SimdInstruction binding = null;
            for (SimdInstruction candidate : hardware.core().simdInstructions()) {
                if (candidate.inputCount() == inputs && candidate.funct() == instruction.funct()) {
                    binding = candidate;
                }
            }
            String name = InstructionSet.mnemonic(instruction);
            if (binding == null) {
                problem(VerificationRule.OPERAND_VALUE, name + " (" + inputs + " inputs, funct "
                        + instruction.funct() + ") is not in the hardware's SIMD instruction list");
                return;
            }
            SpecialRegister[] widths = {SpecialRegister.VEC_IBW1, SpecialRegister.VEC_IBW2, SpecialRegister.VEC_IBW3,
                    SpecialRegister.VEC_IBW4};
            List<Integer> knownWidths = new ArrayList<>();
            for (int input = 0; input < inputs; input++) {
                Long width = srf(widths[input]);
                if (width == null) {
                    knownWidths = null;
                    break;
                }
                knownWidths.add(width.intValue());
            }
            List<Integer> actual = knownWidths;
            if (actual != null
                    && binding.bindings().stream().noneMatch(candidate -> candidate.inputBitWidths().equals(actual))) {
                problem(VerificationRule.OPERAND_VALUE, name + " with input widths " + actual
                        + " bits has no functor; set VEC_IBW1.. to one of the bound widths "
                        + binding.bindings().stream().map(SimdInstruction.Binding::inputBitWidths).toList());
            }

            Long length = grf(instruction.re());
            nonNegative("length (re)", length);
            if (length == null || length < 0) {
                return;
            }
            Long[] addresses = {grf(instruction.rs()), grf(instruction.rt()), srf(SpecialRegister.VEC_IA3),
                    srf(SpecialRegister.VEC_IA4)};
            for (int input = 0; input < inputs; input++) {
                boolean scalar = input < binding.inputKinds().size() && binding.inputKinds().get(input).equals("scalar");
                Long width = srf(widths[input]);
                long bytes = ceilDiv((scalar ? 1 : length) * (width != null ? width : 8), 8);
                range("input " + (input + 1), addresses[input], bytes, MemoryKind.LOCAL);
            }
            Long outputBits = srf(SpecialRegister.VEC_OBW);
            range("output", grf(instruction.rd()), ceilDiv(length * (outputBits != null ? outputBits : 8), 8),
                    MemoryKind.LOCAL);
        }

        private void checkReduce() {
            Long length = grf(instruction.rt());
            nonNegative("length (rt)", length);
            if (length == null || length < 0) {
                return;
            }
            Long inputBits = srf(SpecialRegister.VEC_IBW1);
            Long outputBits = srf(SpecialRegister.VEC_OBW);
            range("input", grf(instruction.rs()), ceilDiv(length * (inputBits != null ? inputBits : 8), 8),
                    MemoryKind.LOCAL);
            range("output", grf(instruction.rd()), ceilDiv(outputBits != null ? outputBits : 8, 8), MemoryKind.LOCAL);
        }

        private void coreId(String what, Long value, boolean anyAllowed) {
            if (value == null) {
                return;
            }
            if ((anyAllowed && value == -1) || (value >= 0 && value < hardware.coreCount())) {
                return;
            }
            problem(VerificationRule.OPERAND_VALUE, what + " " + value + " must be 0.." + (hardware.coreCount() - 1)
                    + (anyAllowed ? " or -1 (any core)" : ""));
        }

        private void nonNegative(String what, Long value) {
            if (value != null && value < 0) {
                problem(VerificationRule.OPERAND_VALUE, what + " is " + value + " and must not be negative");
            }
        }

        /**
         * Checks that bytes [address, address + length) lie inside one region and, when {@code expected}
         * is not null, that the region is of that kind. Returns the region's kind, or null when a value is
         * unknown or the range is invalid.
         */
        private MemoryKind range(String what, Long address, Long length, MemoryKind expected) {
            if (address == null || length == null || length < 0) {
                return null;
            }
            AddressRegion region = null;
            for (AddressRegion candidate : hardware.addressSpace()) {
                if (address >= candidate.baseAddress() && address < candidate.endAddress()) {
                    region = candidate;
                }
            }
            if (region == null) {
                List<AddressRegion> space = hardware.addressSpace();
                long end = space.isEmpty() ? 0 : space.get(space.size() - 1).endAddress();
                problem(VerificationRule.ADDRESS, String.format(Locale.ROOT,
                        "%s address %d lies outside every memory (the address space is 0..%d)", what, address,
                        end - 1));
                return null;
            }
            if (!region.contains(address, length)) {
                problem(VerificationRule.ADDRESS, String.format(Locale.ROOT,
                        "%s bytes %d..%d run past the end of %s (%d..%d)", what, address, address + length - 1,
                        region.name(), region.baseAddress(), region.endAddress() - 1));
                return null;
            }
            MemoryKind kind = kindOf(region);
            if (expected != null && kind != expected) {
                problem(VerificationRule.ADDRESS, String.format(Locale.ROOT,
                        "%s address %d is in %s (%s) but must be in %s", what, address, region.name(), kind.text,
                        expected.text));
            }
            return kind;
        }

        private MemoryKind kindOf(AddressRegion region) {
            if (region.name().equals(hardware.cimRegionName())) {
                return MemoryKind.MACRO;
            }
            if (region.name().equals(hardware.globalMemory().name())) {
                return MemoryKind.GLOBAL;
            }
            return MemoryKind.LOCAL;
        }

        private Long grf(int register) {
            Integer value = state.value(register);
            return value == null ? null : value.longValue();
        }

        private Long srf(SpecialRegister register) {
            Integer value = state.value(special(register));
            return value == null ? null : value.longValue();
        }

        private static Long add(Long base, int offset) {
            return base == null ? null : base + offset;
        }

        private static long ceilDiv(long numerator, long denominator) {
            return Math.floorDiv(numerator + denominator - 1, denominator);
        }

        private void problem(VerificationRule rule, String detail) {
            verifier.report(index, rule, detail);
        }
    }
}
