package dev.keel.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns the rows of {@link Comparison} (every side, every fork) into the one-run tables: throughput
 * with every ratio, latency, allocation, memory per element, the Java heap, the goals with
 * the places Keel is furthest behind them, then any extra sections (the persistence comparison).
 * Prints the Markdown, and with {@code --results FILE} puts it at the top of that file
 * ({@code RESULTS.md}), replacing the one-run section an earlier run put there and keeping the rest.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.keel.benchmarks.ComparisonReport --rows rows.tsv \
 *     --title "..." --command "benchmarks/run.sh" [--meta key=value]... [--section "## Title" file]... [--results RESULTS.md]
 * </pre>
 *
 * Figures: ops/s is the median of every measured window of every fork; a cell whose windows
 * spread (interquartile range) or whose forks' medians differ by more than {@link #NOISY} of the
 * median is marked noisy. Latency and allocation are the medians of the forks' figures.
 *
 * <p><b>Thread safety:</b> a program.
 */
public final class ComparisonReport {
    /** The spread above which a figure is marked noisy: 10% of its median. */
    static final double NOISY = 0.10;
    static final String BEGIN = "<!-- one-run comparison: begin (written by benchmarks/run.sh) -->";
    static final String END = "<!-- one-run comparison: end -->";

    /** A column of the tables: a side called in one mode. */
    record Column(String side, String mode, String label) {
    }

    static final Column KEEL = new Column(Comparison.KEEL, Comparison.EMBEDDED, "Keel");
    static final Column HEAP = new Column(Comparison.HEAP, Comparison.EMBEDDED, "JDK on-heap");
    static final Column CHRONICLE = new Column(Comparison.CHRONICLE, Comparison.EMBEDDED, "Chronicle Map");
    static final Column SYNC = new Column(Comparison.REDIS, Comparison.SYNC, "Redis sync");
    static final Column PIPELINED = new Column(Comparison.REDIS, Comparison.PIPELINED, "Redis pipelined");
    static final List<Column> COLUMNS = List.of(KEEL, HEAP, CHRONICLE, SYNC, PIPELINED);

    /** The on-heap baseline of each type. */
    static final Map<String, String> BASELINES = Map.of(
            "strings", "ConcurrentHashMap<String, byte[]>",
            "lists", "LinkedBlockingDeque per key",
            "hashes", "ConcurrentHashMap per hash",
            "zsets", "ConcurrentSkipListMap + ConcurrentHashMap (ZRANK: headMap().size(), O(n))",
            "streams", "ConcurrentSkipListMap of entries, pending map per group",
            "sessions", "ConcurrentHashMap of ConcurrentHashMap, HGETALL copies");

    /** One cell: every window of every fork, and each fork's latency and allocation. */
    static final class Cell {
        final List<Double> windows = new ArrayList<>();
        final List<double[]> forkWindows = new ArrayList<>();
        final List<Double> alloc = new ArrayList<>();
        final List<long[]> latency = new ArrayList<>();

        double median() {
            return Comparison.median(windows.stream().mapToDouble(Double::doubleValue).toArray());
        }

        /** The larger of the windows' interquartile range and the forks' medians' range, over the median. */
        double spread() {
            double[] sorted = windows.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = median();
            double iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
            double forks = 0;
            if (forkWindows.size() > 1) {
                double[] medians = forkWindows.stream().mapToDouble(Comparison::median).sorted().toArray();
                forks = medians[medians.length - 1] - medians[0];
            }
            return Math.max(iqr, forks) / median;
        }

        boolean noisy() {
            return spread() > NOISY;
        }

        double allocation() {
            return Comparison.median(alloc.stream().mapToDouble(Double::doubleValue).toArray());
        }

        long latency(int percentile) {
            return (long) Comparison.median(latency.stream().mapToDouble(l -> l[percentile]).toArray());
        }
    }

    private final Map<String, Cell> cells = new LinkedHashMap<>();
    private final Map<String, List<double[]>> memory = new LinkedHashMap<>();
    private final Map<String, List<long[]>> heap = new LinkedHashMap<>();
    private final Map<String, String> info = new LinkedHashMap<>();
    private final TreeSet<Integer> threadCounts = new TreeSet<>();
    private final TreeSet<Integer> forks = new TreeSet<>();

