package dev.keel.engine.zset;

import static dev.keel.engine.command.Arguments.is;
import static dev.keel.engine.command.CommandSpec.BLOCKING;
import static dev.keel.engine.command.CommandSpec.DENY_OOM;
import static dev.keel.engine.command.CommandSpec.WRITE;

import dev.keel.Reply;
import dev.keel.engine.command.Arguments;
import dev.keel.engine.command.CommandTable;
import dev.keel.engine.command.CountedKeys;
import dev.keel.engine.command.ErrorText;
import dev.keel.engine.command.Invocation;
import dev.keel.engine.command.MultiPop;
import dev.keel.engine.command.ScanOptions;
import dev.keel.engine.command.Timeouts;
import dev.keel.engine.hash.FieldCommands;
import java.util.ArrayList;
import java.util.List;

/**
 * The sorted set commands, with Redis's semantics: ZADD, ZINCRBY, ZREM, ZCARD, ZSCORE, ZMSCORE,
 * ZRANK, ZREVRANK, ZPOPMIN, ZPOPMAX, ZMPOP, the blocking BZPOPMIN, BZPOPMAX, BZMPOP, ZRANDMEMBER
 * and ZSCAN here; the range commands in {@link ZSetRangeCommands}; ZUNION, ZINTER, ZDIFF, their
 * STORE forms and ZINTERCARD in {@link ZSetAlgebraCommands}. Commands call only the
 * {@link ZSet} API, never an encoding.
 *
 * <p>Every handler checks its arguments and the types of the keys it touches before it changes
 * anything, in Redis's order. A command that adds members to a key signals it, so that blocked
 * BZPOPMIN, BZPOPMAX and BZMPOP are served (see CommandDispatcher). Scores are replied as
 * {@link Scores#format} writes them.
 *
 * <p><b>Thread safety:</b> handlers run under their keys' stripe locks.
 */
public final class ZSetCommands {
    private static final int NX = 1;
    private static final int XX = 2;
    private static final int GT = 4;
    private static final int LT = 8;
    private static final int CH = 16;
    private static final int INCR = 32;

    private ZSetCommands() {
    }

    /** Adds every sorted set command to {@code table}. */
    public static void register(CommandTable table) {
        table.add("zadd", -4, WRITE | DENY_OOM, 1, 1, 1, ZSetCommands::zadd)
                .add("zincrby", 4, WRITE | DENY_OOM, 1, 1, 1, ZSetCommands::zincrby)
                .add("zrem", -3, WRITE, 1, 1, 1, ZSetCommands::zrem)
                .add("zcard", 2, 0, 1, 1, 1, ZSetCommands::zcard)
                .add("zscore", 3, 0, 1, 1, 1, ZSetCommands::zscore)
                .add("zmscore", -3, 0, 1, 1, 1, ZSetCommands::zmscore)
                .add("zrank", -3, 0, 1, 1, 1, inv -> zrank(inv, false))
                .add("zrevrank", -3, 0, 1, 1, 1, inv -> zrank(inv, true))
                .add("zpopmin", -2, WRITE, 1, 1, 1, inv -> zpop(inv, true))
                .add("zpopmax", -2, WRITE, 1, 1, 1, inv -> zpop(inv, false))
                .add("zmpop", -4, WRITE, MultiPop.keys(false), inv -> zmpop(inv, false))
                .add("bzpopmin", -3, WRITE | BLOCKING, 1, -2, 1, inv -> bzpop(inv, true))
                .add("bzpopmax", -3, WRITE | BLOCKING, 1, -2, 1, inv -> bzpop(inv, false))
                .add("bzmpop", -5, WRITE | BLOCKING, MultiPop.keys(true), inv -> zmpop(inv, true))
                .add("zrandmember", -2, 0, 1, 1, 1, ZSetCommands::zrandmember)
                .add("zscan", -3, 0, 1, 1, 1, ZSetCommands::zscan);
        ZSetRangeCommands.register(table);
        ZSetAlgebraCommands.register(table);
    }

    // ------------------------------------------------------------------ shared with the other zset commands

    /** Returns the bulk reply of a score. */
    static Reply scoreReply(double score) {
        return new Reply.Bulk(Scores.bytes(score));
    }

