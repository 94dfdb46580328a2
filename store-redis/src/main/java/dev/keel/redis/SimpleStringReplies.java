package dev.keel.redis;

import dev.keel.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Which replies are simple strings ({@code +OK}) rather than bulk strings.
 *
 * <p>Lettuce hands both kinds of string to an output the same way, so {@link RedisStore} restores
 * the distinction from what redis.io documents: the commands below answer a simple string
 * whenever they answer a string. {@code SET ... GET} answers the old value as a bulk string, and
 * {@code PING message} echoes its message as one.
 */
final class SimpleStringReplies {
    private static final Set<String> COMMANDS = Set.of(
            "SET", "SETEX", "PSETEX", "MSET", "RENAME", "FLUSHALL", "FLUSHDB", "TYPE", "PING",
            "LSET", "LTRIM", "HMSET", "XGROUP", "XSETID", "SELECT", "SWAPDB", "RESTORE", "WATCH",
            "UNWATCH", "MULTI", "DISCARD", "AUTH", "QUIT", "BGREWRITEAOF", "BGSAVE", "SAVE",
            "CONFIG", "CLIENT", "SCRIPT", "FUNCTION", "DEBUG", "CLUSTER", "READONLY", "READWRITE",
            "RESET", "MIGRATE", "PFMERGE", "MEMORY", "MODULE", "REPLICAOF", "SLAVEOF", "ACL",
            "LATENCY", "HELLO", "SHUTDOWN", "ASKING");

    private SimpleStringReplies() {
    }

    /** Returns {@code reply} as Redis sent it for {@code argv}: a simple string where Redis sends one. */
    static Reply restore(byte[][] argv, Reply reply) {
        if (!(reply instanceof Reply.Bulk bulk)) {
            return reply;
        }
        String command = new String(argv[0], StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
        if (!COMMANDS.contains(command)) {
            return reply;
        }
        if (command.equals("PING") && argv.length > 1) {
            return reply;
        }
        if (command.equals("SET")) {
            for (int i = 3; i < argv.length; i++) {
                if (new String(argv[i], StandardCharsets.UTF_8).equalsIgnoreCase("GET")) {
                    return reply;
                }
            }
        }
        return new Reply.Status(bulk.utf8());
    }
}
