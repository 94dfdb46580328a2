package dev.keel.engine.string;

import static dev.keel.engine.command.Arguments.is;
import static dev.keel.engine.command.Arguments.parseLong;
import static dev.keel.engine.command.CommandSpec.DENY_OOM;
import static dev.keel.engine.command.CommandSpec.WRITE;
import static dev.keel.engine.command.Replies.bulkOrNil;

import dev.keel.Reply;
import dev.keel.engine.command.Arguments;
import dev.keel.engine.command.CommandTable;
import dev.keel.engine.command.ErrorText;
import dev.keel.engine.command.Expiry;
import dev.keel.engine.command.Invocation;
import dev.keel.engine.keyspace.Keyspace;
import dev.keel.engine.keyspace.ValueType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The string commands, with Redis's semantics: GET, SET and its options, SETNX, SETEX, PSETEX,
 * GETSET, GETDEL, GETEX, MGET, MSET, MSETNX, INCR, DECR, INCRBY, DECRBY, INCRBYFLOAT, APPEND,
 * STRLEN, GETRANGE, SETRANGE.
 *
 * <p>Every handler validates all its arguments and the types of the keys it touches before it
 * changes anything, so a refused command changes nothing.
 *
 * <p><b>Thread safety:</b> handlers run under their keys' stripe locks.
 */
public final class StringCommands {
    private static final byte[] EMPTY = new byte[0];

    private StringCommands() {
    }

    /** Adds the string commands to {@code table}. */
    public static void register(CommandTable table) {
        table.add("get", 2, 0, 1, 1, 1, StringCommands::get)
                .add("set", -3, WRITE | DENY_OOM, 1, 1, 1, StringCommands::set)
                .add("setnx", 3, WRITE | DENY_OOM, 1, 1, 1, StringCommands::setnx)
                .add("setex", 4, WRITE | DENY_OOM, 1, 1, 1, inv -> setex(inv, true))
                .add("psetex", 4, WRITE | DENY_OOM, 1, 1, 1, inv -> setex(inv, false))
                .add("getset", 3, WRITE | DENY_OOM, 1, 1, 1, StringCommands::getset)
                .add("getdel", 2, WRITE, 1, 1, 1, StringCommands::getdel)
                .add("getex", -2, WRITE, 1, 1, 1, StringCommands::getex)
                .add("mget", -2, 0, 1, -1, 1, StringCommands::mget)
                .add("mset", -3, WRITE | DENY_OOM, 1, -1, 2, inv -> mset(inv, false))
                .add("msetnx", -3, WRITE | DENY_OOM, 1, -1, 2, inv -> mset(inv, true))
                .add("incr", 2, WRITE | DENY_OOM, 1, 1, 1, inv -> incrBy(inv, 1))
                .add("decr", 2, WRITE | DENY_OOM, 1, 1, 1, inv -> incrBy(inv, -1))
                .add("incrby", 3, WRITE | DENY_OOM, 1, 1, 1, inv -> incrBy(inv, parseLong(inv.arg(2))))
                .add("decrby", 3, WRITE | DENY_OOM, 1, 1, 1, StringCommands::decrby)
                .add("incrbyfloat", 3, WRITE | DENY_OOM, 1, 1, 1, StringCommands::incrbyfloat)
                .add("append", 3, WRITE | DENY_OOM, 1, 1, 1, StringCommands::append)
                .add("strlen", 2, 0, 1, 1, 1, StringCommands::strlen)
                .add("getrange", 4, 0, 1, 1, 1, StringCommands::getrange)
                .add("substr", 4, 0, 1, 1, 1, StringCommands::getrange)
                .add("setrange", 4, WRITE | DENY_OOM, 1, 1, 1, StringCommands::setrange);
    }

    /** Returns the string at argument {@code index}, null if missing, WRONGTYPE if not a string. */
    private static byte[] readString(Invocation inv, long entry) {
        return entry == 0 ? null : StringValues.read(inv.keyspace(), entry);
    }

    // ------------------------------------------------------------------ GET, SET and kin

    private static Reply get(Invocation inv) {
        return bulkOrNil(readString(inv, inv.lookup(1)));
    }

    /** The parsed options of SET. */
    private record SetOptions(boolean nx, boolean xx, boolean get, boolean keepTtl, long expireAt) {
    }

