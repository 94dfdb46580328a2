package dev.keel.engine.command;

import dev.keel.KeelException;
import dev.keel.Reply;
import dev.keel.engine.keyspace.Keyspace;
import dev.keel.engine.memory.OffHeapMemory;
import dev.keel.spi.CommandExecutor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Arrays;

/**
 * Runs command lines: finds the command, checks its arity and the memory limit, takes the locks
 * of its keys, runs it and turns a refusal into Redis's error reply.
 *
 * <pre>
 * Locking
 *   The stripes of a command's keys are locked in ascending stripe order and released in
 *   reverse, so two multi-key commands can never wait on each other in a cycle. A command with
 *   one key takes one lock. Commands over the whole keyspace lock stripes themselves.
 * </pre>
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
public final class CommandDispatcher implements CommandExecutor {
    private final CommandTable table;
    private final Keyspace keyspace;
    private final OffHeapMemory memory;
    private final InstantSource clock;
    private final long memoryLimit;
    private volatile boolean closed;

    /** Creates a dispatcher over {@code keyspace}, refusing growth past {@code memoryLimit} bytes (0: none). */
    public CommandDispatcher(CommandTable table, Keyspace keyspace, InstantSource clock, long memoryLimit) {
        this.table = table;
        this.keyspace = keyspace;
        this.memory = keyspace.memory();
        this.clock = clock;
        this.memoryLimit = memoryLimit;
    }

    /** Refuses every later command with {@link IllegalStateException}. */
    public void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
    }

    @Override
    public Reply execute(byte[][] argv) {
        checkOpen();
        if (argv.length == 0) {
            return Reply.error("ERR unknown command '', with args beginning with: ");
        }
        for (int i = 0; i < argv.length; i++) {
            if (argv[i] == null) {
                throw new NullPointerException("argument " + i + " of the command line is null");
            }
            if (argv[i].length > ErrorText.MAX_STRING_LENGTH) {
                return Reply.error("ERR Protocol error: invalid bulk length");
            }
        }
        CommandSpec spec = table.lookup(argv[0]);
        if (spec == null) {
            return Reply.error(unknownCommand(argv));
        }
        if (!spec.arityAccepts(argv.length)) {
            return Reply.error(ErrorText.arity(spec.name()).getMessage());
        }
        if (memoryLimit > 0 && spec.has(CommandSpec.DENY_OOM) && memory.usedBytes() > memoryLimit) {
            return Reply.error(ErrorText.outOfMemory().getMessage());
        }
        long now = clock.millis();
        try {
            if (spec.has(CommandSpec.WHOLE_KEYSPACE) || spec.firstKey() == 0) {
                return spec.handler().run(new Invocation(argv, null, now, keyspace));
            }
            return runLocked(spec, argv, now);
        } catch (KeelException e) {
            return Reply.error(e.getMessage());
        }
    }

    private Reply runLocked(CommandSpec spec, byte[][] argv, long now) {
        long[] hashes = new long[argv.length];
        int first = spec.firstKey();
        int last = Math.min(spec.lastKeyIndex(argv.length), argv.length - 1);
        int step = spec.keyStep();
        if (first > last) {
            return spec.handler().run(new Invocation(argv, hashes, now, keyspace));
        }
        if (first == last) {
            long hash = keyspace.hash(argv[first]);
            hashes[first] = hash;
            int stripe = keyspace.stripeOf(hash);
            keyspace.lock(stripe);
            try {
                checkOpen();
                return spec.handler().run(new Invocation(argv, hashes, now, keyspace));
            } finally {
                keyspace.unlock(stripe);
            }
        }
        int count = (last - first) / step + 1;
        int[] stripes = new int[count];
        int n = 0;
        for (int i = first; i <= last; i += step) {
            long hash = keyspace.hash(argv[i]);
            hashes[i] = hash;
            stripes[n++] = keyspace.stripeOf(hash);
        }
        Arrays.sort(stripes);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (distinct == 0 || stripes[distinct - 1] != stripes[i]) {
                stripes[distinct++] = stripes[i];
            }
        }
        int locked = 0;
        try {
            for (; locked < distinct; locked++) {
                keyspace.lock(stripes[locked]);
            }
            checkOpen();
            return spec.handler().run(new Invocation(argv, hashes, now, keyspace));
        } finally {
            while (locked > 0) {
                keyspace.unlock(stripes[--locked]);
            }
        }
    }

    /**
     * Redis's text for an unknown command: the name and the first arguments, cut to 128 bytes
     * each and in all as C's {@code %.*s} prints them, on one line.
     */
    private static String unknownCommand(byte[][] argv) {
        ByteArrayOutputStream args = new ByteArrayOutputStream();
        for (int i = 1; i < argv.length && args.size() < 128; i++) {
            int room = 128 - args.size();
            args.write('\'');
            args.write(argv[i], 0, Arguments.printedLength(argv[i], room));
            args.write('\'');
            args.write(' ');
        }
        byte[] name = argv[0];
        return Arguments.oneLine("ERR unknown command '"
                + new String(name, 0, Arguments.printedLength(name, 128), StandardCharsets.UTF_8)
                + "', with args beginning with: " + args.toString(StandardCharsets.UTF_8));
    }
}
