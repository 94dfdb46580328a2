package dev.keel.conformance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import junit.framework.TestCase;
import junit.framework.TestResult;
import junit.framework.TestSuite;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs a Guava testlib suite (a JUnit 3 test tree) as JUnit 5 dynamic tests: each suite becomes a
 * dynamic container, each leaf a dynamic test run through a {@link TestResult}. Leaves named in
 * {@code suppressed} (by test method name) are left out; each suppression must say why where it
 * is declared.
 */
final class GuavaSuites {
    private GuavaSuites() {
    }

    /** Turns a JUnit 3 test tree into dynamic nodes, leaving out the test methods in {@code suppressed}. */
    static DynamicNode dynamic(junit.framework.Test test, Set<String> suppressed) {
        if (test instanceof TestSuite suite) {
            List<DynamicNode> children = new ArrayList<>();
            for (junit.framework.Test child : Collections.list(suite.tests())) {
                if (!(child instanceof TestCase leaf && suppressed.contains(leaf.getName()))) {
                    children.add(dynamic(child, suppressed));
                }
            }
            return DynamicContainer.dynamicContainer(suite.getName() == null ? suite.toString() : suite.getName(), children);
        }
        return DynamicTest.dynamicTest(test.toString(), () -> run(test));
    }

    /** Runs one JUnit 3 test, rethrowing its first failure or error. */
    private static void run(junit.framework.Test test) throws Throwable {
        TestResult result = new TestResult();
        test.run(result);
        if (result.errorCount() > 0) {
            throw result.errors().nextElement().thrownException();
        }
        if (result.failureCount() > 0) {
            throw result.failures().nextElement().thrownException();
        }
    }

    /** Returns the test method names of a suppression table (test name to reason). */
    static Set<String> names(Map<String, String> suppressions) {
        return suppressions.keySet();
    }
}
