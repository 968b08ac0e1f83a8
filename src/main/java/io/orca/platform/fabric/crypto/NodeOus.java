package io.orca.platform.fabric.crypto;

/** An MSP's {@code config.yaml} with NodeOUs enabled: roles are told apart by the OU of their certificate. */
public final class NodeOus {
    /** The roles of Fabric's NodeOUs, as the OU of an enrollment certificate. */
    public enum Role {
        PEER("peer"), ORDERER("orderer"), ADMIN("admin"), CLIENT("client");

        private final String ou;

        Role(String ou) {
            this.ou = ou;
        }

        public String ou() {
            return ou;
        }
    }

    private NodeOus() {
    }

    /** config.yaml naming the CA certificate file under the MSP folder (e.g. {@code cacerts/ca.pem}). */
    public static String configYaml(String caCertificateFile) {
        StringBuilder sb = new StringBuilder("NodeOUs:\n  Enable: true\n");
        for (String[] r : new String[][]{{"Client", "client"}, {"Peer", "peer"}, {"Admin", "admin"}, {"Orderer", "orderer"}}) {
            sb.append("  ").append(r[0]).append("OUIdentifier:\n")
                    .append("    Certificate: ").append(caCertificateFile).append('\n')
                    .append("    OrganizationalUnitIdentifier: ").append(r[1]).append('\n');
        }
        return sb.toString();
    }
}
