package dev.keel.engine.hash;

import static dev.keel.engine.command.Arguments.is;
import static dev.keel.engine.command.CommandSpec.DENY_OOM;
import static dev.keel.engine.command.CommandSpec.WRITE;
import static dev.keel.engine.command.Replies.bulkArray;
import static dev.keel.engine.command.Replies.bulkOrNil;

import dev.keel.Reply;
import dev.keel.engine.command.Arguments;
import dev.keel.engine.command.CommandTable;
import dev.keel.engine.command.ErrorText;
import dev.keel.engine.command.Invocation;
import dev.keel.engine.string.ExtendedPrecision;
import dev.keel.engine.string.Increments;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The hash commands, with Redis's semantics: HSET, HMSET, HSETNX, HGET, HMGET, HGETALL, HKEYS,
 * HVALS, HLEN, HEXISTS, HDEL, HINCRBY, HINCRBYFLOAT, HSTRLEN, HRANDFIELD, HSCAN; field expiry
 * (Redis 7.4): HEXPIRE, HPEXPIRE, HEXPIREAT, HPEXPIREAT, HTTL, HPTTL, HEXPIRETIME, HPEXPIRETIME,
 * HPERSIST; Redis 8.0's HGETEX, HSETEX, HGETDEL; and four Keel extensions that make the
 * {@code ConcurrentMap} view atomic: KEEL.HGETSET, KEEL.HREPLACE, KEEL.HCAS, KEEL.HCAD.
 *
 * <p>Every handler checks its arguments and its key's type before it changes anything. A field
 * overwritten by HSET, HSETEX without KEEPTTL or the Keel extensions loses its expiry; HINCRBY and
 * HINCRBYFLOAT keep it, as in Redis.
 *
 * <p><b>Thread safety:</b> handlers run under their keys' stripe locks.
 */
public final class HashCommands {
    /** Redis's ceiling on a field's absolute expiry: 2^46 - 1 milliseconds (year 4199). */
    static final long MAX_FIELD_EXPIRE_MILLIS = (1L << 46) - 1;

    private static final String FIELDS_MISSING = "ERR Mandatory argument FIELDS is missing or not at the right position";
    private static final String NUMFIELDS_POSITIVE = "ERR Number of fields must be a positive integer";
    private static final String NUMFIELDS_GREATER = "ERR Parameter `numFields` should be greater than 0";
    private static final String NUMFIELDS_MISMATCH = "ERR The `numfields` parameter must match the number of arguments";

    private static final FieldValues HASH = FieldValues.HASH;

    private HashCommands() {
    }

