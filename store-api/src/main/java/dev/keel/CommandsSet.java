package dev.keel;

import java.time.Duration;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The {@link KeelSet} view over {@link Commands}: every method is one set command on one key,
 * except {@code retainAll} and {@code removeIf}, which remove through the iterator, one SREM per
 * member.
 *
 * <p><b>Thread safety:</b> safe for concurrent use if the commands are.
 */
final class CommandsSet<K, V> extends AbstractSet<V> implements KeelSet<V> {
    private final Commands<K, V> commands;
    private final K key;

    CommandsSet(Commands<K, V> commands, K key) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.key = Objects.requireNonNull(key, "key");
    }

    @Override
    public int size() {
        return (int) Math.min(Integer.MAX_VALUE, commands.scard(key));
    }

    @Override
    public boolean isEmpty() {
        return commands.scard(key) == 0;
    }

    /** {@code SISMEMBER key member}. */
    @Override
    @SuppressWarnings("unchecked")
    public boolean contains(Object o) {
        return o != null && commands.sismember(key, (V) o);
    }

    /** {@code SADD key member}. */
    @Override
    @SuppressWarnings("unchecked")
    public boolean add(V member) {
        return commands.sadd(key, member) == 1;
    }

    /** {@code SREM key member}. */
    @Override
    @SuppressWarnings("unchecked")
    public boolean remove(Object o) {
        return o != null && commands.srem(key, (V) o) == 1;
    }

    /** One {@code SMISMEMBER key member [member ...]}; false if {@code members} holds a null. */
    @Override
    @SuppressWarnings("unchecked")
    public boolean containsAll(Collection<?> members) {
        Object[] all = members.toArray();
        if (all.length == 0) {
            return true;
        }
        for (Object member : all) {
            if (member == null) {
                return false;
            }
        }
        return !commands.smismember(key, (V[]) all).contains(Boolean.FALSE);
    }

    /** One {@code SADD key member [member ...]}: all the members or, if one is null, none. */
    @Override
    @SuppressWarnings("unchecked")
    public boolean addAll(Collection<? extends V> members) {
        Object[] all = members.toArray();
        for (Object member : all) {
            Objects.requireNonNull(member, "member");
        }
        return all.length > 0 && commands.sadd(key, (V[]) all) > 0;
    }

    /** One {@code SREM key member [member ...]} of the non-null elements of {@code members}. */
    @Override
    @SuppressWarnings("unchecked")
    public boolean removeAll(Collection<?> members) {
        Objects.requireNonNull(members, "members");
        List<Object> all = new ArrayList<>(members.size());
        for (Object member : members.toArray()) {
            if (member != null) {
                all.add(member);
            }
        }
        return !all.isEmpty() && commands.srem(key, (V[]) all.toArray()) > 0;
    }

    /** {@code DEL key}. */
    @Override
    @SuppressWarnings("unchecked")
    public void clear() {
        commands.del(key);
    }

    @Override
    public Iterator<V> iterator() {
        return new SnapshotIterator(new ArrayList<>(snapshot()));
    }

    /** One {@code SMEMBERS key}. */
    private Set<V> snapshot() {
        Set<V> members = commands.smembers(key);
        return members == null ? new LinkedHashSet<>() : members;
    }

    @Override
    public Object[] toArray() {
        return snapshot().toArray();
    }

    @Override
    public <T> T[] toArray(T[] array) {
        return snapshot().toArray(array);
    }

    @Override
    public boolean equals(Object other) {
        return other == this || other instanceof Set<?> set && snapshot().equals(set);
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
    public V pop() {
        return commands.spop(key);
    }

    @Override
    public V randomMember() {
        return commands.srandmember(key);
    }

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

    /** Walks a snapshot; {@link #remove()} is {@code SREM} of the member last returned. */
    private final class SnapshotIterator implements Iterator<V> {
        private final List<V> members;
        private int next;
        private V last;

        SnapshotIterator(List<V> members) {
            this.members = members;
        }

        @Override
        public boolean hasNext() {
            return next < members.size();
        }

        @Override
        public V next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            last = members.get(next++);
            return last;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void remove() {
            if (last == null) {
                throw new IllegalStateException("next() has not been called since the last remove()");
            }
            commands.srem(key, last);
            last = null;
        }
    }
}
