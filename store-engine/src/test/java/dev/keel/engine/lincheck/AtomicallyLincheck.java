package dev.keel.engine.lincheck;

import dev.keel.Commands;
import dev.keel.Store;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * Lincheck: {@code store.atomically(...)} is linearizable. Two accounts on different stripes
 * start with 10 and 0; a transfer moves an amount from one to the other if the source holds it,
 * inside atomically over the two keys or over the whole store, while other operations read one
 * account, both at once (MGET), or both inside a block of their own. Every read of both sees the
 * total of 10.
 */
final class AtomicallyLincheck {
    static final int STRIPES = 2;
    private static final long TOTAL = 10;

    /** Transfers and reads of two accounts, as Lincheck's operations. */
    @Param(name = "account", gen = IntGen.class, conf = "0:1")
    @Param(name = "amount", gen = IntGen.class, conf = "1:6")
    public static class Transfers {
        final Store store;
        final Commands<String, String> redis;
        final List<String> accounts;

        public Transfers() {
            LincheckStores.Opened opened = LincheckStores.open();
            this.store = opened.store();
            this.redis = store.commands();
            this.accounts = List.of(opened.keys().get(0), opened.keys().get(1));
            redis.set(accounts.get(0), Long.toString(TOTAL));
            redis.set(accounts.get(1), "0");
        }

        /** Moves {@code amount} out of account {@code from} into the other one, if it holds that much; returns whether it did. */
        @Operation
        public boolean transfer(@Param(name = "account") int from, @Param(name = "amount") int amount) {
            return store.atomically(accounts, tx -> move(tx, from, amount));
        }

        /** As {@link #transfer}, in a block over the whole store. */
        @Operation
        public boolean transferLockingAll(@Param(name = "account") int from, @Param(name = "amount") int amount) {
            return store.atomically(tx -> move(tx, from, amount));
        }

        boolean move(Commands<String, String> tx, int from, int amount) {
            if (Long.parseLong(tx.get(accounts.get(from))) < amount) {
                return false;
            }
            tx.decrby(accounts.get(from), amount);
            tx.incrby(accounts.get(1 - from), amount);
            return true;
        }

        @Operation
        public String get(@Param(name = "account") int account) {
            return redis.get(accounts.get(account));
        }

        @Operation
        public List<String> mget() {
            return redis.mget(accounts.get(0), accounts.get(1));
        }

        /** Reads both accounts inside a block over the two keys. */
        @Operation
        public List<String> readBoth() {
            return store.atomically(accounts, tx -> Arrays.asList(tx.get(accounts.get(0)), tx.get(accounts.get(1))));
        }
    }

    /** The same transfer without atomically: each command atomic, the check and the two moves not together. */
    public static class TransferAsSeparateCommands extends Transfers {
        @Override
        @Operation
        public boolean transfer(@Param(name = "account") int from, @Param(name = "amount") int amount) {
            return move(redis, from, amount);
        }
    }

    /**
     * An emulation of atomically that takes no lock: it runs the block directly on the store's
     * commands, as a store without the primitive would have to.
     */
    public static class AtomicallyWithoutLocking extends Transfers {
        private <T> T unlocked(Function<Commands<String, String>, T> block) {
            return block.apply(redis);
        }

        @Override
        @Operation
        public boolean transfer(@Param(name = "account") int from, @Param(name = "amount") int amount) {
            return unlocked(tx -> move(tx, from, amount));
        }

        @Override
        @Operation
        public boolean transferLockingAll(@Param(name = "account") int from, @Param(name = "amount") int amount) {
            return unlocked(tx -> move(tx, from, amount));
        }

        @Override
        @Operation
        public List<String> readBoth() {
            return unlocked(tx -> Arrays.asList(tx.get(accounts.get(0)), tx.get(accounts.get(1))));
        }
    }

    /** The sequential specification: two balances. */
    public static class Model {
        private final long[] balances = {TOTAL, 0};

        public boolean transfer(int from, int amount) {
            if (balances[from] < amount) {
                return false;
            }
            balances[from] -= amount;
            balances[1 - from] += amount;
            return true;
        }

        public boolean transferLockingAll(int from, int amount) {
            return transfer(from, amount);
        }

        public String get(int account) {
            return Long.toString(balances[account]);
        }

        public List<String> mget() {
            return List.of(get(0), get(1));
        }

        public List<String> readBoth() {
            return mget();
        }
    }
}
