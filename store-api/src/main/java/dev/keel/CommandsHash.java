package dev.keel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The {@link KeelHash} view over {@link Commands} and, for the four Keel-only commands
 * ({@code KEEL.HGETSET}, {@code KEEL.HREPLACE}, {@code KEEL.HCAS}, {@code KEEL.HCAD}), the
 * store's own {@link Store#execute(byte[]...)}. Every method is one hash command on one key,
 * except {@code putIfAbsent} (HSETNX, then HGET when the field was there) and the compound
 * methods {@link java.util.concurrent.ConcurrentMap} builds out of those.
 *
 * <p><b>Thread safety:</b> safe for concurrent use if the store and codec are.
 */
final class CommandsHash<K, V> extends AbstractMap<K, V> implements KeelHash<K, V> {
    private static final byte[] HGETSET = ascii("KEEL.HGETSET");
    private static final byte[] HREPLACE = ascii("KEEL.HREPLACE");
    private static final byte[] HCAS = ascii("KEEL.HCAS");
    private static final byte[] HCAD = ascii("KEEL.HCAD");

    private final Store store;
    private final Codec<K, V> codec;
    private final Commands<K, V> commands;
    private final K key;

    CommandsHash(Store store, Codec<K, V> codec, K key) {
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.key = Objects.requireNonNull(key, "key");
        this.commands = store.commands(codec);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    // ------------------------------------------------------------------ the Keel-only commands

    /** Runs one Keel-only command line; an error reply is thrown as {@link KeelException}. */
    private Reply keel(byte[]... argv) {
        Reply reply = store.execute(argv);
        if (reply instanceof Reply.Error error) {
            throw error.toException();
        }
        return reply;
    }

    private byte[] keyBytes() {
        return codec.encodeKey(key);
    }

    private byte[] field(K field) {
        return codec.encodeKey(Objects.requireNonNull(field, "key"));
    }

    private byte[] value(V value) {
        return codec.encodeValue(Objects.requireNonNull(value, "value"));
    }

    private V previous(Reply reply) {
        return switch (reply) {
            case Reply.Bulk b -> codec.decodeValue(b.bytes());
            case Reply.Nil n -> null;
            default -> throw new KeelException("ERR unexpected reply " + reply);
        };
    }

    private static boolean done(Reply reply) {
        if (reply instanceof Reply.Int i) {
            return i.value() == 1;
        }
        throw new KeelException("ERR unexpected reply " + reply);
    }

    // ------------------------------------------------------------------ Map

    @Override
    public int size() {
        return (int) Math.min(Integer.MAX_VALUE, commands.hlen(key));
    }

    @Override
    public boolean isEmpty() {
        return commands.hlen(key) == 0;
    }

    /** {@code HEXISTS key field}. */
    @Override
    @SuppressWarnings("unchecked")
    public boolean containsKey(Object field) {
        return field != null && commands.hexists(key, (K) field);
    }

    /** One {@code HVALS key}, searched here. */
    @Override
    public boolean containsValue(Object value) {
        if (value == null) {
            return false;
        }
        for (V candidate : commands.hvals(key)) {
            if (Objects.deepEquals(candidate, value)) {
                return true;
            }
        }
        return false;
    }

    /** {@code HGET key field}. */
    @Override
    @SuppressWarnings("unchecked")
    public V get(Object field) {
        return field == null ? null : commands.hget(key, (K) field);
    }

    /** {@code KEEL.HGETSET key field value}: the previous value. */
    @Override
    public V put(K field, V value) {
        return previous(keel(HGETSET, keyBytes(), field(field), value(value)));
    }

    /** {@code HGETDEL key FIELDS 1 field}: the value removed. */
    @Override
    @SuppressWarnings("unchecked")
    public V remove(Object field) {
        if (field == null) {
            return null;
        }
        List<V> removed = commands.hgetdel(key, (K) field);
        return removed.isEmpty() ? null : removed.get(0);
    }

    /** One {@code HSET key field value [field value ...]}: all the entries or, if one holds a null, none. */
    @Override
    public void putAll(Map<? extends K, ? extends V> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Map<K, V> copy = new java.util.LinkedHashMap<>(entries.size() * 2);
        for (Map.Entry<? extends K, ? extends V> entry : entries.entrySet()) {
            copy.put(Objects.requireNonNull(entry.getKey(), "key"), Objects.requireNonNull(entry.getValue(), "value"));
        }
        commands.hset(key, copy);
    }

    /** {@code DEL key}. */
    @Override
    @SuppressWarnings("unchecked")
    public void clear() {
        commands.del(key);
    }

    // ------------------------------------------------------------------ ConcurrentMap

    /**
     * {@code HSETNX key field value}; when the field was there, {@code HGET} reads the value it
     * holds, and if a concurrent remove took it in between, the whole is retried.
     */
    @Override
    public V putIfAbsent(K field, V value) {
        Objects.requireNonNull(field, "key");
        Objects.requireNonNull(value, "value");
        while (true) {
            if (commands.hsetnx(key, field, value)) {
                return null;
            }
            V present = commands.hget(key, field);
            if (present != null) {
                return present;
            }
        }
    }

    /** {@code KEEL.HCAD key field expected}. */
    @Override
    @SuppressWarnings("unchecked")
    public boolean remove(Object field, Object value) {
        if (field == null || value == null) {
            return false;
        }
        return done(keel(HCAD, keyBytes(), field((K) field), value((V) value)));
    }

    /** {@code KEEL.HCAS key field expected value}; false, without a command, when {@code oldValue} is null (no field holds null). */
    @Override
    public boolean replace(K field, V oldValue, V newValue) {
        byte[] fieldBytes = field(field);
        byte[] replacement = value(newValue);
        if (oldValue == null) {
            return false;
        }
        byte[] expected = value(oldValue);
        return done(keel(HCAS, keyBytes(), fieldBytes, expected, replacement));
    }

    /** {@code KEEL.HREPLACE key field value}: the previous value, null (and nothing set) if there was none. */
    @Override
    public V replace(K field, V value) {
        return previous(keel(HREPLACE, keyBytes(), field(field), value(value)));
    }

    // ------------------------------------------------------------------ expiry

    @Override
    public boolean expire(Duration ttl) {
        return commands.expire(key, ttl);
    }

    @Override
    public Duration ttl() {
        long millis = commands.pttl(key);
        return millis < 0 ? null : Duration.ofMillis(millis);
    }

    @Override
    public boolean persist() {
        return commands.persist(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean expireField(K field, Duration ttl) {
        long code = commands.hexpire(key, ttl, Objects.requireNonNull(field, "field")).get(0);
        return code == 1 || code == 2;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Duration fieldTtl(K field) {
        long millis = commands.hpttl(key, Objects.requireNonNull(field, "field")).get(0);
        return millis < 0 ? null : Duration.ofMillis(millis);
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean persistField(K field) {
        return commands.hpersist(key, Objects.requireNonNull(field, "field")).get(0) == 1;
    }

    // ------------------------------------------------------------------ snapshots and views

    /** One {@code HGETALL key}. */
    private Map<K, V> snapshot() {
        return commands.hgetall(key);
    }

    @Override
    public boolean equals(Object other) {
        return other == this || other instanceof Map<?, ?> map && snapshot().equals(map);
    }

    @Override
    public int hashCode() {
        return snapshot().hashCode();
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        return new EntrySet();
    }

    @Override
    public Set<K> keySet() {
        return new KeySet();
    }

    @Override
    public Collection<V> values() {
        return new Values();
    }

    /** An entry of a snapshot; {@link #setValue} is {@code HSET} of its field. */
    private final class SnapshotEntry extends SimpleEntry<K, V> {
        private static final long serialVersionUID = 1L;

        SnapshotEntry(K field, V value) {
            super(field, value);
        }

        @Override
        public V setValue(V value) {
            commands.hset(key, getKey(), Objects.requireNonNull(value, "value"));
            return super.setValue(value);
        }
    }

    /** Walks a snapshot; {@link #remove()} is {@code HDEL} of the field last returned. */
    private abstract class SnapshotIterator<T> implements Iterator<T> {
        private final Iterator<Map.Entry<K, V>> entries;
        private K last;

        SnapshotIterator() {
            this.entries = new ArrayList<>(snapshot().entrySet()).iterator();
        }

        abstract T element(SnapshotEntry entry);

        @Override
        public boolean hasNext() {
            return entries.hasNext();
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Map.Entry<K, V> entry = entries.next();
            last = entry.getKey();
            return element(new SnapshotEntry(entry.getKey(), entry.getValue()));
        }

        @Override
        @SuppressWarnings("unchecked")
        public void remove() {
            if (last == null) {
                throw new IllegalStateException("next() has not been called since the last remove()");
            }
            commands.hdel(key, last);
            last = null;
        }
    }

    private final class EntrySet extends AbstractSet<Map.Entry<K, V>> {
        @Override
        public Iterator<Map.Entry<K, V>> iterator() {
            return new SnapshotIterator<>() {
                @Override
                Map.Entry<K, V> element(SnapshotEntry entry) {
                    return entry;
                }
            };
        }

        @Override
        public int size() {
            return CommandsHash.this.size();
        }

        @Override
        public boolean isEmpty() {
            return CommandsHash.this.isEmpty();
        }

        /** {@code HGET key field}, compared with the entry's value. */
        @Override
        public boolean contains(Object o) {
            if (!(o instanceof Map.Entry<?, ?> entry) || entry.getKey() == null || entry.getValue() == null) {
                return false;
            }
            return Objects.deepEquals(get(entry.getKey()), entry.getValue());
        }

        /** {@code KEEL.HCAD key field value}. */
        @Override
        public boolean remove(Object o) {
            return o instanceof Map.Entry<?, ?> entry && CommandsHash.this.remove(entry.getKey(), entry.getValue());
        }

        @Override
        public void clear() {
            CommandsHash.this.clear();
        }

        @Override
        public Object[] toArray() {
            return snapshot().entrySet().toArray();
        }

        @Override
        public <T> T[] toArray(T[] array) {
            return snapshot().entrySet().toArray(array);
        }

        @Override
        public boolean equals(Object other) {
            return other == this || other instanceof Set<?> set && snapshot().entrySet().equals(set);
        }

        @Override
        public int hashCode() {
            return snapshot().entrySet().hashCode();
        }

        @Override
        public String toString() {
            return snapshot().entrySet().toString();
        }
    }

    private final class KeySet extends AbstractSet<K> {
        @Override
        public Iterator<K> iterator() {
            return new SnapshotIterator<>() {
                @Override
                K element(SnapshotEntry entry) {
                    return entry.getKey();
                }
            };
        }

        @Override
        public int size() {
            return CommandsHash.this.size();
        }

        @Override
        public boolean isEmpty() {
            return CommandsHash.this.isEmpty();
        }

        @Override
        public boolean contains(Object o) {
            return containsKey(o);
        }

        /** {@code HDEL key field}. */
        @Override
        @SuppressWarnings("unchecked")
        public boolean remove(Object o) {
            return o != null && commands.hdel(key, (K) o) == 1;
        }

        @Override
        public void clear() {
            CommandsHash.this.clear();
        }

        @Override
        public Object[] toArray() {
            return commands.hkeys(key).toArray();
        }

        @Override
        public <T> T[] toArray(T[] array) {
            return commands.hkeys(key).toArray(array);
        }

        @Override
        public boolean equals(Object other) {
            return other == this || other instanceof Set<?> set && snapshot().keySet().equals(set);
        }

        @Override
        public int hashCode() {
            return snapshot().keySet().hashCode();
        }

        @Override
        public String toString() {
            return commands.hkeys(key).toString();
        }
    }

    private final class Values extends AbstractCollection<V> {
        @Override
        public Iterator<V> iterator() {
            return new SnapshotIterator<>() {
                @Override
                V element(SnapshotEntry entry) {
                    return entry.getValue();
                }
            };
        }

        @Override
        public int size() {
            return CommandsHash.this.size();
        }

        @Override
        public boolean isEmpty() {
            return CommandsHash.this.isEmpty();
        }

        @Override
        public boolean contains(Object o) {
            return containsValue(o);
        }

        /** {@code KEEL.HCAD key field value} on a field holding the value in an {@code HGETALL} snapshot, retried on the next such field if it changed. */
        @Override
        public boolean remove(Object o) {
            if (o == null) {
                return false;
            }
            for (Map.Entry<K, V> entry : snapshot().entrySet()) {
                if (Objects.deepEquals(entry.getValue(), o) && CommandsHash.this.remove(entry.getKey(), entry.getValue())) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void clear() {
            CommandsHash.this.clear();
        }

        @Override
        public Object[] toArray() {
            return commands.hvals(key).toArray();
        }

        @Override
        public <T> T[] toArray(T[] array) {
            return commands.hvals(key).toArray(array);
        }

        @Override
        public String toString() {
            return commands.hvals(key).toString();
        }
    }
}