    private static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double position = q * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = (int) Math.ceil(position);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }

    private static String key(String side, String mode, String workload, int threads) {
        return side + "/" + mode + "/" + workload + "/" + threads;
    }

    /** Reads rows written by {@link Comparison}. */
    void read(List<String> lines) {
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            String side = f[1];
            int fork = Integer.parseInt(f[2]);
            forks.add(fork);
            switch (f[0]) {
                case "info" -> info.putIfAbsent(side + "." + f[3], f[4]);
                case "memory" -> memory.computeIfAbsent(side + "/" + f[3], k -> new ArrayList<>())
                        .add(new double[] {Long.parseLong(f[4]), Long.parseLong(f[5]), Double.parseDouble(f[6])});
                case "heap" -> heap.computeIfAbsent(side, k -> new ArrayList<>()).add(new long[] {Long.parseLong(f[3]), Long.parseLong(f[4])});
                case "ops" -> {
                    int threads = Integer.parseInt(f[5]);
                    threadCounts.add(threads);
                    Cell cell = cells.computeIfAbsent(key(side, f[3], f[4], threads), k -> new Cell());
                    double[] rates = Arrays.stream(f[6].split(",")).mapToDouble(Double::parseDouble).toArray();
                    for (double rate : rates) {
                        cell.windows.add(rate);
                    }
                    cell.forkWindows.add(rates);
                    cell.alloc.add(Double.parseDouble(f[7]));
                    cell.latency.add(new long[] {Long.parseLong(f[8]), Long.parseLong(f[9]), Long.parseLong(f[10])});
                }
                default -> throw new IllegalArgumentException("unknown row kind: " + line);
            }
        }
    }

    private Cell cell(Column column, String workload, int threads) {
        return cells.get(key(column.side(), column.mode(), workload, threads));
    }

    /** ops/s with three significant digits and a k/M suffix. */
    static String rate(double rate) {
        if (Double.isNaN(rate)) {
            return "-";
        }
        if (rate >= 1e6) {
            return String.format(Locale.ROOT, rate >= 1e8 ? "%.0fM" : rate >= 1e7 ? "%.1fM" : "%.2fM", rate / 1e6);
        }
        if (rate >= 1e3) {
            return String.format(Locale.ROOT, rate >= 1e5 ? "%.0fk" : rate >= 1e4 ? "%.1fk" : "%.2fk", rate / 1e3);
        }
        return String.format(Locale.ROOT, rate >= 100 ? "%.0f" : "%.3g", rate);
    }

    static String ratio(double ratio) {
        if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
            return "-";
        }
        return String.format(Locale.ROOT, ratio >= 10 ? "%.0f×" : ratio >= 0.1 ? "%.2f×" : ratio >= 0.01 ? "%.3f×" : "%.2g×", ratio);
    }

    static String micros(long nanos) {
        double us = nanos / 1e3;
        return String.format(Locale.ROOT, us >= 100 ? "%.0f" : us >= 10 ? "%.1f" : "%.2f", us);
    }

    private String throughputCell(Cell cell) {
        if (cell == null) {
            return "-";
        }
        return rate(cell.median()) + String.format(Locale.ROOT, " ±%.0f%%", 100 * cell.spread()) + (cell.noisy() ? " ⚠" : "");
    }

    private double ratioOf(Column a, Column b, String workload, int threads) {
        Cell x = cell(a, workload, threads);
        Cell y = cell(b, workload, threads);
        return x == null || y == null ? Double.NaN : x.median() / y.median();
    }

    /** A ratio of Keel to a peer measured against the goal for it. */
    record Shortfall(String goal, String where, double ratio, double target) {
        double share() {
            return ratio / target;
        }
    }

    /** Returns the report's Markdown; {@code meta} lines go in the "where and how" table, {@code sections} after the tables. */
    String format(String title, String command, Map<String, String> meta, Map<String, String> sections) {
        StringBuilder md = new StringBuilder();
        md.append(BEGIN).append('\n');
        md.append("## ").append(title).append("\n\n");
        md.append("| | |\n| --- | --- |\n");
        for (Map.Entry<String, String> entry : meta.entrySet()) {
            md.append("| ").append(entry.getKey()).append(" | ").append(entry.getValue()).append(" |\n");
        }
        String jvm = info.getOrDefault("keel.jvm", info.values().stream().findFirst().orElse("?"));
        md.append("| JDK | ").append(jvm).append(" |\n");
        if (info.containsKey("redis.redis")) {
            md.append("| Redis | redis-server ").append(info.get("redis.redis"))
                    .append(" on 127.0.0.1, started by the run (`--save '' --appendonly no`), one server per type; client Lettuce ")
                    .append(info.getOrDefault("redis.lettuce", "?")).append(" |\n");
        }
        md.append("| forks | ").append(forks.size()).append(" JVM(s) per side; figures are medians over every window of every fork |\n");
        md.append("| command | `").append(command).append("` |\n\n");

        List<String> workloads = Comparison.WORKLOADS.stream()
                .filter(w -> COLUMNS.stream().anyMatch(c -> threadCounts.stream().anyMatch(t -> cell(c, w, t) != null))).toList();

        md.append("### Throughput (ops/s; ±: spread of the windows or forks over the median; ⚠: over ")
                .append(Math.round(NOISY * 100)).append("%, noisy)\n\n");
        md.append("One op is one command, except lpush+rpop (the pair), xreadgroup+xack (the pair) and session (HGETALL + HSET + EXPIRE). "
                + "Redis pipelined: batches of 100 ops per connection, 2 connections per thread.\n\n");
        md.append("| op | threads |");
        for (Column column : COLUMNS) {
            md.append(' ').append(column.label()).append(" |");
        }
        md.append(" Keel / JDK | Keel / Chronicle | Keel / Redis sync | Keel / Redis pipelined |\n");
        md.append("| --- | ---: |").append(" ---: |".repeat(COLUMNS.size() + 4)).append('\n');
        for (String workload : workloads) {
            for (int threads : threadCounts) {
                md.append("| ").append(workload).append(" | ").append(threads).append(" |");
                for (Column column : COLUMNS) {
                    md.append(' ').append(throughputCell(cell(column, workload, threads))).append(" |");
                }
                for (Column peer : List.of(HEAP, CHRONICLE, SYNC, PIPELINED)) {
                    md.append(' ').append(ratio(ratioOf(KEEL, peer, workload, threads))).append(" |");
                }
                md.append('\n');
            }
        }
        md.append("\nJDK on-heap baselines: ");
        List<String> named = new ArrayList<>();
        for (String type : Comparison.TYPES) {
            named.add(type + ": " + BASELINES.get(type));
        }
        md.append(String.join("; ", named)).append(".\n\n");

        md.append("### Latency per op (µs: p50 / p99 / p99.9; HdrHistogram of every call timed apart from the throughput windows)\n\n");
        md.append("A pipelined op's latency is its batch's: from sending the batch to the last reply.\n\n");
        md.append("| op | threads |");
        for (Column column : COLUMNS) {
            md.append(' ').append(column.label()).append(" |");
        }
        md.append('\n').append("| --- | ---: |").append(" ---: |".repeat(COLUMNS.size())).append('\n');
        for (String workload : workloads) {
            for (int threads : threadCounts) {
                md.append("| ").append(workload).append(" | ").append(threads).append(" |");
                for (Column column : COLUMNS) {
                    Cell cell = cell(column, workload, threads);
                    md.append(' ').append(cell == null ? "-" : micros(cell.latency(0)) + " / " + micros(cell.latency(1)) + " / "
                            + micros(cell.latency(2))).append(" |");
                }
                md.append('\n');
            }
        }

        md.append("\n### Allocation per op (bytes allocated by every thread of the JVM over the measured windows, per op: "
                + "the counter JMH's GC profiler reads for gc.alloc.rate.norm; Redis's columns are the client's, Lettuce and Netty)\n\n");
        md.append("| op | threads |");
        for (Column column : COLUMNS) {
            md.append(' ').append(column.label()).append(" |");
        }
        md.append('\n').append("| --- | ---: |").append(" ---: |".repeat(COLUMNS.size())).append('\n');
        for (String workload : workloads) {
            for (int threads : threadCounts) {
                md.append("| ").append(workload).append(" | ").append(threads).append(" |");
                for (Column column : COLUMNS) {
                    Cell cell = cell(column, workload, threads);
                    md.append(' ').append(cell == null ? "-" : String.format(Locale.ROOT, "%.0f", cell.allocation())).append(" |");
                }
                md.append('\n');
            }
        }

        md.append("\n### Memory per element (bytes; each type's dataset loaded once per side, each element a fresh object)\n\n");
        md.append("Keel: change of `memoryStats().usedBytes()` (off-heap). Redis: change of `INFO memory` `used_memory`. "
                + "JDK on-heap: change of the heap used after GC. Chronicle Map: `offHeapMemoryUsed()` once loaded (reserved up front).\n\n");
        md.append("| type | elements | Keel | Redis | JDK on-heap | Chronicle Map | Keel / Redis | Keel / JDK |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (String type : Comparison.TYPES) {
            double keel = perElement(Comparison.KEEL, type);
            double redis = perElement(Comparison.REDIS, type);
            double jdk = perElement(Comparison.HEAP, type);
            double chronicle = perElement(Comparison.CHRONICLE, type);
            if (Double.isNaN(keel) && Double.isNaN(redis) && Double.isNaN(jdk)) {
                continue;
            }
            md.append("| ").append(type).append(" | ").append(String.format(Locale.ROOT, "%,d", elements(type))).append(" | ")
                    .append(bytes(keel)).append(" | ").append(bytes(redis)).append(" | ").append(bytes(jdk)).append(" | ")
                    .append(bytes(chronicle)).append(" | ").append(ratio(keel / redis)).append(" | ").append(ratio(keel / jdk)).append(" |\n");
        }
        md.append("\nShapes: strings `session:N` → 100 bytes (no TTL); lists one list of 16-byte elements; hashes one hash "
                + "`field:N` → 16 bytes; zsets one sorted set `member:N` with random scores; streams one stream of entries "
                + "f1 (8 letters), f2 (16 letters); sessions hashes of 5 fields (about 240 bytes) with a TTL (per session).\n\n");

        md.append("### Java heap used after GC, without and with the datasets loaded (MiB)\n\n");
        md.append("| side | without data | with data | change |\n| --- | ---: | ---: | ---: |\n");
        for (String side : Comparison.SIDES) {
            List<long[]> rows = heap.get(side);
            if (rows == null) {
                continue;
            }
            double without = Comparison.median(rows.stream().mapToDouble(r -> r[0]).toArray()) / Footprints.MIB;
            double with = Comparison.median(rows.stream().mapToDouble(r -> r[1]).toArray()) / Footprints.MIB;
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %+.1f |%n", side, without, with, with - without));
        }
        md.append("\nEvery side's JVM holds the same names and walks (about the same \"without\"); only the JDK side keeps its data "
                + "on the heap. The Redis side's change is Lettuce's.\n\n");

        md.append(goals());

        for (Map.Entry<String, String> section : sections.entrySet()) {
            md.append('\n').append(section.getKey()).append("\n\n").append(section.getValue().strip()).append('\n');
        }
        md.append(END).append('\n');
        return md.toString();
    }

    private String bytes(double perElement) {
        return Double.isNaN(perElement) ? "-" : String.format(Locale.ROOT, "%.1f", perElement);
    }

    private long elements(String type) {
        for (String side : Comparison.SIDES) {
            List<double[]> rows = memory.get(side + "/" + type);
            if (rows != null) {
                return (long) rows.getFirst()[0];
            }
        }
        return 0;
    }

    private double perElement(String side, String type) {
        List<double[]> rows = memory.get(side + "/" + type);
        if (rows == null) {
            return Double.NaN;
        }
        return Comparison.median(rows.stream().mapToDouble(r -> r[1] / r[0]).toArray());
    }

    /** The four goals, each with its rows furthest behind, and the three places furthest behind overall. */
    private String goals() {
        List<Shortfall> all = new ArrayList<>();
        for (String workload : Comparison.WORKLOADS) {
            for (int threads : threadCounts) {
                String where = workload + ", " + threads + " thread" + (threads == 1 ? "" : "s");
                double sync = ratioOf(KEEL, SYNC, workload, threads);
                double pipelined = ratioOf(KEEL, PIPELINED, workload, threads);
                double jdk = ratioOf(KEEL, HEAP, workload, threads);
                if (!Double.isNaN(sync)) {
                    all.add(new Shortfall("≥ 100× Redis sync ops/s", where, sync, 100));
                }
                if (!Double.isNaN(pipelined)) {
                    all.add(new Shortfall("≥ 10× Redis pipelined ops/s", where, pipelined, 10));
                }
                if (!Double.isNaN(jdk)) {
                    all.add(new Shortfall("≥ 0.8× the on-heap baseline's ops/s", where, jdk, 0.8));
                }
            }
        }
        for (String type : Comparison.TYPES) {
            double keel = perElement(Comparison.KEEL, type);
            double redis = perElement(Comparison.REDIS, type);
            if (!Double.isNaN(keel) && !Double.isNaN(redis)) {
                // Fewer bytes than Redis: the ratio Redis / Keel must exceed 1.
                all.add(new Shortfall("fewer bytes per element than Redis", type, redis / keel, 1));
            }
        }
        StringBuilder md = new StringBuilder("### Against the issue's goals\n\n");
        md.append("| goal | met | furthest behind (Keel's ratio; for memory Redis / Keel) |\n| --- | ---: | --- |\n");
        Map<String, List<Shortfall>> byGoal = new LinkedHashMap<>();
        for (Shortfall shortfall : all) {
            byGoal.computeIfAbsent(shortfall.goal(), k -> new ArrayList<>()).add(shortfall);
        }
        for (Map.Entry<String, List<Shortfall>> goal : byGoal.entrySet()) {
            List<Shortfall> rows = new ArrayList<>(goal.getValue());
            rows.sort(Comparator.comparingDouble(Shortfall::share));
            long met = rows.stream().filter(r -> r.share() >= 1).count();
            List<String> worst = new ArrayList<>();
            for (Shortfall row : rows.subList(0, Math.min(3, rows.size()))) {
                if (row.share() < 1) {
                    worst.add(row.where() + " " + ratio(row.ratio()));
                }
            }
            md.append("| ").append(goal.getKey()).append(" | ").append(met).append(" of ").append(rows.size()).append(" | ")
                    .append(worst.isEmpty() ? "all met" : String.join("; ", worst)).append(" |\n");
        }
        all.sort(Comparator.comparingDouble(Shortfall::share));
        md.append("\nThe three places furthest behind their goal (the ratio as a share of the goal; one row per goal and op):\n\n");
        int shown = 0;
        java.util.Set<String> places = new java.util.HashSet<>();
        for (Shortfall row : all) {
            if (row.share() >= 1 || shown == 3) {
                break;
            }
            if (!places.add(row.goal() + "/" + row.where().split(",")[0])) {
                continue;
            }
            shown++;
            md.append(shown).append(". ").append(row.goal()).append(": ").append(row.where()).append(", ").append(ratio(row.ratio()))
                    .append(String.format(Locale.ROOT, " (%.0f%% of the goal)", 100 * row.share())).append('\n');
        }
        if (shown == 0) {
            md.append("none: every goal measured is met.\n");
        }
        return md.toString();
    }

    /** Runs the report; see the class comment. */
    public static void main(String[] args) throws IOException {
        ComparisonReport report = new ComparisonReport();
        String title = "One-run comparison";
        String command = "benchmarks/run.sh";
        Map<String, String> meta = new LinkedHashMap<>();
        Map<String, String> sections = new LinkedHashMap<>();
        Path results = null;
        for (int a = 0; a < args.length; a++) {
            switch (args[a]) {
                case "--rows" -> report.read(Files.readAllLines(Path.of(args[++a]), StandardCharsets.UTF_8));
                case "--title" -> title = args[++a];
                case "--command" -> command = args[++a];
                case "--meta" -> {
                    String pair = args[++a];
                    int eq = pair.indexOf('=');
                    meta.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
                case "--section" -> {
                    String heading = args[++a];
                    Path file = Path.of(args[++a]);
                    sections.put(heading, Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(not run)");
                }
                case "--results" -> results = Path.of(args[++a]);
                default -> {
                    System.err.println("unknown option " + args[a]);
                    System.exit(2);
                }
            }
        }
        String markdown = report.format(title, command, meta, sections);
        System.out.print(markdown);
        if (results != null) {
            String existing = Files.exists(results) ? Files.readString(results, StandardCharsets.UTF_8) : "# Benchmark results\n\n";
            Files.writeString(results, splice(existing, markdown), StandardCharsets.UTF_8);
        }
    }

    /**
     * Returns {@code existing} with {@code section} in place of its one-run section, or, without
     * one, inserted before its first second-level heading (after the title and introduction).
     */
    static String splice(String existing, String section) {
        int begin = existing.indexOf(BEGIN);
        int end = existing.indexOf(END);
        if (begin >= 0 && end > begin) {
            return existing.substring(0, begin) + section + existing.substring(end + END.length() + 1);
        }
        int heading = existing.indexOf("\n## ");
        if (heading < 0) {
            return existing + "\n" + section;
        }
        return existing.substring(0, heading + 1) + section + "\n" + existing.substring(heading + 1);
    }
}