    /** Returns a visitor that adds each member to {@code items}, and its score after it if {@code withScores}. */
    static ZSet.Visitor collector(List<Reply> items, boolean withScores) {
        return (member, score) -> {
            items.add(new Reply.Bulk(member));
            if (withScores) {
                items.add(scoreReply(score));
            }
        };
    }

    /**
     * Replaces the key at argument {@code keyIndex}, whatever it holds, by {@code result} (a set
     * from {@link ZSetValues#empty}): the STORE commands, which compute their result before they
     * drop the destination, since it may be one of their sources. An empty result removes the key.
     * Returns the result's size.
     */
    static long store(Invocation inv, int keyIndex, ZSet result) {
        long destination = inv.lookup(keyIndex);
        if (destination != 0) {
            inv.keyspace().remove(destination, inv.hash(keyIndex));
        }
        long size = result.size();
        ZSetValues.save(inv, keyIndex, result);
        if (size > 0) {
            inv.signalPushed(keyIndex);
        }
        return size;
    }

    /** Parses a score, an increment or a weight, or throws {@code error}. */
    static double parseScore(byte[] arg, String error) {
        double score = Scores.parse(arg);
        if (Double.isNaN(score)) {
            throw ErrorText.of(error);
        }
        return score;
    }

    // ------------------------------------------------------------------ adding and removing

    private static int zaddFlag(byte[] arg) {
        return is(arg, "NX") ? NX : is(arg, "XX") ? XX : is(arg, "GT") ? GT : is(arg, "LT") ? LT
                : is(arg, "CH") ? CH : is(arg, "INCR") ? INCR : 0;
    }

