package io.orca.plan;

import io.orca.model.Secret;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A Kubernetes Secret an organization's releases need (node keys, transaction-manager keys). Its values are
 * {@link Secret}s: they reach Git only SOPS-encrypted, or stay in the local state directory.
 *
 * @param type       the Kubernetes Secret type (Opaque, kubernetes.io/dockerconfigjson...)
 * @param publicData non-secret companions (public keys, addresses) that may be published in plain text
 * @param generated  true for key material Orca generated (high entropy); false for credentials a person chose
 */
public record SecretPlan(String name, String type, SortedMap<String, Secret> data, SortedMap<String, String> publicData,
                         boolean generated) {
    public static final String OPAQUE = "Opaque";

    public SecretPlan {
        data = Collections.unmodifiableSortedMap(new TreeMap<>(data));
        publicData = Collections.unmodifiableSortedMap(new TreeMap<>(publicData));
    }

    /** Generated key material in an Opaque Secret. */
    public SecretPlan(String name, SortedMap<String, Secret> data, SortedMap<String, String> publicData) {
        this(name, OPAQUE, data, publicData, true);
    }
}
