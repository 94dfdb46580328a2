package dev.keel;

/**
 * One consumer of a group, as {@code XINFO CONSUMERS key group} answers.
 *
 * @param name the consumer's name
 * @param pending how many entries it holds delivered and not yet acknowledged
 * @param idleMillis milliseconds since its last attempted interaction (XREADGROUP, XCLAIM,
 *     XAUTOCLAIM); before Redis 7.2, since its last successful one
 * @param inactiveMillis milliseconds since its last successful interaction (one that read or
 *     claimed entries; -1 if none yet), Redis 7.2; {@code null} from an older server
 * @param <K> the name type
 */
public record StreamConsumerInfo<K>(K name, long pending, long idleMillis, Long inactiveMillis) {
}
