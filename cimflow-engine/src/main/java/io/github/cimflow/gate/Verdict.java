package io.github.cimflow.gate;

/** The outcome of one rule on one run. */
public enum Verdict {
    PASS,
    /** A violated rule of level WARN: reported, but the gate still passes. */
    WARN,
    FAIL
}
