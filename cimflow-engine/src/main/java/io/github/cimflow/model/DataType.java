package io.github.cimflow.model;

/** Element types of ONNX tensors, with their {@code TensorProto.DataType} codes and sizes in bytes. */
public enum DataType {
    FLOAT(1, 4),
    UINT8(2, 1),
    INT8(3, 1),
    UINT16(4, 2),
    INT16(5, 2),
    INT32(6, 4),
    INT64(7, 8),
    STRING(8, 0),
    BOOL(9, 1),
    FLOAT16(10, 2),
    DOUBLE(11, 8),
    UINT32(12, 4),
    UINT64(13, 8),
    BFLOAT16(16, 2);

    private final int onnxCode;
    private final int byteSize;

    DataType(int onnxCode, int byteSize) {
        this.onnxCode = onnxCode;
        this.byteSize = byteSize;
    }

    /** The {@code TensorProto.DataType} enum value of the ONNX specification. */
    public int onnxCode() {
        return onnxCode;
    }

    /** Bytes per element; 0 for STRING. */
    public int byteSize() {
        return byteSize;
    }

    /** Looks up an ONNX code; returns null for codes this IR does not represent. */
    public static DataType fromOnnxCode(int code) {
        for (DataType type : values()) {
            if (type.onnxCode == code) {
                return type;
            }
        }
        return null;
    }
}
