package dev.keel.engine.command;

import static dev.keel.engine.command.Arguments.is;
import static dev.keel.engine.command.Arguments.parseLong;
import static dev.keel.engine.command.CommandSpec.DENY_OOM;
import static dev.keel.engine.command.CommandSpec.SESSION;
import static dev.keel.engine.command.CommandSpec.WHOLE_KEYSPACE;
import static dev.keel.engine.command.CommandSpec.WRITE;

import dev.keel.Reply;
import dev.keel.engine.keyspace.GlobPattern;
import dev.keel.engine.keyspace.Keyspace;
import dev.keel.engine.keyspace.ValueType;
import dev.keel.engine.hash.FieldEncoding;
import dev.keel.engine.list.ListValues;
import dev.keel.engine.stream.StreamValues;
import dev.keel.engine.string.StringEncoding;
import dev.keel.engine.zset.ZSetEncoding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The generic key commands, with Redis's semantics: DEL, UNLINK, EXISTS, TYPE, TOUCH, the EXPIRE
 * family, TTL, PTTL, EXPIRETIME, PEXPIRETIME, PERSIST, RENAME, RENAMENX, COPY, KEYS, SCAN,
 * RANDOMKEY, DBSIZE, FLUSHALL, FLUSHDB, OBJECT, and PING, ECHO and INFO ({@link InfoCommand}).
 *
 * <p><b>Thread safety:</b> handlers run under their keys' stripe locks; the whole-keyspace ones
 * lock stripes themselves.
 */
public final class KeyCommands {
    private KeyCommands() {
    }

    /** Adds the key commands to {@code table}. */
    public static void register(CommandTable table) {
        table.add("del", -2, WRITE, 1, -1, 1, KeyCommands::del)
                .add("unlink", -2, WRITE, 1, -1, 1, KeyCommands::del)
                .add("exists", -2, 0, 1, -1, 1, KeyCommands::exists)
                .add("touch", -2, 0, 1, -1, 1, KeyCommands::touch)
                .add("type", 2, 0, 1, 1, 1, KeyCommands::type)
                .add("expire", -3, WRITE, 1, 1, 1, inv -> expire(inv, true, true, "expire"))
                .add("pexpire", -3, WRITE, 1, 1, 1, inv -> expire(inv, false, true, "pexpire"))
                .add("expireat", -3, WRITE, 1, 1, 1, inv -> expire(inv, true, false, "expireat"))
                .add("pexpireat", -3, WRITE, 1, 1, 1, inv -> expire(inv, false, false, "pexpireat"))
                .add("ttl", 2, 0, 1, 1, 1, inv -> ttl(inv, false, true))
                .add("pttl", 2, 0, 1, 1, 1, inv -> ttl(inv, true, true))
                .add("expiretime", 2, 0, 1, 1, 1, inv -> ttl(inv, false, false))
                .add("pexpiretime", 2, 0, 1, 1, 1, inv -> ttl(inv, true, false))
                .add("persist", 2, WRITE, 1, 1, 1, KeyCommands::persist)
                .add("rename", 3, WRITE, 1, 2, 1, inv -> rename(inv, false))
                .add("renamenx", 3, WRITE, 1, 2, 1, inv -> rename(inv, true))
                .add("copy", -3, WRITE | DENY_OOM, 1, 2, 1, KeyCommands::copy)
                .add("keys", 2, WHOLE_KEYSPACE, 0, 0, 0, KeyCommands::keys)
                .add("scan", -2, WHOLE_KEYSPACE, 0, 0, 0, KeyCommands::scan)
                .add("randomkey", 1, WHOLE_KEYSPACE, 0, 0, 0, KeyCommands::randomkey)
                .add("dbsize", 1, WHOLE_KEYSPACE, 0, 0, 0, inv -> Reply.integer(inv.keyspace().dbsize()))
                .add("flushall", -1, WRITE | WHOLE_KEYSPACE, 0, 0, 0, KeyCommands::flush)
                .add("flushdb", -1, WRITE | WHOLE_KEYSPACE, 0, 0, 0, KeyCommands::flush)
                .add("object", -2, 0, 2, 2, 1, KeyCommands::object)
                .add("bgrewriteaof", 1, 0, 0, 0, 0, KeyCommands::bgrewriteaof)
                .add("ping", -1, 0, 0, 0, 0, KeyCommands::ping)
                .add("echo", 2, 0, 0, 0, 0, inv -> new Reply.Bulk(inv.arg(1)))
                .add("info", -1, WHOLE_KEYSPACE, 0, 0, 0, InfoCommand::info)
                .add("multi", 1, SESSION, 0, 0, 0, KeyCommands::session)
                .add("exec", 1, SESSION, 0, 0, 0, KeyCommands::session)
                .add("discard", 1, SESSION, 0, 0, 0, KeyCommands::session)
                .add("watch", -2, SESSION, 1, -1, 1, KeyCommands::session)
                .add("unwatch", 1, SESSION, 0, 0, 0, KeyCommands::session);
    }

