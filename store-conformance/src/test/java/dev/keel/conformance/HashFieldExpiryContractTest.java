package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.keel.Reply;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hash field expiry (Redis 7.4): HEXPIRE, HPEXPIRE, HEXPIREAT, HPEXPIREAT with NX, XX, GT, LT;
 * HTTL, HPTTL, HEXPIRETIME, HPEXPIRETIME; HPERSIST; which commands keep or clear a field's TTL;
 * and HGETEX, HSETEX, HGETDEL (Redis 8.0). Against an older redis-server these tests are skipped,
 * so they pin down what redis.io documents for those versions and run on Keel.
 *
 * <p>As everywhere in the suite, no test waits: a relative TTL is long and checked within a
 * range, an absolute one is far in the future ({@link #FUTURE_MILLIS}) and checked exactly, or in
 * the past, which deletes the field at once.
 */
class HashFieldExpiryContractTest extends HashAndSetContractBase {
    private static final String FIELDS_MISSING = "ERR Mandatory argument FIELDS is missing or not at the right position";
    /** What HEXPIRE and kin say about a numfields that is not a positive integer. */
    private static final String NUMFIELDS_NOT_POSITIVE_WRITE = "ERR Parameter `numFields` should be greater than 0";
    /** What HTTL, HPERSIST, HGETEX and HGETDEL say about a numfields that is not a positive integer. */
    private static final String NUMFIELDS_NOT_POSITIVE = "ERR Number of fields must be a positive integer";
    private static final String NUMFIELDS_MISMATCH = "ERR The `numfields` parameter must match the number of arguments";
    private static final String NEGATIVE_TIME = "ERR invalid expire time, must be >= 0";
    /** The latest field expiry Redis accepts, 2^46 - 1 unix milliseconds (in the year 4199). */
    private static final long MAX_FIELD_EXPIRY_MILLIS = (1L << 46) - 1;

    private static String invalidExpire(String command) {
        return "ERR invalid expire time in '" + command + "' command";
    }

    private static String future(long plusMillis) {
        return Long.toString(FUTURE_MILLIS + plusMillis);
    }

    @BeforeEach
    void requireFieldExpiry() {
        requireRedis("7.4", "hash field expiry");
    }

    // ------------------------------------------------------------------ HEXPIRE and kin: setting

    @Test
    void hexpire_existingFields_setsTheirTtlAndReturnsOneEach() {
        hset("h", "a", "1", "b", "2", "c", "3");
        assertReply(integers(1, 1), "HEXPIRE", "h", "1000", "FIELDS", "2", "a", "b");
        List<Reply> ttls = assertInstanceOf(Reply.Array.class, exec("HTTL", "h", "FIELDS", "3", "a", "b", "c")).items();
        assertBetween(999, 1000, asLong(ttls.get(0)), "HTTL a");
        assertBetween(999, 1000, asLong(ttls.get(1)), "HTTL b");
        assertEquals(integer(-1), ttls.get(2), "HTTL of a field without expiry");
        List<Reply> pttls = assertInstanceOf(Reply.Array.class, exec("HPTTL", "h", "FIELDS", "1", "a")).items();
        assertBetween(990_000, 1_000_000, asLong(pttls.get(0)), "HPTTL a");
        long now = System.currentTimeMillis();
        long at = asLong(assertInstanceOf(Reply.Array.class, exec("HPEXPIRETIME", "h", "FIELDS", "1", "a")).items().get(0));
        assertBetween(now + 990_000, now + 1_000_000, at, "HPEXPIRETIME a");
        long atSeconds = asLong(assertInstanceOf(Reply.Array.class, exec("HEXPIRETIME", "h", "FIELDS", "1", "b")).items().get(0));
        assertBetween(now / 1000 + 990, now / 1000 + 1001, atSeconds, "HEXPIRETIME b");
        assertReply(integer(-1), "PTTL", "h");
        assertHash("h", "a", "1", "b", "2", "c", "3");
    }

    @Test
    void hpexpire_milliseconds_setsTheTtl() {
        hset("h", "a", "1");
        assertReply(integers(1), "HPEXPIRE", "h", "1500000", "FIELDS", "1", "a");
        long pttl = asLong(assertInstanceOf(Reply.Array.class, exec("HPTTL", "h", "FIELDS", "1", "a")).items().get(0));
        assertBetween(1_490_000, 1_500_000, pttl, "HPTTL");
    }

    @Test
    void hexpireatAndHpexpireat_absoluteTimes_areReadBackExactly() {
        hset("h", "a", "1", "b", "2");
        assertReply(integers(1), "HEXPIREAT", "h", Long.toString(FUTURE_SECONDS), "FIELDS", "1", "a");
        assertReply(integers(1), "HPEXPIREAT", "h", future(1_234), "FIELDS", "1", "b");
        assertReply(integers(FUTURE_MILLIS, FUTURE_MILLIS + 1_234), "HPEXPIRETIME", "h", "FIELDS", "2", "a", "b");
        assertReply(integers(FUTURE_SECONDS, FUTURE_SECONDS + 2), "HEXPIRETIME", "h", "FIELDS", "2", "a", "b");
        assertReply(integers(1), "HPEXPIREAT", "h", future(1), "FIELDS", "1", "a");
        assertReply(integers(FUTURE_SECONDS + 1), "HEXPIRETIME", "h", "FIELDS", "1", "a");
    }

    @Test
    void hexpire_someFieldsMissing_returnsMinusTwoForThose() {
        hset("h", "a", "1", "b", "2");
        assertReply(integers(1, -2, 1, -2), "HPEXPIREAT", "h", future(0), "FIELDS", "4", "a", "x", "b", "y");
        assertReply(integers(FUTURE_MILLIS, -2, FUTURE_MILLIS), "HPEXPIRETIME", "h", "FIELDS", "3", "a", "x", "b");
        assertHash("h", "a", "1", "b", "2");
    }

    @Test
    void hexpire_missingKey_returnsMinusTwoForEachFieldAndCreatesNothing() {
        assertReply(integers(-2, -2), "HEXPIRE", "missing", "1000", "FIELDS", "2", "a", "b");
        assertReply(integers(-2), "HPEXPIREAT", "missing", "1000", "FIELDS", "1", "a");
        assertReply(integers(-2, -2), "HTTL", "missing", "FIELDS", "2", "a", "b");
        assertReply(integers(-2), "HPTTL", "missing", "FIELDS", "1", "a");
        assertReply(integers(-2), "HEXPIRETIME", "missing", "FIELDS", "1", "a");
        assertReply(integers(-2), "HPEXPIRETIME", "missing", "FIELDS", "1", "a");
        assertReply(integers(-2, -2), "HPERSIST", "missing", "FIELDS", "2", "a", "b");
        assertNoKey("missing");
    }

    @Test
    void hexpire_repeatedField_answersForEachMention() {
        hset("h", "a", "1");
        assertReply(integers(1, 1), "HPEXPIREAT", "h", future(0), "FIELDS", "2", "a", "a");
        assertReply(integers(0, 0), "HPEXPIREAT", "h", future(5), "NX", "FIELDS", "2", "a", "a");
        assertReply(integers(FUTURE_MILLIS, FUTURE_MILLIS), "HPEXPIRETIME", "h", "FIELDS", "2", "a", "a");
    }

    // ------------------------------------------------------------------ deleting with a zero or past time

    @Test
    void hexpire_zeroOrPastTime_deletesTheFieldAndReturnsTwo() {
        hset("h", "a", "1", "b", "2", "c", "3", "d", "4", "keep", "5");
        assertReply(integers(2), "HEXPIRE", "h", "0", "FIELDS", "1", "a");
        assertReply(integers(2), "HPEXPIRE", "h", "0", "FIELDS", "1", "b");
        assertReply(integers(2), "HEXPIREAT", "h", "1", "FIELDS", "1", "c");
        assertReply(integers(2, -2), "HPEXPIREAT", "h", "0", "FIELDS", "2", "d", "a");
        assertHash("h", "keep", "5");
        assertReply(Reply.NIL, "HGET", "h", "a");
        assertReply(integers(-2), "HTTL", "h", "FIELDS", "1", "a");
    }

    @Test
    void hexpire_everyFieldInThePast_deletesTheKey() {
        hset("h", "a", "1", "b", "2");
        exec("PEXPIREAT", "h", Long.toString(FUTURE_MILLIS));
        assertReply(integers(2, 2), "HPEXPIREAT", "h", "1000", "FIELDS", "2", "a", "b");
        assertNoKey("h");
        assertReply(emptyArray(), "HGETALL", "h");
    }

    @Test
    void hexpire_pastTimeOnOneFieldOfABigHash_deletesOnlyThatField() {
        hset("h", numberedHash(1000));
        assertReply(integers(2, -2), "HPEXPIREAT", "h", "1000", "FIELDS", "2", "f10", "nope");
        assertReply(integer(999), "HLEN", "h");
        assertReply(integer(0), "HEXISTS", "h", "f10");
    }

    @Test
    void hexpire_conditionIsCheckedBeforeThePastTime() {
        hset("h", "f1", "v1", "f2", "v2", "f4", "v4");
        assertReply(integers(1), "HPEXPIREAT", "h", future(0), "FIELDS", "1", "f4");
        assertReply(integers(2, 2, -2, 0), "HPEXPIREAT", "h", "1000", "NX", "FIELDS", "4", "f1", "f2", "f3", "f4");
        assertHash("h", "f4", "v4");
        assertReply(integers(FUTURE_MILLIS), "HPEXPIRETIME", "h", "FIELDS", "1", "f4");
    }

    // ------------------------------------------------------------------ conditions

    @Test
    void hexpire_nx_setsOnlyFieldsWithoutExpiry() {
        hset("h", "a", "1", "b", "2");
        assertReply(integers(1), "HPEXPIREAT", "h", future(0), "NX", "FIELDS", "1", "a");
        assertReply(integers(0, 1), "HPEXPIREAT", "h", future(1_000), "NX", "FIELDS", "2", "a", "b");
        assertReply(integers(FUTURE_MILLIS, FUTURE_MILLIS + 1_000), "HPEXPIRETIME", "h", "FIELDS", "2", "a", "b");
    }

    @Test
    void hexpire_xx_setsOnlyFieldsWithExpiry() {
        hset("h", "a", "1", "b", "2");
        assertReply(integers(1), "HPEXPIREAT", "h", future(0), "FIELDS", "1", "a");
        assertReply(integers(1, 0), "HPEXPIREAT", "h", future(1_000), "XX", "FIELDS", "2", "a", "b");
        assertReply(integers(FUTURE_MILLIS + 1_000, -1), "HPEXPIRETIME", "h", "FIELDS", "2", "a", "b");
    }

    @Test
    void hexpire_gt_setsOnlyALaterExpiryAndNeverOnAFieldWithout() {
        hset("h", "a", "1", "b", "2", "none", "3");
        assertReply(integers(1, 1), "HPEXPIREAT", "h", future(1_000), "FIELDS", "2", "a", "b");
        assertReply(integers(1, 0, -2), "HPEXPIREAT", "h", future(2_000), "GT", "FIELDS", "3", "a", "none", "nope");
        assertReply(integers(0), "HPEXPIREAT", "h", future(1_000), "GT", "FIELDS", "1", "b");
        assertReply(integers(0), "HPEXPIREAT", "h", future(500), "GT", "FIELDS", "1", "b");
        assertReply(integers(FUTURE_MILLIS + 2_000, FUTURE_MILLIS + 1_000, -1), "HPEXPIRETIME", "h", "FIELDS", "3", "a", "b", "none");
    }

    @Test
    void hexpire_lt_setsOnlyAnEarlierExpiry() {
        hset("h", "a", "1", "b", "2");
        assertReply(integers(1, 1), "HPEXPIREAT", "h", future(1_000), "FIELDS", "2", "a", "b");
        assertReply(integers(1), "HPEXPIREAT", "h", future(500), "LT", "FIELDS", "1", "a");
        assertReply(integers(0), "HPEXPIREAT", "h", future(1_000), "LT", "FIELDS", "1", "b");
        assertReply(integers(0), "HPEXPIREAT", "h", future(2_000), "lt", "FIELDS", "1", "b");
        assertReply(integers(FUTURE_MILLIS + 500, FUTURE_MILLIS + 1_000), "HPEXPIRETIME", "h", "FIELDS", "2", "a", "b");
    }

    @Test
    void hexpire_ltOnAFieldWithoutExpiry_countsItAsInfiniteAndSets() {
        requireRedis("8.0", "LT treating a field without expiry as infinite, as redis.io documents");
        hset("h", "a", "1");
        assertReply(integers(1), "HPEXPIREAT", "h", future(0), "LT", "FIELDS", "1", "a");
        assertReply(integers(FUTURE_MILLIS), "HPEXPIRETIME", "h", "FIELDS", "1", "a");
    }

    @Test
    void hexpire_conditionsAreCaseInsensitive() {
        hset("h", "a", "1");
        assertReply(integers(1), "HPEXPIREAT", "h", future(0), "nx", "fields", "1", "a");
        assertReply(integers(1), "HPEXPIREAT", "h", future(1), "Gt", "Fields", "1", "a");
        assertReply(integers(FUTURE_MILLIS + 1), "HPEXPIRETIME", "h", "fields", "1", "a");
    }

    // ------------------------------------------------------------------ HEXPIRE errors

    @Test
    void hexpire_twoConditions_fieldsIsNotAtItsPlace() {
        hset("h", "a", "1");
        assertRefusedUnchanged(FIELDS_MISSING, "HEXPIRE", "h", "100", "NX", "XX", "FIELDS", "1", "a");
        assertRefusedUnchanged(FIELDS_MISSING, "HEXPIRE", "h", "100", "GT", "LT", "FIELDS", "1", "a");
        assertRefusedUnchanged(FIELDS_MISSING, "HPEXPIRE", "h", "100", "FIELD", "1", "a");
        assertRefusedUnchanged(FIELDS_MISSING, "HEXPIREAT", "h", "100", "1", "FIELDS", "a");
        assertRefusedUnchanged(FIELDS_MISSING, "HPEXPIREAT", "h", "100", "BOGUS", "FIELDS", "1", "a");
    }

    @ParameterizedTest(name = "numfields \"{0}\"")
    @ValueSource(strings = {"0", "-1", "abc", "1.5", "9223372036854775808"})
    void hexpire_numfieldsNotPositive_returnsNumFieldsError(String numfields) {
        hset("h", "a", "1");
        assertRefusedUnchanged(NUMFIELDS_NOT_POSITIVE_WRITE, "HEXPIRE", "h", "100", "FIELDS", numfields, "a");
        assertRefusedUnchanged(NUMFIELDS_NOT_POSITIVE_WRITE, "HPEXPIREAT", "h", future(0), "NX", "FIELDS", numfields, "a");
        assertRefusedUnchanged(NUMFIELDS_NOT_POSITIVE_WRITE, "HEXPIRE", "missing", "100", "FIELDS", numfields, "a");
    }

    @Test
    void hexpire_numfieldsNotTheNumberOfFields_returnsMismatch() {
        hset("h", "a", "1", "b", "2");
        assertRefusedUnchanged(NUMFIELDS_MISMATCH, "HEXPIRE", "h", "100", "FIELDS", "2", "a");
        assertRefusedUnchanged(NUMFIELDS_MISMATCH, "HEXPIRE", "h", "100", "FIELDS", "1", "a", "b");
        assertRefusedUnchanged(NUMFIELDS_MISMATCH, "HPEXPIRE", "h", "100", "XX", "FIELDS", "3", "a", "b");
        assertRefusedUnchanged(NUMFIELDS_MISMATCH, "HPEXPIREAT", "missing", "100", "FIELDS", "2", "a");
        assertNoKey("missing");
    }

    @Test
    void hexpire_tooFewArguments_wrongNumberOfArguments() {
        hset("h", "a", "1");
        assertRefusedUnchanged(wrongArity("hexpire"), "HEXPIRE", "h", "100", "FIELDS", "1");
        assertRefusedUnchanged(wrongArity("hpexpire"), "HPEXPIRE", "h", "100", "1", "a");
        assertRefusedUnchanged(wrongArity("hexpireat"), "HEXPIREAT", "h", "100");
        assertRefusedUnchanged(wrongArity("hpexpireat"), "HPEXPIREAT", "h", "100", "NX", "FIELDS");
    }

    @Test
    void hexpire_timeNotAnIntegerOrNegative_isRefused() {
        hset("h", "a", "1");
        assertRefusedUnchanged(NOT_INTEGER, "HEXPIRE", "h", "abc", "FIELDS", "1", "a");
        assertRefusedUnchanged(NOT_INTEGER, "HPEXPIRE", "h", "1.5", "FIELDS", "1", "a");
        assertRefusedUnchanged(NOT_INTEGER, "HPEXPIREAT", "h", "9223372036854775808", "FIELDS", "1", "a");
        assertRefusedUnchanged(NEGATIVE_TIME, "HEXPIRE", "h", "-1", "FIELDS", "1", "a");
        assertRefusedUnchanged(NEGATIVE_TIME, "HPEXPIRE", "h", "-1000", "FIELDS", "1", "a");
        assertRefusedUnchanged(NEGATIVE_TIME, "HEXPIREAT", "h", "-1", "FIELDS", "1", "a");
        assertRefusedUnchanged(NEGATIVE_TIME, "HPEXPIREAT", "h", "-9223372036854775808", "FIELDS", "1", "a");
    }

    @Test
    void hexpire_timePastTheLatestFieldExpiry_returnsInvalidExpireTime() {
        hset("h", "a", "1");
        assertReply(integers(1), "HPEXPIREAT", "h", Long.toString(MAX_FIELD_EXPIRY_MILLIS), "FIELDS", "1", "a");
        assertReply(integers(MAX_FIELD_EXPIRY_MILLIS), "HPEXPIRETIME", "h", "FIELDS", "1", "a");
        assertRefusedUnchanged(invalidExpire("hpexpireat"), "HPEXPIREAT", "h", Long.toString(MAX_FIELD_EXPIRY_MILLIS + 1), "FIELDS", "1", "a");
        assertReply(integers(1), "HEXPIREAT", "h", Long.toString(MAX_FIELD_EXPIRY_MILLIS / 1000), "FIELDS", "1", "a");
        assertRefusedUnchanged(invalidExpire("hexpireat"), "HEXPIREAT", "h", Long.toString(MAX_FIELD_EXPIRY_MILLIS / 1000 + 1), "FIELDS", "1", "a");
        assertRefusedUnchanged(invalidExpire("hpexpire"), "HPEXPIRE", "h", Long.toString(MAX_FIELD_EXPIRY_MILLIS), "FIELDS", "1", "a");
        assertRefusedUnchanged(invalidExpire("hexpire"), "HEXPIRE", "h", "9223372036854775807", "FIELDS", "1", "a");
        assertRefusedUnchanged(invalidExpire("hexpire"), "HEXPIRE", "missing", "9223372036854775807", "FIELDS", "1", "a");
    }

    @Test
    void fieldExpiryCommands_stringKey_wrongTypeBeforeAnyArgumentError() {
        exec("SET", "s", "v");
        assertRefusedUnchanged(WRONGTYPE, "HEXPIRE", "s", "100", "FIELDS", "1", "a");
        assertRefusedUnchanged(WRONGTYPE, "HPEXPIRE", "s", "abc", "FIELDS", "1", "a");
        assertRefusedUnchanged(WRONGTYPE, "HEXPIREAT", "s", "100", "FIELDS", "0", "a");
        assertRefusedUnchanged(WRONGTYPE, "HPEXPIREAT", "s", "100", "NX", "XX", "FIELDS", "1", "a");
        assertRefusedUnchanged(WRONGTYPE, "HTTL", "s", "FIELDS", "1", "a");
        assertRefusedUnchanged(WRONGTYPE, "HPTTL", "s", "FIELDS", "2", "a");
        assertRefusedUnchanged(WRONGTYPE, "HEXPIRETIME", "s", "FIELDS", "1", "a");
        assertRefusedUnchanged(WRONGTYPE, "HPEXPIRETIME", "s", "FIELDS", "1", "a");
        assertRefusedUnchanged(WRONGTYPE, "HPERSIST", "s", "FIELDS", "1", "a");
    }

    // ------------------------------------------------------------------ HTTL and kin, HPERSIST

    @Test
    void httl_fieldWithoutExpiryAndMissingField_returnMinusOneAndMinusTwo() {
        hset("h", "a", "1");
        assertReply(integers(-1, -2), "HTTL", "h", "FIELDS", "2", "a", "x");
        assertReply(integers(-1, -2), "HPTTL", "h", "FIELDS", "2", "a", "x");
        assertReply(integers(-1, -2), "HEXPIRETIME", "h", "FIELDS", "2", "a", "x");
        assertReply(integers(-1, -2), "HPEXPIRETIME", "h", "FIELDS", "2", "a", "x");
    }

    @Test
    void httl_badFieldsClause_returnsReadErrors() {
        hset("h", "a", "1");
        for (String command : List.of("HTTL", "HPTTL", "HEXPIRETIME", "HPEXPIRETIME", "HPERSIST")) {
            assertRefusedUnchanged(FIELDS_MISSING, command, "h", "FIELD", "1", "a");
            assertRefusedUnchanged(FIELDS_MISSING, command, "h", "1", "FIELDS", "a");
            assertRefusedUnchanged(NUMFIELDS_NOT_POSITIVE, command, "h", "FIELDS", "0", "a");
            assertRefusedUnchanged(NUMFIELDS_NOT_POSITIVE, command, "h", "FIELDS", "-1", "a");
            assertRefusedUnchanged(NUMFIELDS_NOT_POSITIVE, command, "h", "FIELDS", "abc", "a");
            assertRefusedUnchanged(NUMFIELDS_MISMATCH, command, "h", "FIELDS", "2", "a");
            assertRefusedUnchanged(NUMFIELDS_MISMATCH, command, "h", "FIELDS", "1", "a", "b");
            assertRefusedUnchanged(NUMFIELDS_MISMATCH, command, "missing", "FIELDS", "1", "a", "b");
            assertRefusedUnchanged(wrongArity(command.toLowerCase(Locale.ROOT)), command, "h", "FIELDS", "1");
        }
    }

    @Test
    void hpersist_removesTheExpiryOfEachField() {
        hset("h", "a", "1", "b", "2");
        assertReply(integers(1), "HPEXPIREAT", "h", future(0), "FIELDS", "1", "a");
        assertReply(integers(1, -1, -2), "HPERSIST", "h", "FIELDS", "3", "a", "b", "x");
        assertReply(integers(-1, -1), "HTTL", "h", "FIELDS", "2", "a", "b");
        assertReply(integers(-1), "HPERSIST", "h", "FIELDS", "1", "a");
        assertHash("h", "a", "1", "b", "2");
    }

    // ------------------------------------------------------------------ which commands keep a field's TTL

    @Test
    void hset_ofAFieldWithExpiry_clearsItsTtlOnly() {
        hset("h", "a", "1", "b", "2");
        assertReply(integers(1, 1), "HPEXPIREAT", "h", future(0), "FIELDS", "2", "a", "b");
        assertReply(integer(0), "HSET", "h", "a", "new");
        assertReply(integer(1), "HSET", "h", "c", "3");
        assertReply(integers(-1, FUTURE_MILLIS, -1), "HPEXPIRETIME", "h", "FIELDS", "3", "a", "b", "c");
        assertReply(Reply.OK, "HMSET", "h", "b", "again");
        assertReply(integers(-1), "HPEXPIRETIME", "h", "FIELDS", "1", "b");
    }

    @Test
    void hsetnxHincrbyHincrbyfloat_ofAFieldWithExpiry_keepItsTtl() {
        hset("h", "s", "x", "n", "1", "f", "1.5");
        assertReply(integers(1, 1, 1), "HPEXPIREAT", "h", future(0), "FIELDS", "3", "s", "n", "f");
        assertReply(integer(0), "HSETNX", "h", "s", "y");
        assertReply(integer(6), "HINCRBY", "h", "n", "5");
        assertReply(bulk("2"), "HINCRBYFLOAT", "h", "f", "0.5");
        assertReply(integers(FUTURE_MILLIS, FUTURE_MILLIS, FUTURE_MILLIS), "HPEXPIRETIME", "h", "FIELDS", "3", "s", "n", "f");
        assertHash("h", "s", "x", "n", "6", "f", "2");
    }

    @Test
    void hdel_thenHset_fieldComesBackWithoutExpiry() {
        hset("h", "a", "1", "b", "2");
        exec("HPEXPIREAT", "h", future(0), "FIELDS", "1", "a");
        assertReply(integer(1), "HDEL", "h", "a");
        assertReply(integers(-2), "HTTL", "h", "FIELDS", "1", "a");
        hset("h", "a", "1");
        assertReply(integers(-1), "HTTL", "h", "FIELDS", "1", "a");
    }

    @Test
    void keyExpiryAndFieldExpiry_areIndependent() {
        hset("h", "a", "1");
        exec("HPEXPIREAT", "h", future(0), "FIELDS", "1", "a");
        assertReply(integer(-1), "PTTL", "h");
        assertReply(integer(1), "PEXPIREAT", "h", future(5_000));
        assertReply(integer(1), "PERSIST", "h");
        assertReply(integers(FUTURE_MILLIS), "HPEXPIRETIME", "h", "FIELDS", "1", "a");
        assertReply(integers(1), "HPERSIST", "h", "FIELDS", "1", "a");
        assertReply(integer(1), "PEXPIREAT", "h", future(5_000));
        assertReply(integer(FUTURE_MILLIS + 5_000), "PEXPIRETIME", "h");
    }

    @Test
    void renameAndCopy_keepEachFieldsExpiry() {
        hset("h", "a", "1", "b", "2");
        exec("HPEXPIREAT", "h", future(7), "FIELDS", "1", "a");
        assertReply(integer(1), "COPY", "h", "copy");
        assertReply(Reply.OK, "RENAME", "h", "moved");
        assertReply(integers(FUTURE_MILLIS + 7, -1), "HPEXPIRETIME", "copy", "FIELDS", "2", "a", "b");
        assertReply(integers(FUTURE_MILLIS + 7, -1), "HPEXPIRETIME", "moved", "FIELDS", "2", "a", "b");
        assertReply(integers(1), "HPERSIST", "copy", "FIELDS", "1", "a");
        assertReply(integers(FUTURE_MILLIS + 7), "HPEXPIRETIME", "moved", "FIELDS", "1", "a");
        assertHash("copy", "a", "1", "b", "2");
        assertHash("moved", "a", "1", "b", "2");
    }

    @Test
    void copyOfABigHash_keepsEachFieldsExpiry() {
        hset("h", numberedHash(1000));
        exec("HPEXPIREAT", "h", future(0), "FIELDS", "2", "f1", "f999");
        assertReply(integer(1), "COPY", "h", "copy");
        assertReply(integers(FUTURE_MILLIS, -1, FUTURE_MILLIS), "HPEXPIRETIME", "copy", "FIELDS", "3", "f1", "f2", "f999");
        assertReply(integer(1000), "HLEN", "copy");
    }

    // ------------------------------------------------------------------ HGETEX (Redis 8.0)

    @Test
    void hgetex_noOption_returnsValuesAndKeepsTtls() {
        requireRedis("8.0", "HGETEX");
        hset("h", "a", "1", "b", "2");
        exec("HPEXPIREAT", "h", future(0), "FIELDS", "1", "a");
        assertReplyUnchanged(array("1", null, "2"), "HGETEX", "h", "FIELDS", "3", "a", "x", "b");
    }

    @Test
    void hgetex_exOrPxat_setsTheTtlOfExistingFieldsOnly() {
        requireRedis("8.0", "HGETEX");
        hset("h", "a", "1", "b", "2");
        assertReply(array("1", null), "HGETEX", "h", "PXAT", future(0), "FIELDS", "2", "a", "x");
        assertReply(integers(FUTURE_MILLIS, -2, -1), "HPEXPIRETIME", "h", "FIELDS", "3", "a", "x", "b");
        assertReply(array("2"), "HGETEX", "h", "EX", "1000", "FIELDS", "1", "b");
        long ttl = asLong(assertInstanceOf(Reply.Array.class, exec("HTTL", "h", "FIELDS", "1", "b")).items().get(0));
        assertBetween(999, 1000, ttl, "HTTL b");
        assertReply(array("1"), "HGETEX", "h", "EXAT", Long.toString(FUTURE_SECONDS + 1), "FIELDS", "1", "a");
        assertReply(array("1"), "HGETEX", "h", "PX", "2000000", "FIELDS", "1", "a");
        long pttl = asLong(assertInstanceOf(Reply.Array.class, exec("HPTTL", "h", "FIELDS", "1", "a")).items().get(0));
        assertBetween(1_990_000, 2_000_000, pttl, "HPTTL a");
        assertHash("h", "a", "1", "b", "2");
    }

    @Test
    void hgetex_persist_removesTheTtl() {
        requireRedis("8.0", "HGETEX");
        hset("h", "a", "1", "b", "2");
        exec("HPEXPIREAT", "h", future(0), "FIELDS", "2", "a", "b");
        assertReply(array("1"), "HGETEX", "h", "PERSIST", "FIELDS", "1", "a");
        assertReply(integers(-1, FUTURE_MILLIS), "HPEXPIRETIME", "h", "FIELDS", "2", "a", "b");
    }

    @Test
    void hgetex_pastTime_returnsTheValuesAndDeletesTheFields() {
        requireRedis("8.0", "HGETEX");
        hset("h", "a", "1", "b", "2", "c", "3");
        assertReply(array("1", null), "HGETEX", "h", "PXAT", "1000", "FIELDS", "2", "a", "x");
        assertHash("h", "b", "2", "c", "3");
        assertReply(array("2", "3"), "HGETEX", "h", "EX", "0", "FIELDS", "2", "b", "c");
        assertNoKey("h");
    }

    @Test
    void hgetex_missingKey_returnsOneNilPerFieldAndCreatesNothing() {
        requireRedis("8.0", "HGETEX");
        assertReply(array(null, null), "HGETEX", "missing", "EX", "100", "FIELDS", "2", "a", "b");
        assertNoKey("missing");
    }

    @Test
    void hgetex_badArguments_areRefusedAndChangeNothing() {
        requireRedis("8.0", "HGETEX");
        hset("h", "a", "1");
        exec("SET", "s", "v");
        assertRefusedUnchanged(WRONGTYPE, "HGETEX", "s", "EX", "abc", "FIELDS", "1", "a");
        assertRefusedUnchanged(FIELDS_MISSING, "HGETEX", "h", "FIELD", "1", "a");
        assertRefusedUnchanged(FIELDS_MISSING, "HGETEX", "h", "KEEPTTL", "FIELDS", "1", "a");
        assertRefusedUnchanged(FIELDS_MISSING, "HGETEX", "h", "PERSIST", "EX", "10", "FIELDS", "1", "a");
        assertRefusedUnchanged(FIELDS_MISSING, "HGETEX", "h", "EX", "10", "PX", "10", "FIELDS", "1", "a");
        assertRefusedUnchanged(NOT_INTEGER, "HGETEX", "h", "EX", "FIELDS", "1", "a");
        assertRefusedUnchanged(NEGATIVE_TIME, "HGETEX", "h", "PX", "-1", "FIELDS", "1", "a");
        assertRefusedUnchanged(invalidExpire("hgetex"), "HGETEX", "h", "PXAT", Long.toString(MAX_FIELD_EXPIRY_MILLIS + 1), "FIELDS", "1", "a");
        assertRefusedUnchanged(NUMFIELDS_NOT_POSITIVE, "HGETEX", "h", "FIELDS", "0", "a");
        assertRefusedUnchanged(NUMFIELDS_NOT_POSITIVE, "HGETEX", "h", "EX", "10", "FIELDS", "abc", "a");
        assertRefusedUnchanged(NUMFIELDS_MISMATCH, "HGETEX", "h", "FIELDS", "2", "a");
        assertRefusedUnchanged(NUMFIELDS_MISMATCH, "HGETEX", "h", "PERSIST", "FIELDS", "1", "a", "b");
        assertRefusedUnchanged(wrongArity("hgetex"), "HGETEX", "h", "FIELDS", "1");
    }

    // ------------------------------------------------------------------ HSETEX (Redis 8.0)

    @Test
    void hsetex_noOption_setsEveryFieldAndClearsTheirTtl() {
        requireRedis("8.0", "HSETEX");
        hset("h", "a", "1");
        exec("HPEXPIREAT", "h", future(0), "FIELDS", "1", "a");
        assertReply(integer(1), "HSETEX", "h", "FIELDS", "2", "a", "x", "b", "y");
        assertHash("h", "a", "x", "b", "y");
        assertReply(integers(-1, -1), "HPEXPIRETIME", "h", "FIELDS", "2", "a", "b");
    }

    @Test
    void hsetex_expiryOptions_setTheTtlOfEveryField() {
        requireRedis("8.0", "HSETEX");
        assertReply(integer(1), "HSETEX", "h", "PXAT", future(0), "FIELDS", "2", "a", "1", "b", "2");
        assertReply(integers(FUTURE_MILLIS, FUTURE_MILLIS), "HPEXPIRETIME", "h", "FIELDS", "2", "a", "b");
        assertReply(integer(1), "HSETEX", "h", "EXAT", Long.toString(FUTURE_SECONDS + 3), "FIELDS", "1", "a", "3");
        assertReply(integers(FUTURE_MILLIS + 3_000), "HPEXPIRETIME", "h", "FIELDS", "1", "a");
        assertReply(integer(1), "HSETEX", "h", "EX", "1000", "FIELDS", "1", "c", "4");
        long ttl = asLong(assertInstanceOf(Reply.Array.class, exec("HTTL", "h", "FIELDS", "1", "c")).items().get(0));
        assertBetween(999, 1000, ttl, "HTTL c");
        assertReply(integer(1), "HSETEX", "h", "PX", "2000000", "FIELDS", "1", "d", "5");
        long pttl = asLong(assertInstanceOf(Reply.Array.class, exec("HPTTL", "h", "FIELDS", "1", "d")).items().get(0));
        assertBetween(1_990_000, 2_000_000, pttl, "HPTTL d");
        assertHash("h", "a", "3", "b", "2", "c", "4", "d", "5");
        assertReply(integer(-1), "PTTL", "h");
    }

    @Test
    void hsetex_keepttl_keepsTheTtlOfExistingFields() {
        requireRedis("8.0", "HSETEX");
        hset("h", "a", "1");
        exec("HPEXPIREAT", "h", future(0), "FIELDS", "1", "a");
        assertReply(integer(1), "HSETEX", "h", "KEEPTTL", "FIELDS", "2", "a", "2", "b", "3");
        assertReply(integers(FUTURE_MILLIS, -1), "HPEXPIRETIME", "h", "FIELDS", "2", "a", "b");
        assertHash("h", "a", "2", "b", "3");
    }

    @Test
    void hsetex_fnx_setsOnlyIfNoFieldExists() {
        requireRedis("8.0", "HSETEX");
        assertReply(integer(1), "HSETEX", "h", "FNX", "FIELDS", "2", "a", "1", "b", "2");
        assertReplyUnchanged(integer(0), "HSETEX", "h", "FNX", "PXAT", future(0), "FIELDS", "2", "c", "3", "a", "9");
        assertReply(integer(1), "HSETEX", "h", "FNX", "PXAT", future(0), "FIELDS", "1", "c", "3");
        assertHash("h", "a", "1", "b", "2", "c", "3");
        assertReply(integers(FUTURE_MILLIS), "HPEXPIRETIME", "h", "FIELDS", "1", "c");
    }

    @Test
    void hsetex_fxx_setsOnlyIfEveryFieldExists() {
        requireRedis("8.0", "HSETEX");
        assertReplyUnchanged(integer(0), "HSETEX", "missing", "FXX", "FIELDS", "1", "a", "1");
        assertNoKey("missing");
        hset("h", "a", "1", "b", "2");
        assertReplyUnchanged(integer(0), "HSETEX", "h", "FXX", "FIELDS", "2", "a", "9", "c", "9");
        assertReply(integer(1), "HSETEX", "h", "FXX", "EX", "1000", "FIELDS", "2", "a", "8", "b", "9");
        assertHash("h", "a", "8", "b", "9");
    }

    @Test
    void hsetex_pastTime_setsThenDeletesTheFields() {
        requireRedis("8.0", "HSETEX");
        hset("h", "keep", "1");
        assertReply(integer(1), "HSETEX", "h", "PXAT", "1000", "FIELDS", "1", "gone", "2");
        assertHash("h", "keep", "1");
        assertReply(integer(1), "HSETEX", "g", "EX", "0", "FIELDS", "1", "gone", "2");
        assertNoKey("g");
    }

    @Test
    void hsetex_badArguments_areRefusedAndChangeNothing() {
        requireRedis("8.0", "HSETEX");
        hset("h", "a", "1");
        exec("SET", "s", "v");
        assertRefusedUnchanged(WRONGTYPE, "HSETEX", "s", "FIELDS", "1", "a", "1");
        assertRefusedUnchanged("ERR Only one of FXX or FNX arguments can be specified", "HSETEX", "h", "FNX", "FXX", "FIELDS", "1", "a", "1");
        assertRefusedUnchanged("ERR Only one of EX, PX, EXAT, PXAT or KEEPTTL arguments can be specified",
                "HSETEX", "h", "EX", "10", "PX", "10", "FIELDS", "1", "a", "1");
        assertRefusedUnchanged("ERR Only one of EX, PX, EXAT, PXAT or KEEPTTL arguments can be specified",
                "HSETEX", "h", "KEEPTTL", "EX", "10", "FIELDS", "1", "a", "1");
        assertRefusedUnchanged("ERR unknown argument: BOGUS", "HSETEX", "h", "BOGUS", "FIELDS", "1", "a", "1");
        assertRefusedUnchanged("ERR invalid number of fields", "HSETEX", "h", "FIELDS", "0", "a", "1");
        assertRefusedUnchanged("ERR invalid number of fields", "HSETEX", "h", "FIELDS", "abc", "a", "1");
        assertRefusedUnchanged(wrongArity("hsetex"), "HSETEX", "h", "FIELDS", "2", "a", "1");
        assertRefusedUnchanged(wrongArity("hsetex"), "HSETEX", "h", "FIELDS", "1", "a", "1", "b");
        assertRefusedUnchanged(wrongArity("hsetex"), "HSETEX", "h", "FIELDS", "1", "a");
        assertRefusedUnchanged(NOT_INTEGER, "HSETEX", "h", "EX", "abc", "FIELDS", "1", "a", "1");
        assertRefusedUnchanged(NEGATIVE_TIME, "HSETEX", "h", "PX", "-5", "FIELDS", "1", "a", "1");
        assertRefusedUnchanged(invalidExpire("hsetex"), "HSETEX", "h", "EXAT", "9223372036854775807", "FIELDS", "1", "a", "1");
    }

    // ------------------------------------------------------------------ HGETDEL (Redis 8.0)

    @Test
    void hgetdel_returnsTheValuesAndDeletesTheFields() {
        requireRedis("8.0", "HGETDEL");
        hset("h", "a", "1", "b", "2", "c", "3");
        assertReply(array("1", null, "2", null), "HGETDEL", "h", "FIELDS", "4", "a", "x", "b", "a");
        assertHash("h", "c", "3");
        assertReply(array("3"), "HGETDEL", "h", "FIELDS", "1", "c");
        assertNoKey("h");
    }

    @Test
    void hgetdel_missingKey_returnsOneNilPerField() {
        requireRedis("8.0", "HGETDEL");
        assertReply(array(null, null), "HGETDEL", "missing", "FIELDS", "2", "a", "b");
        assertNoKey("missing");
    }

    @Test
    void hgetdel_badArguments_areRefusedAndChangeNothing() {
        requireRedis("8.0", "HGETDEL");
        hset("h", "a", "1");
        exec("SET", "s", "v");
        assertRefusedUnchanged(WRONGTYPE, "HGETDEL", "s", "FIELDS", "0", "a");
        assertRefusedUnchanged(FIELDS_MISSING, "HGETDEL", "h", "FIELD", "1", "a");
        assertRefusedUnchanged(NUMFIELDS_NOT_POSITIVE, "HGETDEL", "h", "FIELDS", "0", "a");
        assertRefusedUnchanged(NUMFIELDS_NOT_POSITIVE, "HGETDEL", "h", "FIELDS", "9223372036854775808", "a");
        assertRefusedUnchanged(NUMFIELDS_MISMATCH, "HGETDEL", "h", "FIELDS", "2", "a");
        assertRefusedUnchanged(NUMFIELDS_MISMATCH, "HGETDEL", "h", "FIELDS", "1", "a", "b");
        assertRefusedUnchanged(wrongArity("hgetdel"), "HGETDEL", "h", "FIELDS", "1");
    }
}
