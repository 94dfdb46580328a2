package dev.keel.engine.list;

import dev.keel.Reply;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A plain java.util reference model of the non-blocking list commands, written from redis.io's
 * documentation, for {@link ListModelBasedTest}: each key holds an {@link ArrayList} (a list,
 * never empty) or a String (a string value, for the WRONGTYPE paths). It answers a command line
 * as Redis would, for the argument shapes the test generates.
 */
final class ListModel {
    static final Reply WRONGTYPE = Reply.error("WRONGTYPE Operation against a key holding the wrong kind of value");

    private final Map<String, Object> data = new HashMap<>();

    /** Returns the list at {@code key}, or null if there is none (a string included). */
    List<String> list(String key) {
        return data.get(key) instanceof List<?> ? listAt(key) : null;
    }

    /** Returns the number of elements over every list. */
    int totalElements() {
        int total = 0;
        for (Object value : data.values()) {
            if (value instanceof List<?> list) {
                total += list.size();
            }
        }
        return total;
    }

    @SuppressWarnings("unchecked")
    private List<String> listAt(String key) {
        return (List<String>) data.get(key);
    }

    private boolean isString(String key) {
        return data.get(key) instanceof String;
    }

    /** Removes the key of a list left empty, as Redis does. */
    private void dropIfEmpty(String key) {
        if (data.get(key) instanceof List<?> list && list.isEmpty()) {
            data.remove(key);
        }
    }

    private static Reply bulks(List<String> values) {
        List<Reply> items = new ArrayList<>(values.size());
        for (String value : values) {
            items.add(Reply.bulk(value));
        }
        return Reply.array(items);
    }

    private static Reply integers(List<Long> values) {
        List<Reply> items = new ArrayList<>(values.size());
        for (long value : values) {
            items.add(Reply.integer(value));
        }
        return Reply.array(items);
    }

    /** Answers {@code argv} and applies it to the model. */
    Reply apply(List<String> argv) {
        String key = argv.get(1);
        return switch (argv.get(0)) {
            case "LPUSH", "RPUSH", "LPUSHX", "RPUSHX" -> push(argv);
            case "LPOP", "RPOP" -> pop(argv);
            case "LLEN" -> isString(key) ? WRONGTYPE : Reply.integer(list(key) == null ? 0 : list(key).size());
            case "LINDEX" -> lindex(key, Long.parseLong(argv.get(2)));
            case "LSET" -> lset(key, Long.parseLong(argv.get(2)), argv.get(3));
            case "LRANGE" -> lrange(key, Long.parseLong(argv.get(2)), Long.parseLong(argv.get(3)));
            case "LINSERT" -> linsert(key, argv.get(2).equals("BEFORE"), argv.get(3), argv.get(4));
            case "LREM" -> lrem(key, Long.parseLong(argv.get(2)), argv.get(3));
            case "LTRIM" -> ltrim(key, Long.parseLong(argv.get(2)), Long.parseLong(argv.get(3)));
            case "LPOS" -> lpos(argv);
            case "LMOVE" -> move(key, argv.get(2), argv.get(3).equals("LEFT"), argv.get(4).equals("LEFT"));
            case "RPOPLPUSH" -> move(key, argv.get(2), false, true);
            case "LMPOP" -> lmpop(argv);
            case "DEL" -> Reply.integer(data.remove(key) == null ? 0 : 1);
            case "SET" -> {
                data.put(key, argv.get(2));
                yield Reply.OK;
            }
            default -> throw new IllegalArgumentException("the model does not know " + argv);
        };
    }

    private Reply push(List<String> argv) {
        String key = argv.get(1);
        boolean head = argv.get(0).startsWith("L");
        boolean onlyIfExists = argv.get(0).endsWith("X");
        if (isString(key)) {
            return WRONGTYPE;
        }
        List<String> list = list(key);
        if (list == null) {
            if (onlyIfExists) {
                return Reply.integer(0);
            }
            list = new ArrayList<>();
            data.put(key, list);
        }
        for (String value : argv.subList(2, argv.size())) {
            if (head) {
                list.addFirst(value);
            } else {
                list.add(value);
            }
        }
        return Reply.integer(list.size());
    }

    private Reply pop(List<String> argv) {
        String key = argv.get(1);
        boolean head = argv.get(0).equals("LPOP");
        boolean counted = argv.size() == 3;
        long count = counted ? Long.parseLong(argv.get(2)) : 1;
        if (count < 0) {
            return Reply.error("ERR value is out of range, must be positive");
        }
        if (isString(key)) {
            return WRONGTYPE;
        }
        List<String> list = list(key);
        if (list == null) {
            return Reply.NIL;
        }
        List<String> popped = new ArrayList<>();
        while (popped.size() < count && !list.isEmpty()) {
            popped.add(head ? list.removeFirst() : list.removeLast());
        }
        dropIfEmpty(key);
        return counted ? bulks(popped) : Reply.bulk(popped.getFirst());
    }

    private Reply lindex(String key, long index) {
        if (isString(key)) {
            return WRONGTYPE;
        }
        List<String> list = list(key);
        if (list == null) {
            return Reply.NIL;
        }
        long at = index < 0 ? list.size() + index : index;
        return at < 0 || at >= list.size() ? Reply.NIL : Reply.bulk(list.get((int) at));
    }

    private Reply lset(String key, long index, String value) {
        if (isString(key)) {
            return WRONGTYPE;
        }
        List<String> list = list(key);
        if (list == null) {
            return Reply.error("ERR no such key");
        }
        long at = index < 0 ? list.size() + index : index;
        if (at < 0 || at >= list.size()) {
            return Reply.error("ERR index out of range");
        }
        list.set((int) at, value);
        return Reply.OK;
    }

