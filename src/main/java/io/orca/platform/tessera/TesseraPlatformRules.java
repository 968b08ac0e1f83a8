package io.orca.platform.tessera;

import io.orca.validate.NetworkView;
import io.orca.validate.PlatformRules;
import io.orca.validate.SemanticRule;

import java.util.List;

/** The validation a platform with Tessera shares (Besu, GoQuorum): tm_nodes, and the Tessera release a member gets. */
public abstract class TesseraPlatformRules implements PlatformRules {
    private final String platform;

    protected TesseraPlatformRules(String platform) {
        this.platform = platform;
    }

    @Override
    public final String platform() {
        return platform;
    }

    @Override
    public List<SemanticRule> rules() {
        return List.of(new TesseraNodes());
    }

    @Override
    public String longestReleaseName(NetworkView view, String organization, NetworkView.ServiceNode service, String serviceName) {
        return Tessera.longestReleaseName(view, organization, service, serviceName);
    }

    @Override
    public String releaseNameHint() {
        return Tessera.RELEASE_NAME_HINT;
    }
}
