package dev.keel;

import java.util.AbstractQueue;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@link KeelList} view over {@link Commands}: every method is one list command on one key.
 * Timed offers never wait (the list is unbounded); timed polls wait at least a millisecond, the
 * finest timeout Redis takes.
 *
 * <p><b>Thread safety:</b> safe for concurrent use if the commands are.
 */
final class CommandsList<K, V> extends AbstractQueue<V> implements KeelList<V> {
    private final Commands<K, V> commands;
    private final K key;

    CommandsList(Commands<K, V> commands, K key) {
        this.commands = java.util.Objects.requireNonNull(commands, "commands");
        this.key = java.util.Objects.requireNonNull(key, "key");
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
        return List.copyOf(commands.lrange(key, 0, -1)).iterator();
    }

    @Override
    public int size() {
        return (int) Math.min(Integer.MAX_VALUE, commands.llen(key));
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
            throw new java.util.NoSuchElementException();
        }
        return value;
    }

    @Override
    public V removeLast() {
        V value = pollLast();
        if (value == null) {
            throw new java.util.NoSuchElementException();
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
            throw new java.util.NoSuchElementException();
        }
        return value;
    }

    @Override
    public V getLast() {
        V value = peekLast();
        if (value == null) {
            throw new java.util.NoSuchElementException();
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
        List<V> snapshot = new java.util.ArrayList<>(commands.lrange(key, 0, -1));
        java.util.Collections.reverse(snapshot);
        return java.util.Collections.unmodifiableList(snapshot).iterator();
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
        KeyValue<K, V> taken = commands.blpop(java.time.Duration.ZERO, key);
        return taken.value();
    }

    @Override
    @SuppressWarnings("unchecked")
    public V takeLast() throws InterruptedException {
        KeyValue<K, V> taken = commands.brpop(java.time.Duration.ZERO, key);
        return taken.value();
    }

    @Override
    @SuppressWarnings("unchecked")
    public V pollFirst(long timeout, TimeUnit unit) throws InterruptedException {
        KeyValue<K, V> taken = commands.blpop(java.time.Duration.ofNanos(Math.max(1_000_000, unit.toNanos(timeout))), key);
        return taken == null ? null : taken.value();
    }

    @Override
    @SuppressWarnings("unchecked")
    public V pollLast(long timeout, TimeUnit unit) throws InterruptedException {
        KeyValue<K, V> taken = commands.brpop(java.time.Duration.ofNanos(Math.max(1_000_000, unit.toNanos(timeout))), key);
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
}
