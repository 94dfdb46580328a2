package dev.keel.engine.command;

/**
 * Turns the expiry arguments of SET, GETEX, SETEX, EXPIRE and their kin into absolute epoch
 * milliseconds, with Redis's overflow checks and error texts.
 */
public final class Expiry {
    private Expiry() {
    }

    /**
     * Returns the absolute expiry for {@code amount} as given to a SET-like command (EX, PX, EXAT,
     * PXAT, SETEX, PSETEX, GETEX), which must be positive.
     *
     * @param seconds whether the amount is in seconds (else milliseconds)
     * @param relative whether it counts from now (else from the epoch)
     * @param command the command's name for the error text
     */
    public static long forSet(long amount, boolean seconds, boolean relative, long now, String command) {
        if (amount <= 0 || (seconds && amount > Long.MAX_VALUE / 1000)) {
            throw ErrorText.invalidExpire(command);
        }
        long millis = seconds ? amount * 1000 : amount;
        if (relative) {
            if (millis > Long.MAX_VALUE - now) {
                throw ErrorText.invalidExpire(command);
            }
            millis += now;
        }
        return millis;
    }

    /**
     * Returns the absolute expiry for {@code amount} as given to EXPIRE, PEXPIRE, EXPIREAT or
     * PEXPIREAT; zero and negative amounts are allowed and mean "already expired".
     */
    public static long forExpire(long amount, boolean seconds, boolean relative, long now, String command) {
        long millis = amount;
        if (seconds) {
            if (amount > Long.MAX_VALUE / 1000 || amount < Long.MIN_VALUE / 1000) {
                throw ErrorText.invalidExpire(command);
            }
            millis *= 1000;
        }
        if (relative) {
            if (millis > Long.MAX_VALUE - now) {
                throw ErrorText.invalidExpire(command);
            }
            millis += now;
        }
        return millis;
    }
}