    /** Adds the hash commands to {@code table}. */
    public static void register(CommandTable table) {
        table.add("hset", -4, WRITE | DENY_OOM, 1, 1, 1, inv -> hset(inv, false))
                .add("hmset", -4, WRITE | DENY_OOM, 1, 1, 1, inv -> hset(inv, true))
                .add("hsetnx", 4, WRITE | DENY_OOM, 1, 1, 1, HashCommands::hsetnx)
                .add("hget", 3, 0, 1, 1, 1, HashCommands::hget)
                .add("hmget", -3, 0, 1, 1, 1, HashCommands::hmget)
                .add("hgetall", 2, 0, 1, 1, 1, inv -> listing(inv, true, true))
                .add("hkeys", 2, 0, 1, 1, 1, inv -> listing(inv, true, false))
                .add("hvals", 2, 0, 1, 1, 1, inv -> listing(inv, false, true))
                .add("hlen", 2, 0, 1, 1, 1, HashCommands::hlen)
                .add("hexists", 3, 0, 1, 1, 1, HashCommands::hexists)
                .add("hdel", -3, WRITE, 1, 1, 1, HashCommands::hdel)
                .add("hincrby", 4, WRITE | DENY_OOM, 1, 1, 1, HashCommands::hincrby)
                .add("hincrbyfloat", 4, WRITE | DENY_OOM, 1, 1, 1, HashCommands::hincrbyfloat)
                .add("hstrlen", 3, 0, 1, 1, 1, HashCommands::hstrlen)
                .add("hrandfield", -2, 0, 1, 1, 1, HashCommands::hrandfield)
                .add("hscan", -3, 0, 1, 1, 1, inv -> FieldCommands.scan(inv, HASH, true))
                .add("hexpire", -6, WRITE, 1, 1, 1, inv -> hexpire(inv, true, true, "hexpire"))
                .add("hpexpire", -6, WRITE, 1, 1, 1, inv -> hexpire(inv, false, true, "hpexpire"))
                .add("hexpireat", -6, WRITE, 1, 1, 1, inv -> hexpire(inv, true, false, "hexpireat"))
                .add("hpexpireat", -6, WRITE, 1, 1, 1, inv -> hexpire(inv, false, false, "hpexpireat"))
                .add("httl", -5, 0, 1, 1, 1, inv -> httl(inv, true, true))
                .add("hpttl", -5, 0, 1, 1, 1, inv -> httl(inv, false, true))
                .add("hexpiretime", -5, 0, 1, 1, 1, inv -> httl(inv, true, false))
                .add("hpexpiretime", -5, 0, 1, 1, 1, inv -> httl(inv, false, false))
                .add("hpersist", -5, WRITE, 1, 1, 1, HashCommands::hpersist)
                .add("hgetex", -5, WRITE, 1, 1, 1, HashCommands::hgetex)
                .add("hsetex", -6, WRITE | DENY_OOM, 1, 1, 1, HashCommands::hsetex)
                .add("hgetdel", -5, WRITE, 1, 1, 1, HashCommands::hgetdel)
                .add("keel.hgetset", 4, WRITE | DENY_OOM, 1, 1, 1, inv -> swap(inv, false))
                .add("keel.hreplace", 4, WRITE | DENY_OOM, 1, 1, 1, inv -> swap(inv, true))
                .add("keel.hcas", 5, WRITE | DENY_OOM, 1, 1, 1, HashCommands::hcas)
                .add("keel.hcad", 4, WRITE, 1, 1, 1, HashCommands::hcad);
    }

    // ------------------------------------------------------------------ plumbing

    private static FieldMap open(Invocation inv, long entry) {
        return HASH.open(inv, 1, entry);
    }

    private static FieldMap openWhole(Invocation inv) {
        return HASH.openWhole(inv, 1, inv.lookup(1));
    }

    private static FieldMap openOrEmpty(Invocation inv, long entry) {
        FieldMap map = open(inv, entry);
        return map == null ? HASH.empty(inv) : map;
    }

    /** The live entry of the key, 0 if missing, after a type check. */
    private static long lookupHash(Invocation inv) {
        long entry = inv.lookup(1);
        HASH.require(inv.keyspace(), entry);
        return entry;
    }

    // ------------------------------------------------------------------ set and get

    private static Reply hset(Invocation inv, boolean legacy) {
        if (inv.argc() % 2 != 0) {
            throw ErrorText.arity(legacy ? "hmset" : "hset");
        }
        long entry = lookupHash(inv);
        FieldMap map = openOrEmpty(inv, entry);
        long created = 0;
        for (int i = 2; i < inv.argc(); i += 2) {
            if (map.put(inv.arg(i), inv.arg(i + 1), false)) {
                created++;
            }
        }
        HASH.save(inv, 1, map);
        return legacy ? Reply.OK : Reply.integer(created);
    }

    private static Reply hsetnx(Invocation inv) {
        long entry = lookupHash(inv);
        FieldMap map = openOrEmpty(inv, entry);
        if (map.contains(inv.arg(2))) {
            return Reply.integer(0);
        }
        map.put(inv.arg(2), inv.arg(3), false);
        HASH.save(inv, 1, map);
        return Reply.integer(1);
    }

    private static Reply hget(Invocation inv) {
        FieldMap map = open(inv, inv.lookup(1));
        return map == null ? Reply.NIL : bulkOrNil(map.get(inv.arg(2)));
    }

    private static Reply hmget(Invocation inv) {
        FieldMap map = open(inv, inv.lookup(1));
        List<Reply> values = new ArrayList<>(inv.argc() - 2);
        for (int i = 2; i < inv.argc(); i++) {
            values.add(map == null ? Reply.NIL : bulkOrNil(map.get(inv.arg(i))));
        }
        return Reply.array(values);
    }

