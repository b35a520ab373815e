package io.github.cimflow.isa;

/** The rules {@link ProgramVerifier} checks; the description starts each problem message. */
public enum VerificationRule {
    ENCODING("every field encodable"),
    CONFIGURATION("program compiled for this hardware"),
    BRANCH_TARGET("branch target inside the program"),
    REGISTER_UNSET("register written before read"),
    SPECIAL_REGISTER_UNSET("special register set before use"),
    ADDRESS("address inside a memory of the right kind"),
    OPERAND_VALUE("operand value within the hardware's limits");

    private final String description;

    VerificationRule(String description) {
        this.description = description;
    }

    /** Returns the rule in a few words, as messages show it. */
    public String description() {
        return description;
    }
}
