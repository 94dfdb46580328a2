package dev.keel.benchmarks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The on-heap baselines: a JDK deque of Strings per key, in a {@code ConcurrentHashMap}, doing
 * what a Java user would do with it:
 *
 * <ul>
 *   <li>{@link #linkedBlocking()}: a {@code LinkedBlockingDeque<String>} per key, thread safe on
 *       its own (one lock per deque; its iterator takes the lock for every step);
 *   <li>{@link #lockedArray()}: an {@code ArrayDeque<String>} per key, every call holding one
 *       {@code ReentrantLock} of that key.
 * </ul>
 *
 * Neither has an indexed read: LINDEX and LRANGE walk an iterator to the index, from the nearer
 * end (as Keel and Redis walk their nodes). Unlike Keel and Redis, a deque emptied by RPOP stays
 * in the map; the benchmark keeps its queues non-empty, so this makes no difference there.
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
abstract sealed class DequeListPeer implements ListPeer {

    private DequeListPeer() {
    }

    /** Returns a peer over one {@code LinkedBlockingDeque<String>} per key. */
    static DequeListPeer linkedBlocking() {
        return new LinkedBlocking();
    }

    /** Returns a peer over one {@code ArrayDeque<String>} per key, guarded by a {@code ReentrantLock}. */
    static DequeListPeer lockedArray() {
        return new LockedArray();
    }

    /** LINDEX on {@code deque} of {@code size} elements, walking from the nearer end; null if out of range. */
    static String elementAt(Deque<String> deque, long size, long index) {
        long at = ListPeer.normalize(index, size);
        if (at < 0) {
            return null;
        }
        boolean fromHead = at < size / 2;
        Iterator<String> walk = fromHead ? deque.iterator() : deque.descendingIterator();
        long steps = fromHead ? at : size - 1 - at;
        for (long i = 0; i < steps && walk.hasNext(); i++) {
            walk.next();
        }
        return walk.hasNext() ? walk.next() : null;
    }

    /** LRANGE on {@code deque} of {@code size} elements, walking from the head. */
    static List<String> range(Deque<String> deque, long size, long start, long stop) {
        long from = start < 0 ? Math.max(0, size + start) : start;
        long to = Math.min(size - 1, stop < 0 ? size + stop : stop);
        if (from > to) {
            return List.of();
        }
        List<String> values = new ArrayList<>((int) Math.min(to - from + 1, 1 << 16));
        Iterator<String> walk = deque.iterator();
        for (long i = 0; i <= to && walk.hasNext(); i++) {
            String value = walk.next();
            if (i >= from) {
                values.add(value);
            }
        }
        return values;
    }

    private static final class LinkedBlocking extends DequeListPeer {
        private final ConcurrentHashMap<String, LinkedBlockingDeque<String>> lists = new ConcurrentHashMap<>();

        private LinkedBlockingDeque<String> list(String key) {
            return lists.computeIfAbsent(key, k -> new LinkedBlockingDeque<>());
        }

        @Override
        public void lpush(String key, String element) {
            list(key).offerFirst(element);
        }

        @Override
        public void rpush(String key, String... elements) {
            Collections.addAll(list(key), elements);
        }

        @Override
        public String rpop(String key) {
            LinkedBlockingDeque<String> list = lists.get(key);
            return list == null ? null : list.pollLast();
        }

        @Override
        public List<String> lrange(String key, long start, long stop) {
            LinkedBlockingDeque<String> list = lists.get(key);
            return list == null ? List.of() : range(list, list.size(), start, stop);
        }

        @Override
        public String lindex(String key, long index) {
            LinkedBlockingDeque<String> list = lists.get(key);
            return list == null ? null : elementAt(list, list.size(), index);
        }

        @Override
        public long llen(String key) {
            LinkedBlockingDeque<String> list = lists.get(key);
            return list == null ? 0 : list.size();
        }

        @Override
        public void close() {
            lists.clear();
        }
    }

    private static final class LockedArray extends DequeListPeer {
        /** One key's deque and the lock every access to it holds. */
        private record Locked(ReentrantLock lock, ArrayDeque<String> deque) {
        }

        private final ConcurrentHashMap<String, Locked> lists = new ConcurrentHashMap<>();

        private Locked list(String key) {
            return lists.computeIfAbsent(key, k -> new Locked(new ReentrantLock(), new ArrayDeque<>()));
        }

        @Override
        public void lpush(String key, String element) {
            Locked list = list(key);
            list.lock().lock();
            try {
                list.deque().offerFirst(element);
            } finally {
                list.lock().unlock();
            }
        }

        @Override
        public void rpush(String key, String... elements) {
            Locked list = list(key);
            list.lock().lock();
            try {
                Collections.addAll(list.deque(), elements);
            } finally {
                list.lock().unlock();
            }
        }

        @Override
        public String rpop(String key) {
            Locked list = lists.get(key);
            if (list == null) {
                return null;
            }
            list.lock().lock();
            try {
                return list.deque().pollLast();
            } finally {
                list.lock().unlock();
            }
        }

        @Override
        public List<String> lrange(String key, long start, long stop) {
            Locked list = lists.get(key);
            if (list == null) {
                return List.of();
            }
            list.lock().lock();
            try {
                return range(list.deque(), list.deque().size(), start, stop);
            } finally {
                list.lock().unlock();
            }
        }

        @Override
        public String lindex(String key, long index) {
            Locked list = lists.get(key);
            if (list == null) {
                return null;
            }
            list.lock().lock();
            try {
                return elementAt(list.deque(), list.deque().size(), index);
            } finally {
                list.lock().unlock();
            }
        }

        @Override
        public long llen(String key) {
            Locked list = lists.get(key);
            if (list == null) {
                return 0;
            }
            list.lock().lock();
            try {
                return list.deque().size();
            } finally {
                list.lock().unlock();
            }
        }

        @Override
        public void close() {
            lists.clear();
        }
    }
}
