package dev.keel.engine.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.EvictionPolicy;
import dev.keel.Reply;
import dev.keel.SetArgs;
import dev.keel.StoreInfo;
import dev.keel.engine.AbstractCommandTest;
import dev.keel.engine.OffHeapStore;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** INFO: sections, Redis's format and field names, and the numbers of {@code store.info()}. */
class InfoCommandTest extends AbstractCommandTest {
    private static final Pattern TITLE = Pattern.compile("(?m)^# (\\w+)$");

    private String info(String... sections) {
        String[] argv = new String[sections.length + 1];
        argv[0] = "INFO";
        System.arraycopy(sections, 0, argv, 1, sections.length);
        return assertInstanceOf(Reply.Bulk.class, exec(argv)).utf8();
    }

    /** The section titles of {@code text}, in order. */
    private static List<String> titles(String text) {
        return TITLE.matcher(text).results().map(title -> title.group(1)).toList();
    }

    /** The value of {@code field} in {@code text}, or null. */
    private static String field(String text, String field) {
        Matcher line = Pattern.compile("(?m)^" + field + ":(.*)$").matcher(text);
        return line.find() ? line.group(1) : null;
    }

    @Test
    void info_noArgument_answersEverySectionInRedisFormat() {
        redis.set("a", "1");
        String text = info();
        assertEquals(List.of("Server", "Memory", "Stats", "Keyspace"), titles(text));
        assertTrue(text.startsWith("# Server\r\nkeel_version:"), text);
        assertTrue(text.endsWith("\r\n# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0\r\n"), text);
        assertTrue(text.contains("\r\n\r\n# Memory\r\n"), "an empty line between sections: " + text);
        for (String line : text.split("\r\n", -1)) {
            assertTrue(line.isEmpty() || line.startsWith("# ") || line.matches("[a-z0-9_]+:[^\r\n]*"), line);
        }
        assertFalse(text.replace("\r\n", "").contains("\n") || text.replace("\r\n", "").contains("\r"), "only CRLF line ends");
    }

    @Test
    void info_defaultAllEverything_answerEverySection() {
        for (String all : List.of("default", "ALL", "Everything")) {
            assertEquals(List.of("Server", "Memory", "Stats", "Keyspace"), titles(info(all)), all);
        }
    }

    @Test
    void info_sectionsInAnyOrderAndCase_answeredInRedisOrderOnce() {
        assertEquals(List.of("Server", "Keyspace"), titles(info("keyspace", "SERVER", "server")));
        assertEquals(List.of("Memory", "Stats"), titles(info("stats", "clients", "Memory")));
    }

    @Test
    void info_unknownOrAbsentSection_answersEmptyString() {
        assertEquals(Reply.bulk(""), exec("INFO", "nosuchsection"));
        assertEquals(Reply.bulk(""), exec("INFO", "clients", "replication"));
    }

    @Test
    void info_fields_carryTheNumbersOfStoreInfo() {
        redis.set("a", "1");
        redis.set("b", "1", SetArgs.ex(100));
        redis.get("a");
        redis.get("missing");
        redis.set("c", "1", SetArgs.px(1));
        clock.advanceMillis(2);
        redis.get("c");
        EnumSet<InfoCommand.Section> steady = EnumSet.complementOf(EnumSet.of(InfoCommand.Section.SERVER));
        String text = info("memory", "stats", "keyspace");
        // The INFO command counts itself, as in Redis; store.info() does not count.
        StoreInfo info = store.info();
        assertEquals(InfoCommand.render(info, steady), text);
        assertEquals("1", field(text, "keyspace_hits"));
        assertEquals("2", field(text, "keyspace_misses"));
        assertEquals("1", field(text, "expired_keys"));
        assertEquals("keys=2,expires=1,avg_ttl=0", field(text, "db0"));
        String server = info("server");
        assertEquals(Long.toString(ProcessHandle.current().pid()), field(server, "process_id"));
        assertTrue(field(server, "keel_version").matches("\\d+\\.\\d+\\.\\d+.*"), server);
        assertEquals(Runtime.version().toString(), field(server, "java_version"));
    }

    @Test
    void info_emptyStore_hasAnEmptyKeyspaceSection() {
        assertEquals("# Keyspace\r\n", info("keyspace"));
    }

    @Test
    void info_isNotAWriteAndTakesItsOwnLocks() {
        CommandSpec spec = OffHeapStore.commandTable().lookup("info".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertFalse(spec.has(CommandSpec.WRITE));
        assertTrue(spec.has(CommandSpec.WHOLE_KEYSPACE));
        assertEquals(-1, spec.arity());
    }

    @Test
    void render_memoryAndStats_inRedisFieldOrder() {
        StoreInfo info = new StoreInfo(3, 1, 1536, 3 << 20, 64L << 30, EvictionPolicy.ALLKEYS_LFU, 7, 2, 5, 4, 99,
                Duration.ofDays(2).plusSeconds(5));
        assertEquals("# Memory\r\n"
                + "used_memory:1536\r\n"
                + "used_memory_human:1.50K\r\n"
                + "used_memory_rss:3145728\r\n"
                + "used_memory_rss_human:3.00M\r\n"
                + "maxmemory:68719476736\r\n"
                + "maxmemory_human:64.00G\r\n"
                + "maxmemory_policy:allkeys-lfu\r\n"
                + "mem_fragmentation_ratio:2048.00\r\n"
                + "mem_fragmentation_bytes:3144192\r\n"
                + "\r\n"
                + "# Stats\r\n"
                + "total_commands_processed:99\r\n"
                + "expired_keys:5\r\n"
                + "evicted_keys:4\r\n"
                + "keyspace_hits:7\r\n"
                + "keyspace_misses:2\r\n",
                InfoCommand.render(info, EnumSet.of(InfoCommand.Section.MEMORY, InfoCommand.Section.STATS)));
        String server = InfoCommand.render(info, EnumSet.of(InfoCommand.Section.SERVER));
        assertEquals("172805", field(server, "uptime_in_seconds"));
        assertEquals("2", field(server, "uptime_in_days"));
    }

    @Test
    void human_writesBytesAsRedisDoes() {
        assertEquals("0B", InfoCommand.human(0));
        assertEquals("1023B", InfoCommand.human(1023));
        assertEquals("1.00K", InfoCommand.human(1024));
        assertEquals("2.24M", InfoCommand.human(2_351_744));
        assertEquals("23.54G", InfoCommand.human(25_276_502_016L));
        assertEquals("1.00T", InfoCommand.human(1L << 40));
        assertEquals("1023.00P", InfoCommand.human(1023L << 50));
        assertEquals(Long.MAX_VALUE + "B", InfoCommand.human(Long.MAX_VALUE));
    }
}
