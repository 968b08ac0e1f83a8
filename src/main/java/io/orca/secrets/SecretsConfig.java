package io.orca.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code secrets} section of network.yaml, at network level ({@code network.secrets}, the default) or on an
 * organization (its override): {@code {provider: sops, age_recipients: [age1...]}}. Either field may be absent.
 */
public record SecretsConfig(String provider, List<String> ageRecipients) {
    public static final String PROVIDER_SOPS = "sops";
    public static final SecretsConfig NONE = new SecretsConfig(null, List.of());

    public SecretsConfig {
        ageRecipients = ageRecipients == null ? List.of() : List.copyOf(ageRecipients);
    }

    public static SecretsConfig sops(List<String> ageRecipients) {
        return new SecretsConfig(PROVIDER_SOPS, ageRecipients);
    }

    /** From the parsed YAML mapping of a {@code secrets} section (null gives {@link #NONE}). */
    public static SecretsConfig fromMap(Map<?, ?> section) {
        if (section == null) {
            return NONE;
        }
        Object p = section.get("provider");
        if (p != null && !(p instanceof String)) {
            throw new SecretsException("secrets.provider must be a string");
        }
        Object r = section.get("age_recipients");
        List<String> rs = new ArrayList<>();
        if (r instanceof String s) {
            rs.add(s);
        } else if (r instanceof List<?> l) {
            for (Object o : l) {
                if (!(o instanceof String s)) {
                    throw new SecretsException("secrets.age_recipients must be a list of age1... strings");
                }
                rs.add(s);
            }
        } else if (r != null) {
            throw new SecretsException("secrets.age_recipients must be a list of age1... strings");
        }
        return new SecretsConfig((String) p, rs);
    }
}
