package io.github.cimflow.maven;

import java.io.File;
import java.util.Map;

/**
 * One {@code <run>} of the {@code explore} goal: the fields of a CIMFlow batch run in camel case.
 * Unset fields take the value given at the top of the plugin configuration, then CIMFlow's default.
 *
 * <pre>{@code
 * <run>
 *   <name>wide-noc</name>
 *   <model>models/resnet18_cifar.onnx</model>
 *   <b>32</b>
 *   <matrix>
 *     <batchSize>1,4</batchSize>
 *   </matrix>
 * </run>
 * }</pre>
 */
public class Run {
    /** Run name ({@code _name}); with a matrix it prefixes the generated names. */
    String name;
    /** The ONNX model, relative to the project folder. */
    File model;
    /** Hardware JSON ({@code config_path}); unset means the preset for T, K, B and C. */
    File config;
    /** Macro group size T. */
    Integer t;
    /** Macro groups per core K. */
    Integer k;
    /** NoC flit size in bytes B. */
    Integer b;
    /** Core count C, a perfect square. */
    Integer c;
    /** Images per batch. */
    Integer batchSize;
    /** Graph-level strategy ({@code dp}, {@code baseline1}, ...). */
    String strategy;
    /** Input shape override N,C,H,W ({@code 1,3,32,32}). */
    String inputShape;
    /** Dotted-path overrides into the hardware JSON ({@code <sim_config.period_ns>1.0</sim_config.period_ns>}). */
    Map<String, String> hardware;
    /** Axes varied for this run only. */
    Matrix matrix;
}