    /** MULTI, EXEC, DISCARD, WATCH, UNWATCH: the dispatcher runs them on the caller's session, never through here. */
    private static Reply session(Invocation inv) {
        throw new IllegalStateException("a session command reached its handler: " + Arguments.text(inv.arg(0)));
    }

    private static Reply del(Invocation inv) {
        long removed = 0;
        for (int i = 1; i < inv.argc(); i++) {
            long entry = inv.peek(i);
            if (entry != 0) {
                signalIfStream(inv, i, entry);
                inv.keyspace().remove(entry, inv.hash(i));
                removed++;
            }
        }
        return Reply.integer(removed);
    }

    private static Reply exists(Invocation inv) {
        long found = 0;
        for (int i = 1; i < inv.argc(); i++) {
            if (inv.peek(i) != 0) {
                found++;
            }
        }
        return Reply.integer(found);
    }

    private static Reply touch(Invocation inv) {
        long found = 0;
        for (int i = 1; i < inv.argc(); i++) {
            if (inv.lookup(i) != 0) {
                found++;
            }
        }
        return Reply.integer(found);
    }

    private static Reply type(Invocation inv) {
        long entry = inv.peek(1);
        return new Reply.Status(entry == 0 ? "none" : inv.keyspace().type(entry).typeName());
    }

    // ------------------------------------------------------------------ expiry

    private static Reply expire(Invocation inv, boolean seconds, boolean relative, String name) {
        boolean nx = false;
        boolean xx = false;
        boolean gt = false;
        boolean lt = false;
        for (int i = 3; i < inv.argc(); i++) {
            byte[] arg = inv.arg(i);
            if (is(arg, "NX")) {
                nx = true;
            } else if (is(arg, "XX")) {
                xx = true;
            } else if (is(arg, "GT")) {
                gt = true;
            } else if (is(arg, "LT")) {
                lt = true;
            } else {
                throw ErrorText.of(Arguments.oneLine("ERR Unsupported option " + Arguments.cString(arg)));
            }
        }
        if (nx && (xx || gt || lt)) {
            throw ErrorText.of("ERR NX and XX, GT or LT options at the same time are not compatible");
        }
        if (gt && lt) {
            throw ErrorText.of("ERR GT and LT options at the same time are not compatible");
        }
        long amount = parseLong(inv.arg(2));
        long when = Expiry.forExpire(amount, seconds, relative, inv.now(), name);
        long entry = inv.lookup(1);
        if (entry == 0) {
            return Reply.integer(0);
        }
        Keyspace keyspace = inv.keyspace();
        long current = keyspace.expireAt(entry);
        if ((nx && current != 0) || (xx && current == 0)) {
            return Reply.integer(0);
        }
        if (gt && (current == 0 || when <= current)) {
            return Reply.integer(0);
        }
        if (lt && current != 0 && when >= current) {
            return Reply.integer(0);
        }
        if (when <= inv.now()) {
            keyspace.remove(entry, inv.hash(1));
        } else {
            keyspace.setExpireAt(entry, inv.hash(1), when);
        }
        return Reply.integer(1);
    }

    private static Reply ttl(Invocation inv, boolean millis, boolean remaining) {
        long entry = inv.peek(1);
        if (entry == 0) {
            return Reply.integer(-2);
        }
        long expireAt = inv.keyspace().expireAt(entry);
        if (expireAt == 0) {
            return Reply.integer(-1);
        }
        long value = Math.max(0, remaining ? expireAt - inv.now() : expireAt);
        // Rounded to the nearest second, without overflowing near Long.MAX_VALUE.
        return Reply.integer(millis ? value : value / 1000 + (value % 1000 >= 500 ? 1 : 0));
    }

    private static Reply persist(Invocation inv) {
        long entry = inv.lookup(1);
        if (entry == 0 || inv.keyspace().expireAt(entry) == 0) {
            return Reply.integer(0);
        }
        inv.keyspace().setExpireAt(entry, inv.hash(1), 0);
        return Reply.integer(1);
    }