    private static SetOptions parseSetOptions(Invocation inv) {
        boolean nx = false;
        boolean xx = false;
        boolean get = false;
        boolean keepTtl = false;
        int expireIndex = 0;
        String unit = null;
        for (int i = 3; i < inv.argc(); i++) {
            byte[] arg = inv.arg(i);
            boolean hasNext = i + 1 < inv.argc();
            String expireUnit = expireUnit(arg);
            if (is(arg, "NX") && !xx) {
                nx = true;
            } else if (is(arg, "XX") && !nx) {
                xx = true;
            } else if (is(arg, "GET")) {
                get = true;
            } else if (is(arg, "KEEPTTL") && unit == null) {
                keepTtl = true;
            } else if (expireUnit != null && !keepTtl && (unit == null || unit.equals(expireUnit)) && hasNext) {
                // As Redis: the same unit may be repeated, and the last amount wins.
                unit = expireUnit;
                expireIndex = ++i;
            } else {
                throw ErrorText.syntax();
            }
        }
        long expireAt = 0;
        if (unit != null) {
            expireAt = parseExpiry(inv, unit, expireIndex, "set");
        }
        return new SetOptions(nx, xx, get, keepTtl, expireAt);
    }

    /** Returns {@code EX}, {@code PX}, {@code EXAT} or {@code PXAT} if {@code arg} is one of them (any case), else null. */
    private static String expireUnit(byte[] arg) {
        if (is(arg, "EX") || is(arg, "PX") || is(arg, "EXAT") || is(arg, "PXAT")) {
            return Arguments.upper(arg);
        }
        return null;
    }

    /** Parses the amount at argument {@code index} for expiry option {@code unit} into an absolute expiry. */
    private static long parseExpiry(Invocation inv, String unit, int index, String command) {
        long amount = parseLong(inv.arg(index));
        boolean seconds = unit.equals("EX") || unit.equals("EXAT");
        boolean relative = unit.equals("EX") || unit.equals("PX");
        return Expiry.forSet(amount, seconds, relative, inv.now(), command);
    }

    private static Reply set(Invocation inv) {
        SetOptions options = inv.argc() == 3 ? null : parseSetOptions(inv);
        byte[] value = inv.arg(2);
        StringValues.checkLength(value.length);
        long entry = options != null && options.get() ? inv.lookupForRead(1) : inv.lookup(1);
        if (options == null) {
            StringValues.store(inv, 1, entry, value, StringEncoding.of(value), 0);
            return Reply.OK;
        }
        byte[] old = null;
        if (options.get() && entry != 0) {
            old = StringValues.read(inv.keyspace(), entry);
        }
        if ((options.nx() && entry != 0) || (options.xx() && entry == 0)) {
            return options.get() ? bulkOrNil(old) : Reply.NIL;
        }
        long expireAt = options.expireAt();
        if (options.keepTtl() && entry != 0) {
            expireAt = inv.keyspace().expireAt(entry);
        }
        // An expiry already past is stored as it is, as Redis 7.0 does: the key is invisible at
        // once and reclaimed lazily or by active expiry.
        StringValues.store(inv, 1, entry, value, StringEncoding.of(value), expireAt);
        return options.get() ? bulkOrNil(old) : Reply.OK;
    }

    /** Removes a key whose expiry given by the command is already past (GETEX ... PXAT in the past). */
    private static void expireIfDue(Invocation inv, long entry, int keyIndex) {
        Keyspace keyspace = inv.keyspace();
        long expireAt = keyspace.expireAt(entry);
        if (expireAt != 0 && expireAt <= inv.now()) {
            keyspace.remove(entry, inv.hash(keyIndex));
        }
    }

    private static Reply setnx(Invocation inv) {
        byte[] value = inv.arg(2);
        StringValues.checkLength(value.length);
        if (inv.lookup(1) != 0) {
            return Reply.integer(0);
        }
        StringValues.store(inv, 1, 0, value, StringEncoding.of(value), 0);
        return Reply.integer(1);
    }

    private static Reply setex(Invocation inv, boolean seconds) {
        long amount = parseLong(inv.arg(2));
        String name = seconds ? "setex" : "psetex";
        long expireAt = Expiry.forSet(amount, seconds, true, inv.now(), name);
        byte[] value = inv.arg(3);
        StringValues.checkLength(value.length);
        StringValues.store(inv, 1, inv.lookup(1), value, StringEncoding.of(value), expireAt);
        return Reply.OK;
    }

    private static Reply getset(Invocation inv) {
        byte[] value = inv.arg(2);
        StringValues.checkLength(value.length);
        long entry = inv.lookupForRead(1);
        byte[] old = readString(inv, entry);
        StringValues.store(inv, 1, entry, value, StringEncoding.of(value), 0);
        return bulkOrNil(old);
    }

