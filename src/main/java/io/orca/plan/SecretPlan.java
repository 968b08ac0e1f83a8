package io.orca.plan;

import io.orca.model.Secret;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A Kubernetes Secret an organization's releases need (node keys, transaction-manager keys). Its values are
 * {@link Secret}s: they reach Git only SOPS-encrypted, or stay in the local state directory.
 *
 * @param publicData non-secret companions (public keys, addresses) that may be published in plain text
 */
public record SecretPlan(String name, SortedMap<String, Secret> data, SortedMap<String, String> publicData) {
    public SecretPlan {
        data = Collections.unmodifiableSortedMap(new TreeMap<>(data));
        publicData = Collections.unmodifiableSortedMap(new TreeMap<>(publicData));
    }
}
