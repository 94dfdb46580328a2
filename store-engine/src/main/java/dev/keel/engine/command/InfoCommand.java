package dev.keel.engine.command;

import dev.keel.Reply;
import dev.keel.StoreInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * INFO: the store's statistics as Redis's text, the fields Keel has under Redis's names.
 *
 * <pre>
 * Format (redis.io, INFO)
 *   One bulk string: for each section asked for, in Redis's order whatever the order asked, a
 *   line "# Name", then one "field:value" line per field, lines ending in CRLF; an empty line
 *   between sections. INFO alone, "default", "all" and "everything" mean every section; names
 *   match in any case; a section Keel does not have (clients, replication, ...) adds nothing, so
 *   INFO of only such sections answers an empty string, as Redis does.
 *
 * Sections
 *   Server    keel_version (in place of redis_version), java_version, process_id, uptime
 *   Memory    used_memory, used_memory_rss (what the allocator reserved), maxmemory and its
 *             policy, mem_fragmentation_ratio (rss over used) and _bytes, with _human forms
 *   Stats     total_commands_processed, expired_keys, evicted_keys, keyspace_hits, _misses
 *   Keyspace  db0:keys=N,expires=M,avg_ttl=0 when there are keys (Keel keeps no TTL average)
 * </pre>
 *
 * <p><b>Thread safety:</b> safe for concurrent use. The keyspace is counted one stripe lock at a
 * time, so INFO never holds up other commands for more than one stripe's count.
 */
final class InfoCommand {
    private static final String VERSION = readVersion();

    private InfoCommand() {
    }

    /** The sections of Keel's INFO, in Redis's order. */
    enum Section {
        SERVER("Server"), MEMORY("Memory"), STATS("Stats"), KEYSPACE("Keyspace");

        final String title;

        Section(String title) {
            this.title = title;
        }
    }

    /** INFO [section ...]. */
    static Reply info(Invocation inv) {
        Set<Section> sections = EnumSet.noneOf(Section.class);
        if (inv.argc() == 1) {
            sections = EnumSet.allOf(Section.class);
        }
        for (int i = 1; i < inv.argc(); i++) {
            String name = Arguments.text(inv.arg(i)).toLowerCase(Locale.ROOT);
            switch (name) {
                case "default", "all", "everything" -> sections.addAll(EnumSet.allOf(Section.class));
                case "server" -> sections.add(Section.SERVER);
                case "memory" -> sections.add(Section.MEMORY);
                case "stats" -> sections.add(Section.STATS);
                case "keyspace" -> sections.add(Section.KEYSPACE);
                default -> {
                    // a section Keel does not have: nothing, as Redis answers for an unknown one
                }
            }
        }
        return Reply.bulk(sections.isEmpty() ? "" : render(inv.storeInfo(), sections));
    }

    /** Returns the text of {@code sections} of {@code info}. */
    static String render(StoreInfo info, Set<Section> sections) {
        StringBuilder text = new StringBuilder(1024);
        for (Section section : sections) {
            if (!text.isEmpty()) {
                text.append("\r\n");
            }
            text.append("# ").append(section.title).append("\r\n");
            switch (section) {
                case SERVER -> server(info, text);
                case MEMORY -> memory(info, text);
                case STATS -> stats(info, text);
                case KEYSPACE -> keyspace(info, text);
            }
        }
        return text.toString();
    }

    private static void server(StoreInfo info, StringBuilder text) {
        long uptime = info.uptime().toSeconds();
        field(text, "keel_version", VERSION);
        field(text, "java_version", Runtime.version().toString());
        field(text, "process_id", ProcessHandle.current().pid());
        field(text, "uptime_in_seconds", uptime);
        field(text, "uptime_in_days", uptime / 86_400);
    }

    private static void memory(StoreInfo info, StringBuilder text) {
        field(text, "used_memory", info.usedMemory());
        field(text, "used_memory_human", human(info.usedMemory()));
        field(text, "used_memory_rss", info.reservedMemory());
        field(text, "used_memory_rss_human", human(info.reservedMemory()));
        field(text, "maxmemory", info.maxmemory());
        field(text, "maxmemory_human", human(info.maxmemory()));
        field(text, "maxmemory_policy", info.maxmemoryPolicy().redisName());
        field(text, "mem_fragmentation_ratio", String.format(Locale.ROOT, "%.2f", info.fragmentationRatio()));
        field(text, "mem_fragmentation_bytes", info.reservedMemory() - info.usedMemory());
    }

    private static void stats(StoreInfo info, StringBuilder text) {
        field(text, "total_commands_processed", info.totalCommandsProcessed());
        field(text, "expired_keys", info.expiredKeys());
        field(text, "evicted_keys", info.evictedKeys());
        field(text, "keyspace_hits", info.keyspaceHits());
        field(text, "keyspace_misses", info.keyspaceMisses());
    }

    private static void keyspace(StoreInfo info, StringBuilder text) {
        if (info.keys() > 0 || info.keysWithExpiry() > 0) {
            text.append("db0:keys=").append(info.keys()).append(",expires=").append(info.keysWithExpiry())
                    .append(",avg_ttl=0\r\n");
        }
    }

    private static void field(StringBuilder text, String name, Object value) {
        text.append(name).append(':').append(value).append("\r\n");
    }

    /**
     * Returns {@code bytes} as INFO's {@code _human} fields write it: whole bytes under 1 KiB
     * ({@code 512B}), else two decimals and the binary unit ({@code 1.50K}, {@code 2.24M}, ...
     * up to {@code P}), and whole bytes again from 1024 PiB on.
     */
    static String human(long bytes) {
        String units = "KMGTP";
        double value = bytes;
        for (int unit = -1; unit < units.length(); unit++) {
            if (value < 1024) {
                return unit < 0 ? bytes + "B" : String.format(Locale.ROOT, "%.2f%c", value, units.charAt(unit));
            }
            value /= 1024;
        }
        return bytes + "B";
    }

    /** Returns Keel's version, from the resource the build writes it into. */
    private static String readVersion() {
        try (InputStream in = InfoCommand.class.getResourceAsStream("/dev/keel/engine/keel-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
