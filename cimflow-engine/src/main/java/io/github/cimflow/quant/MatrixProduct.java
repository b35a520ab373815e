package io.github.cimflow.quant;

import io.github.cimflow.CimflowException;
import io.github.cimflow.model.Graph;
import io.github.cimflow.model.Node;
import io.github.cimflow.model.Shape;
import io.github.cimflow.model.Tensor;

/**
 * The shape of a Gemm or MatMul node with a constant weight matrix: Y[m][n] = alpha · Σ_k A[m][k] ·
 * W[k][n] + beta · C. MatMul has alpha and beta 1 and no C, and folds the leading dimensions of A into
 * the rows. Output channel n is a column of Y.
 *
 * @param rows              M
 * @param depth             K, the reduction length
 * @param columns           N, the output channels
 * @param weightTransposed  true when the weight is stored [N][K] (Gemm {@code transB} 1), else [K][N]
 * @param alpha             Gemm {@code alpha}
 * @param beta              Gemm {@code beta}
 * @param hasBias           true when a Gemm has the input C
 */
public record MatrixProduct(int rows, int depth, int columns, boolean weightTransposed, float alpha, float beta,
                            boolean hasBias) {

    /** Reads the product of a Gemm or MatMul node; rejects a transposed A and a weight computed at run time. */
    public static MatrixProduct of(Node node, Graph graph) {
        Shape a = graph.tensor(node.inputs().get(0)).shape();
        Tensor weight = graph.tensor(node.inputs().get(1));
        if (!weight.isStatic() || weight.shape().rank() != 2) {
            throw new CimflowException(node.describe() + ": input B '" + weight.name()
                    + "' must be a constant 2-D weight matrix, got " + weight.shape()
                    + (weight.isStatic() ? "" : " computed at run time")
                    + "; only products with a weight matrix run on the CIM macros");
        }
        int depth = a.dim(a.rank() - 1);
        int rows = Math.toIntExact(a.elementCount() / depth);
        if (node.opType().equals("MatMul")) {
            return new MatrixProduct(rows, depth, weight.shape().dim(1), false, 1f, 1f, false);
        }
        if (node.intAttribute("transA", 0) != 0) {
            throw new CimflowException(node.describe() + ": transA=1 is not supported; export the model "
                    + "with the activation as the untransposed A input");
        }
        boolean transposed = node.intAttribute("transB", 0) != 0;
        int columns = transposed ? weight.shape().dim(0) : weight.shape().dim(1);
        boolean hasBias = node.inputs().size() > 2 && !node.inputs().get(2).isEmpty();
        return new MatrixProduct(rows, depth, columns, transposed, node.floatAttribute("alpha", 1f),
                node.floatAttribute("beta", 1f), hasBias);
    }

    /** Index of W[k][n] in the stored weight tensor. */
    public int weightIndex(int k, int n) {
        return weightTransposed ? n * depth + k : k * columns + n;
    }
}
