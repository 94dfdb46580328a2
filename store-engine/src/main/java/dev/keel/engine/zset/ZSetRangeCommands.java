package dev.keel.engine.zset;

import static dev.keel.engine.command.Arguments.is;
import static dev.keel.engine.command.Arguments.parseLong;
import static dev.keel.engine.command.CommandSpec.DENY_OOM;
import static dev.keel.engine.command.CommandSpec.WRITE;

import dev.keel.Reply;
import dev.keel.engine.command.CommandTable;
import dev.keel.engine.command.ErrorText;
import dev.keel.engine.command.Invocation;
import java.util.ArrayList;
import java.util.List;

/**
 * The range commands of sorted sets: ZRANGE (BYSCORE, BYLEX, REV, LIMIT, WITHSCORES), ZRANGESTORE,
 * ZRANGEBYSCORE, ZREVRANGEBYSCORE, ZRANGEBYLEX, ZREVRANGEBYLEX, ZREVRANGE, ZCOUNT, ZLEXCOUNT,
 * ZREMRANGEBYRANK, ZREMRANGEBYSCORE and ZREMRANGEBYLEX.
 *
 * <pre>
 * Ranges
 *   Each command parses its range into a RangeSpec, which two counts turn into a run of ranks
 *   (RankSpan); LIMIT trims the run; then one visit walks just the members replied, or one
 *   removeRange drops them. So counting is O(log n) and a range costs O(log n + m).
 * Order of checks (Redis's)
 *   The options, in order (a LIMIT's numbers as it is met); LIMIT without BYSCORE or BYLEX
 *   (unless its count is -1: Redis then accepts it and ignores it); WITHSCORES with BYLEX; the
 *   range itself; the key's type last.
 * </pre>
 *
 * <p><b>Thread safety:</b> handlers run under their keys' stripe locks.
 */
final class ZSetRangeCommands {

    /** How a range is given. */
    private enum By { RANK, SCORE, LEX }

    /**
     * A parsed range request.
     *
     * @param range the range
     * @param reverse whether members go from the highest rank down
     * @param withScores whether each member's score follows it
     * @param offset LIMIT's offset, 0 without LIMIT
     * @param count LIMIT's count, negative for all
     */
    private record Request(RangeSpec range, boolean reverse, boolean withScores, long offset, long count) {
        RankSpan ranks(ZSet set) {
            return set == null ? RankSpan.EMPTY : range.ranks(set).limit(offset, count, reverse);
        }
    }

    private ZSetRangeCommands() {
    }

    /** Adds the range commands to {@code table}. */
    static void register(CommandTable table) {
        table.add("zrange", -4, 0, 1, 1, 1, inv -> range(inv, null, false))
                .add("zrangestore", -5, WRITE | DENY_OOM, 1, 2, 1, ZSetRangeCommands::zrangestore)
                .add("zrangebyscore", -4, 0, 1, 1, 1, inv -> range(inv, By.SCORE, false))
                .add("zrevrangebyscore", -4, 0, 1, 1, 1, inv -> range(inv, By.SCORE, true))
                .add("zrangebylex", -4, 0, 1, 1, 1, inv -> range(inv, By.LEX, false))
                .add("zrevrangebylex", -4, 0, 1, 1, 1, inv -> range(inv, By.LEX, true))
                .add("zrevrange", -4, 0, 1, 1, 1, inv -> range(inv, By.RANK, true))
                .add("zcount", 4, 0, 1, 1, 1, inv -> count(inv, ScoreRange.parse(inv.arg(2), inv.arg(3))))
                .add("zlexcount", 4, 0, 1, 1, 1, inv -> count(inv, LexRange.parse(inv.arg(2), inv.arg(3))))
                .add("zremrangebyrank", 4, WRITE, 1, 1, 1,
                        inv -> removeRange(inv, new RangeSpec.Indexes(parseLong(inv.arg(2)), parseLong(inv.arg(3)), false)))
                .add("zremrangebyscore", 4, WRITE, 1, 1, 1, inv -> removeRange(inv, ScoreRange.parse(inv.arg(2), inv.arg(3))))
                .add("zremrangebylex", 4, WRITE, 1, 1, 1, inv -> removeRange(inv, LexRange.parse(inv.arg(2), inv.arg(3))));
    }

    // ------------------------------------------------------------------ parsing