    private static Reply getdel(Invocation inv) {
        long entry = inv.lookupForRead(1);
        byte[] old = readString(inv, entry);
        if (entry != 0) {
            inv.keyspace().remove(entry, inv.hash(1));
        }
        return bulkOrNil(old);
    }

    private static Reply getex(Invocation inv) {
        String unit = null;
        boolean persist = false;
        int amountIndex = 0;
        for (int i = 2; i < inv.argc(); i++) {
            byte[] arg = inv.arg(i);
            String expireUnit = expireUnit(arg);
            if (is(arg, "PERSIST") && unit == null) {
                persist = true;
            } else if (expireUnit != null && !persist && (unit == null || unit.equals(expireUnit))
                    && i + 1 < inv.argc()) {
                // As Redis: the same unit may be repeated, and the last amount wins.
                unit = expireUnit;
                amountIndex = ++i;
            } else {
                throw ErrorText.syntax();
            }
        }
        long entry = inv.lookupForRead(1);
        if (entry == 0) {
            // As Redis: a missing key answers nil before the amount is even parsed.
            return Reply.NIL;
        }
        StringValues.requireString(inv.keyspace(), entry);
        long expireAt = unit == null ? 0 : parseExpiry(inv, unit, amountIndex, "getex");
        byte[] value = StringValues.read(inv.keyspace(), entry);
        if (unit != null) {
            inv.keyspace().setExpireAt(entry, inv.hash(1), expireAt);
            expireIfDue(inv, entry, 1);
        } else if (persist) {
            inv.keyspace().setExpireAt(entry, inv.hash(1), 0);
        }
        return new Reply.Bulk(value);
    }

    // ------------------------------------------------------------------ many keys

    private static Reply mget(Invocation inv) {
        List<Reply> values = new ArrayList<>(inv.argc() - 1);
        for (int i = 1; i < inv.argc(); i++) {
            long entry = inv.lookup(i);
            if (entry == 0 || inv.keyspace().type(entry) != ValueType.STRING) {
                values.add(Reply.NIL);
            } else {
                values.add(new Reply.Bulk(StringValues.read(inv.keyspace(), entry)));
            }
        }
        return Reply.array(values);
    }

    private static Reply mset(Invocation inv, boolean onlyIfNoneExists) {
        if (inv.argc() % 2 == 0) {
            throw ErrorText.arity(onlyIfNoneExists ? "msetnx" : "mset");
        }
        for (int i = 2; i < inv.argc(); i += 2) {
            StringValues.checkLength(inv.arg(i).length);
        }
        if (onlyIfNoneExists) {
            for (int i = 1; i < inv.argc(); i += 2) {
                if (inv.lookup(i) != 0) {
                    return Reply.integer(0);
                }
            }
        }
        for (int i = 1; i < inv.argc(); i += 2) {
            byte[] value = inv.arg(i + 1);
            StringValues.store(inv, i, inv.lookup(i), value, StringEncoding.of(value), 0);
        }
        return onlyIfNoneExists ? Reply.integer(1) : Reply.OK;
    }

    // ------------------------------------------------------------------ counters

    private static Reply decrby(Invocation inv) {
        long decrement = parseLong(inv.arg(2));
        if (decrement == Long.MIN_VALUE) {
            throw ErrorText.of("ERR decrement would overflow");
        }
        return incrBy(inv, -decrement);
    }

    private static Reply incrBy(Invocation inv, long increment) {
        long entry = inv.lookup(1);
        long current = 0;
        if (entry != 0) {
            byte[] value = StringValues.read(inv.keyspace(), entry);
            if (!Arguments.isLong(value)) {
                throw ErrorText.notInteger();
            }
            current = parseLong(value);
        }
        long result = Increments.add(current, increment);
        byte[] bytes = Arguments.bytes(result);
        long expireAt = entry == 0 ? 0 : inv.keyspace().expireAt(entry);
        StringValues.store(inv, 1, entry, bytes, StringEncoding.INT, expireAt);
        return Reply.integer(result);
    }

