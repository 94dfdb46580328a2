package dev.keel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The options of {@code XADD}, named after Redis's keywords: {@code NOMKSTREAM} (add only to an
 * existing stream), a trim ({@code MAXLEN} or {@code MINID}, {@code =} or {@code ~},
 * {@code LIMIT}; see {@link XTrimArgs}) and the new entry's ID: {@code *} (the default: the
 * current time, and the next sequence), {@code <ms>-*} (these milliseconds, the next sequence,
 * Redis 7.0) or an explicit ID, which Redis refuses unless it is greater than the stream's last.
 *
 * <p>{@code XAddArgs.maxlen(1000).withApproximate()} is
 * {@code XADD key MAXLEN ~ 1000 * field value ...}. There is one slot for the trim and one for
 * the ID: a later {@code with...} replaces the earlier choice of its slot.
 *
 * <p><b>Thread safety:</b> immutable, safe for concurrent use.
 */
public final class XAddArgs {
    private static final XAddArgs NONE = new XAddArgs(false, null, "*");

    private final boolean nomkstream;
    private final XTrimArgs trim;
    private final String id;

    private XAddArgs(boolean nomkstream, XTrimArgs trim, String id) {
        this.nomkstream = nomkstream;
        this.trim = trim;
        this.id = id;
    }

    /** No options: add to the stream, creating it if missing, with the ID {@code *}. */
    public static XAddArgs none() {
        return NONE;
    }

    /** {@code NOMKSTREAM}: add nothing, and answer nil, if the stream does not exist. */
    public static XAddArgs nomkstream() {
        return NONE.withNomkstream();
    }

    /** {@code MAXLEN maxLength}: trim to the newest {@code maxLength} entries after adding. */
    public static XAddArgs maxlen(long maxLength) {
        return NONE.withTrim(XTrimArgs.maxlen(maxLength));
    }

    /** {@code MINID minId}: drop the entries below {@code minId} after adding. */
    public static XAddArgs minid(StreamId minId) {
        return NONE.withTrim(XTrimArgs.minid(minId));
    }

    /** An explicit ID for the new entry; it must be greater than the stream's last ID. */
    public static XAddArgs id(StreamId id) {
        return NONE.withId(id);
    }

    /** Returns these options with {@code NOMKSTREAM}. */
    public XAddArgs withNomkstream() {
        return new XAddArgs(true, trim, id);
    }

    /** Returns these options with {@code trim} as the trim. */
    public XAddArgs withTrim(XTrimArgs trim) {
        return new XAddArgs(nomkstream, Objects.requireNonNull(trim, "trim"), id);
    }

    /** Returns these options with {@code MAXLEN maxLength} as the trim. */
    public XAddArgs withMaxlen(long maxLength) {
        return withTrim(XTrimArgs.maxlen(maxLength));
    }

    /** Returns these options with {@code MINID minId} as the trim. */
    public XAddArgs withMinid(StreamId minId) {
        return withTrim(XTrimArgs.minid(minId));
    }

    /**
     * Returns these options with the trim made approximate ({@code ~}).
     *
     * @throws IllegalStateException if there is no trim
     */
    public XAddArgs withApproximate() {
        return withTrim(trim().withApproximate());
    }

    /**
     * Returns these options with the trim made exact ({@code =}).
     *
     * @throws IllegalStateException if there is no trim
     */
    public XAddArgs withExact() {
        return withTrim(trim().withExact());
    }

    /**
     * Returns these options with {@code LIMIT count} on the trim.
     *
     * @throws IllegalStateException if there is no trim
     */
    public XAddArgs withLimit(long count) {
        return withTrim(trim().withLimit(count));
    }

    private XTrimArgs trim() {
        if (trim == null) {
            throw new IllegalStateException("no MAXLEN or MINID to qualify");
        }
        return trim;
    }

    /** Returns these options with {@code id} as the new entry's ID. */
    public XAddArgs withId(StreamId id) {
        return new XAddArgs(nomkstream, trim, Objects.requireNonNull(id, "id").toString());
    }

    /** Returns these options with {@code <milliseconds>-*} as the ID: these milliseconds, the next sequence (Redis 7.0). */
    public XAddArgs withAutoSequence(long milliseconds) {
        return new XAddArgs(nomkstream, trim, Long.toUnsignedString(milliseconds) + "-*");
    }

    /** Returns these options with {@code *} as the ID, the default. */
    public XAddArgs withAutoId() {
        return new XAddArgs(nomkstream, trim, "*");
    }

    /** Returns the tokens in command-line order (after the key, before the fields): {@code NOMKSTREAM}, trim, ID. */
    public List<String> tokens() {
        List<String> tokens = new ArrayList<>(7);
        if (nomkstream) {
            tokens.add("NOMKSTREAM");
        }
        if (trim != null) {
            tokens.addAll(trim.tokens());
        }
        tokens.add(id);
        return List.copyOf(tokens);
    }

    @Override
    public String toString() {
        return String.join(" ", tokens());
    }
}
