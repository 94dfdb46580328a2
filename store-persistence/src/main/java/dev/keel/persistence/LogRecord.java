package dev.keel.persistence;

/**
 * One record read back from a log file: a command line and the millisecond it took effect.
 *
 * @param offset the record's offset in its file
 * @param length the record's length on disk, frame included
 * @param at the millisecond the command took effect (epoch)
 * @param argv the command line, its name first
 */
public record LogRecord(long offset, int length, long at, byte[][] argv) {
}
