package dev.keel.engine.command;

import dev.keel.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * What the append-only log records of a write command that succeeded: its command line, or the
 * deterministic line it took effect as.
 *
 * <pre>
 * Design
 *   Replay runs each record at the millisecond it first ran at, with blocking off, so most
 *   commands replay as written. What remains is rewritten here or by the handler (Invocation.logAs):
 *   randomness (SPOP becomes the SREM it did) and choices that depend on the memory layout
 *   (an approximate stream trim becomes the exact trim it did, in StreamCommands), so a log
 *   replays the same after a rewrite or with other encoding thresholds. And the log says what
 *   happened, as Redis's AOF does: a blocking pop is the plain pop it did, and a relative or
 *   seconds expiry is the absolute millisecond it set (PEXPIREAT, SET ... PXAT, GETEX PXAT,
 *   HPEXPIREAT, HGETEX and HSETEX ... PXAT), computed as the handler computed it.
 *
 * Rewrites
 *   SPOP key [count]                  SREM key <the members it popped>
 *   BLPOP, BRPOP key... timeout       LPOP, RPOP <the key it popped from>
 *   BZPOPMIN, BZPOPMAX key... timeout ZPOPMIN, ZPOPMAX <the key>
 *   BLMOVE src dst from to timeout    LMOVE src dst from to
 *   BRPOPLPUSH src dst timeout        RPOPLPUSH src dst
 *   BLMPOP, BZMPOP timeout n key...   LMPOP, ZMPOP 1 <the key> <end> COUNT <how many it popped>
 *   XREADGROUP BLOCK ms ...           XREADGROUP ... (without BLOCK)
 *   EXPIRE, PEXPIRE, EXPIREAT         PEXPIREAT key <ms> [the same flags]
 *   SETEX, PSETEX key t value         SET key value PXAT <ms>
 *   SET, GETEX, HGETEX, HSETEX        the same line, each EX, PX or EXAT t as PXAT <ms>
 *   HEXPIRE, HPEXPIRE, HEXPIREAT      HPEXPIREAT key <ms> ...
 *
 * Nothing to log
 *   A command whose reply proves it changed nothing logs nothing: a pop or move that found
 *   nothing (LPOP, RPOP, LMOVE, RPOPLPUSH, LMPOP, ZMPOP, GETDEL and the blocking pops answering
 *   nil; SPOP, ZPOPMIN, ZPOPMAX answering nil or an empty array), an XREADGROUP that read nothing,
 *   an XADD NOMKSTREAM of a missing key; a DEL, UNLINK, SREM, ZREM, LREM, XDEL, XTRIM, PERSIST or
 *   EXPIRE family answering 0; a GETEX of a missing key or without options. Hash commands are
 *   logged whatever they answer: opening a hash drops its expired fields, and the key with the
 *   last one, which a later command (SET NX) can tell.
 *
 * Cost
 *   A command that is not rewritten is logged as its own argument array: no copy, no allocation.
 * </pre>
 *
 * <p><b>Thread safety:</b> stateless; safe for concurrent use.
 */
final class Effects {
    private static final byte[] SREM = ascii("SREM");
    private static final byte[] LPOP = ascii("LPOP");
    private static final byte[] RPOP = ascii("RPOP");
    private static final byte[] ZPOPMIN = ascii("ZPOPMIN");
    private static final byte[] ZPOPMAX = ascii("ZPOPMAX");
    private static final byte[] LMOVE = ascii("LMOVE");
    private static final byte[] RPOPLPUSH = ascii("RPOPLPUSH");
    private static final byte[] LMPOP = ascii("LMPOP");
    private static final byte[] ZMPOP = ascii("ZMPOP");
    private static final byte[] PEXPIREAT = ascii("PEXPIREAT");
    private static final byte[] HPEXPIREAT = ascii("HPEXPIREAT");
    private static final byte[] SET = ascii("SET");
    private static final byte[] PXAT = ascii("PXAT");
    private static final byte[] COUNT = ascii("COUNT");
    private static final byte[] ONE = ascii("1");

    private Effects() {
    }

