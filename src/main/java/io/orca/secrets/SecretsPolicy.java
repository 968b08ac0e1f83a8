package io.orca.secrets;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides which age recipients an organization's Secrets are encrypted to: the organization's own
 * {@code secrets} section when it names recipients, else the network default. An organization override
 * replaces the default (it does not add to it): the recipients are whoever holds that organization's
 * cluster key. A provider other than {@code sops} is refused.
 */
public final class SecretsPolicy {
    private SecretsPolicy() {}

    /** Where the recipients came from. */
    public enum Source { ORGANIZATION, NETWORK, NONE, LOCAL_KEY }

    /** The decision for one organization. {@code recipients} is empty when {@code source} is NONE. */
    public record Resolved(String organization, String provider, List<String> recipients, Source source) {
        public boolean hasRecipients() {
            return !recipients.isEmpty();
        }
    }

    /**
     * Resolves the recipients of {@code organization}: {@code orgOverride} when it lists age recipients, else
     * {@code networkDefault}'s; validated (bech32 age1...) and de-duplicated. Either config may be null.
     *
     * @throws SecretsException when a provider other than sops is named or a recipient is invalid
     */
    public static Resolved resolve(String organization, SecretsConfig networkDefault, SecretsConfig orgOverride) {
        Objects.requireNonNull(organization, "organization");
        SecretsConfig net = networkDefault == null ? SecretsConfig.NONE : networkDefault;
        SecretsConfig org = orgOverride == null ? SecretsConfig.NONE : orgOverride;
        requireSops(organization, "network.secrets", net);
        requireSops(organization, "organizations[" + organization + "].secrets", org);
        if (!org.ageRecipients().isEmpty()) {
            return new Resolved(organization, SecretsConfig.PROVIDER_SOPS, valid(organization, org), Source.ORGANIZATION);
        }
        if (!net.ageRecipients().isEmpty()) {
            return new Resolved(organization, SecretsConfig.PROVIDER_SOPS, valid(organization, net), Source.NETWORK);
        }
        return new Resolved(organization, SecretsConfig.PROVIDER_SOPS, List.of(), Source.NONE);
    }

    /**
     * The recipients for publishing to a remote repository.
     *
     * @throws MissingRecipientsException (with the fix in its message) when there is none
     */
    public static List<String> requireForRemote(Resolved resolved, String destination) {
        if (!resolved.hasRecipients()) {
            throw new MissingRecipientsException(resolved.organization(), destination);
        }
        return resolved.recipients();
    }

    /** The outcome for the embedded local default repository. */
    public record Local(Resolved resolved, Optional<LocalAgeKeys.LocalKey> generatedKey, Optional<String> warning) {
        public List<String> recipients() {
            return resolved.recipients();
        }
    }

    /**
     * The recipients for the embedded local default repository: the configured ones if any; otherwise the
     * local key {@code <orcaDir>/age/<org>.agekey} (created with mode 600 on first use) and a warning to show.
     */
    public static Local forLocal(Resolved resolved, Path orcaDir) {
        if (resolved.hasRecipients()) {
            return new Local(resolved, Optional.empty(), Optional.empty());
        }
        LocalAgeKeys.LocalKey key = LocalAgeKeys.loadOrCreate(orcaDir, resolved.organization());
        Resolved local = new Resolved(resolved.organization(), SecretsConfig.PROVIDER_SOPS,
                List.of(key.keyPair().recipient()), Source.LOCAL_KEY);
        String warning = "warning: organization '" + resolved.organization() + "' has no age recipient in network.yaml;"
                + " its Secrets for the local repository are encrypted to the local key " + key.file()
                + (key.created() ? " (just generated)" : "") + ". Install it in the local cluster with: "
                + FluxDecryption.createSecretCommand("<namespace>", key.file().toString())
                + " -- publishing to a remote repository will require secrets.age_recipients.";
        return new Local(local, Optional.of(key), Optional.of(warning));
    }

    private static void requireSops(String organization, String where, SecretsConfig c) {
        if (c.provider() != null && !SecretsConfig.PROVIDER_SOPS.equals(c.provider())) {
            throw new SecretsException(where + ".provider: '" + c.provider() + "' is not supported for organization '"
                    + organization + "' (only 'sops')");
        }
    }

    private static List<String> valid(String organization, SecretsConfig c) {
        try {
            return AgeKeys.requireRecipients(c.ageRecipients());
        } catch (SecretsException e) {
            throw new SecretsException("organization '" + organization + "': " + e.getMessage(), e);
        }
    }
}
