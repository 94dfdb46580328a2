package dev.keel.junit;

import dev.keel.Commands;
import dev.keel.Keel;
import dev.keel.Store;
import dev.keel.Thresholds;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * The JUnit Jupiter extension behind {@link KeelStore}: opens a {@link Store} for each test (or
 * each test class), injects it into parameters of type {@link Store} or
 * {@code Commands<String, String>} and into fields annotated {@link KeelStore}, and flushes and
 * closes it afterwards. Register it with {@code @KeelStore} on the class (which also configures it)
 * or with {@code @ExtendWith(KeelExtension.class)} for the defaults.
 *
 * {@snippet :
 * @ExtendWith(KeelExtension.class)
 * class QueueTest {
 *     @Test
 *     void rpush_thenLpop_returnsFirst(Store store) {   // fresh, and closed after the test
 *         store.commands().rpush("jobs", "a", "b");
 *         assertEquals("a", store.commands().lpop("jobs"));
 *     }
 * }
 * }
 *
 * <p>(The example is compiled and run as {@code ExtendWithExampleTest} in this module's tests.)
 *
 * <p>A per-test store cannot be injected where no test is running yet (a static {@code @BeforeAll}
 * method, or the constructor of a {@code @TestInstance(PER_CLASS)} class): that is a
 * {@link ParameterResolutionException} asking for {@code perClass = true}.
 *
 * <p><b>Thread safety:</b> safe for concurrent use; its state lives in JUnit's extension context
 * stores, so test classes may run in parallel (but on a real Redis they share one server, and
 * flush it).
 */
public final class KeelExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback, ParameterResolver {

    /** The JUnit configuration parameter or system property naming a Redis URI to run against. */
    public static final String REDIS_PROPERTY = "keel.test.redis";

    /** The environment variable naming a Redis URI to run against, read when the property is not set. */
    public static final String REDIS_ENVIRONMENT = "KEEL_TEST_REDIS";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeelExtension.class);
    private static final String STORE = "store";

    /** Creates the extension; JUnit calls this for {@code @KeelStore} and {@code @ExtendWith}. */
    public KeelExtension() {
    }

    /** What one test class asked for. */
    private record Options(boolean perClass, boolean scalable, String redis) {
    }

    // ---------------------------------------------------------------- callbacks

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!options(context).perClass()) {
            return;
        }
        for (Field field : annotatedFields(context.getRequiredTestClass())) {
            if (Modifier.isStatic(field.getModifiers())) {
                inject(field, null, store(context));
            }
        }
        context.getTestInstance().ifPresent(instance -> injectInstanceFields(instance, store(context)));  // PER_CLASS
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Options options = options(context);
        if (options.perClass() && options.redis() != null) {
            store(context).commands().flushall();                // a shared server: start each test empty
        }
        boolean wanted = context.getRequiredTestInstances().getAllInstances().stream()
                .anyMatch(instance -> instanceFields(instance.getClass()).findAny().isPresent());
        if (wanted) {
            Store store = store(context);
            context.getRequiredTestInstances().getAllInstances().forEach(instance -> injectInstanceFields(instance, store));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (options(context).perClass()) {
            Store shared = classContext(context).getStore(NAMESPACE).get(STORE, Store.class);
            if (shared != null && !shared.isClosed()) {
                shared.commands().flushall();
            }
        }
        close(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close(context);
    }

    private static void close(ExtensionContext context) {
        Store store = context.getStore(NAMESPACE).remove(STORE, Store.class);
        if (store != null) {
            store.close();
        }
    }

    // ---------------------------------------------------------------- parameters

    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;                   // constructors see the test's own context
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return isStoreOrCommands(parameter.getParameter().getParameterizedType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (!options(context).perClass() && context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("@KeelStore gives each test its own store, and no test is running in "
                    + parameter.getDeclaringExecutable() + ": use @KeelStore(perClass = true) to share one across the class");
        }
        Store store = store(context);
        return parameter.getParameter().getType() == Store.class ? store : store.commands();
    }

    // ---------------------------------------------------------------- the store

    /**
     * Returns the store of the test or class that {@code context} belongs to, opening it on first
     * use; a store on Redis is flushed when opened.
     */
    private static Store store(ExtensionContext context) {
        Options options = options(context);
        ExtensionContext owner = options.perClass() ? classContext(context) : context;
        return owner.getStore(NAMESPACE).computeIfAbsent(STORE, key -> open(options), Store.class);
    }

    private static Store open(Options options) {
        if (options.redis() != null) {
            Store store = Keel.redis(options.redis());
            store.commands().flushall();
            return store;
        }
        return Keel.builder()
                .thresholds(options.scalable() ? Thresholds.scalableAlways() : Thresholds.defaults())
                .open();
    }

    /** Returns the context of the innermost test class around {@code context}. */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    private static Options options(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        KeelStore annotation = null;
        for (Class<?> type = testClass; type != null && annotation == null; type = type.getEnclosingClass()) {
            annotation = AnnotationSupport.findAnnotation(type, KeelStore.class).orElse(null);
        }
        List<Field> fields = annotatedFields(testClass);
        if (annotation == null && !fields.isEmpty()) {
            annotation = fields.getFirst().getAnnotation(KeelStore.class);
        }
        boolean staticField = fields.stream().anyMatch(field -> Modifier.isStatic(field.getModifiers()));
        String redis = annotation != null && !annotation.redis().isBlank() ? annotation.redis()
                : context.getConfigurationParameter(REDIS_PROPERTY)
                        .or(() -> Optional.ofNullable(System.getenv(REDIS_ENVIRONMENT)))
                        .filter(uri -> !uri.isBlank())
                        .orElse(null);
        return new Options(staticField || (annotation != null && annotation.perClass()),
                annotation != null && annotation.scalable(), redis);
    }

    // ---------------------------------------------------------------- fields

    private static List<Field> annotatedFields(Class<?> testClass) {
        List<Field> fields = AnnotationSupport.findAnnotatedFields(testClass, KeelStore.class,
                field -> true, HierarchyTraversalMode.TOP_DOWN);
        for (Field field : fields) {
            if (!isStoreOrCommands(field.getGenericType())) {
                throw new ExtensionConfigurationException("@KeelStore field " + field.getDeclaringClass().getSimpleName()
                        + "." + field.getName() + " must be a dev.keel.Store or a Commands<String, String>");
            }
            if (Modifier.isFinal(field.getModifiers())) {
                throw new ExtensionConfigurationException("@KeelStore field " + field.getDeclaringClass().getSimpleName()
                        + "." + field.getName() + " must not be final");
            }
        }
        return fields;
    }

    private static java.util.stream.Stream<Field> instanceFields(Class<?> testClass) {
        return annotatedFields(testClass).stream().filter(field -> !Modifier.isStatic(field.getModifiers()));
    }

    private static void injectInstanceFields(Object instance, Store store) {
        instanceFields(instance.getClass()).forEach(field -> inject(field, instance, store));
    }

    private static void inject(Field field, Object instance, Store store) {
        try {
            field.setAccessible(true);
            field.set(instance, field.getType() == Store.class ? store : store.commands());
        } catch (IllegalAccessException | RuntimeException e) {
            throw new ExtensionConfigurationException("could not inject the Keel store into "
                    + field.getDeclaringClass().getSimpleName() + "." + field.getName(), e);
        }
    }

    private static boolean isStoreOrCommands(Type type) {
        if (type == Store.class) {
            return true;
        }
        return type instanceof ParameterizedType parameterized
                && parameterized.getRawType() == Commands.class
                && Arrays.equals(parameterized.getActualTypeArguments(), new Type[] {String.class, String.class});
    }
}