    /** Returns the line to log for {@code invocation} of {@code spec}, which answered {@code reply}; null to log nothing. */
    static byte[][] of(CommandSpec spec, Invocation invocation, Reply reply) {
        byte[][] logged = invocation.loggedEffect();
        if (logged != null) {
            return logged;
        }
        byte[][] argv = invocation.argv();
        long now = invocation.now();
        return switch (spec.name()) {
            case "spop" -> srem(argv[1], reply);
            case "blpop" -> poppedFrom(reply, LPOP);
            case "brpop" -> poppedFrom(reply, RPOP);
            case "bzpopmin" -> poppedFrom(reply, ZPOPMIN);
            case "bzpopmax" -> poppedFrom(reply, ZPOPMAX);
            case "blmove" -> isNil(reply) ? null : renamed(Arrays.copyOf(argv, 5), LMOVE);
            case "brpoplpush" -> isNil(reply) ? null : renamed(Arrays.copyOf(argv, 3), RPOPLPUSH);
            case "blmpop" -> poppedCount(argv, reply, LMPOP);
            case "bzmpop" -> poppedCount(argv, reply, ZMPOP);
            case "xreadgroup" -> isNil(reply) ? null : withoutBlock(argv);
            case "expire" -> isZero(reply) ? null : absolute(argv, PEXPIREAT, Unit.EX, now);
            case "pexpire" -> isZero(reply) ? null : absolute(argv, PEXPIREAT, Unit.PX, now);
            case "expireat" -> isZero(reply) ? null : absolute(argv, PEXPIREAT, Unit.EXAT, now);
            case "hexpire" -> absolute(argv, HPEXPIREAT, Unit.EX, now);
            case "hpexpire" -> absolute(argv, HPEXPIREAT, Unit.PX, now);
            case "hexpireat" -> absolute(argv, HPEXPIREAT, Unit.EXAT, now);
            case "setex" -> new byte[][] {SET, argv[1], argv[3], PXAT, Unit.EX.absolute(argv[2], now)};
            case "psetex" -> new byte[][] {SET, argv[1], argv[3], PXAT, Unit.PX.absolute(argv[2], now)};
            case "set" -> withAbsoluteOptions(argv, 3, now);
            case "getex" -> argv.length == 2 || isNil(reply) ? null : withAbsoluteOptions(argv, 2, now);
            case "hgetex", "hsetex" -> withAbsoluteOptions(argv, 2, now);
            case "del", "unlink", "srem", "zrem", "lrem", "xdel", "xtrim", "pexpireat", "persist" -> isZero(reply) ? null : argv;
            case "lpop", "rpop", "lmove", "rpoplpush", "lmpop", "zmpop", "getdel", "xadd" -> isNil(reply) ? null : argv;
            case "zpopmin", "zpopmax" -> isEmptyArray(reply) ? null : argv;
            default -> argv;
        };
    }

    // ------------------------------------------------------------------ WATCH

    private static final int[] FIRST_KEY = {1};
    private static final int[] SECOND_KEY = {2};

    /**
     * Returns whether a write command whose effect is logged still changed nothing, by its reply:
     * a count of 0 from a command that answers how many things it changed, which Redis does not
     * count as touching the key for WATCH (Effects logs some of these anyway, see above).
     */
    static boolean changedNothing(CommandSpec spec, Reply reply) {
        return isZero(reply) && switch (spec.name()) {
            case "sadd", "srem", "smove", "hdel", "hsetnx", "setnx", "msetnx", "lpushx", "rpushx", "zrem", "zremrangebyscore",
                 "zremrangebyrank", "zremrangebylex", "lrem", "del", "unlink", "xdel", "xtrim", "persist", "renamenx", "copy",
                 "xack", "xgroup" -> true;
            default -> false;
        };
    }

    /**
     * Returns the argument indexes of the keys a logged line writes: its keys, except the sources
     * of commands that store a result elsewhere (the *STORE commands, COPY), which are only read.
     */
    static int[] writtenKeys(CommandSpec spec, byte[][] line) {
        return switch (spec.name()) {
            case "sinterstore", "sunionstore", "sdiffstore", "zunionstore", "zinterstore", "zdiffstore", "zrangestore" -> FIRST_KEY;
            case "copy" -> SECOND_KEY;
            default -> spec.keyIndexes(line);
        };
    }

    // ------------------------------------------------------------------ randomness and blocking

    /** SPOP: the SREM of the members it popped (one bulk, or an array); null if it popped none. */
    private static byte[][] srem(byte[] key, Reply reply) {
        List<Reply> members = switch (reply) {
            case Reply.Bulk member -> List.of(member);
            case Reply.Array popped -> popped.items();
            default -> List.of();
        };
        if (members.isEmpty()) {
            return null;
        }
        byte[][] line = new byte[2 + members.size()][];
        line[0] = SREM;
        line[1] = key;
        for (int i = 0; i < members.size(); i++) {
            line[2 + i] = bytes(members.get(i));
        }
        return line;
    }

    /** BLPOP, BRPOP, BZPOPMIN, BZPOPMAX: {@code pop} of the key the reply names first; null for nil. */
    private static byte[][] poppedFrom(Reply reply, byte[] pop) {
        return reply instanceof Reply.Array popped ? new byte[][] {pop, bytes(popped.items().get(0))} : null;
    }

