package io.orca.plan;

/**
 * A planner cannot plan with the material at hand: e.g. a new identity must be issued by a CA whose private key is
 * not on this machine (only its certificate, from Git). Not a bug and not bad input: the planning use case refuses
 * the run with this message, which must say what is missing and where it would come from.
 */
public final class MaterialMissingException extends RuntimeException {
    public MaterialMissingException(String message) {
        super(message);
    }
}