    private static Reply listing(Invocation inv, boolean fields, boolean values) {
        FieldMap map = openWhole(inv);
        if (map == null) {
            return Reply.array(List.of());
        }
        List<Reply> items = new ArrayList<>((int) Math.min(Integer.MAX_VALUE - 8, map.size() * (fields && values ? 2 : 1)));
        map.forEach((field, value) -> {
            if (fields) {
                items.add(new Reply.Bulk(field));
            }
            if (values) {
                items.add(new Reply.Bulk(value));
            }
        }, values);
        return Reply.array(items);
    }

    private static Reply hlen(Invocation inv) {
        FieldMap map = openWhole(inv);
        return Reply.integer(map == null ? 0 : map.size());
    }

    private static Reply hexists(Invocation inv) {
        FieldMap map = open(inv, inv.lookup(1));
        return Reply.integer(map != null && map.contains(inv.arg(2)) ? 1 : 0);
    }

    private static Reply hstrlen(Invocation inv) {
        FieldMap map = open(inv, inv.lookup(1));
        return Reply.integer(map == null ? 0 : map.valueLength(inv.arg(2)));
    }

    private static Reply hdel(Invocation inv) {
        long entry = lookupHash(inv);
        FieldMap map = open(inv, entry);
        if (map == null) {
            return Reply.integer(0);
        }
        long removed = 0;
        for (int i = 2; i < inv.argc(); i++) {
            if (map.remove(inv.arg(i))) {
                removed++;
            }
        }
        if (removed > 0) {
            HASH.save(inv, 1, map);
        }
        return Reply.integer(removed);
    }

    // ------------------------------------------------------------------ counters

    private static Reply hincrby(Invocation inv) {
        long increment = Arguments.parseLong(inv.arg(3));
        long entry = lookupHash(inv);
        FieldMap map = openOrEmpty(inv, entry);
        byte[] old = map.get(inv.arg(2));
        long current = 0;
        if (old != null) {
            if (!Arguments.isLong(old)) {
                throw ErrorText.of("ERR hash value is not an integer");
            }
            current = Arguments.parseLong(old);
        }
        long result = Increments.add(current, increment);
        map.put(inv.arg(2), Arguments.bytes(result), true);
        HASH.save(inv, 1, map);
        return Reply.integer(result);
    }

    private static Reply hincrbyfloat(Invocation inv) {
        ExtendedPrecision.Value increment = ExtendedPrecision.parse(inv.arg(3));
        if (increment == null) {
            throw ErrorText.of(ErrorText.NOT_FLOAT);
        }
        if (!increment.isFinite()) {
            throw ErrorText.of("ERR value is NaN or Infinity");
        }
        long entry = lookupHash(inv);
        FieldMap map = openOrEmpty(inv, entry);
        byte[] old = map.get(inv.arg(2));
        ExtendedPrecision.Value current = new ExtendedPrecision.Value(BigDecimal.ZERO, 0);
        if (old != null) {
            current = ExtendedPrecision.parse(old);
            if (current == null) {
                throw ErrorText.of("ERR hash value is not a float");
            }
        }
        byte[] bytes = Increments.addFloat(current, increment);
        map.put(inv.arg(2), bytes, true);
        HASH.save(inv, 1, map);
        return new Reply.Bulk(bytes);
    }

    // ------------------------------------------------------------------ random and scan

    private static Reply hrandfield(Invocation inv) {
        if (inv.argc() == 2) {
            FieldMap map = openWhole(inv);
            if (map == null) {
                return Reply.NIL;
            }
            return new Reply.Bulk(map.random(java.util.concurrent.ThreadLocalRandom.current()).name());
        }
        long count = Arguments.parseLong(inv.arg(2));
        if (count == Long.MIN_VALUE) {
            throw ErrorText.of(FieldCommands.COUNT_OUT_OF_RANGE);
        }
        boolean withValues = false;
        if (inv.argc() == 4 && is(inv.arg(3), "WITHVALUES")) {
            withValues = true;
        } else if (inv.argc() > 3) {
            throw ErrorText.syntax();
        }
        if (withValues && (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2)) {
            throw ErrorText.of("ERR value is out of range");
        }
        FieldMap map = openWhole(inv);
        if (map == null || count == 0) {
            return Reply.array(List.of());
        }
        FieldCommands.checkRandomCount(count, withValues ? 2 : 1);
        List<byte[]> items = new ArrayList<>();
        for (FieldMap.Field field : FieldCommands.random(map, count)) {
            items.add(field.name());
            if (withValues) {
                items.add(field.value());
            }
        }
        return bulkArray(items);
    }

