package dev.keel.persistence;

import dev.keel.FsyncPolicy;
import dev.keel.Keel;
import dev.keel.Reply;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The process {@link CrashIT} kills: opens the store, then writes the commands of {@link Ops}
 * one at a time, printing {@code ACK <n> <epochMillis>} once the n-th has returned, until it is
 * killed. Arguments: directory, fsync policy, seed, {@link Mode}, how many commands of the
 * sequence the store holds already.
 */
public final class CrashWorker {
    /** What runs beside the writes. */
    enum Mode {
        /** Nothing: writes only. */
        WRITES,
        /** {@link AppendOnlyStore#rewriteLog()} in a loop. */
        REWRITES,
        /** BGREWRITEAOF every few milliseconds. */
        BGREWRITEAOF,
        /** Automatic rewrites at a small size (autoRewrite(100, 64 KiB)). */
        AUTO_REWRITE
    }

    /** The kinds of command in the sequence; each one's effect can be counted in the data. */
    enum Kind { MSET, RPUSH, LMOVE, HINCRBY, ZADD, XADD, BIG_SET }

    /**
     * One command of the sequence.
     *
     * @param index its place in the sequence, from 1
     * @param kind what it does
     * @param argv the command line
     */
    record Op(long index, Kind kind, String[] argv) {
    }

    /**
     * The sequence of commands a seed stands for, the same in the worker and in the test:
     * <pre>
     *   MSET a:i i b:i i                   both keys or neither
     *   RPUSH src i                        then LMOVE src dst LEFT RIGHT: the two lists together
     *   LMOVE src dst LEFT RIGHT           always hold every element pushed, in order
     *   HINCRBY h f0..f7 1                 the fields sum to the HINCRBYs applied
     *   ZADD z score m:i                   one member each
     *   XADD s i-1 v i                     one entry each
     *   SET big:(c % 4) "big#c#..."        1-6 KiB values, c counting these commands from 0
     * </pre>
     */
    static final class Ops {
        private final SplittableRandom random;
        private long index;
        private long pushes;
        private long moves;
        private long bigs;

        Ops(long seed) {
            this.random = new SplittableRandom(seed);
        }

        Op next() {
            index++;
            String i = Long.toString(index);
            Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
            if (kind == Kind.LMOVE && moves == pushes) {
                kind = Kind.RPUSH;
            }
            String[] argv = switch (kind) {
                case MSET -> new String[] {"MSET", "a:" + i, i, "b:" + i, i};
                case RPUSH -> {
                    pushes++;
                    yield new String[] {"RPUSH", "src", i};
                }
                case LMOVE -> {
                    moves++;
                    yield new String[] {"LMOVE", "src", "dst", "LEFT", "RIGHT"};
                }
                case HINCRBY -> new String[] {"HINCRBY", "h", "f" + random.nextInt(8), "1"};
                case ZADD -> new String[] {"ZADD", "z", Integer.toString(random.nextInt(1000)), "m:" + i};
                case XADD -> new String[] {"XADD", "s", i + "-1", "v", i};
                case BIG_SET -> {
                    String value = "big#" + bigs + "#" + "x".repeat(1024 + random.nextInt(5 * 1024));
                    yield new String[] {"SET", "big:" + bigs++ % 4, value};
                }
            };
            return new Op(index, kind, argv);
        }
    }

    private CrashWorker() {
    }

    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args[0]);
        FsyncPolicy policy = FsyncPolicy.valueOf(args[1]);
        long seed = Long.parseLong(args[2]);
        Mode mode = Mode.valueOf(args[3]);
        long done = Long.parseLong(args[4]);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        Keel.Builder builder = Keel.builder().appendOnly(directory, policy);
        builder = mode == Mode.AUTO_REWRITE ? builder.autoRewrite(100, 64 << 10) : builder.autoRewrite(0, 0);
        try (AppendOnlyStore store = (AppendOnlyStore) builder.open()) {
            out.println("READY");
            out.flush();
            if (mode == Mode.REWRITES || mode == Mode.BGREWRITEAOF) {
                Thread.ofPlatform().daemon().start(() -> rewriteInALoop(store, mode, out));
            }
            Ops ops = new Ops(seed);
            while (ops.index < done) {
                ops.next();
            }
            while (true) {
                Op op = ops.next();
                Reply reply = store.execute(op.argv());
                if (reply instanceof Reply.Error error) {
                    fail(out, "command " + op.index() + " " + op.argv()[0] + " failed: " + error.message());
                }
                out.println("ACK " + op.index() + " " + System.currentTimeMillis());
                out.flush();
            }
        }
    }

    private static void rewriteInALoop(AppendOnlyStore store, Mode mode, PrintStream out) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            while (true) {
                if (mode == Mode.REWRITES) {
                    store.rewriteLog();
                } else {
                    Reply reply = store.execute("BGREWRITEAOF");
                    if (reply instanceof Reply.Error error && !error.message().contains("already in progress")) {
                        fail(out, "BGREWRITEAOF failed: " + error.message());
                    }
                }
                Thread.sleep(random.nextInt(mode == Mode.REWRITES ? 20 : 5));
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            fail(out, "rewrite failed: " + e);
        }
    }

    private static void fail(PrintStream out, String why) {
        synchronized (out) {
            out.println("FAIL " + why);
            out.flush();
        }
        Runtime.getRuntime().halt(2);
    }
}
