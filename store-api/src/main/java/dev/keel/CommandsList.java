package dev.keel;

import java.time.Duration;
import java.util.AbstractQueue;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The {@link KeelList} view over {@link Commands}: every method is one list command on one key,
 * except the bulk removals ({@code removeAll}: one LREM per distinct element; {@code retainAll},
 * {@code removeIf}: one LREM per element removed, through the iterator). Timed offers never wait
 * (the list is unbounded); a timed poll with a positive timeout waits it rounded up to a whole
 * millisecond, the finest timeout Redis takes, and one with no time left does not wait.
 *
 * <p><b>Thread safety:</b> safe for concurrent use if the commands are.
 */
final class CommandsList<K, V> extends AbstractQueue<V> implements KeelList<V> {
    private final Commands<K, V> commands;
    private final K key;

    CommandsList(Commands<K, V> commands, K key) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.key = Objects.requireNonNull(key, "key");
    }

    @Override
    public V get(long index) {
        return commands.lindex(key, index);
    }

    @Override
    public void set(long index, V element) {
        commands.lset(key, index, element);
    }

    @Override
    public List<V> range(long start, long stop) {
        return commands.lrange(key, start, stop);
    }

    @Override
    public Iterator<V> iterator() {
        return new SnapshotIterator(commands.lrange(key, 0, -1), false);
    }

    @Override
    public int size() {
        return (int) Math.min(Integer.MAX_VALUE, commands.llen(key));
    }

    /** {@code LPOS key element}. */
    @Override
    @SuppressWarnings("unchecked")
    public boolean contains(Object o) {
        return o != null && commands.lpos(key, (V) o, LPosArgs.none()) != null;
    }

    /** {@code LREM key 1 element}: as {@link #removeFirstOccurrence}. */
    @Override
    public boolean remove(Object o) {
        return removeFirstOccurrence(o);
    }

    /** {@code LTRIM key 1 0}: removes every element, and so the key; refuses a key of another type, as DEL would not. */
    @Override
    public void clear() {
        commands.ltrim(key, 1, 0);
    }

    /** One {@code RPUSH key element [element ...]}: all the elements or, if one is null, none. */
    @Override
    @SuppressWarnings("unchecked")
    public boolean addAll(Collection<? extends V> elements) {
        if (elements == this) {
            throw new IllegalArgumentException("cannot add a list to itself");
        }
        Object[] all = elements.toArray();
        for (Object element : all) {
            Objects.requireNonNull(element, "element");
        }
        if (all.length == 0) {
            return false;
        }
        commands.rpush(key, (V[]) all);
        return true;
    }

    /** {@code LREM key 0 element} for each distinct element of {@code elements}. */
    @Override
    @SuppressWarnings("unchecked")
    public boolean removeAll(Collection<?> elements) {
        boolean changed = false;
        for (Object element : new LinkedHashSet<>(elements)) {
            if (element != null) {
                changed |= commands.lrem(key, 0, (V) element) > 0;
            }
        }
        return changed;
    }

    /** One {@code LRANGE key 0 -1}. */
    @Override
    public Object[] toArray() {
        return commands.lrange(key, 0, -1).toArray();
    }

    /** One {@code LRANGE key 0 -1}. */
    @Override
    public <T> T[] toArray(T[] array) {
        return commands.lrange(key, 0, -1).toArray(array);
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean offer(V element) {
        commands.rpush(key, element);
        return true;
    }

    @Override
    public V poll() {
        return commands.lpop(key);
    }

    @Override
    public V peek() {
        return commands.lindex(key, 0);
    }

    @Override
    public void addFirst(V element) {
        offerFirst(element);
    }

    @Override
    public void addLast(V element) {
        offerLast(element);
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean offerFirst(V element) {
        commands.lpush(key, element);
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean offerLast(V element) {
        commands.rpush(key, element);
        return true;
    }

    @Override
    public V removeFirst() {
        V value = pollFirst();
        if (value == null) {
            throw new NoSuchElementException();
        }
        return value;
    }

    @Override
    public V removeLast() {
        V value = pollLast();
        if (value == null) {
            throw new NoSuchElementException();
        }
        return value;
    }

    @Override
    public V pollFirst() {
        return commands.lpop(key);
    }

    @Override
    public V pollLast() {
        return commands.rpop(key);
    }

    @Override
    public V getFirst() {
        V value = peekFirst();
        if (value == null) {
            throw new NoSuchElementException();
        }
        return value;
    }

    @Override
    public V getLast() {
        V value = peekLast();
        if (value == null) {
            throw new NoSuchElementException();
        }
        return value;
    }

    @Override
    public V peekFirst() {
        return commands.lindex(key, 0);
    }

    @Override
    public V peekLast() {
        return commands.lindex(key, -1);
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean removeFirstOccurrence(Object o) {
        return o != null && commands.lrem(key, 1, (V) o) > 0;
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean removeLastOccurrence(Object o) {
        return o != null && commands.lrem(key, -1, (V) o) > 0;
    }

    @Override
    public void push(V element) {
        addFirst(element);
    }

    @Override
    public V pop() {
        return removeFirst();
    }

    @Override
    public Iterator<V> descendingIterator() {
        return new SnapshotIterator(commands.lrange(key, 0, -1), true);
    }

    @Override
    public void putFirst(V element) {
        offerFirst(element);
    }

    @Override
    public void putLast(V element) {
        offerLast(element);
    }

    @Override
    public boolean offerFirst(V element, long timeout, TimeUnit unit) {
        return offerFirst(element);
    }

    @Override
    public boolean offerLast(V element, long timeout, TimeUnit unit) {
        return offerLast(element);
    }

    @Override
    @SuppressWarnings("unchecked")
    public V takeFirst() throws InterruptedException {
        KeyValue<K, V> taken = commands.blpop(Duration.ZERO, key);
        return taken.value();
    }

    @Override
    @SuppressWarnings("unchecked")
    public V takeLast() throws InterruptedException {
        KeyValue<K, V> taken = commands.brpop(Duration.ZERO, key);
        return taken.value();
    }

    @Override
    @SuppressWarnings("unchecked")
    public V pollFirst(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        if (nanos <= 0) {
            return pollFirst();
        }
        KeyValue<K, V> taken = commands.blpop(Duration.ofNanos(nanos), key);
        return taken == null ? null : taken.value();
    }

    @Override
    @SuppressWarnings("unchecked")
    public V pollLast(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        if (nanos <= 0) {
            return pollLast();
        }
        KeyValue<K, V> taken = commands.brpop(Duration.ofNanos(nanos), key);
        return taken == null ? null : taken.value();
    }

    @Override
    public void put(V element) {
        putLast(element);
    }

    @Override
    public boolean offer(V element, long timeout, TimeUnit unit) {
        return offerLast(element, timeout, unit);
    }

    @Override
    public V take() throws InterruptedException {
        return takeFirst();
    }

    @Override
    public V poll(long timeout, TimeUnit unit) throws InterruptedException {
        return pollFirst(timeout, unit);
    }

    @Override
    public int remainingCapacity() {
        return Integer.MAX_VALUE;
    }

    @Override
    public int drainTo(Collection<? super V> target) {
        return drainTo(target, Integer.MAX_VALUE);
    }

    @Override
    public int drainTo(Collection<? super V> target, int maxElements) {
        Objects.requireNonNull(target, "target");
        if (target == this) {
            throw new IllegalArgumentException("cannot drain a list into itself");
        }
        if (maxElements <= 0) {
            return 0;
        }
        List<V> taken = commands.lpop(key, maxElements);
        if (taken == null) {
            return 0;
        }
        target.addAll(taken);
        return taken.size();
    }

    /**
     * An iterator over a snapshot of the list taken with one {@code LRANGE key 0 -1}, head first
     * or tail first. {@link #remove()} takes the element last returned out of the list with one
     * LREM: {@code LREM key 1 element} if no equal element comes before it in the snapshot (not
     * counting those this iterator removed), else {@code LREM key -1 element} if none comes after
     * it. An element with equal ones on both sides cannot be singled out by one command, and
     * removing it throws {@link UnsupportedOperationException}. Equality is {@code equals},
     * arrays by content. If another writer changed the list since the snapshot, remove() takes
     * out an equal element, or nothing if none is left.
     */
    private final class SnapshotIterator implements Iterator<V> {
        private final List<V> snapshot;
        private final boolean descending;
        private final boolean[] removed;
        private int returned;
        private int last = -1;

        SnapshotIterator(List<V> snapshot, boolean descending) {
            this.snapshot = snapshot;
            this.descending = descending;
            this.removed = new boolean[snapshot.size()];
        }

        @Override
        public boolean hasNext() {
            return returned < snapshot.size();
        }

        @Override
        public V next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int index = descending ? snapshot.size() - 1 - returned : returned;
            returned++;
            last = index;
            return snapshot.get(index);
        }

        @Override
        public void remove() {
            if (last < 0) {
                throw new IllegalStateException("next() has not been called since the last remove()");
            }
            V element = snapshot.get(last);
            boolean equalBefore = false;
            boolean equalAfter = false;
            for (int i = 0; i < snapshot.size(); i++) {
                if (i != last && !removed[i] && Objects.deepEquals(snapshot.get(i), element)) {
                    equalBefore |= i < last;
                    equalAfter |= i > last;
                }
            }
            if (equalBefore && equalAfter) {
                throw new UnsupportedOperationException(
                        "no single list command removes an element with equal elements on both sides");
            }
            commands.lrem(key, equalBefore ? -1 : 1, element);
            removed[last] = true;
            last = -1;
        }
    }
}