    // ------------------------------------------------------------------ field expiry

    /** The index of the first field of a {@code FIELDS numfields field...} block at {@code at}. */
    private static int fieldsBlock(Invocation inv, int at, String numfieldsError, int perField) {
        return fieldsBlock(inv, at, numfieldsError, NUMFIELDS_MISMATCH, perField);
    }

    private static int fieldsBlock(Invocation inv, int at, String numfieldsError, String mismatchError, int perField) {
        if (at + 1 >= inv.argc() || !is(inv.arg(at), "FIELDS")) {
            throw ErrorText.of(FIELDS_MISSING);
        }
        byte[] numfields = inv.arg(at + 1);
        if (!Arguments.isLong(numfields) || Arguments.parseLong(numfields) < 1) {
            throw ErrorText.of(numfieldsError);
        }
        long count = Arguments.parseLong(numfields);
        if (count > Integer.MAX_VALUE || count * perField != inv.argc() - at - 2) {
            throw ErrorText.of(mismatchError);
        }
        return at + 2;
    }

    /**
     * Parses a field expiry amount: a non-negative integer, in seconds or milliseconds, relative
     * to now or absolute; returns epoch milliseconds, at most {@link #MAX_FIELD_EXPIRE_MILLIS}.
     */
    private static long fieldExpireAt(Invocation inv, byte[] text, boolean seconds, boolean relative, String command) {
        long amount = Arguments.parseLong(text);
        if (amount < 0) {
            throw ErrorText.of("ERR invalid expire time, must be >= 0");
        }
        if (seconds && amount > MAX_FIELD_EXPIRE_MILLIS / 1000) {
            throw ErrorText.invalidExpire(command);
        }
        long millis = seconds ? amount * 1000 : amount;
        long base = relative ? inv.now() : 0;
        if (millis > MAX_FIELD_EXPIRE_MILLIS - base) {
            throw ErrorText.invalidExpire(command);
        }
        return base + millis;
    }

    private static Reply hexpire(Invocation inv, boolean seconds, boolean relative, String command) {
        long entry = lookupHash(inv);
        long at = fieldExpireAt(inv, inv.arg(2), seconds, relative, command);
        int condition = 0;
        int fieldsAt = 3;
        byte[] option = inv.arg(3);
        if (is(option, "NX") || is(option, "XX") || is(option, "GT") || is(option, "LT")) {
            condition = Arguments.upper(option).charAt(0);
            fieldsAt = 4;
        }
        int first = fieldsBlock(inv, fieldsAt, NUMFIELDS_GREATER, 1);
        FieldMap map = open(inv, entry);
        List<Reply> codes = new ArrayList<>(inv.argc() - first);
        boolean changed = false;
        for (int i = first; i < inv.argc(); i++) {
            byte[] field = inv.arg(i);
            long current = map == null ? -1 : map.expireAt(field);
            int code;
            if (current < 0) {
                code = -2;
            } else if ((condition == 'N' && current != 0) || (condition == 'X' && current == 0)
                    || (condition == 'G' && (current == 0 || at <= current))
                    || (condition == 'L' && current != 0 && at >= current)) {
                code = 0;
            } else if (at <= inv.now()) {
                map.remove(field);
                code = 2;
                changed = true;
            } else {
                map.setExpireAt(field, at);
                code = 1;
                changed = true;
            }
            codes.add(Reply.integer(code));
        }
        if (changed) {
            HASH.save(inv, 1, map);
        }
        return Reply.array(codes);
    }

