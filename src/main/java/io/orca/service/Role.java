package io.orca.service;

/**
 * What a token may do. READ: validate, plan, look at submissions. SUBMIT: submit a network (validate → plan → publish
 * to its GitOps repositories, or a dry run). DEPLOY: apply directly to a cluster (dev mode) and roll back, which the
 * service does not offer yet. ADMIN: make tokens, read the operational endpoints.
 */
enum Role {
    READ, SUBMIT, DEPLOY, ADMIN;

    String authority() {
        return "ROLE_" + name();
    }
}
