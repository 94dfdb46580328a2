package dev.keel.spi;

import dev.keel.AutoClaimed;
import dev.keel.Codec;
import dev.keel.Commands;
import dev.keel.ExpireCondition;
import dev.keel.GetExArgs;
import dev.keel.HGetExArgs;
import dev.keel.HSetExArgs;
import dev.keel.HashScan;
import dev.keel.KeelException;
import dev.keel.KeelInterruptedException;
import dev.keel.KeyScan;
import dev.keel.KeyValue;
import dev.keel.LPosArgs;
import dev.keel.LexRange;
import dev.keel.ListDirection;
import dev.keel.PendingEntry;
import dev.keel.PendingSummary;
import dev.keel.RankWithScore;
import dev.keel.Reply;
import dev.keel.ScanArgs;
import dev.keel.ScoreEnd;
import dev.keel.ScoreRange;
import dev.keel.ScoredValue;
import dev.keel.Scores;
import dev.keel.SetArgs;
import dev.keel.SetScan;
import dev.keel.StreamConsumerInfo;
import dev.keel.StreamEntry;
import dev.keel.StreamFullInfo;
import dev.keel.StreamGroupInfo;
import dev.keel.StreamId;
import dev.keel.StreamInfo;
import dev.keel.StreamOffset;
import dev.keel.StreamRange;
import dev.keel.XAddArgs;
import dev.keel.XClaimArgs;
import dev.keel.XGroupCreateArgs;
import dev.keel.XGroupSetidArgs;
import dev.keel.XPendingArgs;
import dev.keel.XReadArgs;
import dev.keel.XReadGroupArgs;
import dev.keel.XSetidArgs;
import dev.keel.XTrimArgs;
import dev.keel.ZAddArgs;
import dev.keel.ZAggregateArgs;
import dev.keel.ZRangeArgs;
import dev.keel.ZSetScan;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The typed command layer over any {@link CommandExecutor}: each method encodes its arguments
 * into one command line, runs it, and decodes the reply. Every store, whatever its backend,
 * shares this class, so a typed call and the same command line through {@code execute} can
 * never disagree.
 *
 * <p><b>Thread safety:</b> safe for concurrent use if the executor and codec are.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class ArgvCommands<K, V> implements Commands<K, V> {
    /** Command names and keywords, encoded once instead of on every call. */
    private static final java.util.concurrent.ConcurrentHashMap<String, byte[]> WORDS = new java.util.concurrent.ConcurrentHashMap<>();

    private static final byte[] GET = ascii("GET");
    private static final byte[] SET = ascii("SET");

    private final CommandExecutor executor;
    private final Codec<K, V> codec;

    /** Creates the typed layer over {@code executor}, encoding with {@code codec}. */
    public ArgvCommands(CommandExecutor executor, Codec<K, V> codec) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    // ------------------------------------------------------------------ plumbing

    private static byte[] ascii(String text) {
        return WORDS.computeIfAbsent(text, word -> word.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] number(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    private Reply run(byte[]... argv) {
        Reply reply = executor.execute(argv);
        if (reply instanceof Reply.Error error) {
            throw error.toException();
        }
        return reply;
    }

    private byte[] key(K key) {
        return codec.encodeKey(Objects.requireNonNull(key, "key"));
    }

    private byte[] value(V value) {
        return codec.encodeValue(Objects.requireNonNull(value, "value"));
    }

    private static KeelException unexpected(Reply reply) {
        return new KeelException("ERR unexpected reply " + reply);
    }

    private static long integer(Reply reply) {
        if (reply instanceof Reply.Int i) {
            return i.value();
        }
        throw unexpected(reply);
    }

    private static boolean bool(Reply reply) {
        return integer(reply) == 1;
    }

    private static String status(Reply reply) {
        return switch (reply) {
            case Reply.Status s -> s.text();
            case Reply.Nil n -> null;
            case Reply.Bulk b -> b.utf8();
            default -> throw unexpected(reply);
        };
    }

    private V bulkValue(Reply reply) {
        return switch (reply) {
            case Reply.Bulk b -> codec.decodeValue(b.bytes());
            case Reply.Nil n -> null;
            default -> throw unexpected(reply);
        };
    }

    private K bulkKey(Reply reply) {
        return switch (reply) {
            case Reply.Bulk b -> codec.decodeKey(b.bytes());
            case Reply.Nil n -> null;
            default -> throw unexpected(reply);
        };
    }

    private static List<Reply> items(Reply reply) {
        if (reply instanceof Reply.Array a) {
            return a.items();
        }
        throw unexpected(reply);
    }

    /** The items of an array reply, each decoded by {@code decode}, in a list that may be changed. */
    private static <T> List<T> each(Reply reply, Function<Reply, T> decode) {
        List<Reply> items = items(reply);
        List<T> decoded = new ArrayList<>(items.size());
        for (Reply item : items) {
            decoded.add(decode.apply(item));
        }
        return decoded;
    }

    private byte[][] withKeys(String command, K[] keys) {
        byte[][] argv = new byte[keys.length + 1][];
        argv[0] = ascii(command);
        for (int i = 0; i < keys.length; i++) {
            argv[i + 1] = key(keys[i]);
        }
        return argv;
    }

    private static void addTokens(List<byte[]> argv, List<String> tokens) {
        for (String token : tokens) {
            argv.add(utf8(token));
        }
    }

    private static byte[][] array(List<byte[]> argv) {
        return argv.toArray(new byte[0][]);
    }

    // ------------------------------------------------------------------ strings

    @Override
    public V get(K key) {
        return bulkValue(run(GET, key(key)));
    }

    @Override
    public String set(K key, V value) {
        return status(run(SET, key(key), value(value)));
    }

    @Override
    public String set(K key, V value, SetArgs args) {
        List<byte[]> argv = new ArrayList<>(8);
        argv.add(SET);
        argv.add(key(key));
        argv.add(value(value));
        addTokens(argv, args.tokens());
        return status(run(array(argv)));
    }

    @Override
    public V setGet(K key, V value) {
        return setGet(key, value, SetArgs.none());
    }

    @Override
    public V setGet(K key, V value, SetArgs args) {
        List<byte[]> argv = new ArrayList<>(8);
        argv.add(SET);
        argv.add(key(key));
        argv.add(value(value));
        addTokens(argv, args.tokens());
        argv.add(ascii("GET"));
        return bulkValue(run(array(argv)));
    }

    @Override
    public boolean setnx(K key, V value) {
        return bool(run(ascii("SETNX"), key(key), value(value)));
    }

    @Override
    public String setex(K key, long seconds, V value) {
        return status(run(ascii("SETEX"), key(key), number(seconds), value(value)));
    }

    @Override
    public String psetex(K key, long milliseconds, V value) {
        return status(run(ascii("PSETEX"), key(key), number(milliseconds), value(value)));
    }

    @Override
    public V getset(K key, V value) {
        return bulkValue(run(ascii("GETSET"), key(key), value(value)));
    }

    @Override
    public V getdel(K key) {
        return bulkValue(run(ascii("GETDEL"), key(key)));
    }

    @Override
    public V getex(K key, GetExArgs args) {
        List<byte[]> argv = new ArrayList<>(4);
        argv.add(ascii("GETEX"));
        argv.add(key(key));
        addTokens(argv, args.tokens());
        return bulkValue(run(array(argv)));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public List<V> mget(K... keys) {
        List<Reply> items = items(run(withKeys("MGET", keys)));
        List<V> values = new ArrayList<>(items.size());
        for (Reply item : items) {
            values.add(bulkValue(item));
        }
        return values;
    }

    private byte[][] pairs(String command, Map<K, V> keysAndValues) {
        byte[][] argv = new byte[1 + 2 * keysAndValues.size()][];
        argv[0] = ascii(command);
        int i = 1;
        for (Map.Entry<K, V> entry : keysAndValues.entrySet()) {
            argv[i++] = key(entry.getKey());
            argv[i++] = value(entry.getValue());
        }
        return argv;
    }

    @Override
    public String mset(Map<K, V> keysAndValues) {
        return status(run(pairs("MSET", keysAndValues)));
    }

    @Override
    public boolean msetnx(Map<K, V> keysAndValues) {
        return bool(run(pairs("MSETNX", keysAndValues)));
    }

    @Override
    public long incr(K key) {
        return integer(run(ascii("INCR"), key(key)));
    }

    @Override
    public long decr(K key) {
        return integer(run(ascii("DECR"), key(key)));
    }

    @Override
    public long incrby(K key, long increment) {
        return integer(run(ascii("INCRBY"), key(key), number(increment)));
    }

    @Override
    public long decrby(K key, long decrement) {
        return integer(run(ascii("DECRBY"), key(key), number(decrement)));
    }

    @Override
    public String incrbyfloat(K key, String increment) {
        return status(run(ascii("INCRBYFLOAT"), key(key), utf8(increment)));
    }

    @Override
    public double incrbyfloat(K key, double increment) {
        return Double.parseDouble(incrbyfloat(key, Double.toString(increment)));
    }

    @Override
    public long append(K key, V value) {
        return integer(run(ascii("APPEND"), key(key), value(value)));
    }

    @Override
    public long strlen(K key) {
        return integer(run(ascii("STRLEN"), key(key)));
    }

    @Override
    public V getrange(K key, long start, long end) {
        return bulkValue(run(ascii("GETRANGE"), key(key), number(start), number(end)));
    }

    @Override
    public long setrange(K key, long offset, V value) {
        return integer(run(ascii("SETRANGE"), key(key), number(offset), value(value)));
    }

    // ------------------------------------------------------------------ keys

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public long del(K... keys) {
        return integer(run(withKeys("DEL", keys)));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public long unlink(K... keys) {
        return integer(run(withKeys("UNLINK", keys)));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public long exists(K... keys) {
        return integer(run(withKeys("EXISTS", keys)));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public long touch(K... keys) {
        return integer(run(withKeys("TOUCH", keys)));
    }

    @Override
    public String type(K key) {
        return status(run(ascii("TYPE"), key(key)));
    }

    private boolean expireCommand(String command, K key, long amount, ExpireCondition condition) {
        if (condition == null) {
            return bool(run(ascii(command), key(key), number(amount)));
        }
        return bool(run(ascii(command), key(key), number(amount), ascii(condition.name())));
    }

    @Override
    public boolean expire(K key, long seconds) {
        return expireCommand("EXPIRE", key, seconds, null);
    }

    @Override
    public boolean expire(K key, long seconds, ExpireCondition condition) {
        return expireCommand("EXPIRE", key, seconds, Objects.requireNonNull(condition, "condition"));
    }

    @Override
    public boolean expire(K key, Duration ttl) {
        return expireCommand("PEXPIRE", key, ttl.toMillis(), null);
    }

    @Override
    public boolean pexpire(K key, long milliseconds) {
        return expireCommand("PEXPIRE", key, milliseconds, null);
    }

    @Override
    public boolean pexpire(K key, long milliseconds, ExpireCondition condition) {
        return expireCommand("PEXPIRE", key, milliseconds, Objects.requireNonNull(condition, "condition"));
    }

    @Override
    public boolean expireat(K key, long unixSeconds) {
        return expireCommand("EXPIREAT", key, unixSeconds, null);
    }

    @Override
    public boolean expireat(K key, long unixSeconds, ExpireCondition condition) {
        return expireCommand("EXPIREAT", key, unixSeconds, Objects.requireNonNull(condition, "condition"));
    }

    @Override
    public boolean expireat(K key, Instant at) {
        return expireCommand("PEXPIREAT", key, at.toEpochMilli(), null);
    }

    @Override
    public boolean pexpireat(K key, long unixMilliseconds) {
        return expireCommand("PEXPIREAT", key, unixMilliseconds, null);
    }

    @Override
    public boolean pexpireat(K key, long unixMilliseconds, ExpireCondition condition) {
        return expireCommand("PEXPIREAT", key, unixMilliseconds, Objects.requireNonNull(condition, "condition"));
    }

    @Override
    public long ttl(K key) {
        return integer(run(ascii("TTL"), key(key)));
    }

    @Override
    public long pttl(K key) {
        return integer(run(ascii("PTTL"), key(key)));
    }

    @Override
    public long expiretime(K key) {
        return integer(run(ascii("EXPIRETIME"), key(key)));
    }

    @Override
    public long pexpiretime(K key) {
        return integer(run(ascii("PEXPIRETIME"), key(key)));
    }

    @Override
    public boolean persist(K key) {
        return bool(run(ascii("PERSIST"), key(key)));
    }

    @Override
    public String rename(K key, K newKey) {
        return status(run(ascii("RENAME"), key(key), key(newKey)));
    }

    @Override
    public boolean renamenx(K key, K newKey) {
        return bool(run(ascii("RENAMENX"), key(key), key(newKey)));
    }

    @Override
    public boolean copy(K source, K destination) {
        return bool(run(ascii("COPY"), key(source), key(destination)));
    }

    @Override
    public boolean copy(K source, K destination, boolean replace) {
        if (!replace) {
            return copy(source, destination);
        }
        return bool(run(ascii("COPY"), key(source), key(destination), ascii("REPLACE")));
    }

    @Override
    public List<K> keys(K pattern) {
        List<Reply> items = items(run(ascii("KEYS"), key(pattern)));
        List<K> keys = new ArrayList<>(items.size());
        for (Reply item : items) {
            keys.add(bulkKey(item));
        }
        return keys;
    }

    @Override
    public KeyScan<K> scan(String cursor) {
        return scan(cursor, ScanArgs.none());
    }

    @Override
    public KeyScan<K> scan(String cursor, ScanArgs args) {
        List<byte[]> argv = new ArrayList<>(8);
        argv.add(ascii("SCAN"));
        argv.add(utf8(Objects.requireNonNull(cursor, "cursor")));
        addTokens(argv, args.tokens());
        List<Reply> parts = items(run(array(argv)));
        if (parts.size() != 2) {
            throw unexpected(Reply.array(parts));
        }
        List<Reply> found = items(parts.get(1));
        List<K> keys = new ArrayList<>(found.size());
        for (Reply item : found) {
            keys.add(bulkKey(item));
        }
        return new KeyScan<>(status(parts.get(0)), keys);
    }

    @Override
    public K randomkey() {
        return bulkKey(run(ascii("RANDOMKEY")));
    }

    @Override
    public long dbsize() {
        return integer(run(ascii("DBSIZE")));
    }

    @Override
    public String flushall() {
        return status(run(ascii("FLUSHALL")));
    }

    @Override
    public String objectEncoding(K key) {
        return status(run(ascii("OBJECT"), ascii("ENCODING"), key(key)));
    }

    @Override
    public Long objectIdletime(K key) {
        Reply reply = run(ascii("OBJECT"), ascii("IDLETIME"), key(key));
        return reply instanceof Reply.Nil ? null : integer(reply);
    }

    // ------------------------------------------------------------------ lists

    private byte[][] keyAndValues(String command, K key, V[] values) {
        byte[][] argv = new byte[values.length + 2][];
        argv[0] = ascii(command);
        argv[1] = key(key);
        for (int i = 0; i < values.length; i++) {
            argv[i + 2] = value(values[i]);
        }
        return argv;
    }

    private List<V> values(Reply reply) {
        if (reply instanceof Reply.Nil) {
            return null;
        }
        List<Reply> items = items(reply);
        List<V> values = new ArrayList<>(items.size());
        for (Reply item : items) {
            values.add(bulkValue(item));
        }
        return values;
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public long lpush(K key, V... elements) {
        return integer(run(keyAndValues("LPUSH", key, elements)));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public long rpush(K key, V... elements) {
        return integer(run(keyAndValues("RPUSH", key, elements)));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public long lpushx(K key, V... elements) {
        return integer(run(keyAndValues("LPUSHX", key, elements)));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public long rpushx(K key, V... elements) {
        return integer(run(keyAndValues("RPUSHX", key, elements)));
    }

    @Override
    public V lpop(K key) {
        return bulkValue(run(ascii("LPOP"), key(key)));
    }

    @Override
    public List<V> lpop(K key, long count) {
        return values(run(ascii("LPOP"), key(key), number(count)));
    }

    @Override
    public V rpop(K key) {
        return bulkValue(run(ascii("RPOP"), key(key)));
    }

    @Override
    public List<V> rpop(K key, long count) {
        return values(run(ascii("RPOP"), key(key), number(count)));
    }

    @Override
    public long llen(K key) {
        return integer(run(ascii("LLEN"), key(key)));
    }

    @Override
    public V lindex(K key, long index) {
        return bulkValue(run(ascii("LINDEX"), key(key), number(index)));
    }

    @Override
    public String lset(K key, long index, V element) {
        return status(run(ascii("LSET"), key(key), number(index), value(element)));
    }

    @Override
    public List<V> lrange(K key, long start, long stop) {
        return values(run(ascii("LRANGE"), key(key), number(start), number(stop)));
    }

    @Override
    public long linsert(K key, boolean before, V pivot, V element) {
        return integer(run(ascii("LINSERT"), key(key), ascii(before ? "BEFORE" : "AFTER"), value(pivot), value(element)));
    }

    @Override
    public long lrem(K key, long count, V element) {
        return integer(run(ascii("LREM"), key(key), number(count), value(element)));
    }

    @Override
    public String ltrim(K key, long start, long stop) {
        return status(run(ascii("LTRIM"), key(key), number(start), number(stop)));
    }

    private List<byte[]> lposLine(K key, V element, LPosArgs args) {
        List<byte[]> argv = new ArrayList<>(8);
        argv.add(ascii("LPOS"));
        argv.add(key(key));
        argv.add(value(element));
        if (args.rank() != 0) {
            argv.add(ascii("RANK"));
            argv.add(number(args.rank()));
        }
        if (args.maxlen() != 0) {
            argv.add(ascii("MAXLEN"));
            argv.add(number(args.maxlen()));
        }
        return argv;
    }

    @Override
    public Long lpos(K key, V element, LPosArgs args) {
        Reply reply = run(array(lposLine(key, element, args)));
        return reply instanceof Reply.Nil ? null : integer(reply);
    }

    @Override
    public List<Long> lpos(K key, V element, long count, LPosArgs args) {
        List<byte[]> argv = lposLine(key, element, args);
        argv.add(ascii("COUNT"));
        argv.add(number(count));
        List<Reply> items = items(run(array(argv)));
        List<Long> positions = new ArrayList<>(items.size());
        for (Reply item : items) {
            positions.add(integer(item));
        }
        return positions;
    }

    @Override
    public V lmove(K source, K destination, ListDirection from, ListDirection to) {
        return bulkValue(run(ascii("LMOVE"), key(source), key(destination), ascii(from.name()), ascii(to.name())));
    }

    @Override
    public V rpoplpush(K source, K destination) {
        return bulkValue(run(ascii("RPOPLPUSH"), key(source), key(destination)));
    }

    /**
     * {@code command [first] numkeys key [key ...]}, with room for options after the keys;
     * {@code first} (a destination key or a timeout) may be null.
     */
    private List<byte[]> numkeysLine(String command, byte[] first, K[] keys) {
        List<byte[]> argv = new ArrayList<>(keys.length + 8);
        argv.add(ascii(command));
        if (first != null) {
            argv.add(first);
        }
        argv.add(number(keys.length));
        for (K key : keys) {
            argv.add(key(key));
        }
        return argv;
    }

    /** {@code LMPOP}, {@code ZMPOP} and their blocking forms: {@code command [timeout] numkeys key [key ...] end COUNT count}. */
    private List<byte[]> mpopLine(String command, byte[] timeout, Enum<?> from, long count, K[] keys) {
        List<byte[]> argv = numkeysLine(command, timeout, keys);
        argv.add(ascii(from.name()));
        argv.add(ascii("COUNT"));
        argv.add(number(count));
        return argv;
    }

    private KeyValue<K, List<V>> keyAndValues(Reply reply) {
        if (reply instanceof Reply.Nil) {
            return null;
        }
        List<Reply> parts = items(reply);
        return new KeyValue<>(bulkKey(parts.get(0)), values(parts.get(1)));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public KeyValue<K, List<V>> lmpop(ListDirection from, long count, K... keys) {
        return keyAndValues(run(array(mpopLine("LMPOP", null, from, count, keys))));
    }

    /**
     * Formats a timeout as Redis's seconds, to the nanosecond; zero waits forever. Redis rounds a
     * timeout up to whole milliseconds, so a positive timeout under a millisecond waits one
     * millisecond, not forever.
     */
    private static byte[] seconds(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        BigDecimal seconds = BigDecimal.valueOf(timeout.getSeconds()).add(BigDecimal.valueOf(timeout.getNano(), 9));
        return seconds.stripTrailingZeros().toPlainString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Runs a blocking command, turning an interrupted wait into {@link InterruptedException}. */
    private Reply runBlocking(byte[]... argv) throws InterruptedException {
        try {
            return run(argv);
        } catch (KeelInterruptedException e) {
            Thread.interrupted();
            throw new InterruptedException(e.getMessage());
        }
    }

    private KeyValue<K, V> keyAndValue(Reply reply) {
        if (reply instanceof Reply.Nil) {
            return null;
        }
        List<Reply> parts = items(reply);
        return new KeyValue<>(bulkKey(parts.get(0)), bulkValue(parts.get(1)));
    }

    private byte[][] keysAndTimeout(String command, K[] keys, Duration timeout) {
        byte[][] argv = new byte[keys.length + 2][];
        argv[0] = ascii(command);
        for (int i = 0; i < keys.length; i++) {
            argv[i + 1] = key(keys[i]);
        }
        argv[keys.length + 1] = seconds(timeout);
        return argv;
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public KeyValue<K, V> blpop(Duration timeout, K... keys) throws InterruptedException {
        return keyAndValue(runBlocking(keysAndTimeout("BLPOP", keys, timeout)));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public KeyValue<K, V> brpop(Duration timeout, K... keys) throws InterruptedException {
        return keyAndValue(runBlocking(keysAndTimeout("BRPOP", keys, timeout)));
    }

    @Override
    public V blmove(K source, K destination, ListDirection from, ListDirection to, Duration timeout) throws InterruptedException {
        return bulkValue(runBlocking(ascii("BLMOVE"), key(source), key(destination), ascii(from.name()), ascii(to.name()),
                seconds(timeout)));
    }

    @Override
    public V brpoplpush(K source, K destination, Duration timeout) throws InterruptedException {
        return bulkValue(runBlocking(ascii("BRPOPLPUSH"), key(source), key(destination), seconds(timeout)));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public KeyValue<K, List<V>> blmpop(Duration timeout, ListDirection from, long count, K... keys) throws InterruptedException {
        return keyAndValues(runBlocking(array(mpopLine("BLMPOP", seconds(timeout), from, count, keys))));
    }

    // ------------------------------------------------------------------ hashes

    private List<K> keyList(Reply reply) {
        return each(reply, this::bulkKey);
    }

    private static List<Long> integers(Reply reply) {
        return each(reply, ArgvCommands::integer);
    }

    /** Alternating fields and values, as HGETALL, HRANDFIELD WITHVALUES and HSCAN answer. */
    private List<KeyValue<K, V>> fieldValuePairs(Reply reply) {
        List<Reply> items = items(reply);
        if (items.size() % 2 != 0) {
            throw unexpected(reply);
        }
        List<KeyValue<K, V>> pairs = new ArrayList<>(items.size() / 2);
        for (int i = 0; i < items.size(); i += 2) {
            pairs.add(new KeyValue<>(bulkKey(items.get(i)), bulkValue(items.get(i + 1))));
        }
        return pairs;
    }

    /** {@code command key [options] FIELDS numfields field [field ...]}, options between key and FIELDS. */
    private byte[][] withFields(String command, K key, List<byte[]> options, K[] fields) {
        byte[][] argv = new byte[4 + options.size() + fields.length][];
        int i = 0;
        argv[i++] = ascii(command);
        argv[i++] = key(key);
        for (byte[] option : options) {
            argv[i++] = option;
        }
        argv[i++] = ascii("FIELDS");
        argv[i++] = number(fields.length);
        for (K field : fields) {
            argv[i++] = key(field);
        }
        return argv;
    }

    private byte[][] keyAndFields(String command, K key, K[] fields) {
        byte[][] argv = new byte[fields.length + 2][];
        argv[0] = ascii(command);
        argv[1] = key(key);
        for (int i = 0; i < fields.length; i++) {
            argv[i + 2] = key(fields[i]);
        }
        return argv;
    }

    @Override
    public long hset(K key, K field, V value) {
        return integer(run(ascii("HSET"), key(key), key(field), value(value)));
    }

    @Override
    public long hset(K key, Map<K, V> fieldsAndValues) {
        byte[][] argv = new byte[2 + 2 * fieldsAndValues.size()][];
        argv[0] = ascii("HSET");
        argv[1] = key(key);
        int i = 2;
        for (Map.Entry<K, V> entry : fieldsAndValues.entrySet()) {
            argv[i++] = key(entry.getKey());
            argv[i++] = value(entry.getValue());
        }
        return integer(run(argv));
    }

    @Override
    public boolean hsetnx(K key, K field, V value) {
        return bool(run(ascii("HSETNX"), key(key), key(field), value(value)));
    }

    @Override
    public V hget(K key, K field) {
        return bulkValue(run(ascii("HGET"), key(key), key(field)));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public List<V> hmget(K key, K... fields) {
        return values(run(keyAndFields("HMGET", key, fields)));
    }

    @Override
    public Map<K, V> hgetall(K key) {
        List<KeyValue<K, V>> pairs = fieldValuePairs(run(ascii("HGETALL"), key(key)));
        Map<K, V> map = LinkedHashMap.newLinkedHashMap(pairs.size());
        for (KeyValue<K, V> pair : pairs) {
            map.put(pair.key(), pair.value());
        }
        return map;
    }

    @Override
    public List<K> hkeys(K key) {
        return keyList(run(ascii("HKEYS"), key(key)));
    }

    @Override
    public List<V> hvals(K key) {
        return values(run(ascii("HVALS"), key(key)));
    }

    @Override
    public long hlen(K key) {
        return integer(run(ascii("HLEN"), key(key)));
    }

    @Override
    public boolean hexists(K key, K field) {
        return bool(run(ascii("HEXISTS"), key(key), key(field)));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public long hdel(K key, K... fields) {
        return integer(run(keyAndFields("HDEL", key, fields)));
    }

    @Override
    public long hincrby(K key, K field, long increment) {
        return integer(run(ascii("HINCRBY"), key(key), key(field), number(increment)));
    }

    @Override
    public String hincrbyfloat(K key, K field, String increment) {
        return status(run(ascii("HINCRBYFLOAT"), key(key), key(field), utf8(increment)));
    }

    @Override
    public double hincrbyfloat(K key, K field, double increment) {
        return Double.parseDouble(hincrbyfloat(key, field, Double.toString(increment)));
    }

    @Override
    public long hstrlen(K key, K field) {
        return integer(run(ascii("HSTRLEN"), key(key), key(field)));
    }

    @Override
    public K hrandfield(K key) {
        return bulkKey(run(ascii("HRANDFIELD"), key(key)));
    }

    @Override
    public List<K> hrandfield(K key, long count) {
        return keyList(run(ascii("HRANDFIELD"), key(key), number(count)));
    }

    @Override
    public List<KeyValue<K, V>> hrandfieldWithvalues(K key, long count) {
        return fieldValuePairs(run(ascii("HRANDFIELD"), key(key), number(count), ascii("WITHVALUES")));
    }

    @Override
    public HashScan<K, V> hscan(K key, String cursor) {
        return hscan(key, cursor, ScanArgs.none());
    }

    /** The two parts of a SCAN-family reply: the next cursor and the items found. */
    private static List<Reply> scanParts(Reply reply) {
        List<Reply> parts = items(reply);
        if (parts.size() != 2) {
            throw unexpected(reply);
        }
        return parts;
    }

    private List<byte[]> scanLine(String command, K key, String cursor, ScanArgs args) {
        List<byte[]> argv = new ArrayList<>(8);
        argv.add(ascii(command));
        argv.add(key(key));
        argv.add(utf8(Objects.requireNonNull(cursor, "cursor")));
        addTokens(argv, args.tokens());
        return argv;
    }

    @Override
    public HashScan<K, V> hscan(K key, String cursor, ScanArgs args) {
        List<Reply> parts = scanParts(run(array(scanLine("HSCAN", key, cursor, args))));
        return new HashScan<>(status(parts.get(0)), fieldValuePairs(parts.get(1)));
    }

    @Override
    public KeyScan<K> hscanNovalues(K key, String cursor, ScanArgs args) {
        List<byte[]> argv = scanLine("HSCAN", key, cursor, args);
        argv.add(ascii("NOVALUES"));
        List<Reply> parts = scanParts(run(array(argv)));
        return new KeyScan<>(status(parts.get(0)), keyList(parts.get(1)));
    }

    private List<Long> fieldExpire(String command, K key, long amount, ExpireCondition condition, K[] fields) {
        List<byte[]> options = condition == null
                ? List.of(number(amount))
                : List.of(number(amount), ascii(condition.name()));
        return integers(run(withFields(command, key, options, fields)));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public List<Long> hexpire(K key, long seconds, K... fields) {
        return fieldExpire("HEXPIRE", key, seconds, null, fields);
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public List<Long> hexpire(K key, long seconds, ExpireCondition condition, K... fields) {
        return fieldExpire("HEXPIRE", key, seconds, Objects.requireNonNull(condition, "condition"), fields);
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public List<Long> hexpire(K key, Duration ttl, K... fields) {
        return fieldExpire("HPEXPIRE", key, ttl.toMillis(), null, fields);
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public List<Long> hpexpire(K key, long milliseconds, K... fields) {
        return fieldExpire("HPEXPIRE", key, milliseconds, null, fields);
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public List<Long> hpexpire(K key, long milliseconds, ExpireCondition condition, K... fields) {
        return fieldExpire("HPEXPIRE", key, milliseconds, Objects.requireNonNull(condition, "condition"), fields);
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public List<Long> hexpireat(K key, long unixSeconds, K... fields) {
        return fieldExpire("HEXPIREAT", key, unixSeconds, null, fields);
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public List<Long> hexpireat(K key, long unixSeconds, ExpireCondition condition, K... fields) {
        return fieldExpire("HEXPIREAT", key, unixSeconds, Objects.requireNonNull(condition, "condition"), fields);
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public List<Long> hexpireat(K key, Instant at, K... fields) {
        return fieldExpire("HPEXPIREAT", key, at.toEpochMilli(), null, fields);
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public List<Long> hpexpireat(K key, long unixMilliseconds, K... fields) {
        return fieldExpire("HPEXPIREAT", key, unixMilliseconds, null, fields);
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public List<Long> hpexpireat(K key, long unixMilliseconds, ExpireCondition condition, K... fields) {
        return fieldExpire("HPEXPIREAT", key, unixMilliseconds, Objects.requireNonNull(condition, "condition"), fields);
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public List<Long> httl(K key, K... fields) {
        return integers(run(withFields("HTTL", key, List.of(), fields)));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public List<Long> hpttl(K key, K... fields) {
        return integers(run(withFields("HPTTL", key, List.of(), fields)));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public List<Long> hexpiretime(K key, K... fields) {
        return integers(run(withFields("HEXPIRETIME", key, List.of(), fields)));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public List<Long> hpexpiretime(K key, K... fields) {
        return integers(run(withFields("HPEXPIRETIME", key, List.of(), fields)));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public List<Long> hpersist(K key, K... fields) {
        return integers(run(withFields("HPERSIST", key, List.of(), fields)));
    }

    private static List<byte[]> tokens(List<String> tokens) {
        List<byte[]> bytes = new ArrayList<>(tokens.size());
        addTokens(bytes, tokens);
        return bytes;
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public List<V> hgetex(K key, HGetExArgs args, K... fields) {
        return values(run(withFields("HGETEX", key, tokens(args.tokens()), fields)));
    }

    @Override
    public boolean hsetex(K key, HSetExArgs args, Map<K, V> fieldsAndValues) {
        List<byte[]> argv = new ArrayList<>(6 + 2 * fieldsAndValues.size());
        argv.add(ascii("HSETEX"));
        argv.add(key(key));
        addTokens(argv, args.tokens());
        argv.add(ascii("FIELDS"));
        argv.add(number(fieldsAndValues.size()));
        for (Map.Entry<K, V> entry : fieldsAndValues.entrySet()) {
            argv.add(key(entry.getKey()));
            argv.add(value(entry.getValue()));
        }
        return bool(run(array(argv)));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public List<V> hgetdel(K key, K... fields) {
        return values(run(withFields("HGETDEL", key, List.of(), fields)));
    }

    // ------------------------------------------------------------------ sets

    private Set<V> valueSet(Reply reply) {
        if (reply instanceof Reply.Nil) {
            return null;
        }
        List<Reply> items = items(reply);
        Set<V> members = LinkedHashSet.newLinkedHashSet(items.size());
        for (Reply item : items) {
            members.add(bulkValue(item));
        }
        return members;
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public long sadd(K key, V... members) {
        return integer(run(keyAndValues("SADD", key, members)));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public long srem(K key, V... members) {
        return integer(run(keyAndValues("SREM", key, members)));
    }

    @Override
    public boolean sismember(K key, V member) {
        return bool(run(ascii("SISMEMBER"), key(key), value(member)));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public List<Boolean> smismember(K key, V... members) {
        List<Reply> items = items(run(keyAndValues("SMISMEMBER", key, members)));
        List<Boolean> answers = new ArrayList<>(items.size());
        for (Reply item : items) {
            answers.add(bool(item));
        }
        return answers;
    }

    @Override
    public Set<V> smembers(K key) {
        return valueSet(run(ascii("SMEMBERS"), key(key)));
    }

    @Override
    public long scard(K key) {
        return integer(run(ascii("SCARD"), key(key)));
    }

    @Override
    public V spop(K key) {
        return bulkValue(run(ascii("SPOP"), key(key)));
    }

    @Override
    public Set<V> spop(K key, long count) {
        return valueSet(run(ascii("SPOP"), key(key), number(count)));
    }

    @Override
    public V srandmember(K key) {
        return bulkValue(run(ascii("SRANDMEMBER"), key(key)));
    }

    @Override
    public List<V> srandmember(K key, long count) {
        return values(run(ascii("SRANDMEMBER"), key(key), number(count)));
    }

    @Override
    public boolean smove(K source, K destination, V member) {
        return bool(run(ascii("SMOVE"), key(source), key(destination), value(member)));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public Set<V> sinter(K... keys) {
        return valueSet(run(withKeys("SINTER", keys)));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public Set<V> sunion(K... keys) {
        return valueSet(run(withKeys("SUNION", keys)));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public Set<V> sdiff(K... keys) {
        return valueSet(run(withKeys("SDIFF", keys)));
    }

    private byte[][] destinationAndKeys(String command, K destination, K[] keys) {
        byte[][] argv = new byte[keys.length + 2][];
        argv[0] = ascii(command);
        argv[1] = key(destination);
        for (int i = 0; i < keys.length; i++) {
            argv[i + 2] = key(keys[i]);
        }
        return argv;
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public long sinterstore(K destination, K... keys) {
        return integer(run(destinationAndKeys("SINTERSTORE", destination, keys)));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public long sunionstore(K destination, K... keys) {
        return integer(run(destinationAndKeys("SUNIONSTORE", destination, keys)));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public long sdiffstore(K destination, K... keys) {
        return integer(run(destinationAndKeys("SDIFFSTORE", destination, keys)));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public long sintercard(K... keys) {
        return sintercard(0, keys);
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public long sintercard(long limit, K... keys) {
        return intercard("SINTERCARD", limit, keys);
    }

    /** {@code SINTERCARD} and {@code ZINTERCARD}: {@code command numkeys key [key ...] [LIMIT limit]}, no LIMIT for 0. */
    private long intercard(String command, long limit, K[] keys) {
        List<byte[]> argv = numkeysLine(command, null, keys);
        if (limit != 0) {
            argv.add(ascii("LIMIT"));
            argv.add(number(limit));
        }
        return integer(run(array(argv)));
    }

    @Override
    public SetScan<V> sscan(K key, String cursor) {
        return sscan(key, cursor, ScanArgs.none());
    }

    @Override
    public SetScan<V> sscan(K key, String cursor, ScanArgs args) {
        List<Reply> parts = scanParts(run(array(scanLine("SSCAN", key, cursor, args))));
        return new SetScan<>(status(parts.get(0)), values(parts.get(1)));
    }

    // ------------------------------------------------------------------ sorted sets

    private static byte[] scoreArgument(double score) {
        return Scores.format(score).getBytes(StandardCharsets.US_ASCII);
    }

    /** A score reply: a bulk string as Redis writes doubles (or a RESP3 double); {@code null} for nil. */
    private static Double scoreOrNull(Reply reply) {
        return switch (reply) {
            case Reply.Bulk b -> Scores.parse(b.utf8());
            case Reply.Dbl d -> d.value();
            case Reply.Nil n -> null;
            default -> throw unexpected(reply);
        };
    }

    private static double scoreOf(Reply reply) {
        Double score = scoreOrNull(reply);
        if (score == null) {
            throw unexpected(reply);
        }
        return score;
    }

    private static Long integerOrNull(Reply reply) {
        return reply instanceof Reply.Nil ? null : integer(reply);
    }

    /**
     * Members with their scores: alternating members and scores (ZRANGE ... WITHSCORES, ZPOPMIN,
     * ZSCAN), or a pair per member (ZMPOP, and every such reply in RESP3).
     */
    private List<ScoredValue<V>> scoredValues(Reply reply) {
        List<Reply> items = items(reply);
        List<ScoredValue<V>> scored = new ArrayList<>(items.size());
        if (!items.isEmpty() && items.getFirst() instanceof Reply.Array) {
            for (Reply item : items) {
                scored.add(scoredValue(items(item), 0));
            }
            return scored;
        }
        if (items.size() % 2 != 0) {
            throw unexpected(reply);
        }
        for (int i = 0; i < items.size(); i += 2) {
            scored.add(scoredValue(items, i));
        }
        return scored;
    }

    /** The member at {@code items[at]} with the score after it. */
    private ScoredValue<V> scoredValue(List<Reply> items, int at) {
        if (items.size() < at + 2) {
            throw unexpected(Reply.array(items));
        }
        return new ScoredValue<>(bulkValue(items.get(at)), scoreOf(items.get(at + 1)));
    }

    /** The one member ZPOPMIN or ZPOPMAX without a count answers, or {@code null} for an empty reply. */
    private ScoredValue<V> firstOrNull(Reply reply) {
        List<ScoredValue<V>> scored = scoredValues(reply);
        return scored.isEmpty() ? null : scored.getFirst();
    }

    /** A key with one member and its score, as BZPOPMIN answers: {@code [key, member, score]}, or nil. */
    private KeyValue<K, ScoredValue<V>> keyAndScoredValue(Reply reply) {
        if (reply instanceof Reply.Nil) {
            return null;
        }
        List<Reply> parts = items(reply);
        return new KeyValue<>(bulkKey(parts.getFirst()), scoredValue(parts, 1));
    }

    /** A key with members and their scores, as ZMPOP answers: {@code [key, [[member, score], ...]]}, or nil. */
    private KeyValue<K, List<ScoredValue<V>>> keyAndScoredValues(Reply reply) {
        if (reply instanceof Reply.Nil) {
            return null;
        }
        List<Reply> parts = items(reply);
        if (parts.size() != 2) {
            throw unexpected(reply);
        }
        return new KeyValue<>(bulkKey(parts.get(0)), scoredValues(parts.get(1)));
    }

    /** {@code command key first second}: a range command, its bounds already in the command's order. */
    private List<byte[]> rangeLine(String command, K key, byte[] first, byte[] second) {
        List<byte[]> argv = new ArrayList<>(8);
        argv.add(ascii(command));
        argv.add(key(key));
        argv.add(first);
        argv.add(second);
        return argv;
    }

    private static byte[] low(ScoreRange range) {
        return utf8(range.minToken());
    }

    private static byte[] high(ScoreRange range) {
        return utf8(range.maxToken());
    }

    private byte[] low(LexRange<V> range) {
        return range.minArgument(this::value);
    }

    private byte[] high(LexRange<V> range) {
        return range.maxArgument(this::value);
    }

    private static List<byte[]> withscores(List<byte[]> argv) {
        argv.add(ascii("WITHSCORES"));
        return argv;
    }

    private static List<byte[]> limit(List<byte[]> argv, long offset, long count) {
        argv.add(ascii("LIMIT"));
        argv.add(number(offset));
        argv.add(number(count));
        return argv;
    }

    private List<byte[]> zaddLine(K key, ZAddArgs args, int pairs) {
        List<byte[]> argv = new ArrayList<>(7 + 2 * pairs);
        argv.add(ascii("ZADD"));
        argv.add(key(key));
        addTokens(argv, args.tokens());
        return argv;
    }

    @Override
    public long zadd(K key, double score, V member) {
        return zadd(key, ZAddArgs.none(), score, member);
    }

    @Override
    public long zadd(K key, Map<V, Double> membersAndScores) {
        return zadd(key, ZAddArgs.none(), membersAndScores);
    }

    @Override
    public long zadd(K key, ZAddArgs args, double score, V member) {
        List<byte[]> argv = zaddLine(key, args, 1);
        argv.add(scoreArgument(score));
        argv.add(value(member));
        return integer(run(array(argv)));
    }

    @Override
    public long zadd(K key, ZAddArgs args, Map<V, Double> membersAndScores) {
        List<byte[]> argv = zaddLine(key, args, membersAndScores.size());
        for (Map.Entry<V, Double> entry : membersAndScores.entrySet()) {
            argv.add(scoreArgument(Objects.requireNonNull(entry.getValue(), "score")));
            argv.add(value(entry.getKey()));
        }
        return integer(run(array(argv)));
    }

    private Reply zaddIncrReply(K key, ZAddArgs args, double increment, V member) {
        List<byte[]> argv = zaddLine(key, args, 1);
        argv.add(ascii("INCR"));
        argv.add(scoreArgument(increment));
        argv.add(value(member));
        return run(array(argv));
    }

    @Override
    public double zaddIncr(K key, double increment, V member) {
        return scoreOf(zaddIncrReply(key, ZAddArgs.none(), increment, member));
    }

    @Override
    public Double zaddIncr(K key, ZAddArgs args, double increment, V member) {
        return scoreOrNull(zaddIncrReply(key, args, increment, member));
    }

    @Override
    public double zincrby(K key, double increment, V member) {
        return scoreOf(run(ascii("ZINCRBY"), key(key), scoreArgument(increment), value(member)));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public long zrem(K key, V... members) {
        return integer(run(keyAndValues("ZREM", key, members)));
    }

    @Override
    public long zcard(K key) {
        return integer(run(ascii("ZCARD"), key(key)));
    }

    @Override
    public Double zscore(K key, V member) {
        return scoreOrNull(run(ascii("ZSCORE"), key(key), value(member)));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public List<Double> zmscore(K key, V... members) {
        List<Reply> items = items(run(keyAndValues("ZMSCORE", key, members)));
        List<Double> scores = new ArrayList<>(items.size());
        for (Reply item : items) {
            scores.add(scoreOrNull(item));
        }
        return scores;
    }

    @Override
    public Long zrank(K key, V member) {
        return integerOrNull(run(ascii("ZRANK"), key(key), value(member)));
    }

    @Override
    public Long zrevrank(K key, V member) {
        return integerOrNull(run(ascii("ZREVRANK"), key(key), value(member)));
    }

    private RankWithScore rankWithScore(Reply reply) {
        if (reply instanceof Reply.Nil) {
            return null;
        }
        List<Reply> parts = items(reply);
        if (parts.size() != 2) {
            throw unexpected(reply);
        }
        return new RankWithScore(integer(parts.get(0)), scoreOf(parts.get(1)));
    }

    @Override
    public RankWithScore zrankWithscore(K key, V member) {
        return rankWithScore(run(ascii("ZRANK"), key(key), value(member), ascii("WITHSCORE")));
    }

    @Override
    public RankWithScore zrevrankWithscore(K key, V member) {
        return rankWithScore(run(ascii("ZREVRANK"), key(key), value(member), ascii("WITHSCORE")));
    }

    @Override
    public long zcount(K key, ScoreRange range) {
        return integer(run(array(rangeLine("ZCOUNT", key, low(range), high(range)))));
    }

    @Override
    public long zlexcount(K key, LexRange<V> range) {
        return integer(run(array(rangeLine("ZLEXCOUNT", key, low(range), high(range)))));
    }

    @Override
    public List<V> zrange(K key, long start, long stop) {
        return values(run(ascii("ZRANGE"), key(key), number(start), number(stop)));
    }

    @Override
    public List<ScoredValue<V>> zrangeWithscores(K key, long start, long stop) {
        return scoredValues(run(ascii("ZRANGE"), key(key), number(start), number(stop), ascii("WITHSCORES")));
    }

    private List<byte[]> zrangeLine(String command, K first, K key, ZRangeArgs<V> args) {
        List<byte[]> argv = new ArrayList<>(10);
        argv.add(ascii(command));
        if (first != null) {
            argv.add(key(first));
        }
        argv.add(key(key));
        argv.addAll(args.arguments(this::value));
        return argv;
    }

    @Override
    public List<V> zrange(K key, ZRangeArgs<V> args) {
        return values(run(array(zrangeLine("ZRANGE", null, key, args))));
    }

    @Override
    public List<ScoredValue<V>> zrangeWithscores(K key, ZRangeArgs<V> args) {
        return scoredValues(run(array(withscores(zrangeLine("ZRANGE", null, key, args)))));
    }

    @Override
    public long zrangestore(K destination, K source, ZRangeArgs<V> args) {
        return integer(run(array(zrangeLine("ZRANGESTORE", Objects.requireNonNull(destination, "key"), source, args))));
    }

    @Override
    public List<V> zrevrange(K key, long start, long stop) {
        return values(run(ascii("ZREVRANGE"), key(key), number(start), number(stop)));
    }

    @Override
    public List<ScoredValue<V>> zrevrangeWithscores(K key, long start, long stop) {
        return scoredValues(run(ascii("ZREVRANGE"), key(key), number(start), number(stop), ascii("WITHSCORES")));
    }

    @Override
    public List<V> zrangebyscore(K key, ScoreRange range) {
        return values(run(array(rangeLine("ZRANGEBYSCORE", key, low(range), high(range)))));
    }

    @Override
    public List<V> zrangebyscore(K key, ScoreRange range, long offset, long count) {
        return values(run(array(limit(rangeLine("ZRANGEBYSCORE", key, low(range), high(range)), offset, count))));
    }

    @Override
    public List<ScoredValue<V>> zrangebyscoreWithscores(K key, ScoreRange range) {
        return scoredValues(run(array(withscores(rangeLine("ZRANGEBYSCORE", key, low(range), high(range))))));
    }

    @Override
    public List<ScoredValue<V>> zrangebyscoreWithscores(K key, ScoreRange range, long offset, long count) {
        List<byte[]> argv = withscores(rangeLine("ZRANGEBYSCORE", key, low(range), high(range)));
        return scoredValues(run(array(limit(argv, offset, count))));
    }

    @Override
    public List<V> zrevrangebyscore(K key, ScoreRange range) {
        return values(run(array(rangeLine("ZREVRANGEBYSCORE", key, high(range), low(range)))));
    }

    @Override
    public List<V> zrevrangebyscore(K key, ScoreRange range, long offset, long count) {
        return values(run(array(limit(rangeLine("ZREVRANGEBYSCORE", key, high(range), low(range)), offset, count))));
    }

    @Override
    public List<ScoredValue<V>> zrevrangebyscoreWithscores(K key, ScoreRange range) {
        return scoredValues(run(array(withscores(rangeLine("ZREVRANGEBYSCORE", key, high(range), low(range))))));
    }

    @Override
    public List<ScoredValue<V>> zrevrangebyscoreWithscores(K key, ScoreRange range, long offset, long count) {
        List<byte[]> argv = withscores(rangeLine("ZREVRANGEBYSCORE", key, high(range), low(range)));
        return scoredValues(run(array(limit(argv, offset, count))));
    }

    @Override
    public List<V> zrangebylex(K key, LexRange<V> range) {
        return values(run(array(rangeLine("ZRANGEBYLEX", key, low(range), high(range)))));
    }

    @Override
    public List<V> zrangebylex(K key, LexRange<V> range, long offset, long count) {
        return values(run(array(limit(rangeLine("ZRANGEBYLEX", key, low(range), high(range)), offset, count))));
    }

    @Override
    public List<V> zrevrangebylex(K key, LexRange<V> range) {
        return values(run(array(rangeLine("ZREVRANGEBYLEX", key, high(range), low(range)))));
    }

    @Override
    public List<V> zrevrangebylex(K key, LexRange<V> range, long offset, long count) {
        return values(run(array(limit(rangeLine("ZREVRANGEBYLEX", key, high(range), low(range)), offset, count))));
    }

    @Override
    public long zremrangebyrank(K key, long start, long stop) {
        return integer(run(ascii("ZREMRANGEBYRANK"), key(key), number(start), number(stop)));
    }

    @Override
    public long zremrangebyscore(K key, ScoreRange range) {
        return integer(run(array(rangeLine("ZREMRANGEBYSCORE", key, low(range), high(range)))));
    }

    @Override
    public long zremrangebylex(K key, LexRange<V> range) {
        return integer(run(array(rangeLine("ZREMRANGEBYLEX", key, low(range), high(range)))));
    }

    @Override
    public ScoredValue<V> zpopmin(K key) {
        return firstOrNull(run(ascii("ZPOPMIN"), key(key)));
    }

    @Override
    public List<ScoredValue<V>> zpopmin(K key, long count) {
        return scoredValues(run(ascii("ZPOPMIN"), key(key), number(count)));
    }

    @Override
    public ScoredValue<V> zpopmax(K key) {
        return firstOrNull(run(ascii("ZPOPMAX"), key(key)));
    }

    @Override
    public List<ScoredValue<V>> zpopmax(K key, long count) {
        return scoredValues(run(ascii("ZPOPMAX"), key(key), number(count)));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public KeyValue<K, List<ScoredValue<V>>> zmpop(ScoreEnd from, long count, K... keys) {
        return keyAndScoredValues(run(array(mpopLine("ZMPOP", null, from, count, keys))));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public KeyValue<K, ScoredValue<V>> bzpopmin(Duration timeout, K... keys) throws InterruptedException {
        return keyAndScoredValue(runBlocking(keysAndTimeout("BZPOPMIN", keys, timeout)));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public KeyValue<K, ScoredValue<V>> bzpopmax(Duration timeout, K... keys) throws InterruptedException {
        return keyAndScoredValue(runBlocking(keysAndTimeout("BZPOPMAX", keys, timeout)));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public KeyValue<K, List<ScoredValue<V>>> bzmpop(Duration timeout, ScoreEnd from, long count, K... keys)
            throws InterruptedException {
        return keyAndScoredValues(runBlocking(array(mpopLine("BZMPOP", seconds(timeout), from, count, keys))));
    }

    @Override
    public V zrandmember(K key) {
        return bulkValue(run(ascii("ZRANDMEMBER"), key(key)));
    }

    @Override
    public List<V> zrandmember(K key, long count) {
        return values(run(ascii("ZRANDMEMBER"), key(key), number(count)));
    }

    @Override
    public List<ScoredValue<V>> zrandmemberWithscores(K key, long count) {
        return scoredValues(run(ascii("ZRANDMEMBER"), key(key), number(count), ascii("WITHSCORES")));
    }

    /** {@code command [destination] numkeys key [key ...] [WEIGHTS ...] [AGGREGATE ...]}; destination may be null. */
    private List<byte[]> aggregateLine(String command, K destination, ZAggregateArgs args, K[] keys) {
        List<byte[]> argv = numkeysLine(command, destination == null ? null : key(destination), keys);
        addTokens(argv, args.tokens());
        return argv;
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public List<V> zunion(K... keys) {
        return zunion(ZAggregateArgs.none(), keys);
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public List<V> zunion(ZAggregateArgs args, K... keys) {
        return values(run(array(aggregateLine("ZUNION", null, args, keys))));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public List<ScoredValue<V>> zunionWithscores(K... keys) {
        return zunionWithscores(ZAggregateArgs.none(), keys);
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public List<ScoredValue<V>> zunionWithscores(ZAggregateArgs args, K... keys) {
        return scoredValues(run(array(withscores(aggregateLine("ZUNION", null, args, keys)))));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public List<V> zinter(K... keys) {
        return zinter(ZAggregateArgs.none(), keys);
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public List<V> zinter(ZAggregateArgs args, K... keys) {
        return values(run(array(aggregateLine("ZINTER", null, args, keys))));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public List<ScoredValue<V>> zinterWithscores(K... keys) {
        return zinterWithscores(ZAggregateArgs.none(), keys);
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public List<ScoredValue<V>> zinterWithscores(ZAggregateArgs args, K... keys) {
        return scoredValues(run(array(withscores(aggregateLine("ZINTER", null, args, keys)))));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public List<V> zdiff(K... keys) {
        return values(run(array(numkeysLine("ZDIFF", null, keys))));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public List<ScoredValue<V>> zdiffWithscores(K... keys) {
        return scoredValues(run(array(withscores(numkeysLine("ZDIFF", null, keys)))));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public long zunionstore(K destination, K... keys) {
        return zunionstore(destination, ZAggregateArgs.none(), keys);
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public long zunionstore(K destination, ZAggregateArgs args, K... keys) {
        return integer(run(array(aggregateLine("ZUNIONSTORE", Objects.requireNonNull(destination, "key"), args, keys))));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public long zinterstore(K destination, K... keys) {
        return zinterstore(destination, ZAggregateArgs.none(), keys);
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public long zinterstore(K destination, ZAggregateArgs args, K... keys) {
        return integer(run(array(aggregateLine("ZINTERSTORE", Objects.requireNonNull(destination, "key"), args, keys))));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public long zdiffstore(K destination, K... keys) {
        return integer(run(array(numkeysLine("ZDIFFSTORE", key(destination), keys))));
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public long zintercard(K... keys) {
        return zintercard(0, keys);
    }

    @Override
    @SuppressWarnings({"unchecked", "varargs"})
    public long zintercard(long limit, K... keys) {
        return intercard("ZINTERCARD", limit, keys);
    }

    @Override
    public ZSetScan<V> zscan(K key, String cursor) {
        return zscan(key, cursor, ScanArgs.none());
    }

    @Override
    public ZSetScan<V> zscan(K key, String cursor, ScanArgs args) {
        List<Reply> parts = scanParts(run(array(scanLine("ZSCAN", key, cursor, args))));
        return new ZSetScan<>(status(parts.get(0)), scoredValues(parts.get(1)));
    }

    // ------------------------------------------------------------------ streams

    /** An ID argument; not through {@link #ascii}, which keeps what it encodes. */
    private static byte[] id(StreamId id) {
        return utf8(Objects.requireNonNull(id, "id").toString());
    }

    private static byte[] millis(Duration duration) {
        return number(duration.toMillis());
    }

    private StreamId streamId(Reply reply) {
        StreamId id = streamIdOrNull(reply);
        if (id == null) {
            throw unexpected(reply);
        }
        return id;
    }

    private static StreamId streamIdOrNull(Reply reply) {
        return switch (reply) {
            case Reply.Bulk b -> StreamId.parse(b.utf8());
            case Reply.Status s -> StreamId.parse(s.text());
            case Reply.Nil n -> null;
            default -> throw unexpected(reply);
        };
    }

    private List<StreamId> streamIds(Reply reply) {
        return each(reply, this::streamId);
    }

    /** The items of an array reply of exactly {@code size} items. */
    private static List<Reply> parts(Reply reply, int size) {
        List<Reply> parts = items(reply);
        if (parts.size() != size) {
            throw unexpected(reply);
        }
        return parts;
    }

    /** Alternating keys and values, from a RESP2 array or a RESP3 map. */
    private static List<Reply> alternating(Reply reply) {
        List<Reply> items = reply instanceof Reply.Map map ? map.keysAndValues() : items(reply);
        if (items.size() % 2 != 0) {
            throw unexpected(reply);
        }
        return items;
    }

    /** One entry, {@code [id, [field, value, ...]]}, its fields nil if it was deleted. */
    private StreamEntry<K, V> streamEntry(Reply reply) {
        if (reply instanceof Reply.Nil) {
            return null;
        }
        List<Reply> parts = parts(reply, 2);
        StreamId id = streamId(parts.get(0));
        if (parts.get(1) instanceof Reply.Nil) {
            return new StreamEntry<>(id, null);
        }
        List<Reply> fields = alternating(parts.get(1));
        Map<K, V> map = LinkedHashMap.newLinkedHashMap(fields.size() / 2);
        for (int i = 0; i < fields.size(); i += 2) {
            map.put(bulkKey(fields.get(i)), bulkValue(fields.get(i + 1)));
        }
        return new StreamEntry<>(id, map);
    }

    private List<StreamEntry<K, V>> streamEntries(Reply reply) {
        return each(reply, this::streamEntry);
    }

    /** XREAD and XREADGROUP: {@code [[key, entries], ...]} (a map in RESP3), or nil. */
    private List<KeyValue<K, List<StreamEntry<K, V>>>> streamsRead(Reply reply) {
        if (reply instanceof Reply.Nil) {
            return null;
        }
        List<KeyValue<K, List<StreamEntry<K, V>>>> streams = new ArrayList<>();
        if (reply instanceof Reply.Map map) {
            List<Reply> items = map.keysAndValues();
            for (int i = 0; i < items.size(); i += 2) {
                streams.add(new KeyValue<>(bulkKey(items.get(i)), streamEntries(items.get(i + 1))));
            }
            return streams;
        }
        for (Reply stream : items(reply)) {
            List<Reply> parts = parts(stream, 2);
            streams.add(new KeyValue<>(bulkKey(parts.get(0)), streamEntries(parts.get(1))));
        }
        return streams;
    }

    /** A reply of named fields ({@code XINFO ...}), by name; a field Redis does not send is absent. */
    private static Map<String, Reply> named(Reply reply) {
        List<Reply> items = alternating(reply);
        Map<String, Reply> fields = HashMap.newHashMap(items.size() / 2);
        for (int i = 0; i < items.size(); i += 2) {
            fields.put(status(items.get(i)), items.get(i + 1));
        }
        return fields;
    }

    private static Reply field(Map<String, Reply> fields, String name) {
        Reply value = fields.get(name);
        if (value == null) {
            throw new KeelException("ERR unexpected reply: no field " + name + " in " + fields.keySet());
        }
        return value;
    }

    /** A number that Redis may answer as nil, or (from an older server) not at all. */
    private static Long optionalInteger(Map<String, Reply> fields, String name) {
        Reply value = fields.get(name);
        return value == null ? null : integerOrNull(value);
    }

    private byte[][] streamReadLine(String command, K group, K consumer, List<String> options, List<StreamOffset<K>> streams) {
        if (streams.isEmpty()) {
            throw new IllegalArgumentException("no stream to read");
        }
        List<byte[]> argv = new ArrayList<>(6 + options.size() + 2 * streams.size());
        argv.add(ascii(command));
        if (group != null) {
            argv.add(ascii("GROUP"));
            argv.add(key(group));
            argv.add(key(consumer));
        }
        addTokens(argv, options);
        argv.add(ascii("STREAMS"));
        for (StreamOffset<K> stream : streams) {
            argv.add(key(stream.key()));
        }
        for (StreamOffset<K> stream : streams) {
            argv.add(utf8(stream.id()));
        }
        return array(argv);
    }

    private List<byte[]> keyLine(String command, K key, int room) {
        List<byte[]> argv = new ArrayList<>(2 + room);
        argv.add(ascii(command));
        argv.add(key(key));
        return argv;
    }

    private static void addIds(List<byte[]> argv, StreamId[] ids) {
        for (StreamId id : ids) {
            argv.add(id(id));
        }
    }

    @Override
    public StreamId xadd(K key, Map<K, V> fields) {
        return xadd(key, XAddArgs.none(), fields);
    }

    @Override
    public StreamId xadd(K key, XAddArgs args, Map<K, V> fields) {
        List<byte[]> argv = keyLine("XADD", key, 8 + 2 * fields.size());
        addTokens(argv, args.tokens());
        for (Map.Entry<K, V> field : fields.entrySet()) {
            argv.add(key(field.getKey()));
            argv.add(value(field.getValue()));
        }
        return streamIdOrNull(run(array(argv)));
    }

    @Override
    public long xlen(K key) {
        return integer(run(ascii("XLEN"), key(key)));
    }

    private List<StreamEntry<K, V>> streamRange(String command, K key, String first, String second, Long count) {
        List<byte[]> argv = keyLine(command, key, 4);
        argv.add(utf8(first));
        argv.add(utf8(second));
        if (count != null) {
            argv.add(ascii("COUNT"));
            argv.add(number(count));
        }
        return streamEntries(run(array(argv)));
    }

    @Override
    public List<StreamEntry<K, V>> xrange(K key, StreamRange range) {
        return streamRange("XRANGE", key, range.startToken(), range.endToken(), null);
    }

    @Override
    public List<StreamEntry<K, V>> xrange(K key, StreamRange range, long count) {
        return streamRange("XRANGE", key, range.startToken(), range.endToken(), count);
    }

    @Override
    public List<StreamEntry<K, V>> xrevrange(K key, StreamRange range) {
        return streamRange("XREVRANGE", key, range.endToken(), range.startToken(), null);
    }

    @Override
    public List<StreamEntry<K, V>> xrevrange(K key, StreamRange range, long count) {
        return streamRange("XREVRANGE", key, range.endToken(), range.startToken(), count);
    }

    @Override
    public long xdel(K key, StreamId... ids) {
        List<byte[]> argv = keyLine("XDEL", key, ids.length);
        addIds(argv, ids);
        return integer(run(array(argv)));
    }

    @Override
    public long xtrim(K key, XTrimArgs args) {
        List<byte[]> argv = keyLine("XTRIM", key, 5);
        addTokens(argv, args.tokens());
        return integer(run(array(argv)));
    }

    @Override
    public List<KeyValue<K, List<StreamEntry<K, V>>>> xread(List<StreamOffset<K>> streams) {
        return streamsRead(run(streamReadLine("XREAD", null, null, List.of(), streams)));
    }

    @Override
    public List<KeyValue<K, List<StreamEntry<K, V>>>> xread(XReadArgs args, List<StreamOffset<K>> streams)
            throws InterruptedException {
        return streamsRead(runBlocking(streamReadLine("XREAD", null, null, args.tokens(), streams)));
    }

    private List<byte[]> xgroupLine(String subcommand, K key, K group) {
        List<byte[]> argv = new ArrayList<>(8);
        argv.add(ascii("XGROUP"));
        argv.add(ascii(subcommand));
        argv.add(key(key));
        argv.add(key(group));
        return argv;
    }

    @Override
    public String xgroupCreate(K key, K group, XGroupCreateArgs args) {
        List<byte[]> argv = xgroupLine("CREATE", key, group);
        addTokens(argv, args.tokens());
        return status(run(array(argv)));
    }

    @Override
    public String xgroupSetid(K key, K group, XGroupSetidArgs args) {
        List<byte[]> argv = xgroupLine("SETID", key, group);
        addTokens(argv, args.tokens());
        return status(run(array(argv)));
    }

    @Override
    public boolean xgroupDestroy(K key, K group) {
        return bool(run(array(xgroupLine("DESTROY", key, group))));
    }

    @Override
    public boolean xgroupCreateconsumer(K key, K group, K consumer) {
        List<byte[]> argv = xgroupLine("CREATECONSUMER", key, group);
        argv.add(key(consumer));
        return bool(run(array(argv)));
    }

    @Override
    public long xgroupDelconsumer(K key, K group, K consumer) {
        List<byte[]> argv = xgroupLine("DELCONSUMER", key, group);
        argv.add(key(consumer));
        return integer(run(array(argv)));
    }

    @Override
    public List<KeyValue<K, List<StreamEntry<K, V>>>> xreadgroup(K group, K consumer, List<StreamOffset<K>> streams) {
        Objects.requireNonNull(group, "group");
        return streamsRead(run(streamReadLine("XREADGROUP", group, consumer, List.of(), streams)));
    }

    @Override
    public List<KeyValue<K, List<StreamEntry<K, V>>>> xreadgroup(K group, K consumer, XReadGroupArgs args,
            List<StreamOffset<K>> streams) throws InterruptedException {
        Objects.requireNonNull(group, "group");
        return streamsRead(runBlocking(streamReadLine("XREADGROUP", group, consumer, args.tokens(), streams)));
    }

    @Override
    public long xack(K key, K group, StreamId... ids) {
        List<byte[]> argv = keyLine("XACK", key, 1 + ids.length);
        argv.add(key(group));
        addIds(argv, ids);
        return integer(run(array(argv)));
    }

    @Override
    public PendingSummary<K> xpending(K key, K group) {
        List<Reply> parts = parts(run(ascii("XPENDING"), key(key), key(group)), 4);
        Map<K, Long> consumers = new LinkedHashMap<>();
        if (!(parts.get(3) instanceof Reply.Nil)) {
            for (Reply consumer : items(parts.get(3))) {
                List<Reply> pair = parts(consumer, 2);
                consumers.put(bulkKey(pair.get(0)), Long.parseLong(status(pair.get(1))));
            }
        }
        return new PendingSummary<>(integer(parts.get(0)), streamIdOrNull(parts.get(1)), streamIdOrNull(parts.get(2)), consumers);
    }

    private List<PendingEntry<K>> pendingEntries(K key, K group, XPendingArgs args, K consumer) {
        List<byte[]> argv = keyLine("XPENDING", key, 7);
        argv.add(key(group));
        addTokens(argv, args.tokens());
        if (consumer != null) {
            argv.add(key(consumer));
        }
        return each(run(array(argv)), item -> {
            List<Reply> parts = parts(item, 4);
            return new PendingEntry<>(streamId(parts.get(0)), bulkKey(parts.get(1)), integer(parts.get(2)), integer(parts.get(3)));
        });
    }

    @Override
    public List<PendingEntry<K>> xpending(K key, K group, XPendingArgs args) {
        return pendingEntries(key, group, args, null);
    }

    @Override
    public List<PendingEntry<K>> xpending(K key, K group, XPendingArgs args, K consumer) {
        return pendingEntries(key, group, args, Objects.requireNonNull(consumer, "consumer"));
    }

    private Reply claim(K key, K group, K consumer, Duration minIdleTime, XClaimArgs args, StreamId[] ids, boolean justid) {
        List<byte[]> argv = keyLine("XCLAIM", key, 12 + ids.length);
        argv.add(key(group));
        argv.add(key(consumer));
        argv.add(millis(minIdleTime));
        addIds(argv, ids);
        addTokens(argv, args.tokens());
        if (justid) {
            argv.add(ascii("JUSTID"));
        }
        return run(array(argv));
    }

    @Override
    public List<StreamEntry<K, V>> xclaim(K key, K group, K consumer, Duration minIdleTime, StreamId... ids) {
        return xclaim(key, group, consumer, minIdleTime, XClaimArgs.none(), ids);
    }

    @Override
    public List<StreamEntry<K, V>> xclaim(K key, K group, K consumer, Duration minIdleTime, XClaimArgs args, StreamId... ids) {
        List<StreamEntry<K, V>> entries = streamEntries(claim(key, group, consumer, minIdleTime, args, ids, false));
        entries.removeIf(Objects::isNull);
        return entries;
    }

    @Override
    public List<StreamId> xclaimJustid(K key, K group, K consumer, Duration minIdleTime, StreamId... ids) {
        return xclaimJustid(key, group, consumer, minIdleTime, XClaimArgs.none(), ids);
    }

    @Override
    public List<StreamId> xclaimJustid(K key, K group, K consumer, Duration minIdleTime, XClaimArgs args, StreamId... ids) {
        return streamIds(claim(key, group, consumer, minIdleTime, args, ids, true));
    }

    /** {@code [next-start, claimed, deleted]}; Redis before 7.0 sends no deleted list. */
    private <T> AutoClaimed<T> autoClaim(K key, K group, K consumer, Duration minIdleTime, StreamId start, Long count,
            boolean justid, Function<Reply, List<T>> claimed) {
        List<byte[]> argv = keyLine("XAUTOCLAIM", key, 8);
        argv.add(key(group));
        argv.add(key(consumer));
        argv.add(millis(minIdleTime));
        argv.add(id(start));
        if (count != null) {
            argv.add(ascii("COUNT"));
            argv.add(number(count));
        }
        if (justid) {
            argv.add(ascii("JUSTID"));
        }
        Reply reply = run(array(argv));
        List<Reply> parts = items(reply);
        if (parts.size() < 2 || parts.size() > 3) {
            throw unexpected(reply);
        }
        List<StreamId> deleted = parts.size() == 3 ? streamIds(parts.get(2)) : List.of();
        return new AutoClaimed<>(streamId(parts.get(0)), claimed.apply(parts.get(1)), deleted);
    }

    @Override
    public AutoClaimed<StreamEntry<K, V>> xautoclaim(K key, K group, K consumer, Duration minIdleTime, StreamId start) {
        return autoClaim(key, group, consumer, minIdleTime, start, null, false, this::streamEntries);
    }

    @Override
    public AutoClaimed<StreamEntry<K, V>> xautoclaim(K key, K group, K consumer, Duration minIdleTime, StreamId start, long count) {
        return autoClaim(key, group, consumer, minIdleTime, start, count, false, this::streamEntries);
    }

    @Override
    public AutoClaimed<StreamId> xautoclaimJustid(K key, K group, K consumer, Duration minIdleTime, StreamId start) {
        return autoClaim(key, group, consumer, minIdleTime, start, null, true, this::streamIds);
    }

    @Override
    public AutoClaimed<StreamId> xautoclaimJustid(K key, K group, K consumer, Duration minIdleTime, StreamId start, long count) {
        return autoClaim(key, group, consumer, minIdleTime, start, count, true, this::streamIds);
    }

    @Override
    public StreamInfo<K, V> xinfoStream(K key) {
        Map<String, Reply> info = named(run(ascii("XINFO"), ascii("STREAM"), key(key)));
        return new StreamInfo<>(
                integer(field(info, "length")),
                integer(field(info, "radix-tree-keys")),
                integer(field(info, "radix-tree-nodes")),
                streamId(field(info, "last-generated-id")),
                streamId(field(info, "max-deleted-entry-id")),
                integer(field(info, "entries-added")),
                streamId(field(info, "recorded-first-entry-id")),
                integer(field(info, "groups")),
                streamEntry(field(info, "first-entry")),
                streamEntry(field(info, "last-entry")));
    }

    private StreamFullInfo<K, V> fullInfo(Reply reply) {
        Map<String, Reply> info = named(reply);
        List<StreamFullInfo.Group<K>> groups = each(field(info, "groups"), group -> fullGroup(named(group)));
        return new StreamFullInfo<>(
                integer(field(info, "length")),
                integer(field(info, "radix-tree-keys")),
                integer(field(info, "radix-tree-nodes")),
                streamId(field(info, "last-generated-id")),
                streamId(field(info, "max-deleted-entry-id")),
                integer(field(info, "entries-added")),
                streamId(field(info, "recorded-first-entry-id")),
                streamEntries(field(info, "entries")),
                groups);
    }

    private StreamFullInfo.Group<K> fullGroup(Map<String, Reply> group) {
        List<StreamFullInfo.GroupPending<K>> pending = each(field(group, "pending"), item -> {
            List<Reply> parts = parts(item, 4);
            return new StreamFullInfo.GroupPending<>(streamId(parts.get(0)), bulkKey(parts.get(1)), integer(parts.get(2)),
                    integer(parts.get(3)));
        });
        List<StreamFullInfo.Consumer<K>> consumers = each(field(group, "consumers"), item -> fullConsumer(named(item)));
        return new StreamFullInfo.Group<>(bulkKey(field(group, "name")), streamId(field(group, "last-delivered-id")),
                optionalInteger(group, "entries-read"), optionalInteger(group, "lag"), integer(field(group, "pel-count")),
                pending, consumers);
    }

    private StreamFullInfo.Consumer<K> fullConsumer(Map<String, Reply> consumer) {
        List<StreamFullInfo.ConsumerPending> pending = each(field(consumer, "pending"), item -> {
            List<Reply> parts = parts(item, 3);
            return new StreamFullInfo.ConsumerPending(streamId(parts.get(0)), integer(parts.get(1)), integer(parts.get(2)));
        });
        return new StreamFullInfo.Consumer<>(bulkKey(field(consumer, "name")), integer(field(consumer, "seen-time")),
                optionalInteger(consumer, "active-time"), integer(field(consumer, "pel-count")), pending);
    }

    @Override
    public StreamFullInfo<K, V> xinfoStreamFull(K key) {
        return fullInfo(run(ascii("XINFO"), ascii("STREAM"), key(key), ascii("FULL")));
    }

    @Override
    public StreamFullInfo<K, V> xinfoStreamFull(K key, long count) {
        return fullInfo(run(ascii("XINFO"), ascii("STREAM"), key(key), ascii("FULL"), ascii("COUNT"), number(count)));
    }

    @Override
    public List<StreamGroupInfo<K>> xinfoGroups(K key) {
        return each(run(ascii("XINFO"), ascii("GROUPS"), key(key)), item -> {
            Map<String, Reply> group = named(item);
            return new StreamGroupInfo<>(bulkKey(field(group, "name")), integer(field(group, "consumers")),
                    integer(field(group, "pending")), streamId(field(group, "last-delivered-id")),
                    optionalInteger(group, "entries-read"), optionalInteger(group, "lag"));
        });
    }

    @Override
    public List<StreamConsumerInfo<K>> xinfoConsumers(K key, K group) {
        return each(run(ascii("XINFO"), ascii("CONSUMERS"), key(key), key(group)), item -> {
            Map<String, Reply> consumer = named(item);
            return new StreamConsumerInfo<>(bulkKey(field(consumer, "name")), integer(field(consumer, "pending")),
                    integer(field(consumer, "idle")), optionalInteger(consumer, "inactive"));
        });
    }

    @Override
    public String xsetid(K key, StreamId lastId) {
        return status(run(ascii("XSETID"), key(key), id(lastId)));
    }

    @Override
    public String xsetid(K key, StreamId lastId, XSetidArgs args) {
        List<byte[]> argv = keyLine("XSETID", key, 5);
        argv.add(id(lastId));
        addTokens(argv, args.tokens());
        return status(run(array(argv)));
    }

    // ------------------------------------------------------------------ pub/sub

    @Override
    public long publish(K channel, V message) {
        return integer(run(ascii("PUBLISH"), key(channel), value(message)));
    }

    @Override
    public List<K> pubsubChannels() {
        return keyList(run(ascii("PUBSUB"), ascii("CHANNELS")));
    }

    @Override
    public List<K> pubsubChannels(K pattern) {
        return keyList(run(ascii("PUBSUB"), ascii("CHANNELS"), key(pattern)));
    }

    @Override
    @SafeVarargs
    public final Map<K, Long> pubsubNumsub(K... channels) {
        byte[][] argv = new byte[channels.length + 2][];
        argv[0] = ascii("PUBSUB");
        argv[1] = ascii("NUMSUB");
        for (int i = 0; i < channels.length; i++) {
            argv[i + 2] = key(channels[i]);
        }
        List<Reply> items = alternating(run(argv));
        Map<K, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i += 2) {
            counts.put(bulkKey(items.get(i)), integer(items.get(i + 1)));
        }
        return counts;
    }

    @Override
    public long pubsubNumpat() {
        return integer(run(ascii("PUBSUB"), ascii("NUMPAT")));
    }
}
