package io.orca.secrets;

/** Orca refuses to publish a Secret to a remote repository when the organization has no age recipient. */
public class MissingRecipientsException extends SecretsException {
    private static final long serialVersionUID = 1L;
    private final String organization;

    public MissingRecipientsException(String organization, String destination) {
        super("refusing to publish Secrets of organization '" + organization + "' to " + destination
                + ": no age recipient is configured, so they could only be written in plaintext.\n"
                + "Fix: run 'orca secrets keygen' for '" + organization + "', install the printed identity in its"
                + " cluster (docs/secrets.md), and add the printed age1... recipient to network.yaml under"
                + " organizations[" + organization + "].secrets.age_recipients (or network.secrets.age_recipients"
                + " for every organization).");
        this.organization = organization;
    }

    public String organization() {
        return organization;
    }
}
