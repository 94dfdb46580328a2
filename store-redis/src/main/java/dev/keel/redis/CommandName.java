package dev.keel.redis;

import io.lettuce.core.protocol.ProtocolKeyword;
import java.nio.charset.StandardCharsets;

/** A command name taken from a command line, as Lettuce wants it. */
record CommandName(byte[] bytes, String text) implements ProtocolKeyword {
    // toString() names the command for Lettuce; its deprecated name() defaults to it.

    static CommandName of(byte[] name) {
        return new CommandName(name, new String(name, StandardCharsets.UTF_8).toUpperCase(java.util.Locale.ROOT));
    }

    @Override
    public byte[] getBytes() {
        return bytes;
    }

    @Override
    public String toString() {
        return text;
    }
}
