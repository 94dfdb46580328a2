package dev.keel.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link Comparison} on every side (Redis where {@code redis-server} is installed) with small
 * datasets and one short window, in this JVM, and checks that every workload ran on every side that
 * has it, in every mode, with 1 and 2 threads, and produced a sane figure: a positive, finite ops/s,
 * latencies in order, memory per element within reason; then that {@link ComparisonReport} makes
 * its tables from those rows. It asserts nothing about speed (the machine running the tests may be busy).
 */
class ComparisonSmokeTest {
    private static final int ELEMENTS = 2000;
    private static final int SESSIONS = 200;

    @Test
    void everySide_everyWorkload_runsAndReportsSaneFigures(@TempDir Path directory) throws IOException, InterruptedException {
        Path rows = directory.resolve("rows.tsv");
        List<String> sides = new ArrayList<>(List.of(Comparison.KEEL, Comparison.HEAP, Comparison.CHRONICLE));
        if (RedisServer.executable() != null) {
            sides.add(Comparison.REDIS);
        }
        for (String side : sides) {
            Comparison.run(new Comparison.Options(side, List.of(1, 2), ELEMENTS, SESSIONS, new Measurement.Settings(0, 1, 20, 20), 1, rows,
                    new LinkedHashSet<>(Comparison.WORKLOADS), 10, 2));
        }
        List<String> lines = Files.readAllLines(rows, StandardCharsets.UTF_8);

        Set<String> ran = new TreeSet<>();
        Set<String> loaded = new TreeSet<>();
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            String where = String.join("/", f[1], f.length > 4 ? f[3] : "", f.length > 5 ? f[4] : "", f.length > 5 ? f[5] : "");
            switch (f[0]) {
                case "ops" -> {
                    ran.add(f[1] + "/" + f[3] + "/" + f[4] + "/" + f[5]);
                    for (String rate : f[6].split(",")) {
                        double value = Double.parseDouble(rate);
                        assertTrue(value > 0 && Double.isFinite(value), where + " ran at " + value + " ops/s");
                    }
                    double allocated = Double.parseDouble(f[7]);
                    assertTrue(allocated >= 0 && Double.isFinite(allocated), where + " allocated " + allocated + " bytes per op");
                    long p50 = Long.parseLong(f[8]);
                    long p99 = Long.parseLong(f[9]);
                    long p999 = Long.parseLong(f[10]);
                    assertTrue(0 < p50 && p50 <= p99 && p99 <= p999, where + " latency " + p50 + "/" + p99 + "/" + p999 + " ns");
                    assertTrue(Long.parseLong(f[12]) > 0, where + " timed no call");
                }
                case "memory" -> {
                    loaded.add(f[1] + "/" + f[3]);
                    long count = Long.parseLong(f[4]);
                    double perElement = (double) Long.parseLong(f[5]) / count;
                    assertEquals(f[3].equals("sessions") ? SESSIONS : ELEMENTS, count, where);
                    // Bytes per element: more than nothing (the heap side can measure a little under
                    // its data if a collection freed something else), less than 100 KB.
                    assertTrue(perElement > -100 && perElement < 100_000, where + ": " + perElement + " bytes per element");
                }
                case "heap" -> assertTrue(Long.parseLong(f[3]) > 0 && Long.parseLong(f[4]) > 0, line);
                case "info" -> { }
                default -> throw new AssertionError("unknown row: " + line);
            }
        }

        Set<String> expected = new TreeSet<>();
        for (String side : sides) {
            for (String workload : Comparison.WORKLOADS) {
                if (side.equals(Comparison.CHRONICLE) && !workload.startsWith("h")) {
                    continue;
                }
                List<String> modes = side.equals(Comparison.REDIS) ? List.of(Comparison.SYNC, Comparison.PIPELINED) : List.of(Comparison.EMBEDDED);
                for (String mode : modes) {
                    expected.add(side + "/" + mode + "/" + workload + "/1");
                    expected.add(side + "/" + mode + "/" + workload + "/2");
                }
            }
            for (String type : Comparison.TYPES) {
                if (!side.equals(Comparison.CHRONICLE) || type.equals("hashes")) {
                    loaded.remove(side + "/" + type);
                }
            }
        }
        assertEquals(expected, ran);
        assertEquals(Set.of(), loaded, "memory rows of types a side does not have");

        ComparisonReport report = new ComparisonReport();
        report.read(lines);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("date", "test");
        String markdown = report.format("One-run comparison (test)", "benchmarks/run.sh --quick", meta, Map.of("### Extra", "text"));
        for (String workload : Comparison.WORKLOADS) {
            assertTrue(markdown.contains("| " + workload + " | 1 |"), workload + " missing from\n" + markdown);
        }
        assertTrue(markdown.contains("### Memory per element"), markdown);
        assertTrue(markdown.contains("### Against the issue's goals"), markdown);
        assertTrue(markdown.contains("### Extra\n\ntext"), markdown);
    }
}