    /**
     * BLMPOP, BZMPOP {@code timeout numkeys key... end [COUNT n]}, answered [key, [popped...]]:
     * {@code pop 1 key end COUNT <how many it popped>}; null for nil.
     */
    private static byte[][] poppedCount(byte[][] argv, Reply reply, byte[] pop) {
        if (!(reply instanceof Reply.Array answer)) {
            return null;
        }
        List<Reply> items = answer.items();
        byte[] end = argv[3 + (int) Arguments.parseLong(argv[2])];
        long popped = ((Reply.Array) items.get(1)).items().size();
        return new byte[][] {pop, ONE, bytes(items.get(0)), end, COUNT, Arguments.bytes(popped)};
    }

    /** XREADGROUP: the line without its {@code BLOCK ms} option, found among the options as the handler finds it. */
    private static byte[][] withoutBlock(byte[][] argv) {
        for (int i = 1; i < argv.length; i++) {
            byte[] arg = argv[i];
            if (isCKeyword(arg, "BLOCK")) {
                byte[][] line = new byte[argv.length - 2][];
                System.arraycopy(argv, 0, line, 0, i);
                System.arraycopy(argv, i + 2, line, i, argv.length - i - 2);
                return line;
            }
            if (isCKeyword(arg, "STREAMS")) {
                break;
            }
            if (isCKeyword(arg, "COUNT")) {
                i++;
            } else if (isCKeyword(arg, "GROUP")) {
                i += 2;
            }
        }
        return argv;
    }

    // ------------------------------------------------------------------ time made absolute

    /** The unit of an expiry amount: seconds or milliseconds, from now or from the epoch. */
    private enum Unit {
        EX(true, true), PX(false, true), EXAT(true, false), PXAT(false, false);

        private static final Unit[] ALL = values();
        private final boolean seconds;
        private final boolean relative;

        Unit(boolean seconds, boolean relative) {
            this.seconds = seconds;
            this.relative = relative;
        }

        /** Returns the unit the option {@code arg} names (any case), or null. */
        static Unit of(byte[] arg) {
            for (Unit unit : ALL) {
                if (Arguments.is(arg, unit.name())) {
                    return unit;
                }
            }
            return null;
        }

        /**
         * Returns the epoch milliseconds {@code amount} of this unit meant at {@code now}, as the
         * handlers compute it (Expiry, HashCommands): the handler refused an amount that
         * overflows, so this one does not.
         */
        byte[] absolute(byte[] amount, long now) {
            long millis = Arguments.parseLong(amount);
            if (seconds) {
                millis *= 1000;
            }
            if (relative) {
                millis += now;
            }
            return Arguments.bytes(millis);
        }
    }

    /**
     * EXPIRE and HEXPIRE and their kin, {@code name key amount ...}: the line as {@code absolute}
     * (PEXPIREAT, HPEXPIREAT), the amount in {@code unit} made epoch milliseconds, the rest kept.
     * An expiry already past removes the key or field at once, absolute or not.
     */
    private static byte[][] absolute(byte[][] argv, byte[] absolute, Unit unit, long now) {
        byte[][] line = argv.clone();
        line[0] = absolute;
        line[2] = unit.absolute(argv[2], now);
        return line;
    }

    /**
     * SET, GETEX, HGETEX, HSETEX: the line with every {@code EX}, {@code PX} or {@code EXAT}
     * option from argument {@code from} on (up to {@code FIELDS}) as {@code PXAT <ms>}, in place;
     * {@code argv} itself if it has none. An amount is a number, so no amount is taken for an option.
     */
    private static byte[][] withAbsoluteOptions(byte[][] argv, int from, long now) {
        byte[][] line = argv;
        for (int i = from; i < argv.length - 1 && !Arguments.is(argv[i], "FIELDS"); i++) {
            Unit unit = Unit.of(argv[i]);
            if (unit != null && unit != Unit.PXAT) {
                line = line == argv ? argv.clone() : line;
                line[i] = PXAT;
                line[i + 1] = unit.absolute(argv[i + 1], now);
            }
        }
        return line;
    }

    // ------------------------------------------------------------------ plumbing

    private static boolean isNil(Reply reply) {
        return reply instanceof Reply.Nil;
    }

    private static boolean isZero(Reply reply) {
        return reply instanceof Reply.Int count && count.value() == 0;
    }

    private static boolean isEmptyArray(Reply reply) {
        return reply instanceof Reply.Array array && array.items().isEmpty();
    }

    private static byte[][] renamed(byte[][] line, byte[] name) {
        line[0] = name;
        return line;
    }

    private static byte[] bytes(Reply bulk) {
        return ((Reply.Bulk) bulk).bytes();
    }

    /** Returns whether {@code arg} up to a NUL byte is {@code keyword}, ignoring case: how the stream commands read options. */
    private static boolean isCKeyword(byte[] arg, String keyword) {
        int length = Arguments.printedLength(arg, arg.length);
        return length == keyword.length() && Arguments.is(length == arg.length ? arg : Arrays.copyOf(arg, length), keyword);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
