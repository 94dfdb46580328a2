package dev.keel.engine;

/**
 * Receives command lines, one at a time: those that rebuild a store's keys (a log rewrite, an
 * export to Redis).
 *
 * <p><b>Thread safety:</b> called by one thread at a time per use.
 */
@FunctionalInterface
public interface CommandSink {

    /** Takes one command line; the arrays are the sink's to keep. */
    void accept(byte[][] argv);
}
