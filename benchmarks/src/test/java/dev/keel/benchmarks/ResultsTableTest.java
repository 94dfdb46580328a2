package dev.keel.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsTableTest {
    private static final List<String> CSV = List.of(
            "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\",\"Param: distribution\",\"Param: keys\",\"Param: store\",\"Param: valueSize\"",
            "\"dev.keel.benchmarks.StringBenchmark.get\",\"thrpt\",1,3,2000000.0,100000.0,\"ops/s\",zipf,100000,keel,100",
            "\"dev.keel.benchmarks.StringBenchmark.get\",\"thrpt\",1,3,40000000.0,NaN,\"ops/s\",zipf,100000,chm,100",
            "\"dev.keel.benchmarks.StringBenchmark.get\",\"thrpt\",1,3,40000.0,2000.0,\"ops/s\",zipf,100000,redis,100");

    @Test
    void parse_jmhCsv_readsEveryRow() {
        List<ResultsTable.Score> scores = ResultsTable.parse(CSV);
        assertEquals(3, scores.size());
        assertEquals(new ResultsTable.Score("get", "zipf", 1, "keel", 2_000_000.0, 100_000.0), scores.getFirst());
    }

    @Test
    void format_threeStores_printsScoresAndRatios() {
        String table = ResultsTable.format(ResultsTable.parse(CSV));
        assertTrue(table.startsWith("| op | keys | threads | keel ops/s | chm ops/s | redis ops/s | keel / chm | keel / redis |\n"), table);
        assertTrue(table.contains("| get | zipf | 1 | 2,000,000 ± 5% | 40,000,000 | 40,000 ± 5% | 0.050× | 50× |"), table);
    }

    private static final List<String> LIST_CSV = List.of(
            "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\",\"Param: backlog\",\"Param: indexLength\",\"Param: rangeLength\",\"Param: store\"",
            "\"dev.keel.benchmarks.ListBenchmark.lindexMiddle\",\"thrpt\",2,3,5000.0,500.0,\"ops/s\",100,1000000,10000,keel",
            "\"dev.keel.benchmarks.ListBenchmark.lindexMiddle\",\"thrpt\",2,3,1000.0,NaN,\"ops/s\",100,1000000,10000,lbdeque",
            "\"dev.keel.benchmarks.ListBenchmark.lindexMiddle\",\"thrpt\",2,3,10000.0,NaN,\"ops/s\",100,1000000,10000,arraydeque",
            "\"dev.keel.benchmarks.ListBenchmark.lindexMiddle\",\"thrpt\",2,3,2500000.0,NaN,\"ops/s\",100,1000000,10000,redis");

    @Test
    void format_listBenchmark_hasNoKeysColumnAndComparesWithEachPeer() {
        String table = ResultsTable.format(ResultsTable.parse(LIST_CSV));
        assertTrue(table.startsWith("| op | threads | keel ops/s | lbdeque ops/s | arraydeque ops/s | redis ops/s "
                + "| keel / lbdeque | keel / arraydeque | keel / redis |\n| --- | ---: |"), table);
        assertTrue(table.contains("| lindexMiddle | 2 | 5,000 ± 10% | 1,000 | 10,000 | 2,500,000 | 5.00× | 0.50× | 0.0020× |"), table);
    }

    private static final List<String> HASH_CSV = List.of(
            "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\",\"Param: distribution\",\"Param: fields\",\"Param: fieldsPerHash\",\"Param: hashes\",\"Param: store\"",
            "\"dev.keel.benchmarks.HashBenchmark.hgetBigHash\",\"thrpt\",1,5,1000000.0,NaN,\"ops/s\",zipf,1000000,10,100000,keel",
            "\"dev.keel.benchmarks.HashBenchmark.hgetBigHash\",\"thrpt\",1,5,10000000.0,NaN,\"ops/s\",zipf,1000000,10,100000,chm",
            "\"dev.keel.benchmarks.HashBenchmark.hgetBigHash\",\"thrpt\",1,5,2000000.0,NaN,\"ops/s\",zipf,1000000,10,100000,chronicle");

    @Test
    void format_hashBenchmark_comparesWithChronicleMap() {
        String table = ResultsTable.format(ResultsTable.parse(HASH_CSV));
        assertTrue(table.startsWith("| op | keys | threads | keel ops/s | chm ops/s | chronicle ops/s | keel / chm | keel / chronicle |\n"), table);
        assertTrue(table.contains("| hgetBigHash | zipf | 1 | 1,000,000 | 10,000,000 | 2,000,000 | 0.10× | 0.50× |"), table);
    }

    private static final List<String> ZSET_CSV = List.of(
            "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\",\"Param: distribution\",\"Param: members\",\"Param: store\"",
            "\"dev.keel.benchmarks.ZSetBenchmark.zrank\",\"thrpt\",1,5,1000000.0,NaN,\"ops/s\",uniform,1000000,keel",
            "\"dev.keel.benchmarks.ZSetBenchmark.zrank\",\"thrpt\",1,5,200.0,NaN,\"ops/s\",uniform,1000000,skiplist",
            "\"dev.keel.benchmarks.ZSetBenchmark.zrank\",\"thrpt\",1,5,10000.0,NaN,\"ops/s\",uniform,1000000,redis");

    @Test
    void format_zsetBenchmark_comparesWithSkipListAndRedis() {
        String table = ResultsTable.format(ResultsTable.parse(ZSET_CSV));
        assertTrue(table.startsWith("| op | keys | threads | keel ops/s | skiplist ops/s | redis ops/s | keel / skiplist | keel / redis |\n"), table);
        assertTrue(table.contains("| zrank | uniform | 1 | 1,000,000 | 200 | 10,000 | 5000× | 100× |"), table);
    }

    @Test
    void parse_otherCsv_throws() {
        assertThrows(IllegalArgumentException.class, () -> ResultsTable.parse(List.of("\"a\",\"b\"")));
    }
}
