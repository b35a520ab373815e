package io.github.cimflow.cg;

import io.github.cimflow.CimflowException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Graph-level partitioning strategies, named as CIMFlow's {@code --strategy} values. */
public enum Strategy {
    DP("dp"),
    BASELINE1("baseline1"),
    BASELINE2("baseline2"),
    DOUBLE_COMMUNICATION_TIME("2x_communication_time"),
    SUM_CALC_TIME("sum_calc_time"),
    HALF_LOAD_TIME("0.5x_load_time"),
    PIPELINED_CALCULATE_TIME("pipelined_calculate_time");

    private final String cliName;

    Strategy(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line, in batch files and in file names. */
    public String cliName() {
        return cliName;
    }

    /** Parses a strategy name; an unknown name is an error listing the known ones. */
    public static Strategy parse(String name) {
        for (Strategy strategy : values()) {
            if (strategy.cliName.equals(name)) {
                return strategy;
            }
        }
        throw new CimflowException("unknown strategy '" + name + "'; known strategies: "
                + Arrays.stream(values()).map(Strategy::cliName).collect(Collectors.joining(", ")));
    }
}
