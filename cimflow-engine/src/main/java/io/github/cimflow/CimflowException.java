package io.github.cimflow;

/**
 * An error the user can fix: bad input, a model or configuration out of scope, a program that
 * cannot run. The message is complete and is shown as it is (subject, rule, value, fix); the
 * command line prints no stack trace for it unless {@code --debug} is given.
 */
public class CimflowException extends RuntimeException {
    public CimflowException(String message) {
        super(message);
    }

    public CimflowException(String message, Throwable cause) {
        super(message, cause);
    }
}
