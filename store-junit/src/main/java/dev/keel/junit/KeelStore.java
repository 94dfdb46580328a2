package dev.keel.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a JUnit Jupiter test a fresh {@link dev.keel.Store}: on a test class it registers
 * {@link KeelExtension} and configures it; on a field of type {@link dev.keel.Store} or
 * {@code Commands<String, String>} it asks for the store to be injected there. Test methods,
 * constructors and lifecycle methods receive the same store by declaring a parameter of either type.
 *
 * {@snippet :
 * @KeelStore
 * class SessionTest {
 *     @KeelStore
 *     Store store;                                      // a fresh store for every test, closed after it
 *
 *     @Test
 *     void set_thenGet_returnsValue(Commands<String, String> redis) {   // the same store's commands
 *         redis.set("session:42", "ada");
 *         assertEquals("ada", store.commands().get("session:42"));
 *     }
 * }
 * }
 *
 * <p>(The example is compiled and run as {@code ExampleTest} in this module's tests.)
 *
 * <p><b>Lifecycle.</b> By default each test gets its own store, opened when first needed and closed
 * after the test's {@code @AfterEach} methods. With {@link #perClass() perClass = true}, or when a
 * {@code static} field carries this annotation, the test class shares one store: it is flushed with
 * FLUSHALL after each test and closed after the class's {@code @AfterAll} methods.
 *
 * <p><b>Options</b> are read from this annotation on the test class (or an enclosing class of a
 * {@code @Nested} one), or else from the first annotated field; an annotation on a parameter only
 * registers the extension.
 *
 * <p><b>Real Redis.</b> With {@link #redis()} set, or with the JUnit configuration parameter or
 * system property {@value KeelExtension#REDIS_PROPERTY}, or the environment variable
 * {@value KeelExtension#REDIS_ENVIRONMENT}, the store is a client of that server
 * ({@code dev.keel:store-redis} must be on the test class path), so one test class runs against
 * Keel and Redis alike. <b>The server is flushed with FLUSHALL before each test:</b> never point it
 * at a server holding data you want to keep.
 *
 * <p><b>Thread safety:</b> an annotation; the stores it gives are safe for concurrent use.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.PARAMETER})
@ExtendWith(KeelExtension.class)
public @interface KeelStore {

    /** Shares one store across the test class, flushed after each test; false gives each test its own. */
    boolean perClass() default false;

    /**
     * Opens the in-memory store with {@link dev.keel.Thresholds#scalableAlways()}, so every value
     * takes its scalable encoding from its first element; false keeps {@link dev.keel.Thresholds#defaults()}.
     * Ignored on a real Redis.
     */
    boolean scalable() default false;

    /**
     * A Redis URI such as {@code redis://127.0.0.1:6379} to run against instead of an in-memory
     * store; empty (the default) defers to {@value KeelExtension#REDIS_PROPERTY}, then to an
     * in-memory store.
     */
    String redis() default "";
}
