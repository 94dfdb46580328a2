package dev.keel.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Thresholds;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The long run of {@link CommandFuzzer} (about a minute): more seeds and commands per
 * configuration than {@link CommandFuzzTest}, stores with a memory limit (so writes are refused
 * with OOM), and several threads fuzzing one store at once, blocked commands served by the
 * others' pushes, until the store is closed under them.
 */
class CommandFuzzIT {
    private static final int COMMANDS = 50_000;
    private static final int CONCURRENT_COMMANDS = 30_000;

    static Stream<Arguments> configs() {
        List<CommandFuzzer.Config> configs = new java.util.ArrayList<>(CommandFuzzer.standardConfigs());
        configs.add(new CommandFuzzer.Config("defaults", Thresholds.defaults(), 4, 600_000));
        configs.add(new CommandFuzzer.Config("thresholds 64", Thresholds.defaults().withListMaxPackedBytes(64), 1, 300_000));
        return Stream.of(0, 1).flatMap(round -> configs.stream()
                .map(config -> Arguments.of(config, 2_000L + 100L * round + configs.indexOf(config))));
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("configs")
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void randomCommandLines_answerWellFormedRepliesAndErrorsChangeNothing(CommandFuzzer.Config config, long seed) {
        CommandFuzzer.Result result = new CommandFuzzer(config, CommandFuzzer.seed(seed)).run(CommandFuzzer.commandCount(COMMANDS));
        System.out.println("fuzz " + config + ", seed " + seed + ": " + result);
        assertTrue(result.commands() > 0);
    }

    static Stream<Arguments> concurrentConfigs() {
        return CommandFuzzer.standardConfigs().stream()
                .map(config -> Arguments.of(config, 3_000L + CommandFuzzer.standardConfigs().indexOf(config)));
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("concurrentConfigs")
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void randomCommandLinesFromFourThreads_answerWellFormedRepliesAndEndWithIllegalStateOnClose(CommandFuzzer.Config config, long seed)
            throws InterruptedException {
        CommandFuzzer.Result result = CommandFuzzer.runConcurrently(config, CommandFuzzer.seed(seed), 4,
                CommandFuzzer.commandCount(CONCURRENT_COMMANDS));
        System.out.println("concurrent fuzz " + config + ", seed " + seed + ": " + result);
        assertTrue(result.commands() > 0);
    }
}
