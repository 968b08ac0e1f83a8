package io.orca.bench;

import io.orca.plan.MaterialSource;
import io.orca.platform.fabric.crypto.NodeOus;
import io.orca.platform.fabric.crypto.OrganizationCrypto;
import io.orca.platform.fabric.crypto.Subjects;
import io.orca.platform.fabric.crypto.Validity;

import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Cost of Fabric crypto material per identity, in one JVM, on one thread (not a test; bench/fabric-bench.sh runs it):
 *
 * <pre>java -cp target/test-classes:target/classes:target/orca.jar io.orca.bench.FabricCryptoBench [IDENTITIES] [RUNS]</pre>
 *
 * One organization with IDENTITIES peers (default 100): a CA and a TLS CA, then per peer an enrollment and a TLS key
 * pair and certificate (two P-256 keys, two RFC 6979 signatures). Prints the median time per identity (first run
 * vs. kept material: keys from the material source, certificates reused after a verification).
 */
public final class FabricCryptoBench {
    private FabricCryptoBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Subjects.Attributes base = Subjects.parse("/C=GB/ST=London/L=London/O=Bench");
        List<OrganizationCrypto.IdentitySpec> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(new OrganizationCrypto.IdentitySpec("peer:" + i, NodeOus.Role.PEER, "peer" + i + ".bench-net",
                    List.of("peer" + i, "peer" + i + ".bench-net", "peer" + i + ".bench-net.svc.cluster.local"), "bench-peer" + i));
        }
        OrganizationCrypto.Spec spec = new OrganizationCrypto.Spec("bench", base.with("CN", "ca.bench-net"),
                base.with("CN", "tlsca.bench-net"), base.without("O"), ids,
                new Validity(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59Z")));
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(1);
        OrganizationCrypto.Material kept = null;
        double[] fresh = new double[runs];
        double[] rerun = new double[runs];
        var bean = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int r = -2; r < runs; r++) { // two warm-up rounds
            long t0 = System.nanoTime();
            OrganizationCrypto.Material m = OrganizationCrypto.prepare(spec, MaterialSource.NONE, random).get();
            long t1 = System.nanoTime();
            var byName = new java.util.HashMap<String, io.orca.plan.SecretPlan>();
            m.secrets().forEach(s -> byName.put(s.name(), s));
            OrganizationCrypto.Material again = OrganizationCrypto.prepare(spec, (org, name) -> java.util.Optional.ofNullable(byName.get(name)),
                    random).get();
            long t2 = System.nanoTime();
            if (!again.secrets().equals(m.secrets())) throw new IllegalStateException("kept material changed");
            kept = m;
            if (r >= 0) {
                fresh[r] = (t1 - t0) / 1e6 / n;
                rerun[r] = (t2 - t1) / 1e6 / n;
            }
        }
        Arrays.sort(fresh);
        Arrays.sort(rerun);
        System.out.printf(Locale.ROOT, "identities per run: %d (+ CA and TLS CA), runs: %d after 2, process CPU %.1f s%n", n, runs,
                bean.getProcessCpuTime() / 1e9);
        System.out.printf(Locale.ROOT, "first run (2 keys drawn, 2 certificates issued): median %.3f ms per identity (min %.3f, max %.3f)%n",
                fresh[runs / 2], fresh[0], fresh[runs - 1]);
        System.out.printf(Locale.ROOT, "kept material (2 keys parsed, 2 certificates verified and reused): median %.3f ms per identity (min %.3f, max %.3f)%n",
                rerun[runs / 2], rerun[0], rerun[runs - 1]);
        if (kept == null) throw new IllegalStateException();
    }
}
