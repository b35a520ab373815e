package io.github.cimflow.onnx;

import io.github.cimflow.model.Shape;
import io.github.cimflow.model.Tensor;

/** Shape rules of Gemm and MatMul. */
final class MatrixRules {
    private MatrixRules() {
    }

    /** Y = alpha·A'·B' + beta·C with A' = transA ? Aᵀ : A; A and B must be matrices, C broadcasts to [M, N]. */
    static void gemm(NodeContext context) {
        Tensor a = context.input(0);
        Tensor b = context.input(1);
        if (a.shape().rank() != 2 || b.shape().rank() != 2) {
            throw context.invalid("inputs '" + a.name() + "' " + a.shape() + " and '" + b.name() + "' " + b.shape()
                    + " must both be matrices (rank 2); insert a Flatten before the Gemm");
        }
        boolean transA = context.intAttribute("transA", 0) != 0;
        boolean transB = context.intAttribute("transB", 0) != 0;
        int m = transA ? a.shape().dim(1) : a.shape().dim(0);
        int kA = transA ? a.shape().dim(0) : a.shape().dim(1);
        int kB = transB ? b.shape().dim(1) : b.shape().dim(0);
        int n = transB ? b.shape().dim(0) : b.shape().dim(1);
        if (kA != kB) {
            throw context.invalid("inner dimensions differ: A '" + a.name() + "' " + a.shape() + " (transA="
                    + (transA ? 1 : 0) + ") gives K=" + kA + " but B '" + b.name() + "' " + b.shape() + " (transB="
                    + (transB ? 1 : 0) + ") gives K=" + kB);
        }
        if (context.hasInput(2)) {
            Shape c = context.inputShape(2);
            boolean fits = c.rank() <= 2
                    && (c.rank() < 1 || c.dim(c.rank() - 1) == n || c.dim(c.rank() - 1) == 1)
                    && (c.rank() < 2 || c.dim(0) == m || c.dim(0) == 1);
            if (!fits) {
                throw context.invalid("bias C '" + context.node().inputs().get(2) + "' " + c
                        + " cannot be broadcast to the output [" + m + ", " + n + "]");
            }
        }
        context.output(0, a.type(), new long[] {m, n});
    }

    /** NumPy matrix product: batch dimensions broadcast; a 1-D operand gains and then loses a dimension. */
    static void matMul(NodeContext context) {
        Tensor a = context.input(0);
        Tensor b = context.input(1);
        int[] left = a.shape().dims();
        int[] right = b.shape().dims();
        if (left.length == 0 || right.length == 0) {
            throw context.invalid("inputs '" + a.name() + "' " + a.shape() + " and '" + b.name() + "' " + b.shape()
                    + " must have rank 1 or more");
        }
        boolean leftVector = left.length == 1;
        boolean rightVector = right.length == 1;
        if (leftVector) {
            left = new int[] {1, left[0]};
        }
        if (rightVector) {
            right = new int[] {right[0], 1};
        }
        int k = left[left.length - 1];
        if (k != right[right.length - 2]) {
            throw context.invalid("inner dimensions differ: '" + a.name() + "' " + a.shape() + " has K=" + k
                    + " but '" + b.name() + "' " + b.shape() + " has K=" + right[right.length - 2]);
        }

        int batchRank = Math.max(left.length, right.length) - 2;
        long[] dims = new long[batchRank + 2];
        for (int i = 0; i < batchRank; i++) {
            int l = batchDim(left, batchRank, i);
            int r = batchDim(right, batchRank, i);
            if (l != r && l != 1 && r != 1) {
                throw context.invalid("batch dimensions of '" + a.name() + "' " + a.shape() + " and '" + b.name()
                        + "' " + b.shape() + " cannot be broadcast (" + l + " vs " + r + ")");
            }
            dims[i] = Math.max(l, r);
        }
        dims[batchRank] = left[left.length - 2];
        dims[batchRank + 1] = right[right.length - 1];

        long[] result = dims;
        if (leftVector || rightVector) {
            result = new long[dims.length - (leftVector ? 1 : 0) - (rightVector ? 1 : 0)];
            int next = 0;
            for (int i = 0; i < dims.length; i++) {
                boolean dropped = (leftVector && i == batchRank) || (rightVector && i == batchRank + 1);
                if (!dropped) {
                    result[next++] = dims[i];
                }
            }
        }
        context.output(0, a.type(), result);
    }

    private static int batchDim(int[] dims, int batchRank, int index) {
        int offset = index - (batchRank - (dims.length - 2));
        return offset < 0 ? 1 : dims[offset];
    }
}
