package dev.keel.engine.hash;

import dev.keel.Reply;
import dev.keel.Thresholds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A reference model of Keel's hashes on {@code java.util} maps: the values and per-field expiry
 * of a few keys, the replies of the hash commands {@link HashModelBasedTest} sends, and the
 * encoding Keel must report given its thresholds.
 *
 * <pre>
 * Encoding rules modelled (FieldMap's contract)
 *   A new hash is packed. A put of a new field to a full packed hash, or of a field or value
 *   longer than the value limit, makes it a table. The first field expiry on a packed hash
 *   makes it listpackex. When a command removed something (a field, an expired field, or, in a
 *   packed hash, a field's expiry), saving it settles the encoding: a table within half the
 *   entries and the value limit becomes packed (listpackex if a field has an expiry); a
 *   listpackex hash without any expiry becomes listpack.
 * </pre>
 *
 * Expired fields are removed lazily, when a command opens the hash, as in Keel.
 *
 * <p><b>Thread safety:</b> not thread safe.
 */
final class HashModel {
    static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    static final String NOT_INTEGER = "ERR hash value is not an integer";
    static final String OVERFLOW = "ERR increment or decrement would overflow";

    /** The encodings, by their OBJECT ENCODING names. */
    enum Encoding { LISTPACK, LISTPACKEX, HASHTABLE;
        String objectName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One field: its value and absolute expiry (0: none). */
    record Field(String value, long expireAt) {
    }

    /** A hash: its fields, its encoding, and whether the current command removed something. */
    static final class Hash {
        final Map<String, Field> fields = new LinkedHashMap<>();
        /** Whether it is a hash table. */
        boolean table;
        /** Whether a packed hash has expiry slots (listpackex). */
        boolean expiringForm;
        boolean removed;

        Encoding encoding() {
            if (table) {
                return Encoding.HASHTABLE;
            }
            return expiringForm ? Encoding.LISTPACKEX : Encoding.LISTPACK;
        }
    }

    private final Map<String, Object> keys = new HashMap<>();
    private final int maxEntries;
    private final int maxValue;
    private long now;

    HashModel(Thresholds thresholds) {
        this.maxEntries = thresholds.hashMaxPackedEntries();
        this.maxValue = thresholds.hashMaxPackedValue();
    }

    /** The hash at {@code key} as a reader sees it at {@code now} (expired fields dropped), or null. */
    Hash read(String key, long at) {
        now = at;
        return open(key);
    }

    /** The hash at {@code key} as stored, expired fields included, or null (for a string too). */
    Hash peek(String key) {
        return keys.get(key) instanceof Hash hash ? hash : null;
    }

    /** The number of fields of the hash at {@code key} without expiring anything. */
    int sizeOf(String key) {
        return keys.get(key) instanceof Hash hash ? hash.fields.size() : 0;
    }

    /** Whether {@code key} holds a string. */
    boolean isString(String key) {
        return keys.get(key) instanceof String;
    }

    // ------------------------------------------------------------------ the type API, as FieldMap

    private Hash open(String key) {
        Object value = keys.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Hash hash)) {
            throw new ModelError(WRONGTYPE);
        }
        hash.removed = false;
        boolean expired = hash.fields.values().removeIf(f -> f.expireAt() != 0 && f.expireAt() < now);
        if (expired) {
            hash.removed = true;
            save(key, hash);
            if (hash.fields.isEmpty()) {
                return null;
            }
        }
        return hash;
    }

    private void requireHash(String key) {
        Object value = keys.get(key);
        if (value != null && !(value instanceof Hash)) {
            throw new ModelError(WRONGTYPE);
        }
    }

    private Hash openOrEmpty(String key) {
        Hash hash = open(key);
        return hash == null ? new Hash() : hash;
    }

    private boolean fits(String field, String value) {
        return field.length() <= maxValue && value.length() <= maxValue && maxEntries > 0;
    }

    private boolean put(Hash hash, String field, String value, boolean keepTtl) {
        Field old = hash.fields.get(field);
        if (!hash.table) {
            if (old != null && fits(field, value)) {
                long at = old.expireAt();
                if (!keepTtl && at != 0) {
                    at = 0;
                    hash.removed = true;
                }
                hash.fields.put(field, new Field(value, at));
                return false;
            }
            if (fits(field, value) && (old != null || hash.fields.size() < maxEntries)) {
                hash.fields.put(field, new Field(value, 0));
                return true;
            }
            hash.table = true;
            hash.expiringForm = false;
        }
        if (old == null) {
            hash.fields.put(field, new Field(value, 0));
            return true;
        }
        hash.fields.put(field, new Field(value, keepTtl ? old.expireAt() : 0));
        return false;
    }

    private boolean remove(Hash hash, String field) {
        if (hash.fields.remove(field) == null) {
            return false;
        }
        hash.removed = true;
        return true;
    }

    private void setExpireAt(Hash hash, String field, long at) {
        if (!hash.table) {
            hash.expiringForm = true;
        }
        hash.fields.put(field, new Field(hash.fields.get(field).value(), at));
    }

    private boolean persist(Hash hash, String field) {
        Field old = hash.fields.get(field);
        if (old == null || old.expireAt() == 0) {
            return false;
        }
        hash.fields.put(field, new Field(old.value(), 0));
        if (!hash.table) {
            hash.removed = true;
        }
        return true;
    }

    /** -1 for no such field, 0 for no expiry. */
    private static long expireAt(Hash hash, String field) {
        Field f = hash == null ? null : hash.fields.get(field);
        return f == null ? -1 : f.expireAt();
    }

    private void save(String key, Hash hash) {
        if (hash.fields.isEmpty()) {
            keys.remove(key);
            return;
        }
        if (hash.removed) {
            hash.removed = false;
            boolean anyExpiry = hash.fields.values().stream().anyMatch(f -> f.expireAt() != 0);
            if (hash.table) {
                int longest = 0;
                for (Map.Entry<String, Field> f : hash.fields.entrySet()) {
                    longest = Math.max(longest, Math.max(f.getKey().length(), f.getValue().value().length()));
                }
                if (hash.fields.size() <= maxEntries / 2 && longest <= maxValue) {
                    hash.table = false;
                    hash.expiringForm = anyExpiry;
                }
            } else if (hash.expiringForm && !anyExpiry) {
                hash.expiringForm = false;
            }
        }
        keys.put(key, hash);
    }

    // ------------------------------------------------------------------ commands

    /** Applies a command at {@code at} epoch ms and returns Keel's expected reply. */
    Reply apply(List<String> argv, long at) {
        now = at;
        try {
            return execute(argv);
        } catch (ModelError e) {
            return Reply.error(e.getMessage());
        }
    }

    private Reply execute(List<String> argv) {
        String command = argv.get(0);
        String key = argv.get(1);
        return switch (command) {
            case "HSET", "HMSET" -> {
                requireHash(key);
                Hash hash = openOrEmpty(key);
                long created = 0;
                for (int i = 2; i < argv.size(); i += 2) {
                    created += put(hash, argv.get(i), argv.get(i + 1), false) ? 1 : 0;
                }
                save(key, hash);
                yield command.equals("HSET") ? Reply.integer(created) : Reply.OK;
            }
            case "HSETNX" -> {
                requireHash(key);
                Hash hash = openOrEmpty(key);
                if (hash.fields.containsKey(argv.get(2))) {
                    yield Reply.integer(0);
                }
                put(hash, argv.get(2), argv.get(3), false);
                save(key, hash);
                yield Reply.integer(1);
            }
            case "HGET" -> {
                Hash hash = open(key);
                Field f = hash == null ? null : hash.fields.get(argv.get(2));
                yield f == null ? Reply.NIL : Reply.bulk(f.value());
            }
            case "HLEN" -> {
                Hash hash = open(key);
                yield Reply.integer(hash == null ? 0 : hash.fields.size());
            }
            case "HDEL" -> {
                requireHash(key);
                Hash hash = open(key);
                if (hash == null) {
                    yield Reply.integer(0);
                }
                long removed = 0;
                for (int i = 2; i < argv.size(); i++) {
                    removed += remove(hash, argv.get(i)) ? 1 : 0;
                }
                if (removed > 0) {
                    save(key, hash);
                }
                yield Reply.integer(removed);
            }
            case "HINCRBY" -> {
                long increment = Long.parseLong(argv.get(3));
                requireHash(key);
                Hash hash = openOrEmpty(key);
                Field old = hash.fields.get(argv.get(2));
                long current = 0;
                if (old != null) {
                    if (!isCanonicalLong(old.value())) {
                        throw new ModelError(NOT_INTEGER);
                    }
                    current = Long.parseLong(old.value());
                }
                long result;
                try {
                    result = Math.addExact(current, increment);
                } catch (ArithmeticException e) {
                    throw new ModelError(OVERFLOW);
                }
                put(hash, argv.get(2), Long.toString(result), true);
                save(key, hash);
                yield Reply.integer(result);
            }
            case "HGETDEL" -> {
                requireHash(key);
                Hash hash = open(key);
                List<Reply> values = new ArrayList<>();
                boolean changed = false;
                for (int i = 4; i < argv.size(); i++) {
                    Field f = hash == null ? null : hash.fields.get(argv.get(i));
                    values.add(f == null ? Reply.NIL : Reply.bulk(f.value()));
                    if (f != null) {
                        remove(hash, argv.get(i));
                        changed = true;
                    }
                }
                if (changed) {
                    save(key, hash);
                }
                yield Reply.array(values);
            }
            case "KEEL.HGETSET", "KEEL.HREPLACE" -> {
                requireHash(key);
                Hash hash = openOrEmpty(key);
                Field old = hash.fields.get(argv.get(2));
                if (old == null && command.equals("KEEL.HREPLACE")) {
                    yield Reply.NIL;
                }
                put(hash, argv.get(2), argv.get(3), false);
                save(key, hash);
                yield old == null ? Reply.NIL : Reply.bulk(old.value());
            }
            case "KEEL.HCAS" -> {
                requireHash(key);
                Hash hash = open(key);
                Field old = hash == null ? null : hash.fields.get(argv.get(2));
                if (old == null || !old.value().equals(argv.get(3))) {
                    yield Reply.integer(0);
                }
                if (!argv.get(3).equals(argv.get(4))) {
                    put(hash, argv.get(2), argv.get(4), false);
                    save(key, hash);
                }
                yield Reply.integer(1);
            }
            case "KEEL.HCAD" -> {
                requireHash(key);
                Hash hash = open(key);
                Field old = hash == null ? null : hash.fields.get(argv.get(2));
                if (old == null || !old.value().equals(argv.get(3))) {
                    yield Reply.integer(0);
                }
                remove(hash, argv.get(2));
                save(key, hash);
                yield Reply.integer(1);
            }
            case "HPEXPIRE" -> hpexpire(argv);
            case "HPERSIST" -> {
                requireHash(key);
                Hash hash = open(key);
                List<Reply> codes = new ArrayList<>();
                boolean changed = false;
                for (int i = 4; i < argv.size(); i++) {
                    long current = expireAt(hash, argv.get(i));
                    if (current < 0) {
                        codes.add(Reply.integer(-2));
                    } else if (current == 0) {
                        codes.add(Reply.integer(-1));
                    } else {
                        persist(hash, argv.get(i));
                        changed = true;
                        codes.add(Reply.integer(1));
                    }
                }
                if (changed) {
                    save(key, hash);
                }
                yield Reply.array(codes);
            }
            case "HPTTL" -> {
                requireHash(key);
                Hash hash = open(key);
                List<Reply> ttls = new ArrayList<>();
                for (int i = 4; i < argv.size(); i++) {
                    long current = expireAt(hash, argv.get(i));
                    ttls.add(Reply.integer(current < 0 ? -2 : current == 0 ? -1 : Math.max(0, current - now)));
                }
                yield Reply.array(ttls);
            }
            case "HSETEX" -> hsetex(argv);
            case "HGETEX" -> hgetex(argv);
            case "DEL" -> Reply.integer(keys.remove(key) != null ? 1 : 0);
            case "SET" -> {
                keys.put(key, argv.get(2));
                yield Reply.OK;
            }
            default -> throw new IllegalArgumentException("not modelled: " + argv);
        };
    }

    /** HPEXPIRE key ms [NX|XX|GT|LT] FIELDS n field... */
    private Reply hpexpire(List<String> argv) {
        String key = argv.get(1);
        requireHash(key);
        long at = now + Long.parseLong(argv.get(2));
        int fieldsAt = 3;
        char condition = 0;
        if (!argv.get(3).equals("FIELDS")) {
            condition = argv.get(3).charAt(0);
            fieldsAt = 4;
        }
        Hash hash = open(key);
        List<Reply> codes = new ArrayList<>();
        boolean changed = false;
        for (int i = fieldsAt + 2; i < argv.size(); i++) {
            String field = argv.get(i);
            long current = expireAt(hash, field);
            int code;
            if (current < 0) {
                code = -2;
            } else if ((condition == 'N' && current != 0) || (condition == 'X' && current == 0)
                    || (condition == 'G' && (current == 0 || at <= current))
                    || (condition == 'L' && current != 0 && at >= current)) {
                code = 0;
            } else if (at <= now) {
                remove(hash, field);
                code = 2;
                changed = true;
            } else {
                setExpireAt(hash, field, at);
                code = 1;
                changed = true;
            }
            codes.add(Reply.integer(code));
        }
        if (changed) {
            save(key, hash);
        }
        return Reply.array(codes);
    }

    /** HSETEX key [FNX|FXX] [PX ms|KEEPTTL] FIELDS n field value... */
    private Reply hsetex(List<String> argv) {
        String key = argv.get(1);
        requireHash(key);
        char condition = 0;
        boolean timed = false;
        boolean keepTtl = false;
        long at = 0;
        int i = 2;
        while (!argv.get(i).equals("FIELDS")) {
            switch (argv.get(i)) {
                case "FNX" -> condition = 'N';
                case "FXX" -> condition = 'X';
                case "KEEPTTL" -> keepTtl = true;
                case "PX" -> {
                    timed = true;
                    at = now + Long.parseLong(argv.get(++i));
                }
                default -> throw new IllegalArgumentException(argv.toString());
            }
            i++;
        }
        int first = i + 2;
        Hash hash = openOrEmpty(key);
        if (condition != 0) {
            for (int f = first; f < argv.size(); f += 2) {
                boolean present = hash.fields.containsKey(argv.get(f));
                if ((condition == 'N' && present) || (condition == 'X' && !present)) {
                    return Reply.integer(0);
                }
            }
        }
        for (int f = first; f < argv.size(); f += 2) {
            String field = argv.get(f);
            if (timed && at <= now) {
                remove(hash, field);
                continue;
            }
            put(hash, field, argv.get(f + 1), keepTtl);
            if (timed) {
                setExpireAt(hash, field, at);
            }
        }
        save(argv.get(1), hash);
        return Reply.integer(1);
    }

    /** HGETEX key [PX ms|PERSIST] FIELDS n field... */
    private Reply hgetex(List<String> argv) {
        String key = argv.get(1);
        requireHash(key);
        boolean persist = false;
        boolean timed = false;
        long at = 0;
        int fieldsAt = 2;
        if (argv.get(2).equals("PX")) {
            timed = true;
            at = now + Long.parseLong(argv.get(3));
            fieldsAt = 4;
        } else if (argv.get(2).equals("PERSIST")) {
            persist = true;
            fieldsAt = 3;
        }
        Hash hash = open(key);
        List<Reply> values = new ArrayList<>();
        boolean changed = false;
        for (int i = fieldsAt + 2; i < argv.size(); i++) {
            String field = argv.get(i);
            Field f = hash == null ? null : hash.fields.get(field);
            values.add(f == null ? Reply.NIL : Reply.bulk(f.value()));
            if (f == null || !(timed || persist)) {
                continue;
            }
            if (persist) {
                changed |= persist(hash, field);
            } else if (at <= now) {
                remove(hash, field);
                changed = true;
            } else {
                setExpireAt(hash, field, at);
                changed = true;
            }
        }
        if (changed) {
            save(key, hash);
        }
        return Reply.array(values);
    }

    private static boolean isCanonicalLong(String text) {
        try {
            return Objects.equals(Long.toString(Long.parseLong(text)), text);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A command's error reply, thrown before the command changed anything. */
    static final class ModelError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ModelError(String message) {
            super(message, null, false, false);
        }
    }
}
