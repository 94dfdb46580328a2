package dev.keel.benchmarks;

import dev.keel.Codec;
import dev.keel.Commands;
import dev.keel.Keel;
import dev.keel.Store;
import java.nio.charset.StandardCharsets;

/**
 * Keel, in this JVM, through the typed commands a user would call: {@code store.commands()} with
 * String values, or {@code store.commands(Codec.bytes())} with byte-array keys and values.
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
abstract sealed class KeelPeer implements StorePeer {
    final Store store;

    private KeelPeer() {
        this.store = Keel.inMemory();
    }

    /** Returns a peer over {@code store.commands()}: UTF-8 String keys and values. */
    static KeelPeer utf8() {
        return new Utf8();
    }

    /** Returns a peer over {@code store.commands(Codec.bytes())}: keys encoded as UTF-8 per call. */
    static KeelPeer bytes() {
        return new Bytes();
    }

    @Override
    public void close() {
        store.close();
    }

    private static final class Utf8 extends KeelPeer {
        private final Commands<String, String> commands = store.commands();

        @Override
        public Object valueOf(byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public Object get(String key) {
            return commands.get(key);
        }

        @Override
        public void set(String key, Object value) {
            commands.set(key, (String) value);
        }
    }

    private static final class Bytes extends KeelPeer {
        private final Commands<byte[], byte[]> commands = store.commands(Codec.bytes());

        @Override
        public Object valueOf(byte[] bytes) {
            return bytes.clone();
        }

        @Override
        public Object get(String key) {
            return commands.get(key.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void set(String key, Object value) {
            commands.set(key.getBytes(StandardCharsets.UTF_8), (byte[]) value);
        }
    }
}
