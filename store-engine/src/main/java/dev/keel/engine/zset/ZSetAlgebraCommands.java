package dev.keel.engine.zset;

import static dev.keel.engine.command.Arguments.is;
import static dev.keel.engine.command.CommandSpec.DENY_OOM;
import static dev.keel.engine.command.CommandSpec.WRITE;

import dev.keel.Reply;
import dev.keel.engine.command.Arguments;
import dev.keel.engine.command.CommandTable;
import dev.keel.engine.command.CountedKeys;
import dev.keel.engine.command.ErrorText;
import dev.keel.engine.command.Invocation;
import dev.keel.engine.hash.FieldMap;
import dev.keel.engine.hash.FieldValues;
import dev.keel.engine.keyspace.Keyspace;
import dev.keel.engine.keyspace.ValueType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The algebra of sorted sets: ZUNION, ZINTER, ZDIFF, ZUNIONSTORE, ZINTERSTORE, ZDIFFSTORE and
 * ZINTERCARD, over sorted sets and plain sets alike (a plain set's members score 1).
 *
 * <pre>
 * Scores
 *   Each input's scores are multiplied by its WEIGHTS factor (a NaN product, 0 * inf, is 0), then
 *   combined by AGGREGATE: SUM (where inf + -inf is 0), MIN or MAX. ZDIFF keeps the first input's
 *   scores. ZUNION and ZINTER combine the inputs from the smallest to the largest, as Redis does,
 *   so sums round as Redis's do.
 * Order of checks (Redis's)
 *   numkeys; the type of every input; the options; the destination of a STORE form is never
 *   checked, only replaced, after the result is computed (it may be one of the inputs).
 * Memory
 *   The result is built in a sorted set off-heap, stored in no key: the STORE forms store it as
 *   it is, the others reply it in order and free it.
 * </pre>
 *
 * <p><b>Thread safety:</b> handlers run under their keys' stripe locks.
 */
final class ZSetAlgebraCommands {

    private enum Operation { UNION, INTER, DIFF }

    private enum Aggregate {
        SUM, MIN, MAX;

        /** Returns {@code total} combined with {@code score}; a NaN sum (inf + -inf) is 0, as in Redis. */
        double apply(double total, double score) {
            return switch (this) {
                case SUM -> {
                    double sum = total + score;
                    yield Double.isNaN(sum) ? 0 : sum;
                }
                case MIN -> score < total ? score : total;
                case MAX -> score > total ? score : total;
            };
        }
    }

    /** One input: a sorted set, a plain set (every score 1), or nothing (a missing key), with its weight. */
    private record Input(ZSet zset, FieldMap set, double weight) {
        long size() {
            return zset != null ? zset.size() : set != null ? set.size() : 0;
        }

        /** Returns the weighted score of {@code member}, NaN if it is absent. */
        double score(byte[] member) {
            double score = zset != null ? zset.score(member) : set != null && set.contains(member) ? 1 : Double.NaN;
            return Double.isNaN(score) ? score : weighted(score);
        }

        double weighted(double score) {
            double product = weight * score;
            return Double.isNaN(product) ? 0 : product;
        }

        /** Visits every member with its weighted score. */
        void forEach(ZSet.Visitor visitor) {
            if (zset != null) {
                zset.forEach((member, score) -> visitor.visit(member, weighted(score)));
            } else if (set != null) {
                double one = weighted(1);
                set.forEach((member, value) -> visitor.visit(member, one), false);
            }
        }
    }

    private ZSetAlgebraCommands() {
    }

    /** Adds the algebra commands to {@code table}. */
    static void register(CommandTable table) {
        table.add("zunion", -3, 0, CountedKeys.after(1, 0), inv -> combine(inv, Operation.UNION, false))
                .add("zinter", -3, 0, CountedKeys.after(1, 0), inv -> combine(inv, Operation.INTER, false))
                .add("zdiff", -3, 0, CountedKeys.after(1, 0), inv -> combine(inv, Operation.DIFF, false))
                .add("zunionstore", -4, WRITE | DENY_OOM, CountedKeys.after(2, 0, 1), inv -> combine(inv, Operation.UNION, true))
                .add("zinterstore", -4, WRITE | DENY_OOM, CountedKeys.after(2, 0, 1), inv -> combine(inv, Operation.INTER, true))
                .add("zdiffstore", -4, WRITE | DENY_OOM, CountedKeys.after(2, 0, 1), inv -> combine(inv, Operation.DIFF, true))
                .add("zintercard", -3, 0, CountedKeys.after(1, 0), ZSetAlgebraCommands::zintercard);
    }

    // ------------------------------------------------------------------ inputs

    /**
     * Reads {@code numkeys} at argument {@code at} and returns it, or throws Redis's errors: not
     * an integer, below 1 (naming {@code command}), or more keys than arguments.
     */
    private static int numkeys(Invocation inv, int at, String command) {
        long numkeys = Arguments.parseLong(inv.arg(at));
        if (numkeys < 1) {
            throw ErrorText.of("ERR at least 1 input key is needed for '" + command + "' command");
        }
        if (numkeys > inv.argc() - at - 1) {
            throw ErrorText.syntax();
        }
        return (int) numkeys;
    }

    /** Opens the {@code count} inputs from argument {@code first} on, weight 1, after checking every type. */
    private static List<Input> open(Invocation inv, int first, int count) {
        Keyspace keyspace = inv.keyspace();
        long[] entries = new long[count];
        for (int i = 0; i < count; i++) {
            entries[i] = inv.lookupForRead(first + i);
            if (entries[i] != 0 && keyspace.type(entries[i]) != ValueType.ZSET && keyspace.type(entries[i]) != ValueType.SET) {
                throw ErrorText.wrongType();
            }
        }
        List<Input> inputs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (ZSetValues.isZSet(keyspace, entries[i])) {
                inputs.add(new Input(ZSetValues.open(inv, entries[i]), null, 1));
            } else {
                inputs.add(new Input(null, FieldValues.SET.open(inv, first + i, entries[i]), 1));
            }
        }
        return inputs;
    }

    // ------------------------------------------------------------------ ZUNION, ZINTER, ZDIFF and their STORE forms

    /** The six combining commands; {@code store}: the destination is argument 1, numkeys argument 2. */
    private static Reply combine(Invocation inv, Operation operation, boolean store) {
        String command = "z" + operation.name().toLowerCase(java.util.Locale.ROOT) + (store ? "store" : "");
        int at = store ? 2 : 1;
        int count = numkeys(inv, at, command);
        List<Input> inputs = open(inv, at + 1, count);
        Aggregate aggregate = Aggregate.SUM;
        boolean withScores = false;
        for (int i = at + 1 + count; i < inv.argc(); i++) {
            byte[] arg = inv.arg(i);
            int left = inv.argc() - i - 1;
            if (operation != Operation.DIFF && is(arg, "WEIGHTS") && left >= count) {
                for (int k = 0; k < count; k++) {
                    double weight = ZSetCommands.parseScore(inv.arg(++i), "ERR weight value is not a float");
                    inputs.set(k, new Input(inputs.get(k).zset(), inputs.get(k).set(), weight));
                }
            } else if (operation != Operation.DIFF && is(arg, "AGGREGATE") && left >= 1) {
                aggregate = parseAggregate(inv.arg(++i));
            } else if (!store && is(arg, "WITHSCORES")) {
                withScores = true;
            } else {
                throw ErrorText.syntax();
            }
        }
        ZSet result = compute(inv, operation, inputs, aggregate);
        if (store) {
            return Reply.integer(ZSetCommands.store(inv, 1, result));
        }
        try {
            List<Reply> items = new ArrayList<>((int) Math.min(result.size() * (withScores ? 2 : 1), 1 << 16));
            result.forEach(ZSetCommands.collector(items, withScores));
            return Reply.array(items);
        } finally {
            result.discard();
        }
    }

    /** Returns the result of {@code operation} in a new set, stored in no key. */
    private static ZSet compute(Invocation inv, Operation operation, List<Input> inputs, Aggregate aggregate) {
        ZSet result = ZSetValues.empty(inv);
        try {
            switch (operation) {
                case UNION -> union(inputs, aggregate, result);
                case INTER -> intersection(inputs, aggregate, result);
                case DIFF -> difference(inputs, result);
            }
            return result;
        } catch (RuntimeException | Error e) {
            result.discard();
            throw e;
        }
    }

    private static Aggregate parseAggregate(byte[] arg) {
        for (Aggregate aggregate : Aggregate.values()) {
            if (is(arg, aggregate.name())) {
                return aggregate;
            }
        }
        throw ErrorText.syntax();
    }

    /** Returns the inputs from the smallest to the largest (stable), the order Redis combines them in. */
    private static List<Input> bySize(List<Input> inputs) {
        List<Input> sorted = new ArrayList<>(inputs);
        sorted.sort(Comparator.comparingLong(Input::size));
        return sorted;
    }

    private static void union(List<Input> inputs, Aggregate aggregate, ZSet result) {
        for (Input input : bySize(inputs)) {
            input.forEach((member, score) -> {
                double total = result.score(member);
                result.put(member, Double.isNaN(total) ? score : aggregate.apply(total, score));
            });
        }
    }

    private static void intersection(List<Input> inputs, Aggregate aggregate, ZSet result) {
        List<Input> sorted = bySize(inputs);
        if (sorted.get(0).size() == 0) {
            return;
        }
        List<Input> others = sorted.subList(1, sorted.size());
        sorted.get(0).forEach((member, score) -> {
            double total = score;
            for (Input other : others) {
                double found = other.score(member);
                if (Double.isNaN(found)) {
                    return;
                }
                total = aggregate.apply(total, found);
            }
            result.put(member, total);
        });
    }

    private static void difference(List<Input> inputs, ZSet result) {
        List<Input> others = inputs.subList(1, inputs.size());
        inputs.get(0).forEach((member, score) -> {
            for (Input other : others) {
                if (!Double.isNaN(other.score(member))) {
                    return;
                }
            }
            result.put(member, score);
        });
    }

    // ------------------------------------------------------------------ ZINTERCARD

    /** ZINTERCARD {@code numkeys key [key ...] [LIMIT limit]}: numkeys, the types, then LIMIT, as Redis checks them. */
    private static Reply zintercard(Invocation inv) {
        int count = numkeys(inv, 1, "zintercard");
        List<Input> inputs = open(inv, 2, count);
        long limit = 0;
        for (int i = 2 + count; i < inv.argc(); i += 2) {
            if (!is(inv.arg(i), "LIMIT") || i + 1 >= inv.argc()) {
                throw ErrorText.syntax();
            }
            limit = Arguments.parseNonNegative(inv.arg(i + 1), "ERR LIMIT can't be negative");
        }
        List<Input> sorted = bySize(inputs);
        List<Input> others = sorted.subList(1, sorted.size());
        long wanted = limit == 0 ? Long.MAX_VALUE : limit;
        long[] found = {0};
        sorted.get(0).forEach((member, score) -> {
            if (found[0] >= wanted) {
                return;
            }
            for (Input other : others) {
                if (Double.isNaN(other.score(member))) {
                    return;
                }
            }
            found[0]++;
        });
        return Reply.integer(found[0]);
    }
}
