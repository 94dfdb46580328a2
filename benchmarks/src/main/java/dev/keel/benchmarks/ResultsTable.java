package dev.keel.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH result files ({@code -rf csv}) of {@link StringBenchmark}, {@link ListBenchmark},
 * {@link HashBenchmark}, {@link SetBenchmark}, {@link ZSetBenchmark} or {@link StreamBenchmark}
 * into one Markdown table: a row per operation, key distribution (where the benchmark has that
 * parameter) and thread count, a column per store, and the ratios of each Keel variant to each
 * other store ({@code ConcurrentHashMap} and Redis; the two JDK deques and Redis;
 * {@code ConcurrentHashMap}, Chronicle Map and Redis; the {@code ConcurrentHashMap} key set; the
 * skip list and Redis, for sorted sets and streams alike: both name their on-heap peer
 * {@code skiplist}).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.keel.benchmarks.ResultsTable t1.csv t2.csv
 * </pre>
 *
 * <p><b>Thread safety:</b> not thread safe.
 */
public final class ResultsTable {
    /** Every store the benchmarks know, in the order of the columns. */
    private static final List<String> STORES = List.of(StorePeer.KEEL, StorePeer.KEEL_BYTES, StorePeer.CHM,
            SetPeer.KEY_SET, ZSetPeer.SKIP_LIST, ListPeer.LINKED_BLOCKING_DEQUE, ListPeer.LOCKED_ARRAY_DEQUE, HashPeer.CHRONICLE, StorePeer.REDIS);

    /** One measured score; {@code distribution} is null for a benchmark without that parameter. */
    record Score(String operation, String distribution, int threads, String store, double score, double error) {
    }

    private ResultsTable() {
    }

    /** Prints the table for the CSV files named by {@code args}. */
    public static void main(String[] args) throws IOException {
        List<Score> scores = new ArrayList<>();
        for (String file : args) {
            scores.addAll(parse(Files.readAllLines(Path.of(file))));
        }
        System.out.print(format(scores));
    }

    /** Parses the lines of one JMH CSV result file. */
    static List<Score> parse(List<String> lines) {
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> header = fields(lines.getFirst());
        int benchmark = header.indexOf("Benchmark");
        int threads = header.indexOf("Threads");
        int score = header.indexOf("Score");
        int error = header.indexOf("Score Error (99.9%)");
        int distribution = header.indexOf("Param: distribution");
        int store = header.indexOf("Param: store");
        if (benchmark < 0 || threads < 0 || score < 0 || error < 0 || store < 0) {
            throw new IllegalArgumentException("not a JMH CSV result of a benchmark with a store parameter: " + header);
        }
        List<Score> scores = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> row = fields(line);
            String name = row.get(benchmark);
            scores.add(new Score(name.substring(name.lastIndexOf('.') + 1), distribution < 0 ? null : row.get(distribution),
                    Integer.parseInt(row.get(threads)), row.get(store),
                    Double.parseDouble(row.get(score)), Double.parseDouble(row.get(error))));
        }
        return scores;
    }

    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        for (String field : line.split(",", -1)) {
            fields.add(field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")
                    ? field.substring(1, field.length() - 1) : field);
        }
        return fields;
    }

    /** Returns the Markdown table of {@code scores}, rows in the order first seen. */
    static String format(List<Score> scores) {
        Map<String, Map<String, Score>> rows = new LinkedHashMap<>();
        List<String> present = new ArrayList<>();
        for (String store : STORES) {
            if (scores.stream().anyMatch(s -> s.store().equals(store))) {
                present.add(store);
            }
        }
        boolean distributions = scores.stream().anyMatch(s -> s.distribution() != null);
        for (Score score : scores) {
            String row = score.operation() + (distributions ? " | " + score.distribution() : "") + " | " + score.threads();
            rows.computeIfAbsent(row, k -> new LinkedHashMap<>()).put(score.store(), score);
        }
        StringBuilder table = new StringBuilder(distributions ? "| op | keys | threads |" : "| op | threads |");
        StringBuilder rule = new StringBuilder(distributions ? "| --- | --- | ---: |" : "| --- | ---: |");
        for (String store : present) {
            table.append(' ').append(store).append(" ops/s |");
            rule.append(" ---: |");
        }
        List<String[]> ratios = new ArrayList<>();
        for (String baseline : present) {
            if (isKeel(baseline)) {
                continue;
            }
            for (String keel : present) {
                if (isKeel(keel)) {
                    ratios.add(new String[] {keel, baseline});
                    table.append(' ').append(keel).append(" / ").append(baseline).append(" |");
                    rule.append(" ---: |");
                }
            }
        }
        table.append('\n').append(rule).append('\n');
        for (Map.Entry<String, Map<String, Score>> row : rows.entrySet()) {
            table.append("| ").append(row.getKey()).append(" |");
            for (String store : present) {
                Score score = row.getValue().get(store);
                table.append(' ').append(score == null ? "-" : cell(score)).append(" |");
            }
            for (String[] ratio : ratios) {
                Score a = row.getValue().get(ratio[0]);
                Score b = row.getValue().get(ratio[1]);
                table.append(' ').append(a == null || b == null ? "-" : ratio(a.score() / b.score())).append(" |");
            }
            table.append('\n');
        }
        return table.toString();
    }

    private static boolean isKeel(String store) {
        return store.equals(StorePeer.KEEL) || store.equals(StorePeer.KEEL_BYTES);
    }

    private static String cell(Score score) {
        String value = String.format(Locale.ROOT, "%,.0f", score.score());
        if (Double.isNaN(score.error())) {
            return value;
        }
        return value + String.format(Locale.ROOT, " ± %.0f%%", 100 * score.error() / score.score());
    }

    private static String ratio(double ratio) {
        return String.format(Locale.ROOT, ratio >= 10 ? "%.0f×" : ratio >= 0.1 ? "%.2f×" : ratio >= 0.01 ? "%.3f×" : "%.2g×", ratio);
    }
}
