package dev.keel.engine.set;

import dev.keel.Reply;
import dev.keel.Thresholds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A reference model of Keel's sets on {@code java.util} sets: the members of a few keys, the
 * replies of the deterministic set commands {@link SetModelBasedTest} sends, and the encoding
 * Keel must report given its thresholds.
 *
 * <pre>
 * Encoding rules modelled (FieldMap's contract)
 *   A new set is packed. Adding a member to a full packed set, or a member longer than the value
 *   limit, makes it a table. After a removal, a table within half the entries and the value
 *   limit becomes packed again. A STORE destination is built afresh, member by member.
 * </pre>
 *
 * SPOP and SRANDMEMBER are random: the test checks their replies against the model and then
 * tells the model which members SPOP took ({@link #popped}).
 *
 * <p><b>Thread safety:</b> not thread safe.
 */
final class SetModel {
    static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";

    /** A set: its members and whether it is a hash table. */
    static final class ModelSet {
        final Set<String> members = new LinkedHashSet<>();
        boolean table;

        String encoding() {
            return table ? "hashtable" : "listpack";
        }
    }

    private final Map<String, Object> keys = new HashMap<>();
    private final int maxEntries;
    private final int maxValue;

    SetModel(Thresholds thresholds) {
        this.maxEntries = thresholds.setMaxPackedEntries();
        this.maxValue = thresholds.setMaxPackedValue();
    }

    /** The set at {@code key}, or null (also for a string). */
    ModelSet get(String key) {
        return keys.get(key) instanceof ModelSet set ? set : null;
    }

    /** Whether {@code key} holds a string. */
    boolean isString(String key) {
        return keys.get(key) instanceof String;
    }

    private ModelSet open(String key) {
        Object value = keys.get(key);
        if (value != null && !(value instanceof ModelSet)) {
            throw new WrongType();
        }
        return (ModelSet) value;
    }

    private void add(ModelSet set, String member) {
        if (set.members.contains(member)) {
            return;
        }
        if (!set.table && (member.length() > maxValue || set.members.size() >= maxEntries)) {
            set.table = true;
        }
        set.members.add(member);
    }

    /** Stores {@code set} after a removal: empty removes the key, a small table becomes packed. */
    private void saveAfterRemoval(String key, ModelSet set) {
        if (set.members.isEmpty()) {
            keys.remove(key);
            return;
        }
        if (set.table && set.members.size() <= maxEntries / 2
                && set.members.stream().allMatch(m -> m.length() <= maxValue)) {
            set.table = false;
        }
    }

    /** Records that SPOP took {@code members} from {@code key}. */
    void popped(String key, List<String> members) {
        ModelSet set = get(key);
        if (set == null || members.isEmpty()) {
            return;
        }
        set.members.removeAll(members);
        saveAfterRemoval(key, set);
    }

    /** Applies a deterministic command and returns Keel's expected reply (sets as sorted arrays). */
    Reply apply(List<String> argv) {
        try {
            return execute(argv);
        } catch (WrongType e) {
            return Reply.error(WRONGTYPE);
        }
    }

    private Reply execute(List<String> argv) {
        String command = argv.get(0);
        String key = argv.get(1);
        return switch (command) {
            case "SADD" -> {
                ModelSet set = open(key);
                if (set == null) {
                    set = new ModelSet();
                }
                long added = 0;
                for (String member : argv.subList(2, argv.size())) {
                    if (!set.members.contains(member)) {
                        add(set, member);
                        added++;
                    }
                }
                if (added > 0) {
                    keys.put(key, set);
                }
                yield Reply.integer(added);
            }
            case "SREM" -> {
                ModelSet set = open(key);
                if (set == null) {
                    yield Reply.integer(0);
                }
                long removed = 0;
                for (String member : argv.subList(2, argv.size())) {
                    removed += set.members.remove(member) ? 1 : 0;
                }
                if (removed > 0) {
                    saveAfterRemoval(key, set);
                }
                yield Reply.integer(removed);
            }
            case "SCARD" -> {
                ModelSet set = open(key);
                yield Reply.integer(set == null ? 0 : set.members.size());
            }
            case "SISMEMBER" -> {
                ModelSet set = open(key);
                yield Reply.integer(set != null && set.members.contains(argv.get(2)) ? 1 : 0);
            }
            case "SMISMEMBER" -> {
                ModelSet set = open(key);
                List<Reply> replies = new ArrayList<>();
                for (String member : argv.subList(2, argv.size())) {
                    replies.add(Reply.integer(set != null && set.members.contains(member) ? 1 : 0));
                }
                yield Reply.array(replies);
            }
            case "SMEMBERS" -> {
                ModelSet set = open(key);
                yield sorted(set == null ? List.of() : new ArrayList<>(set.members));
            }
            case "SMOVE" -> {
                ModelSet source = open(key);
                if (source == null) {
                    yield Reply.integer(0);
                }
                ModelSet destination = open(argv.get(2));
                String member = argv.get(3);
                if (!source.members.contains(member)) {
                    yield Reply.integer(0);
                }
                if (key.equals(argv.get(2))) {
                    yield Reply.integer(1);
                }
                source.members.remove(member);
                saveAfterRemoval(key, source);
                if (destination == null) {
                    destination = new ModelSet();
                    keys.put(argv.get(2), destination);
                }
                add(destination, member);
                yield Reply.integer(1);
            }
            case "SINTER", "SUNION", "SDIFF" -> sorted(combine(command, argv.subList(1, argv.size())));
            case "SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE" -> {
                List<String> result = combine(command.replace("STORE", ""), argv.subList(2, argv.size()));
                keys.remove(key);
                if (!result.isEmpty()) {
                    ModelSet stored = new ModelSet();
                    result.forEach(member -> add(stored, member));
                    keys.put(key, stored);
                }
                yield Reply.integer(result.size());
            }
            case "SINTERCARD" -> {
                int numkeys = Integer.parseInt(argv.get(1));
                List<String> result = combine("SINTER", argv.subList(2, 2 + numkeys));
                long limit = argv.size() > 2 + numkeys ? Long.parseLong(argv.get(3 + numkeys)) : 0;
                yield Reply.integer(limit == 0 ? result.size() : Math.min(limit, result.size()));
            }
            case "DEL" -> Reply.integer(keys.remove(key) != null ? 1 : 0);
            case "SET" -> {
                keys.put(key, argv.get(2));
                yield Reply.OK;
            }
            default -> throw new IllegalArgumentException("not modelled: " + argv);
        };
    }

    private List<String> combine(String operation, List<String> names) {
        List<ModelSet> sets = new ArrayList<>();
        for (String name : names) {
            sets.add(open(name));
        }
        Set<String> result = new LinkedHashSet<>();
        switch (operation) {
            case "SINTER" -> {
                if (!sets.contains(null)) {
                    result.addAll(sets.get(0).members);
                    sets.forEach(set -> result.retainAll(set.members));
                }
            }
            case "SUNION" -> sets.forEach(set -> {
                if (set != null) {
                    result.addAll(set.members);
                }
            });
            default -> {
                if (sets.get(0) != null) {
                    result.addAll(sets.get(0).members);
                    sets.subList(1, sets.size()).forEach(set -> {
                        if (set != null) {
                            result.removeAll(set.members);
                        }
                    });
                }
            }
        }
        return new ArrayList<>(result);
    }

    /** An array reply of {@code members} sorted, for order-insensitive comparison. */
    static Reply sorted(List<String> members) {
        List<String> copy = new ArrayList<>(members);
        copy.sort(null);
        List<Reply> replies = new ArrayList<>();
        copy.forEach(member -> replies.add(Reply.bulk(member)));
        return Reply.array(replies);
    }

    /** WRONGTYPE, thrown before a command changed anything. */
    private static final class WrongType extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WrongType() {
            super(null, null, false, false);
        }
    }
}
