package io.github.cimflow.explore;

import io.github.cimflow.CimflowException;

/**
 * A batch that cannot start: the batch file is missing, malformed or names an invalid value. It is
 * raised before any run starts, so the command line treats it as invalid input (exit code 2) rather
 * than a failed run (exit code 1).
 */
public final class InvalidBatchException extends CimflowException {
    public InvalidBatchException(String message) {
        super(message);
    }

    public InvalidBatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
