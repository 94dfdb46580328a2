package dev.keel;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One reply to one command, as Redis would send it: a status, an error, an integer, a double,
 * a bulk string, an array, a map or nil.
 *
 * <p>{@link Store#execute(String...)} returns these values; the typed {@link Commands} layer
 * converts them into Java types. Two replies are equal when Redis would have sent the same bytes.
 *
 * <p><b>Thread safety:</b> immutable, safe for concurrent use.
 */
public sealed interface Reply {

    /** The shared nil reply. */
    Nil NIL = new Nil();

    /** The {@code +OK} status reply. */
    Status OK = new Status("OK");

    /** A status line such as {@code OK} or {@code PONG}. */
    record Status(String text) implements Reply {
        public Status {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** An error reply; {@code message} is Redis's own text, starting with its code ({@code ERR}, {@code WRONGTYPE}, ...). */
    record Error(String message) implements Reply {
        public Error {
            Objects.requireNonNull(message, "message");
        }

        /** Returns the exception a typed caller sees for this error. */
        public KeelException toException() {
            return KeelException.fromReply(message);
        }

        @Override
        public String toString() {
            return "(error) " + message;
        }
    }

    /** An integer reply. */
    record Int(long value) implements Reply {
        @Override
        public String toString() {
            return "(integer) " + value;
        }
    }

    /** A double reply (RESP3); Keel's RESP2-compatible commands answer doubles as bulk strings. */
    record Dbl(double value) implements Reply {
        @Override
        public String toString() {
            return "(double) " + value;
        }
    }

    /** A bulk string reply; compared by content. The array is not copied: do not change it. */
    record Bulk(byte[] bytes) implements Reply {
        public Bulk {
            Objects.requireNonNull(bytes, "bytes");
        }

        /** Returns the bytes decoded as UTF-8. */
        public String utf8() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bulk b && Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return '"' + utf8() + '"';
        }
    }

    /** An array reply; {@code items} may hold {@link Nil} elements. */
    record Array(List<Reply> items) implements Reply {
        public Array {
            items = List.copyOf(items);
        }

        @Override
        public String toString() {
            return items.toString();
        }
    }

    /** A map reply (RESP3), as alternating keys and values in Redis's order. */
    record Map(List<Reply> keysAndValues) implements Reply {
        public Map {
            keysAndValues = List.copyOf(keysAndValues);
            if (keysAndValues.size() % 2 != 0) {
                throw new IllegalArgumentException("a map reply needs an even number of elements");
            }
        }
    }

    /** The nil reply: a missing key, a condition not met. */
    record Nil() implements Reply {
        @Override
        public String toString() {
            return "(nil)";
        }
    }

    /** Returns a bulk reply holding the UTF-8 bytes of {@code text}. */
    static Bulk bulk(String text) {
        return new Bulk(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns an integer reply. */
    static Int integer(long value) {
        return new Int(value);
    }

    /** Returns an error reply with Redis's error text. */
    static Error error(String message) {
        return new Error(message);
    }

    /** Returns an array reply of {@code items}. */
    static Array array(List<Reply> items) {
        return new Array(items);
    }
}
