package dev.keel;

/**
 * When the append-only log forces what it wrote to disk: Redis's {@code appendfsync}. Every
 * policy writes each record to the operating system at once (within a millisecond or so), so a
 * crash of the JVM alone — {@code kill -9}, an {@code OutOfMemoryError} — loses nothing
 * acknowledged; the policies differ on a crash of the machine or a power failure.
 *
 * <p><b>Thread safety:</b> immutable.
 */
public enum FsyncPolicy {

    /**
     * A write command returns only once its record is on disk ({@code fsync}ed). Nothing
     * acknowledged is ever lost, even on power failure. Concurrent writers share one fsync (group
     * commit), so throughput grows with the number of writers while each write waits for a disk
     * flush: on most disks tens to hundreds of microseconds, on some milliseconds.
     */
    ALWAYS,

    /**
     * The log is fsynced in the background about once a second. On a power failure or machine
     * crash, up to about one second (at most two) of acknowledged writes can be lost. Writes do
     * not wait for the disk. Redis's default, and Keel's.
     */
    EVERYSEC,

    /**
     * Keel never fsyncs; the operating system writes the log out when it chooses (on Linux
     * typically within 30 seconds). On a power failure or machine crash, that much acknowledged
     * data or more can be lost. The fastest.
     */
    NO
}
