package dev.keel.redis;

import dev.keel.Reply;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.CommandOutput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Builds a {@link Reply} tree from what Lettuce decodes off the wire, keeping the distinctions a
 * typed output would lose: nil or empty, integer or text, nesting. (Simple strings arrive as bulk
 * strings; see {@link SimpleStringReplies}.)
 *
 * <p><b>Thread safety:</b> not thread safe; one per command.
 */
final class ReplyOutput extends CommandOutput<byte[], byte[], Reply> {

    /** An array being filled: its elements so far and how many it will have. */
    private record Frame(List<Reply> items, int expected) {
    }

    private final Deque<Frame> frames = new ArrayDeque<>();

    ReplyOutput() {
        super(ByteArrayCodec.INSTANCE, null);
    }

    private void add(Reply reply) {
        Reply value = reply;
        while (true) {
            Frame top = frames.peek();
            if (top == null) {
                output = value;
                return;
            }
            top.items().add(value);
            if (top.items().size() < top.expected()) {
                return;
            }
            frames.pop();
            value = Reply.array(top.items());
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** An error inside an array (EXEC's replies) is an item of it; only a whole reply's error fails the command. */
    @Override
    public void setError(ByteBuffer error) {
        if (frames.isEmpty()) {
            super.setError(error);
        } else {
            add(Reply.error(StandardCharsets.UTF_8.decode(error).toString()));
        }
    }

    @Override
    public void set(ByteBuffer bytes) {
        add(bytes == null ? Reply.NIL : new Reply.Bulk(bytes(bytes)));
    }

    @Override
    public void setSingle(ByteBuffer bytes) {
        add(bytes == null ? Reply.NIL : new Reply.Status(new String(bytes(bytes), StandardCharsets.UTF_8)));
    }

    @Override
    public void setBigNumber(ByteBuffer bytes) {
        set(bytes);
    }

    @Override
    public void set(long integer) {
        add(Reply.integer(integer));
    }

    @Override
    public void set(double number) {
        add(new Reply.Dbl(number));
    }

    @Override
    public void set(boolean value) {
        add(Reply.integer(value ? 1 : 0));
    }

    @Override
    public void multi(int count) {
        if (count < 0) {
            add(Reply.NIL);
        } else if (count == 0) {
            add(Reply.array(List.of()));
        } else {
            frames.push(new Frame(new ArrayList<>(count), count));
        }
    }

    @Override
    public void multiArray(int count) {
        multi(count);
    }

    @Override
    public void multiSet(int count) {
        multi(count);
    }

    @Override
    public void multiPush(int count) {
        multi(count);
    }

    @Override
    public void multiMap(int count) {
        multi(count < 0 ? count : count * 2);
    }
}
