package dev.keel.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Redis's own ceiling on this machine, for context beside {@link StringBenchmark}'s Lettuce
 * numbers: {@code redis-benchmark} (Redis's C client, one request in flight per connection, no
 * pipelining) against a {@code redis-server} started here, with 1 and 2 connections, 100-byte
 * values over 100,000 random keys. It shows how much of the Lettuce peer's cost is the server and
 * the loopback round trip, and how much the Java client's thread hand-offs.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.keel.benchmarks.RedisBaseline [--requests 200000]
 * </pre>
 *
 * Prints nothing but a note if {@code redis-server} or {@code redis-benchmark} is missing.
 *
 * <p><b>Thread safety:</b> a program, run on one thread.
 */
public final class RedisBaseline {

    private RedisBaseline() {
    }

    /** Runs {@code redis-benchmark} with 1 and 2 connections and prints a Markdown table. */
    public static void main(String[] args) throws IOException, InterruptedException {
        int requests = args.length == 2 && args[0].equals("--requests") ? Integer.parseInt(args[1]) : 200_000;
        String server = RedisServer.executable();
        File tool = server == null ? null : new File(new File(server).getAbsoluteFile().getParentFile(), "redis-benchmark");
        if (server == null || !tool.canExecute()) {
            System.out.println("RedisBaseline: redis-server or redis-benchmark not found; skipped");
            return;
        }
        System.out.println("| redis-benchmark op | connections | requests/s | p50 ms | p99 ms |");
        System.out.println("| --- | ---: | ---: | ---: | ---: |");
        try (RedisServer redis = RedisServer.start()) {
            for (int connections : new int[] {1, 2}) {
                for (String[] row : run(tool.getPath(), redis.port(), connections, requests)) {
                    System.out.printf(Locale.ROOT, "| %s | %d | %,.0f | %s | %s |%n",
                            row[0], connections, Double.parseDouble(row[1]), row[4], row[6]);
                }
            }
        }
    }

    /** Returns the CSV rows (test, rps, avg, min, p50, p95, p99, max) of one redis-benchmark run. */
    private static List<String[]> run(String tool, int port, int connections, int requests)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(tool, "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-t", "set,get", "-n", Integer.toString(requests), "-c", Integer.toString(connections),
                "-d", "100", "-r", "100000", "--csv"))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("redis-benchmark failed: " + output);
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : output.split("\\R")) {
            String[] fields = line.replace("\"", "").split(",");
            if (fields.length >= 7 && (fields[0].equals("SET") || fields[0].equals("GET"))) {
                rows.add(fields);
            }
        }
        return rows;
    }
}
