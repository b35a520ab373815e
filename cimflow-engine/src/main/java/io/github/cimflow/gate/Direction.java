package io.github.cimflow.gate;

/** Which way a metric improves; a baseline tolerance is applied on the side that gets worse. */
public enum Direction {
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER
}