    private static Reply httl(Invocation inv, boolean seconds, boolean remaining) {
        long entry = lookupHash(inv);
        int first = fieldsBlock(inv, 2, NUMFIELDS_POSITIVE, 1);
        FieldMap map = open(inv, entry);
        List<Reply> replies = new ArrayList<>(inv.argc() - first);
        for (int i = first; i < inv.argc(); i++) {
            long at = map == null ? -1 : map.expireAt(inv.arg(i));
            long value;
            if (at < 0) {
                value = -2;
            } else if (at == 0) {
                value = -1;
            } else {
                long millis = remaining ? Math.max(0, at - inv.now()) : at;
                value = seconds ? (millis + 999) / 1000 : millis;
            }
            replies.add(Reply.integer(value));
        }
        return Reply.array(replies);
    }

    private static Reply hpersist(Invocation inv) {
        long entry = lookupHash(inv);
        int first = fieldsBlock(inv, 2, NUMFIELDS_POSITIVE, 1);
        FieldMap map = open(inv, entry);
        List<Reply> codes = new ArrayList<>(inv.argc() - first);
        boolean changed = false;
        for (int i = first; i < inv.argc(); i++) {
            long at = map == null ? -1 : map.expireAt(inv.arg(i));
            if (at < 0) {
                codes.add(Reply.integer(-2));
            } else if (at == 0) {
                codes.add(Reply.integer(-1));
            } else {
                map.persist(inv.arg(i));
                changed = true;
                codes.add(Reply.integer(1));
            }
        }
        if (changed) {
            HASH.save(inv, 1, map);
        }
        return Reply.array(codes);
    }

    /** The expiry option of HGETEX and HSETEX. */
    private record ExpiryOption(boolean present, boolean persist, boolean keepTtl, long at) {
        static final ExpiryOption NONE = new ExpiryOption(false, false, false, 0);
    }

    /** Parses {@code EX|PX|EXAT|PXAT value}, or returns null if {@code arg} is none of them. */
    private static ExpiryOption timedOption(Invocation inv, int index, String command) {
        byte[] arg = inv.arg(index);
        boolean ex = is(arg, "EX");
        boolean px = is(arg, "PX");
        boolean exat = is(arg, "EXAT");
        boolean pxat = is(arg, "PXAT");
        if (!(ex || px || exat || pxat)) {
            return null;
        }
        if (index + 1 >= inv.argc()) {
            throw ErrorText.syntax();
        }
        long at = fieldExpireAt(inv, inv.arg(index + 1), ex || exat, ex || px, command);
        return new ExpiryOption(true, false, false, at);
    }

    private static Reply hgetex(Invocation inv) {
        long entry = lookupHash(inv);
        ExpiryOption option = timedOption(inv, 2, "hgetex");
        int fieldsAt = 2;
        if (option != null) {
            fieldsAt = 4;
        } else if (is(inv.arg(2), "PERSIST")) {
            option = new ExpiryOption(true, true, false, 0);
            fieldsAt = 3;
        } else {
            option = ExpiryOption.NONE;
        }
        int first = fieldsBlock(inv, fieldsAt, NUMFIELDS_POSITIVE, 1);
        FieldMap map = open(inv, entry);
        List<Reply> values = new ArrayList<>(inv.argc() - first);
        boolean changed = false;
        for (int i = first; i < inv.argc(); i++) {
            byte[] field = inv.arg(i);
            byte[] value = map == null ? null : map.get(field);
            values.add(bulkOrNil(value));
            if (value == null || !option.present()) {
                continue;
            }
            if (option.persist()) {
                changed |= map.persist(field);
            } else if (option.at() <= inv.now()) {
                map.remove(field);
                changed = true;
            } else {
                map.setExpireAt(field, option.at());
                changed = true;
            }
        }
        if (changed) {
            HASH.save(inv, 1, map);
        }
        return Reply.array(values);
    }

