package io.orca.diag;

/**
 * Every diagnostic Orca can report, with a stable ID. Each has a page in docs/rules.md (a test keeps the two in step).
 * E = error, W = warning, I = info. IDs are never reused.
 */
public enum Rule {
    // Reading the file
    YAML_SYNTAX("ORCA-E001", "yaml-syntax", Severity.ERROR, "The file is not well-formed YAML"),
    NOT_TEXT("ORCA-E002", "not-utf8-text", Severity.ERROR, "The file is binary or not UTF-8 text"),
    DUPLICATE_KEY("ORCA-E003", "duplicate-key", Severity.ERROR, "A key appears twice in one mapping"),
    EMPTY_DOCUMENT("ORCA-E004", "empty-document", Severity.ERROR, "The file holds no document"),
    MULTIPLE_DOCUMENTS("ORCA-E005", "multiple-documents", Severity.ERROR, "The file holds more than one YAML document"),
    JSON_INPUT("ORCA-E006", "json-input", Severity.ERROR, "The file is JSON (flow style), not block YAML"),
    INPUT_LIMIT("ORCA-E007", "input-limit", Severity.ERROR, "The file exceeds a safety limit (size, nesting, aliases)"),
    UNREADABLE_FILE("ORCA-E008", "unreadable-file", Severity.ERROR, "The file cannot be read (missing, a directory, not a regular file)"),
    // The schema
    UNKNOWN_KEY("ORCA-E010", "unknown-key", Severity.ERROR, "A key the schema does not define"),
    MISSING_KEY("ORCA-E011", "missing-key", Severity.ERROR, "A required key is missing"),
    WRONG_TYPE("ORCA-E012", "wrong-type", Severity.ERROR, "A value has the wrong type"),
    INVALID_VALUE("ORCA-E013", "invalid-value", Severity.ERROR, "A value is outside what the schema allows"),
    // Semantic rules
    DUPLICATE_ORGANIZATION("ORCA-E020", "duplicate-organization", Severity.ERROR, "Two organizations share a name"),
    DUPLICATE_SERVICE("ORCA-E021", "duplicate-service", Severity.ERROR, "Two services of one organization share a name"),
    NOT_DNS_LABEL("ORCA-E022", "not-dns-label", Severity.ERROR, "A name that becomes a Kubernetes name is not a DNS-1123 label"),
    RELEASE_NAME_TOO_LONG("ORCA-E023", "release-name-too-long", Severity.ERROR, "A derived Helm release name exceeds 53 characters"),
    UNRESOLVED_REFERENCE("ORCA-E024", "unresolved-reference", Severity.ERROR, "A reference names nothing defined in the file"),
    PORT_CLASH("ORCA-E025", "port-clash", Severity.ERROR, "Two ports collide within one organization"),
    PATH_ESCAPES_REPOSITORY("ORCA-E026", "path-escapes-repository", Severity.ERROR, "A repository path is absolute or leaves the repository"),
    GIT_PROTOCOL_MISMATCH("ORCA-E027", "git-protocol-mismatch", Severity.ERROR, "git_protocol disagrees with git_url or lacks its credentials"),
    UNSUPPORTED_VERSION("ORCA-E028", "unsupported-version", Severity.ERROR, "The platform version is not one Orca supports"),
    GIT_REPO_MISMATCH("ORCA-E029", "git-repo-mismatch", Severity.ERROR, "git_repo and git_url name different repositories"),
    INVALID_REFERENCE_SYNTAX("ORCA-E030", "invalid-credential-reference", Severity.ERROR, "A ${...} credential reference is malformed"),
    URL_CREDENTIALS("ORCA-E031", "url-credentials", Severity.ERROR, "A URL carries credentials in its user part"),
    CONTROL_CHARACTER("ORCA-E032", "control-character", Severity.ERROR, "A key or value holds a control character, or a line break where one line is expected"),
    // Hyperledger Fabric (io.orca.platform.fabric)
    DUPLICATE_MSP_ID("ORCA-E050", "duplicate-msp-id", Severity.ERROR, "An organization's MSP would appear twice in one channel"),
    INVALID_CHANNEL_ID("ORCA-E051", "invalid-channel-id", Severity.ERROR, "A channel name is no valid Fabric channel ID, or two channels share one"),
    INVALID_CHAINCODE("ORCA-E052", "invalid-chaincode", Severity.ERROR, "A chaincode name, version or sequence Fabric refuses, or two definitions of one chaincode"),
    ADDRESS_WITHOUT_PORT("ORCA-E053", "address-without-port", Severity.ERROR, "A Fabric address lacks its port or has one outside 1-65535"),
    SYSTEM_CHANNEL_REQUIRED("ORCA-E054", "system-channel-required", Severity.ERROR, "The Fabric network needs a system channel, which Orca does not build"),
    TOO_FEW_ORDERERS("ORCA-W050", "too-few-raft-orderers", Severity.WARNING, "A raft ordering service has fewer than 3 orderers"),
    CHAINCODE_NOT_DEPLOYED("ORCA-W051", "chaincode-not-deployed", Severity.WARNING, "A chaincode built from source, which Orca does not deploy"),
    CHANNEL_UPDATE_REQUIRED("ORCA-W052", "channel-update-required", Severity.WARNING, "A change to a running channel that Orca's configuration updates do not cover"),
    CHANNEL_UPDATE_UNSIGNED("ORCA-W053", "channel-update-unsigned", Severity.WARNING, "A channel configuration update that the admin keys Orca holds cannot approve alone"),
    PLATFORM_NOT_DEPLOYABLE("ORCA-E040", "platform-not-deployable", Severity.ERROR, "Orca validates this platform but cannot plan or deploy it yet"),
    PLACEHOLDER("ORCA-W001", "placeholder-value", Severity.WARNING, "A value still holds a placeholder copied from a sample"),
    TOO_FEW_VALIDATORS("ORCA-W002", "too-few-validators", Severity.WARNING, "A BFT consensus has fewer than 4 validators"),
    UNQUOTED_VERSION("ORCA-W003", "unquoted-version", Severity.WARNING, "A version is written as a number"),
    UNRESOLVED_EXTERNAL("ORCA-W004", "unresolved-external-reference", Severity.WARNING, "A reference to a node not defined in this file"),
    INLINE_SECRET("ORCA-W005", "inline-secret", Severity.WARNING, "A credential is written inline instead of referenced"),
    PROXY_PORT_REUSED("ORCA-W006", "proxy-port-reused", Severity.WARNING, "Two services of one organization expose the same proxy port"),
    KEY_NOT_USED("ORCA-I001", "key-not-used", Severity.INFO, "A key of Bevel's that Orca accepts but does not use (yet)");

    private final String id;
    private final String slug;
    private final Severity severity;
    private final String title;

    Rule(String id, String slug, Severity severity, String title) {
        this.id = id;
        this.slug = slug;
        this.severity = severity;
        this.title = title;
    }

    public String id() {
        return id;
    }

    public String slug() {
        return slug;
    }

    public Severity severity() {
        return severity;
    }

    public String title() {
        return title;
    }

    /** A diagnostic of this rule. */
    public Diagnostic at(String file, Position position, String path, String message, String hint) {
        return new Diagnostic(id, severity, file, position, path, message, hint);
    }
}
