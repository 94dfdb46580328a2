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
 * {@code PING message} echoes its message as one. The {@code HELP} subcommand of a container
 * command ({@code OBJECT HELP}, {@code CONFIG HELP}, ...) answers an array of simple strings, one
 * per line of help.
 */
final class SimpleStringReplies {
    private static final Set<String> COMMANDS = Set.of(
            "SET", "SETEX", "PSETEX", "MSET", "RENAME", "FLUSHALL", "FLUSHDB", "TYPE", "PING",
            "LSET", "LTRIM", "HMSET", "XGROUP", "XSETID", "SELECT", "SWAPDB", "RESTORE", "WATCH",
            "UNWATCH", "MULTI", "DISCARD", "AUTH", "QUIT", "BGREWRITEAOF", "BGSAVE", "SAVE",
            "CONFIG", "CLIENT", "SCRIPT", "FUNCTION", "DEBUG", "CLUSTER", "READONLY", "READWRITE",
            "RESET", "MIGRATE", "PFMERGE", "MEMORY", "MODULE", "REPLICAOF", "SLAVEOF", "ACL",
            "LATENCY", "HELLO", "SHUTDOWN", "ASKING");
    private static final Set<String> CONTAINER_COMMANDS = Set.of(
            "OBJECT", "CONFIG", "CLIENT", "CLUSTER", "COMMAND", "MEMORY", "LATENCY", "MODULE", "SCRIPT",
            "FUNCTION", "SLOWLOG", "XINFO", "XGROUP", "PUBSUB", "ACL");
    private static final Set<String> EXPIRY_OPTIONS = Set.of("EX", "PX", "EXAT", "PXAT");

    private SimpleStringReplies() {
    }

    /** Returns {@code reply} as Redis sent it for {@code argv}: a simple string where Redis sends one. */
    static Reply restore(byte[][] argv, Reply reply) {
        if (reply instanceof Reply.Array array && isHelp(argv)) {
            return Reply.array(array.items().stream().map(SimpleStringReplies::status).toList());
        }
        if (!(reply instanceof Reply.Bulk)) {
            return reply;
        }
        String command = new String(argv[0], StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
        if (!COMMANDS.contains(command)) {
            return reply;
        }
        if (command.equals("PING") && argv.length > 1) {
            return reply;
        }
        if (command.equals("SET") && hasGetOption(argv)) {
            return reply;
        }
        return status(reply);
    }

    /** Returns whether {@code argv} is {@code <container command> HELP}, answered with lines of help. */
    private static boolean isHelp(byte[][] argv) {
        return argv.length == 2 && new String(argv[1], StandardCharsets.UTF_8).equalsIgnoreCase("HELP")
                && CONTAINER_COMMANDS.contains(new String(argv[0], StandardCharsets.UTF_8).toUpperCase(Locale.ROOT));
    }

    /**
     * Returns whether a SET command line has the GET option. The argument after EX, PX, EXAT or
     * PXAT is their amount, even when it reads GET: a SET that Redis accepted consumed it so.
     */
    private static boolean hasGetOption(byte[][] argv) {
        for (int i = 3; i < argv.length; i++) {
            String option = new String(argv[i], StandardCharsets.UTF_8);
            if (option.equalsIgnoreCase("GET")) {
                return true;
            }
            if (EXPIRY_OPTIONS.contains(option.toUpperCase(Locale.ROOT))) {
                i++;
            }
        }
        return false;
    }

    private static Reply status(Reply reply) {
        return reply instanceof Reply.Bulk bulk ? new Reply.Status(bulk.utf8()) : reply;
    }
}
