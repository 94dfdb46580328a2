package dev.keel.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * The commands a Keel store answers that a Redis server does not, run on the server as small Lua
 * scripts with the same replies: Keel's four hash extensions, which the {@code KeelHash} view's
 * {@code put}, {@code replace} and {@code remove(k, v)} send, and {@code HGETDEL} on a server
 * before Redis 8.0, which its {@code remove(k)} sends.
 *
 * <pre>
 * Scripts (KEYS[1] the hash; each one atomic, as every script on a Redis server)
 *   KEEL.HGETSET key field value            HGET, then HSET: the previous value or nil
 *   KEEL.HREPLACE key field value           HGET, then HSET if there was a value: it or nil
 *   KEEL.HCAS key field expected value      HSET if HGET equals expected: 1, else 0
 *   KEEL.HCAD key field expected            HDEL if HGET equals expected: 1, else 0
 *   HGETDEL key FIELDS numfields field ...  HGET and HDEL of each field: the values, nil where missing
 * </pre>
 *
 * Setting is HSET, so it clears the field's time to live, as HSET does. An error inside a script
 * ({@code WRONGTYPE}) comes back from the server with the script's name appended; {@link #errorText}
 * takes it off, so the caller sees Redis's plain text.
 *
 * <p><b>Thread safety:</b> immutable, safe for concurrent use.
 */
final class ScriptedCommands {

    /**
     * One scripted command.
     *
     * @param name the command's name, lower case, as errors quote it
     * @param arity the number of arguments of the command line, name included
     * @param lua the script: KEYS[1] is the command's key, ARGV its other arguments
     * @param sha the script's SHA-1, for EVALSHA
     */
    record Script(String name, int arity, String lua, String sha) {
    }

    /** HGETDEL's script; its command line is checked by {@link #hgetdelFields} first. */
    static final Script HGETDEL = script("hgetdel", -1, """
            local values = {}
            for i = 1, #ARGV do
              values[i] = redis.call('HGET', KEYS[1], ARGV[i])
              redis.call('HDEL', KEYS[1], ARGV[i])
            end
            return values""");

    private static final Map<String, Script> EXTENSIONS = Map.of(
            "KEEL.HGETSET", script("keel.hgetset", 4, """
                    local old = redis.call('HGET', KEYS[1], ARGV[1])
                    redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
                    return old"""),
            "KEEL.HREPLACE", script("keel.hreplace", 4, """
                    local old = redis.call('HGET', KEYS[1], ARGV[1])
                    if old then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
                    return old"""),
            "KEEL.HCAS", script("keel.hcas", 5, """
                    if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
                      redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
                      return 1
                    end
                    return 0"""),
            "KEEL.HCAD", script("keel.hcad", 4, """
                    if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
                      redis.call('HDEL', KEYS[1], ARGV[1])
                      return 1
                    end
                    return 0"""));

    private ScriptedCommands() {
    }

    private static Script script(String name, int arity, String lua) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(lua.getBytes(StandardCharsets.UTF_8));
            return new Script(name, arity, lua, HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JDK", e);
        }
    }

    /** Returns the Keel extension named {@code upperCaseName}, or {@code null} if it is not one. */
    static Script extension(String upperCaseName) {
        return upperCaseName.startsWith("KEEL.") ? EXTENSIONS.get(upperCaseName) : null;
    }

    /**
     * Returns whether {@code argv} is a well-formed {@code HGETDEL key FIELDS numfields field ...}
     * that the script can answer; a malformed one goes to the server as it is.
     */
    static boolean hgetdelFields(byte[][] argv) {
        if (argv.length < 5 || !new String(argv[2], StandardCharsets.US_ASCII).equalsIgnoreCase("FIELDS")) {
            return false;
        }
        try {
            return Long.parseLong(new String(argv[3], StandardCharsets.US_ASCII)) == argv.length - 4;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Returns a script error's text as the command inside it gave it, without the script's name. */
    static String errorText(String message) {
        int suffix = message.indexOf(" script: ");
        return suffix > 0 ? message.substring(0, suffix) : message;
    }

    /** Returns whether an error reply says the server does not know the command. */
    static boolean unknownCommand(String message) {
        return message.toUpperCase(Locale.ROOT).startsWith("ERR UNKNOWN COMMAND");
    }
}