    /**
     * Parses {@code min max [options]} from argument {@code at} on. {@code fixedBy} is the range
     * kind of ZRANGEBYSCORE and the like, with {@code fixedReverse}; null for ZRANGE and
     * ZRANGESTORE, which take BYSCORE, BYLEX and REV (each once). WITHSCORES is refused by
     * ZRANGESTORE ({@code store}).
     */
    private static Request parse(Invocation inv, int at, By fixedBy, boolean fixedReverse, boolean store) {
        By by = fixedBy == null ? By.RANK : fixedBy;
        boolean reverse = fixedReverse;
        boolean withScores = false;
        long offset = 0;
        long count = -1;
        for (int i = at + 2; i < inv.argc(); i++) {
            byte[] arg = inv.arg(i);
            if (!store && is(arg, "WITHSCORES")) {
                withScores = true;
            } else if (is(arg, "LIMIT") && i + 2 < inv.argc()) {
                offset = parseLong(inv.arg(i + 1));
                count = parseLong(inv.arg(i + 2));
                i += 2;
            } else if (fixedBy == null && by == By.RANK && is(arg, "BYSCORE")) {
                by = By.SCORE;
            } else if (fixedBy == null && by == By.RANK && is(arg, "BYLEX")) {
                by = By.LEX;
            } else if (fixedBy == null && !reverse && is(arg, "REV")) {
                reverse = true;
            } else {
                throw ErrorText.syntax();
            }
        }
        // Redis refuses LIMIT on a rank range only when its count is not -1, and then ignores it.
        if (by == By.RANK && count != -1) {
            throw ErrorText.of("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
        }
        if (withScores && by == By.LEX) {
            throw ErrorText.of("ERR syntax error, WITHSCORES not supported in combination with BYLEX");
        }
        // A reversed score or lex range is given from its high end: max then min.
        byte[] low = inv.arg(reverse && by != By.RANK ? at + 1 : at);
        byte[] high = inv.arg(reverse && by != By.RANK ? at : at + 1);
        RangeSpec range = switch (by) {
            case RANK -> new RangeSpec.Indexes(parseLong(low), parseLong(high), reverse);
            case SCORE -> ScoreRange.parse(low, high);
            case LEX -> LexRange.parse(low, high);
        };
        return new Request(range, reverse, withScores, by == By.RANK ? 0 : offset, count);
    }

    // ------------------------------------------------------------------ commands

    /** ZRANGE ({@code by} null) and the fixed forms: ZRANGEBYSCORE, ZREVRANGEBYSCORE, ZRANGEBYLEX, ZREVRANGEBYLEX, ZREVRANGE. */
    private static Reply range(Invocation inv, By by, boolean reverse) {
        Request request = parse(inv, 2, by, reverse, false);
        ZSet set = ZSetValues.open(inv, inv.lookup(1));
        RankSpan ranks = request.ranks(set);
        List<Reply> items = new ArrayList<>((int) Math.min(ranks.size() * (request.withScores() ? 2 : 1), 1 << 16));
        ranks.visit(set, request.reverse(), ZSetCommands.collector(items, request.withScores()));
        return Reply.array(items);
    }

    /** ZRANGESTORE {@code dst src min max [BYSCORE|BYLEX] [REV] [LIMIT offset count]}. */
    private static Reply zrangestore(Invocation inv) {
        Request request = parse(inv, 3, null, false, true);
        ZSet source = ZSetValues.open(inv, inv.lookupForRead(2));
        RankSpan ranks = request.ranks(source);
        ZSet result = ZSetValues.empty(inv);
        ranks.visit(source, false, result::put);
        return Reply.integer(ZSetCommands.store(inv, 1, result));
    }

    /** ZCOUNT and ZLEXCOUNT. */
    private static Reply count(Invocation inv, RangeSpec range) {
        ZSet set = ZSetValues.open(inv, inv.lookup(1));
        return Reply.integer(set == null ? 0 : range.ranks(set).size());
    }

    /** ZREMRANGEBYRANK, ZREMRANGEBYSCORE and ZREMRANGEBYLEX. */
    private static Reply removeRange(Invocation inv, RangeSpec range) {
        ZSet set = ZSetValues.open(inv, inv.lookup(1));
        if (set == null) {
            return Reply.integer(0);
        }
        RankSpan ranks = range.ranks(set);
        long removed = ranks.size();
        if (removed > 0) {
            set.removeRange(ranks.start(), removed);
            ZSetValues.save(inv, 1, set);
        }
        return Reply.integer(removed);
    }
}
