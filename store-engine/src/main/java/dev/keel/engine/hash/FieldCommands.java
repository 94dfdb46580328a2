package dev.keel.engine.hash;

import dev.keel.Reply;
import dev.keel.engine.command.Arguments;
import dev.keel.engine.command.ErrorText;
import dev.keel.engine.command.Invocation;
import dev.keel.engine.command.Replies;
import dev.keel.engine.command.ScanOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the hash and set commands share: HSCAN/SSCAN, the random picks of HRANDFIELD, SRANDMEMBER
 * and SPOP, and reply building.
 *
 * <p><b>Thread safety:</b> stateless; handlers run under their keys' stripe locks.
 */
public final class FieldCommands {
    /**
     * The most elements a random pick with repetitions (a negative count) returns: Redis streams
     * any count to the socket, while an in-process reply must fit on the heap.
     */
    public static final long MAX_RANDOM_REPLY = 1L << 24;

    /** Redis's error for a count of Long.MIN_VALUE, whose opposite has no long. */
    public static final String COUNT_OUT_OF_RANGE =
            "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";

    /** Below this size, random picks read the whole value once instead of walking it per pick. */
    private static final long SMALL = 1024;

    private FieldCommands() {
    }

    /**
     * HSCAN / SSCAN {@code key cursor [MATCH pattern] [COUNT count]} (and {@code NOVALUES} for
     * HSCAN): the cursor is checked first, then the key; options only when the key exists, as in
     * Redis.
     */
    public static Reply scan(Invocation inv, FieldValues type, boolean hash) {
        long cursor = Arguments.parseCursor(inv.arg(2));
        FieldMap map = type.openWhole(inv, 1, inv.lookup(1));
        if (map == null) {
            return Reply.array(List.of(Reply.bulk("0"), Reply.array(List.of())));
        }
        ScanOptions options = ScanOptions.parse(inv, 3, hash ? ScanOptions.Extra.NOVALUES : ScanOptions.Extra.NONE);
        boolean withValues = hash && !options.noValues();
        List<byte[]> items = new ArrayList<>();
        long next = map.scan(cursor, options.count(), (field, value) -> {
            if (options.matches(field)) {
                items.add(field);
                if (withValues) {
                    items.add(value);
                }
            }
        }, withValues);
        return Reply.array(List.of(Reply.bulk(Long.toUnsignedString(next)), Replies.bulkArray(items)));
    }

    /**
     * Returns {@code count} fields chosen at random: distinct ones for a positive count (all of
     * them if the count reaches the size), with repetitions for a negative count.
     */
    public static List<FieldMap.Field> random(FieldMap map, long count) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long size = map.size();
        List<FieldMap.Field> picked = new ArrayList<>();
        if (count < 0) {
            long wanted = -count;
            if (size <= SMALL) {
                List<FieldMap.Field> all = new ArrayList<>((int) size);
                map.forEach((field, value) -> all.add(new FieldMap.Field(field, value)));
                for (long i = 0; i < wanted; i++) {
                    picked.add(all.get(random.nextInt(all.size())));
                }
                return picked;
            }
            for (long i = 0; i < wanted; i++) {
                picked.add(map.random(random));
            }
            return picked;
        }
        if (count >= size) {
            map.forEach((field, value) -> picked.add(new FieldMap.Field(field, value)));
            return picked;
        }
        if (count * 3 > size) {
            map.forEach((field, value) -> picked.add(new FieldMap.Field(field, value)));
            while (picked.size() > count) {
                int victim = random.nextInt(picked.size());
                picked.set(victim, picked.get(picked.size() - 1));
                picked.remove(picked.size() - 1);
            }
            return picked;
        }
        Set<java.nio.ByteBuffer> seen = new HashSet<>();
        while (picked.size() < count) {
            FieldMap.Field field = map.random(random);
            if (seen.add(java.nio.ByteBuffer.wrap(field.name()))) {
                picked.add(field);
            }
        }
        return picked;
    }

    /** Checks a random-pick count with repetitions against {@link #MAX_RANDOM_REPLY}. */
    public static void checkRandomCount(long count, int perElement) {
        if (count < 0 && -count > MAX_RANDOM_REPLY / perElement) {
            throw ErrorText.of("ERR count is out of Keel's range: a reply holds at most " + MAX_RANDOM_REPLY + " elements");
        }
    }
}