    // ------------------------------------------------------------------ rename and copy

    private static Reply rename(Invocation inv, boolean onlyIfAbsent) {
        Keyspace keyspace = inv.keyspace();
        long entry = inv.peek(1);
        if (entry == 0) {
            throw ErrorText.of(ErrorText.NO_SUCH_KEY);
        }
        if (java.util.Arrays.equals(inv.arg(1), inv.arg(2))) {
            return onlyIfAbsent ? Reply.integer(0) : Reply.OK;
        }
        long target = inv.peek(2);
        if (target != 0) {
            if (onlyIfAbsent) {
                return Reply.integer(0);
            }
            signalIfStream(inv, 2, target);
            keyspace.remove(target, inv.hash(2));
        }
        signalIfStream(inv, 1, entry);
        long moved = keyspace.rename(entry, inv.hash(1), inv.arg(2), inv.hash(2), inv.now());
        if (isBlockable(keyspace.type(moved))) {
            inv.signalPushed(2);
        }
        return onlyIfAbsent ? Reply.integer(1) : Reply.OK;
    }

    private static Reply copy(Invocation inv) {
        boolean replace = false;
        for (int i = 3; i < inv.argc(); i++) {
            byte[] arg = inv.arg(i);
            if (is(arg, "REPLACE")) {
                replace = true;
            } else if (is(arg, "DB") && i + 1 < inv.argc()) {
                long db = parseLong(inv.arg(++i));
                if (db < Integer.MIN_VALUE || db > Integer.MAX_VALUE) {
                    throw ErrorText.of(ErrorText.NOT_INT_RANGE);
                }
                if (db != 0) {
                    // Keel has one database: any other index is out of range.
                    throw ErrorText.of("ERR DB index is out of range");
                }
            } else {
                throw ErrorText.syntax();
            }
        }
        if (java.util.Arrays.equals(inv.arg(1), inv.arg(2))) {
            throw ErrorText.of("ERR source and destination objects are the same");
        }
        Keyspace keyspace = inv.keyspace();
        long source = inv.lookupForRead(1);
        if (source == 0) {
            return Reply.integer(0);
        }
        long target = inv.lookup(2);
        if (target != 0) {
            if (!replace) {
                return Reply.integer(0);
            }
            signalIfStream(inv, 2, target);
            keyspace.remove(target, inv.hash(2));
        }
        long copied = keyspace.copy(source, inv.arg(2), inv.hash(2), inv.now());
        if (isBlockable(keyspace.type(copied))) {
            inv.signalPushed(2);
        }
        return Reply.integer(1);
    }

    // ------------------------------------------------------------------ whole keyspace

    private static Reply keys(Invocation inv) {
        GlobPattern pattern = new GlobPattern(inv.arg(1));
        List<byte[]> keys = inv.keyspace().keys((keyspace, entry) -> pattern.matchesAll() || pattern.matches(keyspace.key(entry)), inv.now());
        return Replies.bulkArray(keys);
    }

    private static Reply scan(Invocation inv) {
        long cursor = Arguments.parseCursor(inv.arg(1));
        ScanOptions options = ScanOptions.parse(inv, 2, ScanOptions.Extra.TYPE);
        ValueType wanted = options.type() == null ? null : ValueType.ofName(Arguments.text(options.type()));
        boolean none = options.type() != null && wanted == null;
        List<byte[]> keys = new ArrayList<>();
        long next = inv.keyspace().scan(cursor, options.count(), (keyspace, entry) -> {
            if (none || (wanted != null && keyspace.type(entry) != wanted)) {
                return false;
            }
            return options.matches(keyspace.key(entry));
        }, inv.now(), keys);
        return Reply.array(List.of(Reply.bulk(Long.toUnsignedString(next)), Replies.bulkArray(keys)));
    }

    private static Reply randomkey(Invocation inv) {
        byte[] key = inv.keyspace().randomKey(inv.now());
        return key == null ? Reply.NIL : new Reply.Bulk(key);
    }

    private static Reply flush(Invocation inv) {
        if (inv.argc() > 2 || (inv.argc() == 2 && !is(inv.arg(1), "ASYNC") && !is(inv.arg(1), "SYNC"))) {
            throw ErrorText.syntax();
        }
        inv.keyspace().flush();
        return Reply.OK;
    }

