package io.github.cimflow.maven;

/**
 * A {@code <matrix>}: each element lists the values of one varied field, comma separated; the runs
 * are the cartesian product, named from the varied values ({@code B8_batch1}).
 *
 * <pre>{@code
 * <matrix>
 *   <b>8,16</b>
 *   <batchSize>1,4</batchSize>
 * </matrix>
 * }</pre>
 */
public class Matrix {
    /** ONNX models, relative to the project folder. */
    String model;
    /** Macro group sizes T. */
    String t;
    /** Macro groups per core K. */
    String k;
    /** NoC flit sizes in bytes B. */
    String b;
    /** Core counts C. */
    String c;
    /** Batch sizes. */
    String batchSize;
    /** Graph-level strategies. */
    String strategy;

    /** The list of the axis named by its POM element, or null when unset. */
    String axis(String element) {
        return switch (element) {
            case "model" -> model;
            case "t" -> t;
            case "k" -> k;
            case "b" -> b;
            case "c" -> c;
            case "batchSize" -> batchSize;
            case "strategy" -> strategy;
            default -> throw new IllegalArgumentException("no matrix axis " + element);
        };
    }
}
