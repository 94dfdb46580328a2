package dev.keel.engine;

import dev.keel.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A plain java.util reference model of the string and key commands, written from redis.io's
 * documentation, for the model-based test. It answers a command line as Redis would.
 */
final class StringModel {
    private record Value(byte[] bytes, long expireAt) {
    }

    private final Map<String, Value> data = new HashMap<>();
    private final ManualClock clock;

    StringModel(ManualClock clock) {
        this.clock = clock;
    }

    private Value live(String key) {
        Value value = data.get(key);
        if (value != null && value.expireAt != 0 && value.expireAt < clock.millis()) {
            data.remove(key);
            return null;
        }
        return value;
    }

    private static Reply bulk(byte[] bytes) {
        return bytes == null ? Reply.NIL : new Reply.Bulk(bytes);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Long parseStrict(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.UTF_8);
        if (!s.matches("0|-?[1-9][0-9]{0,18}")) {
            return null;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    Reply apply(List<String> argv) {
        String cmd = argv.get(0).toUpperCase();
        long now = clock.millis();
        switch (cmd) {
            case "GET": {
                Value v = live(argv.get(1));
                return bulk(v == null ? null : v.bytes);
            }
            case "SET": {
                String key = argv.get(1);
                boolean nx = false;
                boolean xx = false;
                boolean get = false;
                boolean keep = false;
                long expireAt = 0;
                for (int i = 3; i < argv.size(); i++) {
                    String opt = argv.get(i).toUpperCase();
                    switch (opt) {
                        case "NX" -> nx = true;
                        case "XX" -> xx = true;
                        case "GET" -> get = true;
                        case "KEEPTTL" -> keep = true;
                        case "EX" -> expireAt = now + 1000 * Long.parseLong(argv.get(++i));
                        case "PX" -> expireAt = now + Long.parseLong(argv.get(++i));
                        default -> throw new IllegalArgumentException(opt);
                    }
                }
                Value old = live(key);
                Reply oldReply = bulk(old == null ? null : old.bytes);
                if ((nx && old != null) || (xx && old == null)) {
                    return get ? oldReply : Reply.NIL;
                }
                if (keep && old != null) {
                    expireAt = old.expireAt;
                }
                data.put(key, new Value(b(argv.get(2)), expireAt));
                return get ? oldReply : Reply.OK;
            }
            case "DEL": {
                long n = 0;
                for (int i = 1; i < argv.size(); i++) {
                    if (live(argv.get(i)) != null) {
                        data.remove(argv.get(i));
                        n++;
                    }
                }
                return Reply.integer(n);
            }
            case "EXISTS": {
                long n = 0;
                for (int i = 1; i < argv.size(); i++) {
                    if (live(argv.get(i)) != null) {
                        n++;
                    }
                }
                return Reply.integer(n);
            }
            case "INCRBY": {
                String key = argv.get(1);
                Value v = live(key);
                long current = 0;
                if (v != null) {
                    Long parsed = parseStrict(v.bytes);
                    if (parsed == null) {
                        return Reply.error("ERR value is not an integer or out of range");
                    }
                    current = parsed;
                }
                long increment = Long.parseLong(argv.get(2));
                long result;
                try {
                    result = Math.addExact(current, increment);
                } catch (ArithmeticException e) {
                    return Reply.error("ERR increment or decrement would overflow");
                }
                data.put(key, new Value(b(Long.toString(result)), v == null ? 0 : v.expireAt));
                return Reply.integer(result);
            }
            case "APPEND": {
                String key = argv.get(1);
                Value v = live(key);
                byte[] suffix = b(argv.get(2));
                byte[] joined = v == null ? suffix : concat(v.bytes, suffix);
                data.put(key, new Value(joined, v == null ? 0 : v.expireAt));
                return Reply.integer(joined.length);
            }
            case "STRLEN": {
                Value v = live(argv.get(1));
                return Reply.integer(v == null ? 0 : v.bytes.length);
            }
            case "PEXPIRE": {
                String key = argv.get(1);
                Value v = live(key);
                long when = now + Long.parseLong(argv.get(2));
                if (v == null) {
                    return Reply.integer(0);
                }
                String cond = argv.size() > 3 ? argv.get(3) : "";
                long current = v.expireAt;
                boolean ok = switch (cond) {
                    case "NX" -> current == 0;
                    case "XX" -> current != 0;
                    case "GT" -> current != 0 && when > current;
                    case "LT" -> current == 0 || when < current;
                    default -> true;
                };
                if (!ok) {
                    return Reply.integer(0);
                }
                if (when <= now) {
                    data.remove(key);
                } else {
                    data.put(key, new Value(v.bytes, when));
                }
                return Reply.integer(1);
            }
            case "PTTL": {
                Value v = live(argv.get(1));
                if (v == null) {
                    return Reply.integer(-2);
                }
                return Reply.integer(v.expireAt == 0 ? -1 : v.expireAt - now);
            }
            case "PERSIST": {
                String key = argv.get(1);
                Value v = live(key);
                if (v == null || v.expireAt == 0) {
                    return Reply.integer(0);
                }
                data.put(key, new Value(v.bytes, 0));
                return Reply.integer(1);
            }
            case "RENAME": {
                Value v = live(argv.get(1));
                if (v == null) {
                    return Reply.error("ERR no such key");
                }
                data.remove(argv.get(1));
                data.put(argv.get(2), v);
                return Reply.OK;
            }
            case "COPY": {
                if (argv.get(1).equals(argv.get(2))) {
                    return Reply.error("ERR source and destination objects are the same");
                }
                Value v = live(argv.get(1));
                if (v == null) {
                    return Reply.integer(0);
                }
                boolean replace = argv.size() > 3;
                if (live(argv.get(2)) != null && !replace) {
                    return Reply.integer(0);
                }
                data.put(argv.get(2), v);
                return Reply.integer(1);
            }
            case "MSET": {
                for (int i = 1; i < argv.size(); i += 2) {
                    data.put(argv.get(i), new Value(b(argv.get(i + 1)), 0));
                }
                return Reply.OK;
            }
            case "MGET": {
                List<Reply> items = new ArrayList<>();
                for (int i = 1; i < argv.size(); i++) {
                    Value v = live(argv.get(i));
                    items.add(bulk(v == null ? null : v.bytes));
                }
                return Reply.array(items);
            }
            case "GETDEL": {
                Value v = live(argv.get(1));
                data.remove(argv.get(1));
                return bulk(v == null ? null : v.bytes);
            }
            case "SETRANGE": {
                String key = argv.get(1);
                Value v = live(key);
                int offset = Integer.parseInt(argv.get(2));
                byte[] patch = b(argv.get(3));
                byte[] current = v == null ? new byte[0] : v.bytes;
                if (patch.length == 0) {
                    return Reply.integer(current.length);
                }
                byte[] result = Arrays.copyOf(current, Math.max(current.length, offset + patch.length));
                System.arraycopy(patch, 0, result, offset, patch.length);
                data.put(key, new Value(result, v == null ? 0 : v.expireAt));
                return Reply.integer(result.length);
            }
            case "GETRANGE": {
                Value v = live(argv.get(1));
                byte[] s = v == null ? new byte[0] : v.bytes;
                long start = Long.parseLong(argv.get(2));
                long end = Long.parseLong(argv.get(3));
                long len = s.length;
                if (start < 0 && end < 0 && start > end) {
                    return new Reply.Bulk(new byte[0]);
                }
                if (start < 0) {
                    start += len;
                }
                if (end < 0) {
                    end += len;
                }
                start = Math.max(0, start);
                end = Math.max(0, end);
                end = Math.min(end, len - 1);
                if (len == 0 || start > end) {
                    return new Reply.Bulk(new byte[0]);
                }
                return new Reply.Bulk(Arrays.copyOfRange(s, (int) start, (int) end + 1));
            }
            case "KEYS": {
                List<String> keys = new ArrayList<>();
                for (String key : new ArrayList<>(data.keySet())) {
                    if (live(key) != null) {
                        keys.add(key);
                    }
                }
                keys.sort(null);
                List<Reply> items = new ArrayList<>();
                for (String key : keys) {
                    items.add(new Reply.Bulk(b(key)));
                }
                return Reply.array(items);
            }
            default:
                throw new IllegalArgumentException(cmd);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
