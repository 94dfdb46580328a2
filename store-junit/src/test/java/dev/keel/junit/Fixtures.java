package dev.keel.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs a fixture class (a static nested test class, which Surefire does not pick up by itself)
 * through a launcher of its own, so a test can look at what happened after the fixture's class
 * finished.
 *
 * <p><b>Thread safety:</b> safe for concurrent use.
 */
final class Fixtures {
    private Fixtures() {
    }

    /**
     * Runs every test of {@code fixture} with the given configuration parameters; in memory unless
     * they name a Redis, whatever {@value KeelExtension#REDIS_PROPERTY} says for the outer run.
     */
    static TestExecutionSummary run(Class<?> fixture, Map<String, String> parameters) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(fixture))
                .configurationParameter(KeelExtension.REDIS_PROPERTY, "")   // in memory unless asked
                .configurationParameters(parameters)
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        return listener.getSummary();
    }

    /** Returns the failures of {@code summary} as text, for an assertion message. */
    static String failures(TestExecutionSummary summary) {
        StringBuilder text = new StringBuilder();
        summary.getFailures().forEach(failure -> text.append(failure.getTestIdentifier().getDisplayName())
                .append(": ").append(failure.getException()).append('\n'));
        return text.toString();
    }
}