    /**
     * BGREWRITEAOF: starts a background rewrite of the append-only log. A store without a log
     * refuses it (Redis would write an AOF anyway; Keel has nowhere to write one).
     */
    private static Reply bgrewriteaof(Invocation inv) {
        CommandLog log = inv.log();
        if (log == null) {
            throw new CommandException("ERR this store has no append-only log: open it with Keel.builder().appendOnly(...)");
        }
        return new Reply.Status(log.startRewrite());
    }

    private static Reply ping(Invocation inv) {
        if (inv.argc() > 2) {
            throw ErrorText.arity("ping");
        }
        return inv.argc() == 2 ? new Reply.Bulk(inv.arg(1)) : new Reply.Status("PONG");
    }

    // ------------------------------------------------------------------ OBJECT

    private static Reply object(Invocation inv) {
        byte[] sub = inv.arg(1);
        if (is(sub, "HELP")) {
            if (inv.argc() != 2) {
                throw ErrorText.arity("object|help");
            }
            return Reply.array(List.of(
                    help("OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"),
                    help("ENCODING <key>"),
                    help("    Return the kind of internal representation used in order to store the value"),
                    help("    associated with a <key>."),
                    help("FREQ <key>"),
                    help("    Return the access frequency index of the <key>. The returned integer is"),
                    help("    proportional to the logarithm of the recent access frequency of the key."),
                    help("IDLETIME <key>"),
                    help("    Return the idle time of the <key>, that is the approximated number of"),
                    help("    seconds elapsed since the last access to the key."),
                    help("REFCOUNT <key>"),
                    help("    Return the number of references of the value associated with the specified"),
                    help("    <key>."),
                    help("HELP"),
                    help("    Prints this help.")));
        }
        String name = Arguments.text(sub).toLowerCase(java.util.Locale.ROOT);
        boolean known = is(sub, "ENCODING") || is(sub, "IDLETIME") || is(sub, "FREQ") || is(sub, "REFCOUNT");
        if (!known) {
            String quoted = new String(sub, 0, Arguments.printedLength(sub, 128), StandardCharsets.UTF_8);
            throw ErrorText.of(Arguments.oneLine("ERR unknown subcommand '" + quoted + "'. Try OBJECT HELP."));
        }
        if (inv.argc() != 3) {
            throw ErrorText.arity("object|" + name);
        }
        long entry = inv.peek(2);
        if (entry == 0) {
            return Reply.NIL;
        }
        Keyspace keyspace = inv.keyspace();
        return switch (name) {
            case "encoding" -> Reply.bulk(encodingName(keyspace, entry));
            case "idletime" -> {
                if (keyspace.tracksFrequency()) {
                    throw ErrorText.of("ERR An LFU maxmemory policy is selected, idle time not tracked. "
                            + "Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.");
                }
                yield Reply.integer(keyspace.idleSeconds(entry, inv.now()));
            }
            case "refcount" -> Reply.integer(1);
            default -> {
                if (!keyspace.tracksFrequency()) {
                    throw ErrorText.of("ERR An LFU maxmemory policy is not selected, access frequency not tracked. "
                            + "Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.");
                }
                yield Reply.integer(keyspace.frequency(entry, inv.now()));
            }
        };
    }

    /** One line of a HELP reply: Redis sends them as status replies. */
    private static Reply help(String line) {
        return new Reply.Status(line);
    }

    /** Returns whether clients can block on a key of {@code type} (lists, sorted sets, streams), so moving one wakes them. */
    private static boolean isBlockable(ValueType type) {
        return type == ValueType.LIST || type == ValueType.ZSET || type == ValueType.STREAM;
    }

    /**
     * Signals the key at {@code index} if {@code entry}, about to go, holds a stream: XREADGROUP
     * blocked on it then answers that the stream is gone, as in Redis.
     */
    private static void signalIfStream(Invocation inv, int index, long entry) {
        if (StreamValues.isStream(inv.keyspace(), entry)) {
            inv.signalPushed(index);
        }
    }

    private static String encodingName(Keyspace keyspace, long entry) {
        return switch (keyspace.type(entry)) {
            case STRING -> StringEncoding.name(keyspace.encoding(entry));
            case LIST -> ListValues.encodingName(keyspace.encoding(entry));
            case HASH, SET -> FieldEncoding.name(keyspace.encoding(entry));
            case ZSET -> ZSetEncoding.name(keyspace.encoding(entry));
            case STREAM -> StreamValues.encodingName();
            default -> throw new IllegalStateException("no encoding names for " + keyspace.type(entry));
        };
    }
}
