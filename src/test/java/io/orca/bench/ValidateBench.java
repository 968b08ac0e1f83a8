package io.orca.bench;

import io.orca.schema.NetworkSchema;
import io.orca.validate.ValidationService;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Warm throughput of {@link ValidationService#validate} on one file, in one JVM (not a test; bench/warm.sh runs it):
 *
 * <pre>java -cp target/test-classes:target/orca.jar io.orca.bench.ValidateBench FILE [WARMUP_S] [ROUNDS] [ROUND_S]</pre>
 *
 * Reports the first call (schema creation included), then the median, min and max of ROUNDS rounds of ROUND_S
 * seconds each after WARMUP_S seconds of warm-up, as ms per file and files per second (one thread).
 */
public final class ValidateBench {
    private static volatile Object sink;

    private ValidateBench() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        double warmupS = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        double roundS = args.length > 3 ? Double.parseDouble(args[3]) : 2;
        byte[] bytes = Files.readAllBytes(file);
        String name = file.getFileName().toString();

        long t0 = System.nanoTime();
        NetworkSchema.get();
        long t1 = System.nanoTime();
        ValidationService.Report first = ValidationService.validate(name, bytes);
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "file=%s bytes=%d diagnostics=%d errors=%s%n", file, bytes.length,
                first.diagnostics().size(), first.hasErrors());
        System.out.printf(Locale.ROOT, "schema_load_ms=%.1f first_validate_ms=%.1f%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);

        long warmEnd = System.nanoTime() + (long) (warmupS * 1e9);
        int warmCalls = 0;
        while (System.nanoTime() < warmEnd) {
            sink = ValidationService.validate(name, bytes);
            warmCalls++;
        }
        double[] msPerFile = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            long end = start + (long) (roundS * 1e9);
            int calls = 0;
            long now;
            do {
                sink = ValidationService.validate(name, bytes);
                calls++;
                now = System.nanoTime();
            } while (now < end);
            msPerFile[r] = (now - start) / 1e6 / calls;
        }
        double[] sorted = msPerFile.clone();
        Arrays.sort(sorted);
        double median = rounds % 2 == 1 ? sorted[rounds / 2] : (sorted[rounds / 2 - 1] + sorted[rounds / 2]) / 2;
        System.out.printf(Locale.ROOT, "warmup_s=%.0f warmup_calls=%d rounds=%d round_s=%.1f%n", warmupS, warmCalls, rounds, roundS);
        System.out.printf(Locale.ROOT, "ms_per_file median=%.3f min=%.3f max=%.3f%n", median, sorted[0], sorted[rounds - 1]);
        System.out.printf(Locale.ROOT, "files_per_s median=%.0f%n", 1000 / median);
    }
}
