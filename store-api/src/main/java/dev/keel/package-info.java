/**
 * Keel's public API: {@link dev.keel.Keel} opens a {@link dev.keel.Store}; its
 * {@link dev.keel.Commands} are Redis's commands as Java methods.
 */
package dev.keel;
