package dev.keel.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonReportTest {
    private static final String SECTION = ComparisonReport.BEGIN + "\n## One-run comparison\n\nnew\n" + ComparisonReport.END + "\n";

    @Test
    void splice_noSectionYet_insertsBeforeTheFirstSecondLevelHeading() {
        String existing = "# Benchmark results\n\nIntro.\n\n## Old\n\nold text\n";
        assertEquals("# Benchmark results\n\nIntro.\n\n" + SECTION + "\n## Old\n\nold text\n", ComparisonReport.splice(existing, SECTION));
    }

    @Test
    void splice_earlierSection_replacesItAndKeepsTheRest() {
        String existing = "# Benchmark results\n\nIntro.\n\n" + ComparisonReport.BEGIN + "\n## One-run\n\nold run\n" + ComparisonReport.END
                + "\n\n## Old\n\nold text\n";
        String spliced = ComparisonReport.splice(existing, SECTION);
        assertEquals("# Benchmark results\n\nIntro.\n\n" + SECTION + "\n## Old\n\nold text\n", spliced);
        assertEquals(spliced, ComparisonReport.splice(spliced, SECTION));
    }

    @Test
    void format_twoForks_mediansEveryWindowAndMarksASpreadOverTenPercentNoisy() {
        ComparisonReport report = new ComparisonReport();
        report.read(List.of(
                "ops\tkeel\t1\tembedded\tget\t1\t100.0,100.0,100.0\t0.0\t1000\t2000\t3000\t4000\t10",
                "ops\tkeel\t2\tembedded\tget\t1\t100.0,100.0,100.0\t0.0\t1000\t2000\t3000\t4000\t10",
                "ops\theap\t1\tembedded\tget\t1\t400.0,400.0,400.0\t0.0\t500\t600\t700\t800\t10",
                "ops\theap\t2\tembedded\tget\t1\t200.0,200.0,200.0\t0.0\t500\t600\t700\t800\t10",
                "memory\tkeel\t1\tstrings\t1000\t100000\t0.1",
                "memory\tredis\t1\tstrings\t1000\t200000\t0.1"));
        String markdown = report.format("t", "c", Map.of(), Map.of());
        // Keel: 100 ± 0%; the heap side's forks 400 and 200: median 300, forks 67% apart: noisy.
        assertTrue(markdown.contains("| get | 1 | 100 ±0% | 300 ±67% ⚠ |"), markdown);
        assertTrue(markdown.contains("| 0.33× |"), markdown);
        assertTrue(markdown.contains("| 1.00 / 2.00 / 3.00 | 0.50 / 0.60 / 0.70 |"), markdown);
        assertTrue(markdown.contains("| strings | 1,000 | 100.0 | 200.0 | - | - | 0.50× | - |"), markdown);
        assertTrue(markdown.contains("| fewer bytes per element than Redis | 1 of 1 | all met |"), markdown);
    }
}
