package dev.keel.engine.stream;

import dev.keel.Reply;
import java.util.Arrays;
import java.util.List;

/**
 * The replies of the stream commands, built for the command tests to compare against.
 *
 * <p><b>Thread safety:</b> stateless; safe for concurrent use.
 */
final class ExpectedReplies {
    private ExpectedReplies() {
    }

    /** An entry as XRANGE, XREAD and XINFO give it: its ID and its fields and values. */
    static Reply entry(String id, String... fieldsAndValues) {
        return list(Reply.bulk(id), Reply.array(Arrays.stream(fieldsAndValues).<Reply>map(Reply::bulk).toList()));
    }

    /** An array reply of {@code items}. */
    static Reply list(Reply... items) {
        return Reply.array(List.of(items));
    }

    /** The reply of XREAD or XREADGROUP with one stream and its entries. */
    static Reply read(String key, Reply... entries) {
        return list(list(Reply.bulk(key), list(entries)));
    }

    /** XINFO's field {@code name} of the array reply {@code info}. */
    static Reply field(Reply info, String name) {
        List<Reply> items = ((Reply.Array) info).items();
        for (int i = 0; i < items.size(); i += 2) {
            if (items.get(i).equals(Reply.bulk(name))) {
                return items.get(i + 1);
            }
        }
        throw new AssertionError("no field " + name + " in " + info);
    }
}
