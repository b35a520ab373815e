package io.github.cimflow.isa;

import io.github.cimflow.CimflowException;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The binary container of a program, all integers little-endian:
 *
 * <pre>
 * offset  size  content
 * 0       4     magic "CFIS" (0x43 0x46 0x49 0x53)
 * 4       2     format version, 1
 * 6       2     reserved, 0
 * 8       4     metadata length L in bytes
 * 12      L     metadata as UTF-8 JSON, the object of the JSON form's "metadata" key
 * 12+L    4     core count
 *         then per core, in core order: 4-byte instruction count N, then N 4-byte instruction words
 * </pre>
 *
 * Nothing follows the last core. The words are {@link InstructionCodec} encodings.
 */
public final class IsaBinary {
    /** The magic bytes "CFIS" read as a little-endian int. */
    public static final int MAGIC = 0x53494643;
    /** The container version this class writes and reads. */
    public static final int VERSION = 1;

    private IsaBinary() {
    }

    /** Reads a binary program file. */
    public static IsaProgram read(Path file) {
        try {
            return read(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new CimflowException(file + ": cannot read the binary program: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a binary program from bytes.
     *
     * @param source file name for messages
     */
    public static IsaProgram read(byte[] bytes, String source) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            int magic = buffer.getInt();
            if (magic != MAGIC) {
                throw new CimflowException(String.format(Locale.ROOT,
                        "%s: not a cimflow binary program (magic 0x%08x, expected \"CFIS\"); "
                                + "use --from json or --from asm for text files", source, magic));
            }
            int version = Short.toUnsignedInt(buffer.getShort());
            if (version != VERSION) {
                throw new CimflowException(source + ": binary program version " + version
                        + " is not supported; this cimflow reads version " + VERSION);
            }
            buffer.getShort();
            int metadataLength = buffer.getInt();
            if (metadataLength < 0 || metadataLength > buffer.remaining()) {
                throw truncated(source, "metadata of " + Integer.toUnsignedString(metadataLength) + " bytes");
            }
            byte[] metadataBytes = new byte[metadataLength];
            buffer.get(metadataBytes);
            ProgramMetadata metadata = IsaJson.parseMetadata(new String(metadataBytes, StandardCharsets.UTF_8),
                    source + " metadata");

            int coreCount = buffer.getInt();
            if (coreCount < 0 || (long) coreCount * 4 > buffer.remaining()) {
                throw truncated(source, Integer.toUnsignedString(coreCount) + " cores");
            }
            List<List<Instruction>> cores = new ArrayList<>(coreCount);
            for (int core = 0; core < coreCount; core++) {
                int count = buffer.getInt();
                if (count < 0 || (long) count * 4 > buffer.remaining()) {
                    throw truncated(source, "core " + core + " with " + Integer.toUnsignedString(count)
                            + " instructions");
                }
                List<Instruction> instructions = new ArrayList<>(count);
                for (int index = 0; index < count; index++) {
                    try {
                        instructions.add(InstructionCodec.decode(buffer.getInt(), core, index));
                    } catch (CimflowException e) {
                        throw new CimflowException(source + ": " + e.getMessage());
                    }
                }
                cores.add(instructions);
            }
            if (buffer.hasRemaining()) {
                throw new CimflowException(source + ": " + buffer.remaining()
                        + " bytes follow the last core; the file is damaged or not a cimflow binary program");
            }
            return new IsaProgram(metadata, cores);
        } catch (BufferUnderflowException e) {
            throw truncated(source, "the header");
        }
    }

    /** Writes a program to a binary file. */
    public static void write(IsaProgram program, Path file) {
        try {
            Files.write(file, toBytes(program));
        } catch (IOException e) {
            throw new CimflowException(file + ": cannot write the binary program: " + e.getMessage(), e);
        }
    }

    /** Encodes a program into the binary container. */
    public static byte[] toBytes(IsaProgram program) {
        byte[] metadata = IsaJson.metadataJson(program.metadata()).getBytes(StandardCharsets.UTF_8);
        long size = 16L + metadata.length + 4L * program.cores().size() + 4L * program.instructionCount();
        if (size > Integer.MAX_VALUE - 8) {
            throw new CimflowException("the program has " + program.instructionCount()
                    + " instructions, too many for one binary file (limit about 500 million)");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(MAGIC);
        buffer.putShort((short) VERSION);
        buffer.putShort((short) 0);
        buffer.putInt(metadata.length);
        buffer.put(metadata);
        buffer.putInt(program.cores().size());
        for (int core = 0; core < program.cores().size(); core++) {
            List<Instruction> instructions = program.cores().get(core);
            buffer.putInt(instructions.size());
            for (int index = 0; index < instructions.size(); index++) {
                buffer.putInt(InstructionCodec.encode(instructions.get(index), core, index));
            }
        }
        return buffer.array();
    }

    private static CimflowException truncated(String source, String what) {
        return new CimflowException(source + ": the binary program ends inside " + what
                + "; the file is truncated or not a cimflow binary program");
    }
}
