package dev.keel.persistence;

import dev.keel.Reply;
import dev.keel.Store;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads everything a store holds through commands, as text comparable across stores: key to type, TTL and value. */
final class StoreContents {

    private StoreContents() {
    }

    /** Returns every key of {@code store} with a description of its type, expiry and whole value, sorted by key. */
    static Map<String, String> of(Store store) {
        Map<String, String> contents = new TreeMap<>();
        for (Reply key : items(store.execute("KEYS", "*"))) {
            String name = text(key);
            String type = text(store.execute("TYPE", name));
            if (type.equals("none")) {
                continue; // expired since KEYS
            }
            String value = switch (type) {
                case "string" -> text(store.execute("GET", name));
                case "list" -> render(store.execute("LRANGE", name, "0", "-1"));
                case "hash" -> sorted(store.execute("HGETALL", name), 2);
                case "set" -> sorted(store.execute("SMEMBERS", name), 1);
                case "zset" -> render(store.execute("ZRANGE", name, "0", "-1", "WITHSCORES"));
                case "stream" -> render(store.execute("XRANGE", name, "-", "+")) + " "
                        + streamInfo(store.execute("XINFO", "STREAM", name)) + " " + groups(store, name);
                default -> "?";
            };
            contents.put(name, type + " pexpiretime=" + render(store.execute("PEXPIRETIME", name)) + " " + value);
        }
        return contents;
    }

    /** XINFO STREAM without the counts of the stream's blocks, which a rewrite lays out anew. */
    private static String streamInfo(Reply info) {
        List<Reply> fields = items(info);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.size(); i += 2) {
            String field = text(fields.get(i));
            if (!field.startsWith("radix-tree")) {
                out.append(field).append('=').append(render(fields.get(i + 1))).append(' ');
            }
        }
        return out.toString();
    }

    /** Returns the keys whose contents differ between {@code expected} and {@code actual}, each with both sides: a readable failure. */
    static Map<String, String> differences(Map<String, String> expected, Map<String, String> actual) {
        Map<String, String> differences = new TreeMap<>();
        java.util.Set<String> keys = new java.util.TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String key : keys) {
            if (!java.util.Objects.equals(expected.get(key), actual.get(key))) {
                differences.put(key, "expected " + expected.get(key) + " but was " + actual.get(key));
            }
        }
        return differences;
    }

    private static String groups(Store store, String key) {
        StringBuilder out = new StringBuilder();
        for (Reply group : items(store.execute("XINFO", "GROUPS", key))) {
            List<Reply> fields = items(group);
            String name = text(fields.get(1));
            out.append(render(group)).append(render(store.execute("XPENDING", key, name)));
        }
        return out.toString();
    }

    private static List<Reply> items(Reply reply) {
        return switch (reply) {
            case Reply.Array array -> array.items();
            case Reply.Map map -> map.keysAndValues();
            default -> throw new AssertionError("not an array: " + reply);
        };
    }

    private static String sorted(Reply reply, int width) {
        List<Reply> items = items(reply);
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < items.size(); i += width) {
            groups.add(render(new Reply.Array(items.subList(i, i + width))));
        }
        groups.sort(null);
        return groups.toString();
    }

    static String text(Reply reply) {
        return switch (reply) {
            case Reply.Bulk bulk -> new String(bulk.bytes(), StandardCharsets.UTF_8);
            case Reply.Status status -> status.text();
            default -> render(reply);
        };
    }

    private static String render(Reply reply) {
        return switch (reply) {
            case Reply.Array array -> {
                StringBuilder out = new StringBuilder("[");
                for (Reply item : array.items()) {
                    out.append(render(item)).append(',');
                }
                yield out.append(']').toString();
            }
            case Reply.Map map -> render(new Reply.Array(map.keysAndValues()));
            case Reply.Bulk bulk -> '"' + new String(bulk.bytes(), StandardCharsets.UTF_8) + '"';
            default -> String.valueOf(reply);
        };
    }
}
