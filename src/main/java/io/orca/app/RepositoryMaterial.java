package io.orca.app;

import io.orca.model.Names;
import io.orca.model.Network;
import io.orca.plan.MaterialSource;
import io.orca.plan.SecretPlan;

import java.util.Optional;

/**
 * Material an earlier publish put in the GitOps repositories: the public halves from the side files beside each
 * encrypted Secret, so that a machine without the state folder keeps every identity (the encrypted file stays as it is).
 */
public final class RepositoryMaterial implements MaterialSource {
    private final Network network;
    private final SecretSealer.ExistingFiles files;

    public RepositoryMaterial(Network network, SecretSealer.ExistingFiles files) {
        this.network = network;
        this.files = files;
    }

    @Override
    public Optional<SecretPlan> find(String organization, String secretName) {
        return network.organization(organization).flatMap(o -> SecretSealer.publicOnly(o.gitops(),
                Names.namespace(network.platform(), o.name()), secretName, files));
    }
}
