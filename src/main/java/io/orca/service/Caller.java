package io.orca.service;

import java.util.Set;

/** Who called: a token's name, its roles and the networks it may touch ({@code *}: all). Never the token itself. */
record Caller(String name, Set<Role> roles, Set<String> networks) {
    Caller {
        roles = Set.copyOf(roles);
        networks = Set.copyOf(networks);
    }

    boolean mayAccess(String network) {
        return networks.contains("*") || networks.contains(network);
    }
}