    /** The inclusive window [from, to] of LRANGE and LTRIM, or null if empty. */
    private static int[] window(int size, long start, long stop) {
        long from = Math.max(start < 0 ? size + start : start, 0);
        long to = Math.min(stop < 0 ? size + stop : stop, size - 1L);
        return from > to || from >= size ? null : new int[] {(int) from, (int) to};
    }

    private Reply lrange(String key, long start, long stop) {
        if (isString(key)) {
            return WRONGTYPE;
        }
        List<String> list = list(key);
        if (list == null) {
            return Reply.array(List.of());
        }
        int[] window = window(list.size(), start, stop);
        return window == null ? Reply.array(List.of()) : bulks(list.subList(window[0], window[1] + 1));
    }

    private Reply linsert(String key, boolean before, String pivot, String value) {
        if (isString(key)) {
            return WRONGTYPE;
        }
        List<String> list = list(key);
        if (list == null) {
            return Reply.integer(0);
        }
        int at = list.indexOf(pivot);
        if (at < 0) {
            return Reply.integer(-1);
        }
        list.add(before ? at : at + 1, value);
        return Reply.integer(list.size());
    }

    private Reply lrem(String key, long count, String value) {
        if (isString(key)) {
            return WRONGTYPE;
        }
        List<String> list = list(key);
        if (list == null) {
            return Reply.integer(0);
        }
        long removed = 0;
        if (count < 0) {
            Collections.reverse(list);
        }
        for (int i = 0; i < list.size() && (count == 0 || removed < Math.abs(count)); ) {
            if (list.get(i).equals(value)) {
                list.remove(i);
                removed++;
            } else {
                i++;
            }
        }
        if (count < 0) {
            Collections.reverse(list);
        }
        dropIfEmpty(key);
        return Reply.integer(removed);
    }

    private Reply ltrim(String key, long start, long stop) {
        if (isString(key)) {
            return WRONGTYPE;
        }
        List<String> list = list(key);
        if (list == null) {
            return Reply.OK;
        }
        int[] window = window(list.size(), start, stop);
        if (window == null) {
            data.remove(key);
        } else {
            data.put(key, new ArrayList<>(list.subList(window[0], window[1] + 1)));
        }
        return Reply.OK;
    }

    private Reply lpos(List<String> argv) {
        long rank = 1;
        long count = -1;
        long maxlen = 0;
        for (int i = 3; i < argv.size(); i += 2) {
            long value = Long.parseLong(argv.get(i + 1));
            switch (argv.get(i)) {
                case "RANK" -> {
                    if (value == 0) {
                        return Reply.error("ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... "
                                + "or use negative to start from the end of the list");
                    }
                    rank = value;
                }
                case "COUNT" -> {
                    if (value < 0) {
                        return Reply.error("ERR COUNT can't be negative");
                    }
                    count = value;
                }
                case "MAXLEN" -> {
                    if (value < 0) {
                        return Reply.error("ERR MAXLEN can't be negative");
                    }
                    maxlen = value;
                }
                default -> throw new IllegalArgumentException(argv.get(i));
            }
        }
        String key = argv.get(1);
        if (isString(key)) {
            return WRONGTYPE;
        }
        List<String> list = list(key);
        if (list == null) {
            return count >= 0 ? Reply.array(List.of()) : Reply.NIL;
        }
        List<Long> found = new ArrayList<>();
        long skip = Math.abs(rank) - 1;
        long limit = count < 0 ? 1 : count;
        int compared = 0;
        for (int k = 0; k < list.size() && (maxlen == 0 || compared < maxlen); k++, compared++) {
            int index = rank > 0 ? k : list.size() - 1 - k;
            if (list.get(index).equals(argv.get(2)) && skip-- <= 0) {
                found.add((long) index);
                if (limit != 0 && found.size() >= limit) {
                    break;
                }
            }
        }
        if (count < 0) {
            return found.isEmpty() ? Reply.NIL : Reply.integer(found.getFirst());
        }
        return integers(found);
    }

    private Reply move(String source, String destination, boolean fromHead, boolean toHead) {
        if (isString(source)) {
            return WRONGTYPE;
        }
        List<String> from = list(source);
        if (from == null) {
            return Reply.NIL;
        }
        if (isString(destination)) {
            return WRONGTYPE;
        }
        String value = fromHead ? from.removeFirst() : from.removeLast();
        List<String> to = list(destination);
        if (to == null) {
            to = new ArrayList<>();
            data.put(destination, to);
        }
        if (toHead) {
            to.addFirst(value);
        } else {
            to.add(value);
        }
        dropIfEmpty(source);
        return Reply.bulk(value);
    }

    private Reply lmpop(List<String> argv) {
        int numkeys = Integer.parseInt(argv.get(1));
        boolean head = argv.get(2 + numkeys).equals("LEFT");
        long count = argv.size() > 3 + numkeys ? Long.parseLong(argv.get(4 + numkeys)) : 1;
        if (count <= 0) {
            return Reply.error("ERR count should be greater than 0");
        }
        for (String key : argv.subList(2, 2 + numkeys)) {
            if (isString(key)) {
                return WRONGTYPE;
            }
            List<String> list = list(key);
            if (list != null) {
                List<String> popped = new ArrayList<>();
                while (popped.size() < count && !list.isEmpty()) {
                    popped.add(head ? list.removeFirst() : list.removeLast());
                }
                dropIfEmpty(key);
                return Reply.array(List.of(Reply.bulk(key), bulks(popped)));
            }
        }
        return Reply.NIL;
    }
}