    private static Reply zadd(Invocation inv) {
        int flags = 0;
        int first = 2;
        for (int flag; first < inv.argc() && (flag = zaddFlag(inv.arg(first))) != 0; first++) {
            flags |= flag;
        }
        int pairs = (inv.argc() - first) / 2;
        if (pairs == 0 || (inv.argc() - first) % 2 != 0) {
            throw ErrorText.syntax();
        }
        if ((flags & (NX | XX)) == (NX | XX)) {
            throw ErrorText.of("ERR XX and NX options at the same time are not compatible");
        }
        if (Integer.bitCount(flags & (NX | GT | LT)) > 1) {
            throw ErrorText.of("ERR GT, LT, and/or NX options at the same time are not compatible");
        }
        boolean incr = (flags & INCR) != 0;
        if (incr && pairs > 1) {
            throw ErrorText.of("ERR INCR option supports a single increment-element pair");
        }
        double[] scores = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            scores[i] = parseScore(inv.arg(first + 2 * i), ErrorText.NOT_FLOAT);
        }
        ZSet set = ZSetValues.open(inv, inv.lookup(1));
        if (set == null) {
            if ((flags & XX) != 0) {
                return incr ? Reply.NIL : Reply.integer(0);
            }
            set = ZSetValues.empty(inv);
        }
        long added = 0;
        long updated = 0;
        double result = Double.NaN;
        for (int i = 0; i < pairs; i++) {
            byte[] member = inv.arg(first + 2 * i + 1);
            double old = set.score(member);
            if (Double.isNaN(old)) {
                if ((flags & XX) == 0) {
                    set.put(member, scores[i]);
                    added++;
                    result = scores[i];
                }
                continue;
            }
            if ((flags & NX) != 0) {
                continue;
            }
            double score = incr ? sum(old, scores[i]) : scores[i];
            if ((flags & GT) != 0 && score <= old || (flags & LT) != 0 && score >= old) {
                continue;
            }
            result = score;
            if (score != old) {
                set.put(member, score);
                updated++;
            }
        }
        saveAdded(inv, set, added + updated);
        if (incr) {
            return Double.isNaN(result) ? Reply.NIL : scoreReply(result);
        }
        return Reply.integer((flags & CH) != 0 ? added + updated : added);
    }

    /** Returns {@code old + increment}, or throws Redis's error when the sum is NaN (inf + -inf). */
    private static double sum(double old, double increment) {
        double sum = old + increment;
        if (Double.isNaN(sum)) {
            throw ErrorText.of("ERR resulting score is not a number (NaN)");
        }
        return sum;
    }

    /** Stores {@code set}, the value of the key at 1, after {@code changes} changes, and signals the key. */
    private static void saveAdded(Invocation inv, ZSet set, long changes) {
        if (changes > 0) {
            ZSetValues.save(inv, 1, set);
            inv.signalPushed(1);
        }
    }

    private static Reply zincrby(Invocation inv) {
        double increment = parseScore(inv.arg(2), ErrorText.NOT_FLOAT);
        ZSet set = ZSetValues.open(inv, inv.lookup(1));
        if (set == null) {
            set = ZSetValues.empty(inv);
        }
        byte[] member = inv.arg(3);
        double old = set.score(member);
        double score = Double.isNaN(old) ? increment : sum(old, increment);
        boolean changed = score != old;
        if (changed) {
            set.put(member, score);
        }
        saveAdded(inv, set, changed ? 1 : 0);
        return scoreReply(score);
    }

    private static Reply zrem(Invocation inv) {
        ZSet set = ZSetValues.open(inv, inv.lookup(1));
        long removed = 0;
        for (int i = 2; set != null && i < inv.argc(); i++) {
            removed += set.remove(inv.arg(i)) ? 1 : 0;
        }
        if (removed > 0) {
            ZSetValues.save(inv, 1, set);
        }
        return Reply.integer(removed);
    }

    // ------------------------------------------------------------------ reading members

    private static Reply zcard(Invocation inv) {
        ZSet set = ZSetValues.open(inv, inv.lookup(1));
        return Reply.integer(set == null ? 0 : set.size());
    }

    private static Reply scoreOrNil(ZSet set, byte[] member) {
        double score = set == null ? Double.NaN : set.score(member);
        return Double.isNaN(score) ? Reply.NIL : scoreReply(score);
    }

    private static Reply zscore(Invocation inv) {
        return scoreOrNil(ZSetValues.open(inv, inv.lookup(1)), inv.arg(2));
    }

    private static Reply zmscore(Invocation inv) {
        ZSet set = ZSetValues.open(inv, inv.lookup(1));
        List<Reply> scores = new ArrayList<>(inv.argc() - 2);
        for (int i = 2; i < inv.argc(); i++) {
            scores.add(scoreOrNil(set, inv.arg(i)));
        }
        return Reply.array(scores);
    }

    /** ZRANK and ZREVRANK {@code key member [WITHSCORE]} (WITHSCORE: Redis 7.2). */
    private static Reply zrank(Invocation inv, boolean reverse) {
        if (inv.argc() > 4) {
            throw ErrorText.arity(reverse ? "zrevrank" : "zrank");
        }
        boolean withScore = inv.argc() == 4;
        if (withScore && !is(inv.arg(3), "WITHSCORE")) {
            throw ErrorText.syntax();
        }
        ZSet set = ZSetValues.open(inv, inv.lookup(1));
        long rank = set == null ? -1 : set.rank(inv.arg(2));
        if (rank < 0) {
            return Reply.NIL;
        }
        Reply position = Reply.integer(reverse ? set.size() - 1 - rank : rank);
        return withScore ? Reply.array(List.of(position, scoreReply(set.score(inv.arg(2))))) : position;
    }

    // ------------------------------------------------------------------ popping

    /**
     * Removes up to {@code count} members from the low end of {@code set} (the high end if not
     * {@code min}), the value of the key at argument {@code keyIndex}; returns them in the order
     * taken, each as member and score (a [member, score] pair if {@code paired}).
     */
    private static List<Reply> popEnd(Invocation inv, int keyIndex, ZSet set, long count, boolean min, boolean paired) {
        long size = set.size();
        long taken = Math.min(count, size);
        List<Reply> items = new ArrayList<>((int) Math.min(taken * 2, 1 << 16));
        ZSet.Visitor visitor = paired
                ? (member, score) -> items.add(Reply.array(List.of(new Reply.Bulk(member), scoreReply(score))))
                : collector(items, true);
        set.visit(min ? 0 : size - 1, taken, !min, visitor);
        set.removeRange(min ? 0 : size - taken, taken);
        ZSetValues.save(inv, keyIndex, set);
        return items;
    }

    /**
     * Opens the sorted set of a key a blocking command takes from. A command run for a served
     * waiter ({@link Invocation#mayBlock()} false) passes over a key that holds no sorted set now,
     * as if it were missing, as ListCommands does for lists.
     */
    private static ZSet openWatched(Invocation inv, long entry) {
        if (!inv.mayBlock() && entry != 0 && !ZSetValues.isZSet(inv.keyspace(), entry)) {
            return null;
        }
        return ZSetValues.open(inv, entry);
    }

    /** ZPOPMIN and ZPOPMAX {@code key [count]}: a flat array of members and scores, as Redis 7.0's. */
    private static Reply zpop(Invocation inv, boolean min) {
        if (inv.argc() > 3) {
            throw ErrorText.syntax();
        }
        long count = inv.argc() == 3 ? Arguments.parseNonNegative(inv.arg(2), "ERR value is out of range, must be positive") : 1;
        ZSet set = ZSetValues.open(inv, inv.lookup(1));
        if (set == null || count == 0) {
            return Reply.array(List.of());
        }
        return Reply.array(popEnd(inv, 1, set, count, min, false));
    }

    /** BZPOPMIN and BZPOPMAX {@code key [key ...] timeout}: [key, member, score] from the first non-empty key. */
    private static Reply bzpop(Invocation inv, boolean min) {
        long timeout = Timeouts.millis(inv.arg(inv.argc() - 1));
        return MultiPop.fromFirst(inv, CountedKeys.range(1, inv.argc() - 2), true, timeout, (i, entry) -> {
            ZSet set = openWatched(inv, entry);
            if (set == null) {
                return null;
            }
            List<Reply> popped = new ArrayList<>(3);
            popped.add(new Reply.Bulk(inv.arg(i)));
            popped.addAll(popEnd(inv, i, set, 1, min, false));
            return Reply.array(popped);
        });
    }

    /** ZMPOP and BZMPOP: [key, [[member, score], ...]] from the first non-empty key. */
    private static Reply zmpop(Invocation inv, boolean blocking) {
        MultiPop pop = MultiPop.parse(inv, blocking, "MIN", "MAX");
        return MultiPop.fromFirst(inv, pop.keyIndexes(), blocking, pop.timeoutMillis(), (i, entry) -> {
            ZSet set = openWatched(inv, entry);
            if (set == null) {
                return null;
            }
            List<Reply> popped = popEnd(inv, i, set, pop.count(), pop.firstEnd(), true);
            return Reply.array(List.of(new Reply.Bulk(inv.arg(i)), Reply.array(popped)));
        });
    }

    // ------------------------------------------------------------------ random and scan

    /** ZRANDMEMBER {@code key [count [WITHSCORES]]}, with HRANDFIELD's checks and Keel's cap on the reply. */
    private static Reply zrandmember(Invocation inv) {
        if (inv.argc() == 2) {
            ZSet set = ZSetValues.open(inv, inv.lookup(1));
            if (set == null) {
                return Reply.NIL;
            }
            List<Reply> picked = new ArrayList<>(1);
            RandomRanks.visit(set, -1, collector(picked, false));
            return picked.get(0);
        }
        long count = Arguments.parseLong(inv.arg(2));
        if (count == Long.MIN_VALUE) {
            throw ErrorText.of(FieldCommands.COUNT_OUT_OF_RANGE);
        }
        boolean withScores = inv.argc() == 4 && is(inv.arg(3), "WITHSCORES");
        if (inv.argc() > 3 && !withScores) {
            throw ErrorText.syntax();
        }
        if (withScores && (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2)) {
            throw ErrorText.of("ERR value is out of range");
        }
        ZSet set = ZSetValues.open(inv, inv.lookup(1));
        if (set == null || count == 0) {
            return Reply.array(List.of());
        }
        FieldCommands.checkRandomCount(count, withScores ? 2 : 1);
        List<Reply> items = new ArrayList<>();
        RandomRanks.visit(set, count, collector(items, withScores));
        return Reply.array(items);
    }

    /** ZSCAN {@code key cursor [MATCH pattern] [COUNT count]}: the cursor first, then the key, then the options. */
    private static Reply zscan(Invocation inv) {
        long cursor = Arguments.parseCursor(inv.arg(2));
        ZSet set = ZSetValues.open(inv, inv.lookup(1));
        if (set == null) {
            return Reply.array(List.of(Reply.bulk("0"), Reply.array(List.of())));
        }
        ScanOptions options = ScanOptions.parse(inv, 3, ScanOptions.Extra.NONE);
        List<Reply> items = new ArrayList<>();
        ZSet.Visitor collect = collector(items, true);
        long next = set.scan(cursor, options.count(), (member, score) -> {
            if (options.matches(member)) {
                collect.visit(member, score);
            }
        });
        return Reply.array(List.of(Reply.bulk(Long.toUnsignedString(next)), Reply.array(items)));
    }
}
