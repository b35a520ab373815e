package io.github.cimflow.onnx;

import com.google.protobuf.ByteString;
import io.github.cimflow.CimflowException;
import io.github.cimflow.model.DataType;
import io.github.cimflow.model.Shape;
import io.github.cimflow.model.Tensor;
import io.github.cimflow.model.TensorOrigin;
import io.github.cimflow.onnx.proto.OnnxProto.StringStringEntryProto;
import io.github.cimflow.onnx.proto.OnnxProto.TensorProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Decodes a {@code TensorProto} into a {@link Tensor} with values: floating-point types become
 * {@code float[]}, integer and boolean types {@code long[]}. Data may sit in the typed fields, in
 * {@code raw_data} (little-endian) or in an external file inside the model's folder.
 */
final class TensorDecoder {
    private final Path modelFile;
    private final Path modelFolder;

    TensorDecoder(Path modelFile) {
        this.modelFile = modelFile;
        Path parent = modelFile.toAbsolutePath().normalize().getParent();
        this.modelFolder = parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    /**
     * Decodes one tensor.
     *
     * @param subject how error messages name the tensor ({@code initializer 'conv1.weight'})
     */
    Tensor decode(TensorProto proto, String name, TensorOrigin origin, String subject) {
        DataType type = elementType(proto.getDataType(), subject);
        Shape shape = shape(proto, subject);
        int count = Math.toIntExact(shape.elementCount());

        if (proto.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            ByteBuffer bytes = readExternal(proto, subject, (long) count * type.byteSize());
            return fromBytes(name, type, shape, origin, bytes, count, subject);
        }
        if (proto.hasRawData()) {
            ByteString raw = proto.getRawData();
            long expected = (long) count * type.byteSize();
            if (raw.size() != expected) {
                throw new CimflowException(modelFile + ": " + subject + ": raw_data has " + raw.size()
                        + " bytes but " + type + " dims " + shape + " need " + expected
                        + "; export the model again");
            }
            return fromBytes(name, type, shape, origin, raw.asReadOnlyByteBuffer(), count, subject);
        }
        return fromTypedFields(proto, name, type, shape, origin, count, subject);
    }

    /** Maps an ONNX element type code, rejecting those the IR cannot carry. */
    DataType elementType(int code, String subject) {
        DataType type = DataType.fromOnnxCode(code);
        if (type == null || type == DataType.STRING) {
            throw new OutOfScopeException(OutOfScopeException.Reason.UNSUPPORTED_FEATURE, modelFile + ": " + subject
                    + ": element type code " + code + " is not supported; cimflow reads numeric and boolean tensors only");
        }
        return type;
    }

    private Shape shape(TensorProto proto, String subject) {
        int[] dims = new int[proto.getDimsCount()];
        for (int i = 0; i < dims.length; i++) {
            long dim = proto.getDims(i);
            if (dim <= 0) {
                throw ShapeChecks.nonPositiveDimension(modelFile + ": " + subject, i, dim);
            }
            if (dim > Integer.MAX_VALUE) {
                throw new CimflowException(modelFile + ": " + subject + ": dimension " + i + " is " + dim
                        + ", larger than cimflow supports (2^31-1)");
            }
            dims[i] = (int) dim;
        }
        long count = 1;
        for (int dim : dims) {
            count *= dim;
            if (count > Integer.MAX_VALUE) {
                throw new CimflowException(modelFile + ": " + subject + ": " + java.util.Arrays.toString(dims)
                        + " has more than 2^31-1 elements, more than cimflow supports");
            }
        }
        return Shape.of(dims);
    }

    private ByteBuffer readExternal(TensorProto proto, String subject, long expectedBytes) {
        String location = null;
        long offset = 0;
        long length = -1;
        for (StringStringEntryProto entry : proto.getExternalDataList()) {
            switch (entry.getKey()) {
                case "location" -> location = entry.getValue();
                case "offset" -> offset = parseLong(entry.getValue(), "offset", subject);
                case "length" -> length = parseLong(entry.getValue(), "length", subject);
                default -> {
                    // "checksum" and future keys do not change where the bytes are.
                }
            }
        }
        if (location == null || location.isEmpty()) {
            throw new CimflowException(modelFile + ": " + subject + ": external data has no 'location' entry; "
                    + "export the model again with its weights");
        }

        Path target = resolveInsideFolder(location, subject);
        if (length < 0) {
            length = expectedBytes;
        }
        if (length != expectedBytes) {
            throw new CimflowException(modelFile + ": " + subject + ": external data length is " + length
                    + " bytes but the tensor needs " + expectedBytes + "; export the model again");
        }
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.READ)) {
            if (offset < 0 || offset + length > channel.size()) {
                throw new CimflowException(modelFile + ": " + subject + ": external data range [" + offset + ", "
                        + (offset + length) + ") lies outside '" + location + "' (" + channel.size()
                        + " bytes); export the model again");
            }
            ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(length));
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    break;
                }
            }
            buffer.flip();
            return buffer;
        } catch (NoSuchFileException e) {
            throw new CimflowException(modelFile + ": " + subject + ": external data file '" + location
                    + "' not found next to the model; copy it into " + modelFolder);
        } catch (IOException e) {
            throw new CimflowException(modelFile + ": " + subject + ": cannot read external data file '" + location
                    + "' (" + e.getMessage() + ")");
        }
    }

    /** Resolves an external data location and rejects one that leaves the model's folder, also through links. */
    private Path resolveInsideFolder(String location, String subject) {
        Path relative = Path.of(location);
        Path target = modelFolder.resolve(relative).normalize();
        boolean inside = !relative.isAbsolute() && target.startsWith(modelFolder);
        if (inside && Files.exists(target)) {
            try {
                inside = target.toRealPath().startsWith(modelFolder.toRealPath());
            } catch (IOException e) {
                inside = false;
            }
        }
        if (!inside) {
            throw new CimflowException(modelFile + ": " + subject + ": external data location '" + location
                    + "' is outside the model folder " + modelFolder
                    + "; move the data file into that folder and give its location relative to the model");
        }
        return target;
    }

    private long parseLong(String text, String key, String subject) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new CimflowException(modelFile + ": " + subject + ": external data '" + key + "' is '" + text
                    + "', not an integer; export the model again");
        }
    }

    private static Tensor fromBytes(String name, DataType type, Shape shape, TensorOrigin origin,
                                    ByteBuffer source, int count, String subject) {
        ByteBuffer bytes = source.slice().order(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case FLOAT -> {
                float[] values = new float[count];
                bytes.asFloatBuffer().get(values);
                return new Tensor(name, type, shape, origin, values, null);
            }
            case DOUBLE -> {
                float[] values = new float[count];
                for (int i = 0; i < count; i++) {
                    values[i] = (float) bytes.getDouble(i * 8);
                }
                return new Tensor(name, type, shape, origin, values, null);
            }
            case FLOAT16, BFLOAT16 -> {
                float[] values = new float[count];
                for (int i = 0; i < count; i++) {
                    values[i] = halfToFloat(type, bytes.getShort(i * 2) & 0xffff);
                }
                return new Tensor(name, type, shape, origin, values, null);
            }
            default -> {
                long[] values = new long[count];
                for (int i = 0; i < count; i++) {
                    values[i] = readInteger(type, bytes, i);
                }
                return new Tensor(name, type, shape, origin, null, values);
            }
        }
    }

    private static long readInteger(DataType type, ByteBuffer bytes, int index) {
        return switch (type) {
            case INT8 -> bytes.get(index);
            case UINT8, BOOL -> bytes.get(index) & 0xff;
            case INT16 -> bytes.getShort(index * 2);
            case UINT16 -> bytes.getShort(index * 2) & 0xffff;
            case INT32 -> bytes.getInt(index * 4);
            case UINT32 -> bytes.getInt(index * 4) & 0xffffffffL;
            case INT64, UINT64 -> bytes.getLong(index * 8);
            default -> throw new IllegalStateException("not an integer type: " + type);
        };
    }

    private Tensor fromTypedFields(TensorProto proto, String name, DataType type, Shape shape,
                                   TensorOrigin origin, int count, String subject) {
        switch (type) {
            case FLOAT -> {
                checkCount(proto.getFloatDataCount(), count, "float_data", shape, subject);
                float[] values = new float[count];
                for (int i = 0; i < count; i++) {
                    values[i] = proto.getFloatData(i);
                }
                return new Tensor(name, type, shape, origin, values, null);
            }
            case DOUBLE -> {
                checkCount(proto.getDoubleDataCount(), count, "double_data", shape, subject);
                float[] values = new float[count];
                for (int i = 0; i < count; i++) {
                    values[i] = (float) proto.getDoubleData(i);
                }
                return new Tensor(name, type, shape, origin, values, null);
            }
            case FLOAT16, BFLOAT16 -> {
                checkCount(proto.getInt32DataCount(), count, "int32_data", shape, subject);
                float[] values = new float[count];
                for (int i = 0; i < count; i++) {
                    values[i] = halfToFloat(type, proto.getInt32Data(i) & 0xffff);
                }
                return new Tensor(name, type, shape, origin, values, null);
            }
            case INT64 -> {
                checkCount(proto.getInt64DataCount(), count, "int64_data", shape, subject);
                long[] values = new long[count];
                for (int i = 0; i < count; i++) {
                    values[i] = proto.getInt64Data(i);
                }
                return new Tensor(name, type, shape, origin, null, values);
            }
            case UINT32, UINT64 -> {
                checkCount(proto.getUint64DataCount(), count, "uint64_data", shape, subject);
                long[] values = new long[count];
                for (int i = 0; i < count; i++) {
                    values[i] = proto.getUint64Data(i);
                }
                return new Tensor(name, type, shape, origin, null, values);
            }
            default -> {
                checkCount(proto.getInt32DataCount(), count, "int32_data", shape, subject);
                long[] values = new long[count];
                for (int i = 0; i < count; i++) {
                    values[i] = proto.getInt32Data(i);
                }
                return new Tensor(name, type, shape, origin, null, values);
            }
        }
    }

    private void checkCount(int present, int expected, String field, Shape shape, String subject) {
        if (present != expected) {
            throw new CimflowException(modelFile + ": " + subject + ": " + field + " has " + present
                    + " values but dims " + shape + " need " + expected + "; export the model again");
        }
    }

    /** Converts IEEE half-precision or bfloat16 bits to float. */
    static float halfToFloat(DataType type, int bits) {
        if (type == DataType.BFLOAT16) {
            return Float.intBitsToFloat(bits << 16);
        }
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
