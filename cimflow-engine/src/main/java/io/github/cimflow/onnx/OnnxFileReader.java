package io.github.cimflow.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.github.cimflow.CimflowException;
import io.github.cimflow.onnx.proto.OnnxProto.ModelProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads an ONNX file into its protobuf message, turning every I/O and parse failure into one clear error. */
final class OnnxFileReader {
    private OnnxFileReader() {
    }

    static ModelProto read(Path file) {
        byte[] bytes = readBytes(file);
        if (bytes.length == 0) {
            throw new CimflowException(file + ": the file is empty; export the model again with torch.onnx.export");
        }

        ModelProto model = parse(file, bytes);
        if (!model.hasGraph()) {
            if (!model.hasIrVersion() && model.getOpsetImportCount() == 0) {
                throw new CimflowException(file + ": not an ONNX model (no ir_version, opset_import or graph "
                        + "field); give the path of an .onnx file");
            }
            throw new CimflowException(file + ": the model has no graph (ModelProto field 'graph' is missing); "
                    + "export the model again with torch.onnx.export");
        }
        return model;
    }

    private static byte[] readBytes(Path file) {
        if (Files.isDirectory(file)) {
            throw new CimflowException(file + ": is a directory, not an ONNX file; give the path of an .onnx file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CimflowException(file + ": file not found; check the path of the ONNX model");
        } catch (IOException e) {
            throw new CimflowException(file + ": cannot read the file (" + e.getMessage() + "); check its permissions");
        }
    }

    private static ModelProto parse(Path file, byte[] bytes) {
        CodedInputStream input = CodedInputStream.newInstance(bytes);
        // Aliasing lets raw_data share the file buffer instead of copying every weight once more.
        input.enableAliasing(true);
        try {
            ModelProto model = ModelProto.parseFrom(input);
            input.checkLastTagWas(0);
            return model;
        } catch (InvalidProtocolBufferException e) {
            String detail = e.getMessage() == null ? "" : e.getMessage();
            if (detail.contains("ended unexpectedly") || detail.contains("truncated")) {
                throw new CimflowException(file + ": the file is truncated (" + bytes.length
                        + " bytes, the protobuf data ends inside a message); copy or export the model again");
            }
            throw new CimflowException(file + ": not an ONNX protobuf file (" + firstSentence(detail)
                    + "); give the path of an .onnx model exported by torch.onnx.export");
        } catch (IOException e) {
            throw new CimflowException(file + ": cannot parse the file (" + e.getMessage() + ")");
        }
    }

    private static String firstSentence(String text) {
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end);
    }
}
