package dev.keel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command layer: one method per Redis command, named as the command in lower case, with
 * Redis's argument order and results. A user who reads redis.io knows this API already.
 *
 * <p>Methods return {@code null} exactly where Redis returns nil. A command that Redis answers
 * with an error throws a {@link KeelException} carrying Redis's error text
 * ({@link WrongTypeException} for {@code WRONGTYPE}); a command that fails changes nothing.
 * Every method is one command, atomic and linearizable.
 *
 * <p>Replies that Redis gives as sets or field-value maps ({@code SMEMBERS}, {@code SINTER},
 * {@code HGETALL}, ...) are a {@link java.util.LinkedHashSet} or {@link java.util.LinkedHashMap}
 * in the order Redis sent them. With {@link Codec#bytes()} their elements are {@code byte[]},
 * which Java compares by identity: such a set's {@code contains} or such a map's {@code get}
 * finds nothing for an array that is equal but not the same; iterate them instead. (They stay a
 * {@code Set} and a {@code Map} rather than lists so that the same code serves every codec; a
 * content-equal byte type belongs in a codec, such as one decoding to {@code ByteBuffer}.)
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface Commands<K, V> {

    // ------------------------------------------------------------------ strings

    /** {@code GET key}: the value, or {@code null} if the key does not exist. */
    V get(K key);

    /** {@code SET key value}: always {@code "OK"}. */
    String set(K key, V value);

    /**
     * {@code SET key value [options]}: {@code "OK"}, or {@code null} when an {@code NX} or
     * {@code XX} condition was not met.
     */
    String set(K key, V value, SetArgs args);

    /** {@code SET key value GET}: the old value, or {@code null} if there was none. */
    V setGet(K key, V value);

    /**
     * {@code SET key value [options] GET}: the old value, or {@code null} if there was none; with
     * {@code NX} or {@code XX} the value is set only when the condition holds.
     */
    V setGet(K key, V value, SetArgs args);

    /** {@code SETNX key value}: whether the key was set. */
    boolean setnx(K key, V value);

    /** {@code SETEX key seconds value}. */
    String setex(K key, long seconds, V value);

    /** {@code PSETEX key milliseconds value}. */
    String psetex(K key, long milliseconds, V value);

    /** {@code GETSET key value}: the old value, or {@code null}. */
    V getset(K key, V value);

    /** {@code GETDEL key}: the value, or {@code null}; the key is deleted. */
    V getdel(K key);

    /** {@code GETEX key [options]}: the value, or {@code null}; the expiry is changed as asked. */
    V getex(K key, GetExArgs args);

    /** {@code MGET key [key ...]}: one value per key, {@code null} where missing or not a string. */
    @SuppressWarnings("unchecked")
    List<V> mget(K... keys);

    /** {@code MSET key value [key value ...]}, in the map's iteration order. */
    String mset(Map<K, V> keysAndValues);

    /** {@code MSETNX key value [key value ...]}: whether all were set (none if any key existed). */
    boolean msetnx(Map<K, V> keysAndValues);

    /** {@code INCR key}: the new value. */
    long incr(K key);

    /** {@code DECR key}: the new value. */
    long decr(K key);

    /** {@code INCRBY key increment}: the new value. */
    long incrby(K key, long increment);

    /** {@code DECRBY key decrement}: the new value. */
    long decrby(K key, long decrement);

    /**
     * {@code INCRBYFLOAT key increment}: the new value, as Redis formats it (Redis computes in
     * 80-bit extended precision and prints 17 decimals at most; so does Keel).
     */
    String incrbyfloat(K key, String increment);

    /** {@code INCRBYFLOAT key increment}, with a {@code double} increment; returns the new value. */
    double incrbyfloat(K key, double increment);

    /** {@code APPEND key value}: the new length. */
    long append(K key, V value);

    /** {@code STRLEN key}: the length of the value, 0 if the key does not exist. */
    long strlen(K key);

    /** {@code GETRANGE key start end}: the substring, inclusive, negative indexes from the end. */
    V getrange(K key, long start, long end);

    /** {@code SETRANGE key offset value}: the new length. */
    long setrange(K key, long offset, V value);

    // ------------------------------------------------------------------ keys

    /** {@code DEL key [key ...]}: how many keys were removed. */
    @SuppressWarnings("unchecked")
    long del(K... keys);

    /** {@code UNLINK key [key ...]}: how many keys were removed. */
    @SuppressWarnings("unchecked")
    long unlink(K... keys);

    /** {@code EXISTS key [key ...]}: how many of the keys exist, counting repeats. */
    @SuppressWarnings("unchecked")
    long exists(K... keys);

    /** {@code TOUCH key [key ...]}: how many of the keys exist; their access time is updated. */
    @SuppressWarnings("unchecked")
    long touch(K... keys);

    /** {@code TYPE key}: {@code string}, {@code list}, {@code set}, {@code zset}, {@code hash}, {@code stream} or {@code none}. */
    String type(K key);

    /** {@code EXPIRE key seconds}: whether the timeout was set. */
    boolean expire(K key, long seconds);

    /** {@code EXPIRE key seconds NX|XX|GT|LT}: whether the timeout was set. */
    boolean expire(K key, long seconds, ExpireCondition condition);

    /** {@code PEXPIRE key milliseconds} from a duration: whether the timeout was set. */
    boolean expire(K key, Duration ttl);

    /** {@code PEXPIRE key milliseconds}: whether the timeout was set. */
    boolean pexpire(K key, long milliseconds);

    /** {@code PEXPIRE key milliseconds NX|XX|GT|LT}: whether the timeout was set. */
    boolean pexpire(K key, long milliseconds, ExpireCondition condition);

    /** {@code EXPIREAT key unix-time-seconds}: whether the timeout was set. */
    boolean expireat(K key, long unixSeconds);

    /** {@code EXPIREAT key unix-time-seconds NX|XX|GT|LT}: whether the timeout was set. */
    boolean expireat(K key, long unixSeconds, ExpireCondition condition);

    /** {@code PEXPIREAT key unix-time-milliseconds} from an instant: whether the timeout was set. */
    boolean expireat(K key, Instant at);

    /** {@code PEXPIREAT key unix-time-milliseconds}: whether the timeout was set. */
    boolean pexpireat(K key, long unixMilliseconds);

    /** {@code PEXPIREAT key unix-time-milliseconds NX|XX|GT|LT}: whether the timeout was set. */
    boolean pexpireat(K key, long unixMilliseconds, ExpireCondition condition);

    /** {@code TTL key}: seconds to live, -1 without expiry, -2 if the key does not exist. */
    long ttl(K key);

    /** {@code PTTL key}: milliseconds to live, -1 without expiry, -2 if the key does not exist. */
    long pttl(K key);

    /** {@code EXPIRETIME key}: the expiry as unix seconds, -1 without expiry, -2 if missing. */
    long expiretime(K key);

    /** {@code PEXPIRETIME key}: the expiry as unix milliseconds, -1 without expiry, -2 if missing. */
    long pexpiretime(K key);

    /** {@code PERSIST key}: whether a timeout was removed. */
    boolean persist(K key);

    /** {@code RENAME key newkey}: {@code "OK"}; fails with {@code ERR no such key}. */
    String rename(K key, K newKey);

    /** {@code RENAMENX key newkey}: whether the key was renamed (not if newkey exists). */
    boolean renamenx(K key, K newKey);

    /** {@code COPY source destination}: whether the value was copied (not if destination exists). */
    boolean copy(K source, K destination);

    /** {@code COPY source destination [REPLACE]}: whether the value was copied. */
    boolean copy(K source, K destination, boolean replace);

    /** {@code KEYS pattern}: every key matching the glob-style pattern. */
    List<K> keys(K pattern);

    /** {@code SCAN cursor}: one step of an iteration over the keys; start with cursor {@code "0"}. */
    KeyScan<K> scan(String cursor);

    /** {@code SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]}. */
    KeyScan<K> scan(String cursor, ScanArgs args);

    /** {@code RANDOMKEY}: a random key, or {@code null} if the store is empty. */
    K randomkey();

    /** {@code DBSIZE}: the number of keys. */
    long dbsize();

    /** {@code FLUSHALL}: removes every key; {@code "OK"}. */
    String flushall();

    /** {@code OBJECT ENCODING key}: the key's internal encoding, or {@code null} if missing. */
    String objectEncoding(K key);

    /** {@code OBJECT IDLETIME key}: seconds since the key was last read or written, or {@code null}. */
    Long objectIdletime(K key);

    // ------------------------------------------------------------------ lists

    /** {@code LPUSH key element [element ...]}: the new length; each element goes to the head in turn. */
    @SuppressWarnings("unchecked")
    long lpush(K key, V... elements);

    /** {@code RPUSH key element [element ...]}: the new length. */
    @SuppressWarnings("unchecked")
    long rpush(K key, V... elements);

    /** {@code LPUSHX key element [element ...]}: the new length, 0 (and nothing pushed) if the key does not exist. */
    @SuppressWarnings("unchecked")
    long lpushx(K key, V... elements);

    /** {@code RPUSHX key element [element ...]}: the new length, 0 if the key does not exist. */
    @SuppressWarnings("unchecked")
    long rpushx(K key, V... elements);

    /** {@code LPOP key}: the first element, or {@code null}. */
    V lpop(K key);

    /** {@code LPOP key count}: up to {@code count} elements from the head, or {@code null} if the key does not exist. */
    List<V> lpop(K key, long count);

    /** {@code RPOP key}: the last element, or {@code null}. */
    V rpop(K key);

    /** {@code RPOP key count}: up to {@code count} elements from the tail, or {@code null} if the key does not exist. */
    List<V> rpop(K key, long count);

    /** {@code LLEN key}: the length, 0 if the key does not exist. */
    long llen(K key);

    /** {@code LINDEX key index}: the element, or {@code null} if out of range; negative indexes count from the end. */
    V lindex(K key, long index);

    /** {@code LSET key index element}: {@code "OK"}; fails with {@code ERR no such key} or {@code ERR index out of range}. */
    String lset(K key, long index, V element);

    /** {@code LRANGE key start stop}: the elements from start to stop, inclusive. */
    List<V> lrange(K key, long start, long stop);

    /** {@code LINSERT key BEFORE|AFTER pivot element}: the new length, -1 without the pivot, 0 without the key. */
    long linsert(K key, boolean before, V pivot, V element);

    /** {@code LREM key count element}: how many were removed (count &gt; 0 from the head, &lt; 0 from the tail, 0 all). */
    long lrem(K key, long count, V element);

    /** {@code LTRIM key start stop}: {@code "OK"}. */
    String ltrim(K key, long start, long stop);

    /** {@code LPOS key element [RANK rank] [MAXLEN len]}: the index of the match, or {@code null}. */
    Long lpos(K key, V element, LPosArgs args);

    /** {@code LPOS key element [RANK rank] COUNT count [MAXLEN len]}: the indexes of up to {@code count} matches (0: all). */
    List<Long> lpos(K key, V element, long count, LPosArgs args);

    /** {@code LMOVE source destination LEFT|RIGHT LEFT|RIGHT}: the element moved, or {@code null}. */
    V lmove(K source, K destination, ListDirection from, ListDirection to);

    /** {@code RPOPLPUSH source destination}: the element moved, or {@code null}. */
    V rpoplpush(K source, K destination);

    /** {@code LMPOP numkeys key [key ...] LEFT|RIGHT COUNT count}: the first non-empty key and its popped elements, or {@code null}. */
    @SuppressWarnings("unchecked")
    KeyValue<K, List<V>> lmpop(ListDirection from, long count, K... keys);

    /**
     * {@code BLPOP key [key ...] timeout}: the first element of the first non-empty list, waiting
     * up to {@code timeout} ({@link Duration#ZERO} waits forever) for one; {@code null} on timeout.
     * Waiters are served first come, first served.
     *
     * @throws InterruptedException if interrupted while waiting; nothing was taken
     */
    @SuppressWarnings("unchecked")
    KeyValue<K, V> blpop(Duration timeout, K... keys) throws InterruptedException;

    /** {@code BRPOP key [key ...] timeout}: as {@link #blpop}, from the tail. */
    @SuppressWarnings("unchecked")
    KeyValue<K, V> brpop(Duration timeout, K... keys) throws InterruptedException;

    /** {@code BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout}: the element moved, or {@code null} on timeout. */
    V blmove(K source, K destination, ListDirection from, ListDirection to, Duration timeout) throws InterruptedException;

    /** {@code BRPOPLPUSH source destination timeout}: the element moved, or {@code null} on timeout. */
    V brpoplpush(K source, K destination, Duration timeout) throws InterruptedException;

    /** {@code BLMPOP timeout numkeys key [key ...] LEFT|RIGHT COUNT count}: as {@link #lmpop}, waiting up to {@code timeout}. */
    @SuppressWarnings("unchecked")
    KeyValue<K, List<V>> blmpop(Duration timeout, ListDirection from, long count, K... keys) throws InterruptedException;

    // ------------------------------------------------------------------ hashes
    //
    // Hash fields use the key codec (K), their values the value codec (V).

    /** {@code HSET key field value}: 1 if the field is new, 0 if its value was replaced. */
    long hset(K key, K field, V value);

    /** {@code HSET key field value [field value ...]}, in the map's iteration order: how many fields are new. */
    long hset(K key, Map<K, V> fieldsAndValues);

    /** {@code HSETNX key field value}: whether the field was set (not if it existed). */
    boolean hsetnx(K key, K field, V value);

    /** {@code HGET key field}: the value, or {@code null} if the field or the key does not exist. */
    V hget(K key, K field);

    /** {@code HMGET key field [field ...]}: one value per field, {@code null} where missing. */
    @SuppressWarnings("unchecked")
    List<V> hmget(K key, K... fields);

    /** {@code HGETALL key}: the fields and their values, in Redis's order (a {@link java.util.LinkedHashMap}); empty if the key does not exist. */
    Map<K, V> hgetall(K key);

    /** {@code HKEYS key}: the fields, empty if the key does not exist. */
    List<K> hkeys(K key);

    /** {@code HVALS key}: the values, empty if the key does not exist. */
    List<V> hvals(K key);

    /** {@code HLEN key}: the number of fields, 0 if the key does not exist. */
    long hlen(K key);

    /** {@code HEXISTS key field}: whether the field exists. */
    boolean hexists(K key, K field);

    /** {@code HDEL key field [field ...]}: how many fields were removed; an emptied hash is deleted. */
    @SuppressWarnings("unchecked")
    long hdel(K key, K... fields);

    /** {@code HINCRBY key field increment}: the new value. */
    long hincrby(K key, K field, long increment);

    /** {@code HINCRBYFLOAT key field increment}: the new value, as Redis formats it (as {@link #incrbyfloat(Object, String)}). */
    String hincrbyfloat(K key, K field, String increment);

    /** {@code HINCRBYFLOAT key field increment}, with a {@code double} increment; returns the new value. */
    double hincrbyfloat(K key, K field, double increment);

    /** {@code HSTRLEN key field}: the length of the value, 0 if the field or the key does not exist. */
    long hstrlen(K key, K field);

    /** {@code HRANDFIELD key}: a random field, or {@code null} if the key does not exist. */
    K hrandfield(K key);

    /** {@code HRANDFIELD key count}: up to {@code count} distinct fields, or {@code -count} fields that may repeat if negative. */
    List<K> hrandfield(K key, long count);

    /** {@code HRANDFIELD key count WITHVALUES}: as {@link #hrandfield(Object, long)}, each field with its value (a list: a negative count may repeat). */
    List<KeyValue<K, V>> hrandfieldWithvalues(K key, long count);

    /** {@code HSCAN key cursor}: one step of an iteration over the fields and values; start with cursor {@code "0"}. */
    HashScan<K, V> hscan(K key, String cursor);

    /** {@code HSCAN key cursor [MATCH pattern] [COUNT count]}. */
    HashScan<K, V> hscan(K key, String cursor, ScanArgs args);

    /** {@code HSCAN key cursor [MATCH pattern] [COUNT count] NOVALUES} (Redis 7.4): the fields only. */
    KeyScan<K> hscanNovalues(K key, String cursor, ScanArgs args);

    /**
     * {@code HEXPIRE key seconds FIELDS numfields field [field ...]} (Redis 7.4): one code per
     * field: -2 no such field (or key), 0 a condition not met, 1 expiry set, 2 field deleted (a
     * zero or past expiry).
     */
    @SuppressWarnings("unchecked")
    List<Long> hexpire(K key, long seconds, K... fields);

    /** {@code HEXPIRE key seconds NX|XX|GT|LT FIELDS numfields field [field ...]}: one code per field, as {@link #hexpire(Object, long, Object[])}. */
    @SuppressWarnings("unchecked")
    List<Long> hexpire(K key, long seconds, ExpireCondition condition, K... fields);

    /** {@code HPEXPIRE key milliseconds FIELDS ...} from a duration: one code per field, as {@link #hexpire(Object, long, Object[])}. */
    @SuppressWarnings("unchecked")
    List<Long> hexpire(K key, Duration ttl, K... fields);

    /** {@code HPEXPIRE key milliseconds FIELDS numfields field [field ...]}: one code per field. */
    @SuppressWarnings("unchecked")
    List<Long> hpexpire(K key, long milliseconds, K... fields);

    /** {@code HPEXPIRE key milliseconds NX|XX|GT|LT FIELDS numfields field [field ...]}: one code per field. */
    @SuppressWarnings("unchecked")
    List<Long> hpexpire(K key, long milliseconds, ExpireCondition condition, K... fields);

    /** {@code HEXPIREAT key unix-time-seconds FIELDS numfields field [field ...]}: one code per field. */
    @SuppressWarnings("unchecked")
    List<Long> hexpireat(K key, long unixSeconds, K... fields);

    /** {@code HEXPIREAT key unix-time-seconds NX|XX|GT|LT FIELDS numfields field [field ...]}: one code per field. */
    @SuppressWarnings("unchecked")
    List<Long> hexpireat(K key, long unixSeconds, ExpireCondition condition, K... fields);

    /** {@code HPEXPIREAT key unix-time-milliseconds FIELDS ...} from an instant: one code per field. */
    @SuppressWarnings("unchecked")
    List<Long> hexpireat(K key, Instant at, K... fields);

    /** {@code HPEXPIREAT key unix-time-milliseconds FIELDS numfields field [field ...]}: one code per field. */
    @SuppressWarnings("unchecked")
    List<Long> hpexpireat(K key, long unixMilliseconds, K... fields);

    /** {@code HPEXPIREAT key unix-time-milliseconds NX|XX|GT|LT FIELDS numfields field [field ...]}: one code per field. */
    @SuppressWarnings("unchecked")
    List<Long> hpexpireat(K key, long unixMilliseconds, ExpireCondition condition, K... fields);

    /** {@code HTTL key FIELDS numfields field [field ...]} (Redis 7.4): seconds to live per field, -1 without expiry, -2 no such field. */
    @SuppressWarnings("unchecked")
    List<Long> httl(K key, K... fields);

    /** {@code HPTTL key FIELDS numfields field [field ...]}: milliseconds to live per field, -1 without expiry, -2 no such field. */
    @SuppressWarnings("unchecked")
    List<Long> hpttl(K key, K... fields);

    /** {@code HEXPIRETIME key FIELDS numfields field [field ...]}: the expiry per field as unix seconds, -1 without expiry, -2 no such field. */
    @SuppressWarnings("unchecked")
    List<Long> hexpiretime(K key, K... fields);

    /** {@code HPEXPIRETIME key FIELDS numfields field [field ...]}: the expiry per field as unix milliseconds, -1 without expiry, -2 no such field. */
    @SuppressWarnings("unchecked")
    List<Long> hpexpiretime(K key, K... fields);

    /** {@code HPERSIST key FIELDS numfields field [field ...]}: per field 1 expiry removed, -1 no expiry to remove, -2 no such field. */
    @SuppressWarnings("unchecked")
    List<Long> hpersist(K key, K... fields);

    /** {@code HGETEX key [EX|PX|EXAT|PXAT|PERSIST] FIELDS numfields field [field ...]} (Redis 8.0): one value per field, {@code null} where missing. */
    @SuppressWarnings("unchecked")
    List<V> hgetex(K key, HGetExArgs args, K... fields);

    /**
     * {@code HSETEX key [FNX|FXX] [EX|PX|EXAT|PXAT|KEEPTTL] FIELDS numfields field value [field value ...]}
     * (Redis 8.0), in the map's iteration order: whether the fields were set (all or none).
     */
    boolean hsetex(K key, HSetExArgs args, Map<K, V> fieldsAndValues);

    /** {@code HGETDEL key FIELDS numfields field [field ...]} (Redis 8.0): one value per field, {@code null} where missing; the fields are deleted. */
    @SuppressWarnings("unchecked")
    List<V> hgetdel(K key, K... fields);

    // ------------------------------------------------------------------ sets

    /** {@code SADD key member [member ...]}: how many members were added (not already there). */
    @SuppressWarnings("unchecked")
    long sadd(K key, V... members);

    /** {@code SREM key member [member ...]}: how many members were removed; an emptied set is deleted. */
    @SuppressWarnings("unchecked")
    long srem(K key, V... members);

    /** {@code SISMEMBER key member}: whether the member is in the set. */
    boolean sismember(K key, V member);

    /** {@code SMISMEMBER key member [member ...]}: for each member, whether it is in the set. */
    @SuppressWarnings("unchecked")
    List<Boolean> smismember(K key, V... members);

    /** {@code SMEMBERS key}: the members, in Redis's order (a {@link java.util.LinkedHashSet}); empty if the key does not exist. */
    Set<V> smembers(K key);

    /** {@code SCARD key}: the number of members, 0 if the key does not exist. */
    long scard(K key);

    /** {@code SPOP key}: a random member, removed, or {@code null} if the key does not exist. */
    V spop(K key);

    /** {@code SPOP key count}: up to {@code count} distinct random members, removed; empty if the key does not exist. */
    Set<V> spop(K key, long count);

    /** {@code SRANDMEMBER key}: a random member, or {@code null} if the key does not exist. */
    V srandmember(K key);

    /** {@code SRANDMEMBER key count}: up to {@code count} distinct members, or {@code -count} members that may repeat if negative. */
    List<V> srandmember(K key, long count);

    /** {@code SMOVE source destination member}: whether the member was moved (not if it was not in source). */
    boolean smove(K source, K destination, V member);

    /** {@code SINTER key [key ...]}: the members of every set (a {@link java.util.LinkedHashSet}). */
    @SuppressWarnings("unchecked")
    Set<V> sinter(K... keys);

    /** {@code SUNION key [key ...]}: the members of any of the sets. */
    @SuppressWarnings("unchecked")
    Set<V> sunion(K... keys);

    /** {@code SDIFF key [key ...]}: the members of the first set that are in none of the others. */
    @SuppressWarnings("unchecked")
    Set<V> sdiff(K... keys);

    /** {@code SINTERSTORE destination key [key ...]}: the size of the intersection stored at destination. */
    @SuppressWarnings("unchecked")
    long sinterstore(K destination, K... keys);

    /** {@code SUNIONSTORE destination key [key ...]}: the size of the union stored at destination. */
    @SuppressWarnings("unchecked")
    long sunionstore(K destination, K... keys);

    /** {@code SDIFFSTORE destination key [key ...]}: the size of the difference stored at destination. */
    @SuppressWarnings("unchecked")
    long sdiffstore(K destination, K... keys);

    /** {@code SINTERCARD numkeys key [key ...]}: the size of the intersection. */
    @SuppressWarnings("unchecked")
    long sintercard(K... keys);

    /** {@code SINTERCARD numkeys key [key ...] LIMIT limit}: the size of the intersection, counting stopped at {@code limit} (0: no limit). */
    @SuppressWarnings("unchecked")
    long sintercard(long limit, K... keys);

    /** {@code SSCAN key cursor}: one step of an iteration over the members; start with cursor {@code "0"}. */
    SetScan<V> sscan(K key, String cursor);

    /** {@code SSCAN key cursor [MATCH pattern] [COUNT count]}. */
    SetScan<V> sscan(K key, String cursor, ScanArgs args);

    // ------------------------------------------------------------------ sorted sets
    //
    // Scores go out as Scores.format writes them and come back parsed by Scores.parse. Score and
    // lex ranges are given low bound first; the reverse commands send them high bound first, as
    // Redis wants. Replies with scores are lists of ScoredValue in Redis's order.

    /** {@code ZADD key score member}: 1 if the member is new, 0 if only its score was updated. */
    long zadd(K key, double score, V member);

    /** {@code ZADD key score member [score member ...]}, in the map's iteration order: how many members are new. */
    long zadd(K key, Map<V, Double> membersAndScores);

    /**
     * {@code ZADD key [NX|XX] [GT|LT] [CH] score member}: 1 if the member was added (with
     * {@code CH}: added or its score changed), else 0.
     */
    long zadd(K key, ZAddArgs args, double score, V member);

    /** {@code ZADD key [NX|XX] [GT|LT] [CH] score member [score member ...]}: how many members were added (with {@code CH}: added or changed). */
    long zadd(K key, ZAddArgs args, Map<V, Double> membersAndScores);

    /** {@code ZADD key INCR increment member}: the member's new score. */
    double zaddIncr(K key, double increment, V member);

    /**
     * {@code ZADD key [NX|XX] [GT|LT] INCR increment member}: the member's new score, or
     * {@code null} when a condition was not met and nothing changed.
     */
    Double zaddIncr(K key, ZAddArgs args, double increment, V member);

    /** {@code ZINCRBY key increment member}: the member's new score; a new member starts at 0. */
    double zincrby(K key, double increment, V member);

    /** {@code ZREM key member [member ...]}: how many members were removed; an emptied sorted set is deleted. */
    @SuppressWarnings("unchecked")
    long zrem(K key, V... members);

    /** {@code ZCARD key}: the number of members, 0 if the key does not exist. */
    long zcard(K key);

    /** {@code ZSCORE key member}: the member's score, or {@code null} if the member or the key does not exist. */
    Double zscore(K key, V member);

    /** {@code ZMSCORE key member [member ...]}: one score per member, {@code null} where missing. */
    @SuppressWarnings("unchecked")
    List<Double> zmscore(K key, V... members);

    /** {@code ZRANK key member}: the member's 0-based rank from the lowest score, or {@code null} if missing. */
    Long zrank(K key, V member);

    /** {@code ZREVRANK key member}: the member's 0-based rank from the highest score, or {@code null} if missing. */
    Long zrevrank(K key, V member);

    /** {@code ZRANK key member WITHSCORE} (Redis 7.2): the member's rank and score, or {@code null} if missing. */
    RankWithScore zrankWithscore(K key, V member);

    /** {@code ZREVRANK key member WITHSCORE} (Redis 7.2): the member's rank from the highest score and its score, or {@code null}. */
    RankWithScore zrevrankWithscore(K key, V member);

    /** {@code ZCOUNT key min max}: how many members have a score in {@code range}. */
    long zcount(K key, ScoreRange range);

    /** {@code ZLEXCOUNT key min max}: how many members are in {@code range}. */
    long zlexcount(K key, LexRange<V> range);

    /** {@code ZRANGE key start stop}: the members ranked {@code start} to {@code stop}, inclusive, negative ranks from the end. */
    List<V> zrange(K key, long start, long stop);

    /** {@code ZRANGE key start stop WITHSCORES}: as {@link #zrange(Object, long, long)}, with their scores. */
    List<ScoredValue<V>> zrangeWithscores(K key, long start, long stop);

    /** {@code ZRANGE key start stop [BYSCORE|BYLEX] [REV] [LIMIT offset count]}: the members selected. */
    List<V> zrange(K key, ZRangeArgs<V> args);

    /**
     * {@code ZRANGE key start stop [BYSCORE|BYLEX] [REV] [LIMIT offset count] WITHSCORES}: the
     * members selected, with their scores. Redis refuses {@code WITHSCORES} with {@code BYLEX}.
     */
    List<ScoredValue<V>> zrangeWithscores(K key, ZRangeArgs<V> args);

    /** {@code ZRANGESTORE destination source start stop [BYSCORE|BYLEX] [REV] [LIMIT ...]}: how many members were stored at destination. */
    long zrangestore(K destination, K source, ZRangeArgs<V> args);

    /** {@code ZREVRANGE key start stop}: the members ranked {@code start} to {@code stop} from the highest score. */
    List<V> zrevrange(K key, long start, long stop);

    /** {@code ZREVRANGE key start stop WITHSCORES}: as {@link #zrevrange}, with their scores. */
    List<ScoredValue<V>> zrevrangeWithscores(K key, long start, long stop);

    /** {@code ZRANGEBYSCORE key min max}: the members with a score in {@code range}, lowest first. */
    List<V> zrangebyscore(K key, ScoreRange range);

    /** {@code ZRANGEBYSCORE key min max LIMIT offset count}: a page of them (a negative count: all after offset). */
    List<V> zrangebyscore(K key, ScoreRange range, long offset, long count);

    /** {@code ZRANGEBYSCORE key min max WITHSCORES}. */
    List<ScoredValue<V>> zrangebyscoreWithscores(K key, ScoreRange range);

    /** {@code ZRANGEBYSCORE key min max WITHSCORES LIMIT offset count}. */
    List<ScoredValue<V>> zrangebyscoreWithscores(K key, ScoreRange range, long offset, long count);

    /** {@code ZREVRANGEBYSCORE key max min}: the members with a score in {@code range}, highest first. */
    List<V> zrevrangebyscore(K key, ScoreRange range);

    /** {@code ZREVRANGEBYSCORE key max min LIMIT offset count}. */
    List<V> zrevrangebyscore(K key, ScoreRange range, long offset, long count);

    /** {@code ZREVRANGEBYSCORE key max min WITHSCORES}. */
    List<ScoredValue<V>> zrevrangebyscoreWithscores(K key, ScoreRange range);

    /** {@code ZREVRANGEBYSCORE key max min WITHSCORES LIMIT offset count}. */
    List<ScoredValue<V>> zrevrangebyscoreWithscores(K key, ScoreRange range, long offset, long count);

    /** {@code ZRANGEBYLEX key min max}: the members in {@code range}, in byte order. */
    List<V> zrangebylex(K key, LexRange<V> range);

    /** {@code ZRANGEBYLEX key min max LIMIT offset count}. */
    List<V> zrangebylex(K key, LexRange<V> range, long offset, long count);

    /** {@code ZREVRANGEBYLEX key max min}: the members in {@code range}, in reverse byte order. */
    List<V> zrevrangebylex(K key, LexRange<V> range);

    /** {@code ZREVRANGEBYLEX key max min LIMIT offset count}. */
    List<V> zrevrangebylex(K key, LexRange<V> range, long offset, long count);

    /** {@code ZREMRANGEBYRANK key start stop}: how many members ranked {@code start} to {@code stop} were removed. */
    long zremrangebyrank(K key, long start, long stop);

    /** {@code ZREMRANGEBYSCORE key min max}: how many members with a score in {@code range} were removed. */
    long zremrangebyscore(K key, ScoreRange range);

    /** {@code ZREMRANGEBYLEX key min max}: how many members in {@code range} were removed. */
    long zremrangebylex(K key, LexRange<V> range);

    /** {@code ZPOPMIN key}: the member with the lowest score, removed, or {@code null} if the key does not exist. */
    ScoredValue<V> zpopmin(K key);

    /** {@code ZPOPMIN key count}: up to {@code count} members with the lowest scores, removed, lowest first; empty if the key does not exist. */
    List<ScoredValue<V>> zpopmin(K key, long count);

    /** {@code ZPOPMAX key}: the member with the highest score, removed, or {@code null} if the key does not exist. */
    ScoredValue<V> zpopmax(K key);

    /** {@code ZPOPMAX key count}: up to {@code count} members with the highest scores, removed, highest first. */
    List<ScoredValue<V>> zpopmax(K key, long count);

    /**
     * {@code ZMPOP numkeys key [key ...] MIN|MAX COUNT count}: the first non-empty key and up to
     * {@code count} members popped from its {@code from} end, or {@code null} if every key is empty.
     */
    @SuppressWarnings("unchecked")
    KeyValue<K, List<ScoredValue<V>>> zmpop(ScoreEnd from, long count, K... keys);

    /**
     * {@code BZPOPMIN key [key ...] timeout}: the lowest-scored member of the first non-empty key,
     * waiting up to {@code timeout} ({@link Duration#ZERO} waits forever) for one; {@code null} on
     * timeout. Waiters are served first come, first served.
     *
     * @throws InterruptedException if interrupted while waiting; nothing was taken
     */
    @SuppressWarnings("unchecked")
    KeyValue<K, ScoredValue<V>> bzpopmin(Duration timeout, K... keys) throws InterruptedException;

    /** {@code BZPOPMAX key [key ...] timeout}: as {@link #bzpopmin}, the highest-scored member. */
    @SuppressWarnings("unchecked")
    KeyValue<K, ScoredValue<V>> bzpopmax(Duration timeout, K... keys) throws InterruptedException;

    /** {@code BZMPOP timeout numkeys key [key ...] MIN|MAX COUNT count}: as {@link #zmpop}, waiting up to {@code timeout}. */
    @SuppressWarnings("unchecked")
    KeyValue<K, List<ScoredValue<V>>> bzmpop(Duration timeout, ScoreEnd from, long count, K... keys) throws InterruptedException;

    /** {@code ZRANDMEMBER key}: a random member, or {@code null} if the key does not exist. */
    V zrandmember(K key);

    /** {@code ZRANDMEMBER key count}: up to {@code count} distinct members, or {@code -count} members that may repeat if negative. */
    List<V> zrandmember(K key, long count);

    /** {@code ZRANDMEMBER key count WITHSCORES}: as {@link #zrandmember(Object, long)}, each member with its score. */
    List<ScoredValue<V>> zrandmemberWithscores(K key, long count);

    /** {@code ZUNION numkeys key [key ...]}: the members of any of the sorted sets, by summed score. */
    @SuppressWarnings("unchecked")
    List<V> zunion(K... keys);

    /** {@code ZUNION numkeys key [key ...] [WEIGHTS ...] [AGGREGATE SUM|MIN|MAX]}. */
    @SuppressWarnings("unchecked")
    List<V> zunion(ZAggregateArgs args, K... keys);

    /** {@code ZUNION numkeys key [key ...] WITHSCORES}. */
    @SuppressWarnings("unchecked")
    List<ScoredValue<V>> zunionWithscores(K... keys);

    /** {@code ZUNION numkeys key [key ...] [WEIGHTS ...] [AGGREGATE SUM|MIN|MAX] WITHSCORES}. */
    @SuppressWarnings("unchecked")
    List<ScoredValue<V>> zunionWithscores(ZAggregateArgs args, K... keys);

    /** {@code ZINTER numkeys key [key ...]}: the members of every sorted set, by summed score. */
    @SuppressWarnings("unchecked")
    List<V> zinter(K... keys);

    /** {@code ZINTER numkeys key [key ...] [WEIGHTS ...] [AGGREGATE SUM|MIN|MAX]}. */
    @SuppressWarnings("unchecked")
    List<V> zinter(ZAggregateArgs args, K... keys);

    /** {@code ZINTER numkeys key [key ...] WITHSCORES}. */
    @SuppressWarnings("unchecked")
    List<ScoredValue<V>> zinterWithscores(K... keys);

    /** {@code ZINTER numkeys key [key ...] [WEIGHTS ...] [AGGREGATE SUM|MIN|MAX] WITHSCORES}. */
    @SuppressWarnings("unchecked")
    List<ScoredValue<V>> zinterWithscores(ZAggregateArgs args, K... keys);

    /** {@code ZDIFF numkeys key [key ...]}: the members of the first sorted set that are in none of the others. */
    @SuppressWarnings("unchecked")
    List<V> zdiff(K... keys);

    /** {@code ZDIFF numkeys key [key ...] WITHSCORES}: as {@link #zdiff}, with their scores in the first set. */
    @SuppressWarnings("unchecked")
    List<ScoredValue<V>> zdiffWithscores(K... keys);

    /** {@code ZUNIONSTORE destination numkeys key [key ...]}: the size of the union stored at destination. */
    @SuppressWarnings("unchecked")
    long zunionstore(K destination, K... keys);

    /** {@code ZUNIONSTORE destination numkeys key [key ...] [WEIGHTS ...] [AGGREGATE SUM|MIN|MAX]}. */
    @SuppressWarnings("unchecked")
    long zunionstore(K destination, ZAggregateArgs args, K... keys);

    /** {@code ZINTERSTORE destination numkeys key [key ...]}: the size of the intersection stored at destination. */
    @SuppressWarnings("unchecked")
    long zinterstore(K destination, K... keys);

    /** {@code ZINTERSTORE destination numkeys key [key ...] [WEIGHTS ...] [AGGREGATE SUM|MIN|MAX]}. */
    @SuppressWarnings("unchecked")
    long zinterstore(K destination, ZAggregateArgs args, K... keys);

    /** {@code ZDIFFSTORE destination numkeys key [key ...]}: the size of the difference stored at destination. */
    @SuppressWarnings("unchecked")
    long zdiffstore(K destination, K... keys);

    /** {@code ZINTERCARD numkeys key [key ...]}: the size of the intersection. */
    @SuppressWarnings("unchecked")
    long zintercard(K... keys);

    /** {@code ZINTERCARD numkeys key [key ...] LIMIT limit}: the size of the intersection, counting stopped at {@code limit} (0: no limit). */
    @SuppressWarnings("unchecked")
    long zintercard(long limit, K... keys);

    /** {@code ZSCAN key cursor}: one step of an iteration over the members and scores; start with cursor {@code "0"}. */
    ZSetScan<V> zscan(K key, String cursor);

    /** {@code ZSCAN key cursor [MATCH pattern] [COUNT count]}. */
    ZSetScan<V> zscan(K key, String cursor, ScanArgs args);

    // ------------------------------------------------------------------ streams
    //
    // Field names, group names and consumer names use the key codec (K), field values the value
    // codec (V). Ranges are given low bound first; XREVRANGE sends them high bound first, as Redis
    // wants. Durations go out in whole milliseconds. Reads answer one KeyValue per stream that
    // had entries, the stream's key with its entries, in the order the streams were given.

    /** {@code XADD key * field value [field value ...]}, in the map's iteration order: the new entry's ID. */
    StreamId xadd(K key, Map<K, V> fields);

    /**
     * {@code XADD key [NOMKSTREAM] [MAXLEN|MINID [=|~] threshold [LIMIT count]] *|id field value
     * [field value ...]}: the new entry's ID, or {@code null} with {@code NOMKSTREAM} when the
     * stream does not exist. An explicit ID not greater than the stream's last is refused with
     * {@code ERR The ID specified in XADD is equal or smaller than the target stream top item}.
     */
    StreamId xadd(K key, XAddArgs args, Map<K, V> fields);

    /** {@code XLEN key}: the number of entries, 0 if the key does not exist. */
    long xlen(K key);

    /** {@code XRANGE key start end}: the entries in {@code range}, lowest ID first; empty if the key does not exist. */
    List<StreamEntry<K, V>> xrange(K key, StreamRange range);

    /** {@code XRANGE key start end COUNT count}: the first {@code count} entries in {@code range}. */
    List<StreamEntry<K, V>> xrange(K key, StreamRange range, long count);

    /** {@code XREVRANGE key end start}: the entries in {@code range}, highest ID first. */
    List<StreamEntry<K, V>> xrevrange(K key, StreamRange range);

    /** {@code XREVRANGE key end start COUNT count}: the last {@code count} entries in {@code range}, highest ID first. */
    List<StreamEntry<K, V>> xrevrange(K key, StreamRange range, long count);

    /** {@code XDEL key id [id ...]}: how many entries were deleted. A stream emptied by XDEL still exists. */
    long xdel(K key, StreamId... ids);

    /** {@code XTRIM key MAXLEN|MINID [=|~] threshold [LIMIT count]}: how many entries were removed. */
    long xtrim(K key, XTrimArgs args);

    /**
     * {@code XREAD STREAMS key [key ...] id [id ...]}: the entries after each stream's position,
     * per stream that has any, or {@code null} if none has. Never waits.
     */
    List<KeyValue<K, List<StreamEntry<K, V>>>> xread(List<StreamOffset<K>> streams);

    /**
     * {@code XREAD [COUNT count] [BLOCK milliseconds] STREAMS key [key ...] id [id ...]}: the
     * entries after each stream's position, per stream that has any; with {@code BLOCK}, waiting
     * up to the timeout ({@link Duration#ZERO} waits forever) for an entry to arrive if there is
     * none. {@code null} if none came. Waiters are served first come, first served.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    List<KeyValue<K, List<StreamEntry<K, V>>>> xread(XReadArgs args, List<StreamOffset<K>> streams) throws InterruptedException;

    /**
     * {@code XGROUP CREATE key group id|$ [MKSTREAM] [ENTRIESREAD n]}: {@code "OK"}. Refused with
     * {@code BUSYGROUP Consumer Group name already exists}, or without {@code MKSTREAM} on a
     * missing key with Redis's {@code ERR The XGROUP subcommand requires the key to exist...}.
     */
    String xgroupCreate(K key, K group, XGroupCreateArgs args);

    /** {@code XGROUP SETID key group id|$ [ENTRIESREAD n]}: {@code "OK"}; refused with {@code NOGROUP} for a missing group. */
    String xgroupSetid(K key, K group, XGroupSetidArgs args);

    /** {@code XGROUP DESTROY key group}: whether the group existed and was destroyed, with its consumers and pending list. */
    boolean xgroupDestroy(K key, K group);

    /** {@code XGROUP CREATECONSUMER key group consumer}: whether the consumer was created (not if it existed). */
    boolean xgroupCreateconsumer(K key, K group, K consumer);

    /** {@code XGROUP DELCONSUMER key group consumer}: how many pending entries the deleted consumer held (0 if there was none). */
    long xgroupDelconsumer(K key, K group, K consumer);

    /**
     * {@code XREADGROUP GROUP group consumer STREAMS key [key ...] id [id ...]}: with
     * {@link StreamOffset#undelivered} the entries never delivered to the group, now delivered to
     * {@code consumer} and pending; with an ID, the consumer's own pending entries after it (an
     * entry deleted since has {@code null} fields). Per stream: {@code null} if no stream had new
     * entries; a history read answers every stream, with an empty list where nothing is pending.
     * Never waits.
     */
    List<KeyValue<K, List<StreamEntry<K, V>>>> xreadgroup(K group, K consumer, List<StreamOffset<K>> streams);

    /**
     * {@code XREADGROUP GROUP group consumer [COUNT count] [BLOCK milliseconds] [NOACK] STREAMS
     * key [key ...] id [id ...]}: as {@link #xreadgroup(Object, Object, List)}; with {@code BLOCK},
     * a read of undelivered entries waits up to the timeout ({@link Duration#ZERO}: forever) for
     * one; {@code null} if none came.
     *
     * @throws InterruptedException if interrupted while waiting; nothing was delivered
     */
    List<KeyValue<K, List<StreamEntry<K, V>>>> xreadgroup(K group, K consumer, XReadGroupArgs args, List<StreamOffset<K>> streams)
            throws InterruptedException;

    /** {@code XACK key group id [id ...]}: how many entries were pending and are now acknowledged. */
    long xack(K key, K group, StreamId... ids);

    /** {@code XPENDING key group}: the group's pending entries in summary; refused with {@code NOGROUP} for a missing group or key. */
    PendingSummary<K> xpending(K key, K group);

    /** {@code XPENDING key group [IDLE min-idle-time] start end count}: the group's pending entries in the range, lowest ID first. */
    List<PendingEntry<K>> xpending(K key, K group, XPendingArgs args);

    /** {@code XPENDING key group [IDLE min-idle-time] start end count consumer}: one consumer's pending entries in the range. */
    List<PendingEntry<K>> xpending(K key, K group, XPendingArgs args, K consumer);

    /**
     * {@code XCLAIM key group consumer min-idle-time id [id ...]}: the entries among {@code ids}
     * pending for at least {@code minIdleTime}, now pending for {@code consumer} with their
     * delivery count raised. An entry deleted since leaves the pending list and is not answered.
     */
    List<StreamEntry<K, V>> xclaim(K key, K group, K consumer, Duration minIdleTime, StreamId... ids);

    /** {@code XCLAIM key group consumer min-idle-time id [id ...] [IDLE|TIME ...] [RETRYCOUNT n] [FORCE] [LASTID id]}: the entries claimed. */
    List<StreamEntry<K, V>> xclaim(K key, K group, K consumer, Duration minIdleTime, XClaimArgs args, StreamId... ids);

    /** {@code XCLAIM key group consumer min-idle-time id [id ...] JUSTID}: the IDs claimed; their delivery counts stay as they were. */
    List<StreamId> xclaimJustid(K key, K group, K consumer, Duration minIdleTime, StreamId... ids);

    /** {@code XCLAIM key group consumer min-idle-time id [id ...] [options] JUSTID}: the IDs claimed. */
    List<StreamId> xclaimJustid(K key, K group, K consumer, Duration minIdleTime, XClaimArgs args, StreamId... ids);

    /**
     * {@code XAUTOCLAIM key group consumer min-idle-time start}: claims up to 100 entries pending
     * at least {@code minIdleTime} from {@code start} on; the entries, where to go on, and the
     * IDs of deleted entries dropped from the pending list.
     */
    AutoClaimed<StreamEntry<K, V>> xautoclaim(K key, K group, K consumer, Duration minIdleTime, StreamId start);

    /** {@code XAUTOCLAIM key group consumer min-idle-time start COUNT count}: as above, up to {@code count} entries scanned. */
    AutoClaimed<StreamEntry<K, V>> xautoclaim(K key, K group, K consumer, Duration minIdleTime, StreamId start, long count);

    /** {@code XAUTOCLAIM key group consumer min-idle-time start JUSTID}: the IDs claimed; their delivery counts stay as they were. */
    AutoClaimed<StreamId> xautoclaimJustid(K key, K group, K consumer, Duration minIdleTime, StreamId start);

    /** {@code XAUTOCLAIM key group consumer min-idle-time start COUNT count JUSTID}. */
    AutoClaimed<StreamId> xautoclaimJustid(K key, K group, K consumer, Duration minIdleTime, StreamId start, long count);

    /** {@code XINFO STREAM key}: the stream's state; refused with {@code ERR no such key}. */
    StreamInfo<K, V> xinfoStream(K key);

    /** {@code XINFO STREAM key FULL}: the stream in detail, up to 10 entries and 10 pending entries per list. */
    StreamFullInfo<K, V> xinfoStreamFull(K key);

    /** {@code XINFO STREAM key FULL COUNT count}: the stream in detail, up to {@code count} of each (0: all). */
    StreamFullInfo<K, V> xinfoStreamFull(K key, long count);

    /** {@code XINFO GROUPS key}: the stream's consumer groups; refused with {@code ERR no such key}. */
    List<StreamGroupInfo<K>> xinfoGroups(K key);

    /** {@code XINFO CONSUMERS key group}: the group's consumers; refused with {@code NOGROUP} for a missing group. */
    List<StreamConsumerInfo<K>> xinfoConsumers(K key, K group);

    /** {@code XSETID key last-id}: {@code "OK"}; an ID below the last entry's is refused. */
    String xsetid(K key, StreamId lastId);

    /** {@code XSETID key last-id [ENTRIESADDED n] [MAXDELETEDID id]} (Redis 7.0): {@code "OK"}. */
    String xsetid(K key, StreamId lastId, XSetidArgs args);

    // ------------------------------------------------------------------ pub/sub

    /**
     * {@code PUBLISH channel message}: sends {@code message} to the subscribers of
     * {@code channel} and of the patterns matching it ({@link Store#subscribe},
     * {@link Store#psubscribe}); returns how many received it, a subscription counted once for
     * the channel and once per matching pattern it holds, as Redis counts. Never waits for a
     * subscriber. Inside {@code store.atomically} the message goes out only if the transaction
     * commits; the count is the one at the time of the call.
     */
    long publish(K channel, V message);

    /** {@code PUBSUB CHANNELS}: the channels with at least one subscriber by name, in no particular order. */
    List<K> pubsubChannels();

    /** {@code PUBSUB CHANNELS pattern}: the channels with subscribers whose names match the glob-style {@code pattern}. */
    List<K> pubsubChannels(K pattern);

    /**
     * {@code PUBSUB NUMSUB [channel ...]}: each channel's number of subscribers by name (not by
     * pattern), in the order asked; a channel asked twice appears once.
     */
    @SuppressWarnings("unchecked")
    Map<K, Long> pubsubNumsub(K... channels);

    /** {@code PUBSUB NUMPAT}: the number of distinct patterns subscribed to, as Redis 7 counts. */
    long pubsubNumpat();
}
