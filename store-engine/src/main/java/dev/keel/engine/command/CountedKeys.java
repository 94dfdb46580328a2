package dev.keel.engine.command;

/**
 * The key positions of commands that give their keys by a count, {@code numkeys key [key ...]}:
 * LMPOP, BLMPOP, ZMPOP, BZMPOP, ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD.
 *
 * <p><b>Thread safety:</b> stateless, safe for concurrent use.
 */
public final class CountedKeys {
    private static final int[] NONE = new int[0];

    private CountedKeys() {
    }

    /**
     * Returns the key finder of a command with {@code numkeys} at argument {@code at}, followed by
     * that many keys and at least {@code trailing} more arguments; the argument indexes
     * {@code fixed} (a destination key) come first. A malformed line has no keys: its handler
     * refuses it.
     */
    public static CommandSpec.KeyFinder after(int at, int trailing, int... fixed) {
        int[] leading = fixed.clone();
        return argv -> {
            if (at >= argv.length || !Arguments.isLong(argv[at])) {
                return NONE;
            }
            long numkeys = Arguments.parseLong(argv[at]);
            if (numkeys <= 0 || numkeys > argv.length - at - 1 - trailing) {
                return NONE;
            }
            int[] keys = new int[leading.length + (int) numkeys];
            System.arraycopy(leading, 0, keys, 0, leading.length);
            System.arraycopy(range(at + 1, (int) numkeys), 0, keys, leading.length, (int) numkeys);
            return keys;
        };
    }

    /** Returns the {@code count} argument indexes from {@code first} on: the keys to block on, say. */
    public static int[] range(int first, int count) {
        int[] indexes = new int[count];
        for (int i = 0; i < count; i++) {
            indexes[i] = first + i;
        }
        return indexes;
    }
}