    private static Reply incrbyfloat(Invocation inv) {
        long entry = inv.lookup(1);
        ExtendedPrecision.Value current = new ExtendedPrecision.Value(BigDecimal.ZERO, 0);
        if (entry != 0) {
            current = ExtendedPrecision.parse(StringValues.read(inv.keyspace(), entry));
            if (current == null) {
                throw ErrorText.of(ErrorText.NOT_FLOAT);
            }
        }
        ExtendedPrecision.Value increment = ExtendedPrecision.parse(inv.arg(2));
        if (increment == null) {
            throw ErrorText.of(ErrorText.NOT_FLOAT);
        }
        byte[] bytes = Increments.addFloat(current, increment);
        StringValues.checkLength(bytes.length);
        long expireAt = entry == 0 ? 0 : inv.keyspace().expireAt(entry);
        StringValues.store(inv, 1, entry, bytes, StringEncoding.ofCreated(bytes), expireAt);
        return new Reply.Bulk(bytes);
    }

    // ------------------------------------------------------------------ in-place changes

    private static Reply append(Invocation inv) {
        byte[] suffix = inv.arg(2);
        long entry = inv.lookup(1);
        if (entry == 0) {
            StringValues.checkLength(suffix.length);
            StringValues.store(inv, 1, 0, suffix, StringEncoding.of(suffix), 0);
            return Reply.integer(suffix.length);
        }
        StringValues.requireString(inv.keyspace(), entry);
        Keyspace keyspace = inv.keyspace();
        long length = keyspace.inlineLength(entry);
        long total = length + suffix.length;
        StringValues.checkLength(total);
        long resized = keyspace.resizeInline(entry, inv.hash(1), total, length);
        keyspace.memory().write(resized, keyspace.inlineOffset(resized) + length, suffix, 0, suffix.length);
        keyspace.setEncoding(resized, StringEncoding.RAW);
        return Reply.integer(total);
    }

    private static Reply strlen(Invocation inv) {
        long entry = inv.lookup(1);
        if (entry == 0) {
            return Reply.integer(0);
        }
        StringValues.requireString(inv.keyspace(), entry);
        return Reply.integer(inv.keyspace().inlineLength(entry));
    }

    private static Reply getrange(Invocation inv) {
        long start = parseLong(inv.arg(2));
        long end = parseLong(inv.arg(3));
        long entry = inv.lookup(1);
        if (entry == 0) {
            return new Reply.Bulk(EMPTY);
        }
        StringValues.requireString(inv.keyspace(), entry);
        Keyspace keyspace = inv.keyspace();
        long length = keyspace.inlineLength(entry);
        if (start < 0 && end < 0 && start > end) {
            // As Redis: both from the end and crossed is empty, even when both would clamp to 0.
            return new Reply.Bulk(EMPTY);
        }
        if (start < 0) {
            start = length + start;
        }
        if (end < 0) {
            end = length + end;
        }
        start = Math.max(0, start);
        end = Math.max(0, end);
        if (end >= length) {
            end = length - 1;
        }
        if (length == 0 || start > end) {
            return new Reply.Bulk(EMPTY);
        }
        return new Reply.Bulk(keyspace.memory().read(entry, keyspace.inlineOffset(entry) + start, (int) (end - start + 1)));
    }

    private static Reply setrange(Invocation inv) {
        long offset = parseLong(inv.arg(2));
        if (offset < 0) {
            throw ErrorText.of("ERR offset is out of range");
        }
        byte[] value = inv.arg(3);
        Keyspace keyspace = inv.keyspace();
        long entry = inv.lookup(1);
        if (entry != 0) {
            StringValues.requireString(keyspace, entry);
        }
        long length = entry == 0 ? 0 : keyspace.inlineLength(entry);
        if (value.length == 0) {
            return Reply.integer(length);
        }
        if (offset > ErrorText.MAX_STRING_LENGTH - value.length) {
            // Written so that a huge offset cannot overflow the sum.
            throw ErrorText.of(ErrorText.STRING_TOO_LONG);
        }
        long total = Math.max(length, offset + value.length);
        if (entry == 0) {
            entry = keyspace.create(inv.arg(1), inv.hash(1), ValueType.STRING, StringEncoding.RAW, 0, total, inv.now());
            keyspace.memory().fill(entry, keyspace.inlineOffset(entry), total, (byte) 0);
        } else if (total > length) {
            entry = keyspace.resizeInline(entry, inv.hash(1), total, length);
            keyspace.memory().fill(entry, keyspace.inlineOffset(entry) + length, total - length, (byte) 0);
        }
        keyspace.memory().write(entry, keyspace.inlineOffset(entry) + offset, value, 0, value.length);
        keyspace.setEncoding(entry, StringEncoding.RAW);
        return Reply.integer(total);
    }
}
