package dev.keel.engine.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ExpiryTest {
    private static final long NOW = 1_780_000_000_000L;

    @Test
    void forSet_relativeSeconds_addsToNow() {
        assertEquals(NOW + 10_000, Expiry.forSet(10, true, true, NOW, "set"));
        assertEquals(NOW + 10, Expiry.forSet(10, false, true, NOW, "set"));
    }

    @Test
    void forSet_absolute_ignoresNow() {
        assertEquals(5_000, Expiry.forSet(5, true, false, NOW, "set"));
        assertEquals(Long.MAX_VALUE, Expiry.forSet(Long.MAX_VALUE, false, false, NOW, "set"));
    }

    @Test
    void forSet_zeroNegativeOrOverflowing_isRefusedNamingTheCommand() {
        assertInvalid("getex", () -> Expiry.forSet(0, true, true, NOW, "getex"));
        assertInvalid("set", () -> Expiry.forSet(-1, false, false, NOW, "set"));
        assertInvalid("setex", () -> Expiry.forSet(Long.MAX_VALUE / 1000 + 1, true, false, NOW, "setex"));
        assertInvalid("psetex", () -> Expiry.forSet(Long.MAX_VALUE - NOW + 1, false, true, NOW, "psetex"));
    }

    @Test
    void forExpire_zeroAndNegative_areAllowed() {
        assertEquals(NOW, Expiry.forExpire(0, true, true, NOW, "expire"));
        assertEquals(NOW - 5_000, Expiry.forExpire(-5, true, true, NOW, "expire"));
        assertEquals(-1, Expiry.forExpire(-1, false, false, NOW, "pexpireat"));
        assertEquals(Long.MIN_VALUE + NOW, Expiry.forExpire(Long.MIN_VALUE, false, true, NOW, "pexpire"));
    }

    @Test
    void forExpire_secondsOutOfRange_isRefused() {
        assertInvalid("expire", () -> Expiry.forExpire(Long.MAX_VALUE / 1000 + 1, true, true, NOW, "expire"));
        assertInvalid("expireat", () -> Expiry.forExpire(Long.MIN_VALUE / 1000 - 1, true, false, NOW, "expireat"));
        assertInvalid("pexpire", () -> Expiry.forExpire(Long.MAX_VALUE - NOW + 1, false, true, NOW, "pexpire"));
        assertEquals(Long.MAX_VALUE, Expiry.forExpire(Long.MAX_VALUE - NOW, false, true, NOW, "pexpire"));
    }

    private static void assertInvalid(String command, org.junit.jupiter.api.function.Executable call) {
        CommandException e = assertThrows(CommandException.class, call);
        assertEquals("ERR invalid expire time in '" + command + "' command", e.getMessage());
    }
}