    private static Reply hsetex(Invocation inv) {
        long entry = lookupHash(inv);
        int condition = 0;
        ExpiryOption option = ExpiryOption.NONE;
        int i = 2;
        while (i < inv.argc() && !is(inv.arg(i), "FIELDS")) {
            byte[] arg = inv.arg(i);
            ExpiryOption timed = timedOption(inv, i, "hsetex");
            if (is(arg, "FNX") || is(arg, "FXX")) {
                if (condition != 0) {
                    throw ErrorText.of("ERR Only one of FXX or FNX arguments can be specified");
                }
                condition = is(arg, "FNX") ? 'N' : 'X';
                i++;
            } else if (timed != null || is(arg, "KEEPTTL")) {
                if (option.present()) {
                    throw ErrorText.of("ERR Only one of EX, PX, EXAT, PXAT or KEEPTTL arguments can be specified");
                }
                option = timed != null ? timed : new ExpiryOption(true, false, true, 0);
                i += timed != null ? 2 : 1;
            } else {
                throw ErrorText.of(Arguments.oneLine("ERR unknown argument: " + Arguments.cString(arg)));
            }
        }
        int first = fieldsBlock(inv, i, "ERR invalid number of fields", "ERR wrong number of arguments for 'hsetex' command", 2);
        FieldMap map = openOrEmpty(inv, entry);
        if (condition != 0) {
            for (int f = first; f < inv.argc(); f += 2) {
                boolean present = map.contains(inv.arg(f));
                if ((condition == 'N' && present) || (condition == 'X' && !present)) {
                    return Reply.integer(0);
                }
            }
        }
        for (int f = first; f < inv.argc(); f += 2) {
            byte[] field = inv.arg(f);
            if (option.present() && !option.keepTtl() && option.at() <= inv.now()) {
                map.remove(field);
                continue;
            }
            map.put(field, inv.arg(f + 1), option.keepTtl());
            if (option.present() && !option.keepTtl()) {
                map.setExpireAt(field, option.at());
            }
        }
        HASH.save(inv, 1, map);
        return Reply.integer(1);
    }

    private static Reply hgetdel(Invocation inv) {
        long entry = lookupHash(inv);
        int first = fieldsBlock(inv, 2, NUMFIELDS_POSITIVE, 1);
        FieldMap map = open(inv, entry);
        List<Reply> values = new ArrayList<>(inv.argc() - first);
        boolean changed = false;
        for (int i = first; i < inv.argc(); i++) {
            byte[] value = map == null ? null : map.get(inv.arg(i));
            values.add(bulkOrNil(value));
            if (value != null) {
                map.remove(inv.arg(i));
                changed = true;
            }
        }
        if (changed) {
            HASH.save(inv, 1, map);
        }
        return Reply.array(values);
    }

    // ------------------------------------------------------------------ Keel extensions

    /** KEEL.HGETSET / KEEL.HREPLACE key field value: the old value or nil; HREPLACE sets only if present. */
    private static Reply swap(Invocation inv, boolean onlyIfPresent) {
        long entry = lookupHash(inv);
        FieldMap map = openOrEmpty(inv, entry);
        byte[] old = map.get(inv.arg(2));
        if (old == null && onlyIfPresent) {
            return Reply.NIL;
        }
        map.put(inv.arg(2), inv.arg(3), false);
        HASH.save(inv, 1, map);
        return bulkOrNil(old);
    }

    /** KEEL.HCAS key field expected value: 1 if the field held expected and now holds value. */
    private static Reply hcas(Invocation inv) {
        long entry = lookupHash(inv);
        FieldMap map = open(inv, entry);
        if (map == null || !map.containsEntry(inv.arg(2), inv.arg(3))) {
            return Reply.integer(0);
        }
        if (!Arrays.equals(inv.arg(3), inv.arg(4))) {
            map.put(inv.arg(2), inv.arg(4), false);
            HASH.save(inv, 1, map);
        }
        return Reply.integer(1);
    }

    /** KEEL.HCAD key field expected: 1 if the field held expected and was deleted. */
    private static Reply hcad(Invocation inv) {
        long entry = lookupHash(inv);
        FieldMap map = open(inv, entry);
        if (map == null || !map.containsEntry(inv.arg(2), inv.arg(3))) {
            return Reply.integer(0);
        }
        map.remove(inv.arg(2));
        HASH.save(inv, 1, map);
        return Reply.integer(1);
    }
}
