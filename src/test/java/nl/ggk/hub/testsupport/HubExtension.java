package nl.ggk.hub.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * Gives each {@link HubTestSupport} class a started hub: one shared by every class of the same settings (its
 * profile: what {@link HubTestSupport#useOverridePropertiesWithPropertiesComponent()} returns) that runs in this
 * JVM, or one of its own for a class marked {@link OwnHub}. Booting a hub costs seconds of CPU; most classes only
 * need the default settings, and their tests work on deliveries of their own.
 *
 * <p>{@code -Dggk.test.hub-per-class=true} gives every class a hub of its own, as before hubs were shared.
 *
 * <p>The shared hubs stay up until the JVM ends; at most {@value #SHARED_KEPT} at a time (the least recently used
 * one beyond that is stopped), so that a class with settings of its own does not keep a hub running for nothing.
 */
public final class HubExtension implements TestInstancePostProcessor {

    static final int SHARED_KEPT = 3;
    /** {@code -Dggk.test.hub-per-class=true}: every class a hub of its own, to tell whether sharing is why a test fails. */
    private static final boolean HUB_PER_CLASS = Boolean.getBoolean("ggk.test.hub-per-class");

    /** profile → started hub, least recently used first. */
    private static final LinkedHashMap<String, TestHub> SHARED = new LinkedHashMap<>(8, 0.75f, true);
    private static boolean shutdownHookAdded;

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
        HubTestSupport test = (HubTestSupport) testInstance;
        Properties settings = test.useOverridePropertiesWithPropertiesComponent();
        Class<?> testClass = context.getRequiredTestClass();
        TestHub hub;
        if (HUB_PER_CLASS || testClass.isAnnotationPresent(OwnHub.class)) {
            hub = TestHub.start("own hub of " + testClass.getSimpleName(), settings);
            // closed when the class is done (JUnit closes the class's store then)
            context.getStore(ExtensionContext.Namespace.create(HubExtension.class, testClass))
                    .put("hub", (ExtensionContext.Store.CloseableResource) hub::close);
        } else {
            hub = shared(profile(settings), settings);
        }
        test.attach(hub);
    }

    private static synchronized TestHub shared(String profile, Properties settings) {
        TestHub hub = SHARED.get(profile);
        if (hub != null) {
            return hub;
        }
        List<TestHub> evicted = new ArrayList<>();
        while (SHARED.size() >= SHARED_KEPT) {
            Map.Entry<String, TestHub> eldest = SHARED.entrySet().iterator().next();
            evicted.add(eldest.getValue());
            SHARED.remove(eldest.getKey());
        }
        evicted.forEach(TestHub::close);
        if (!shutdownHookAdded) {
            Runtime.getRuntime().addShutdownHook(new Thread(HubExtension::closeShared, "test-hubs-stop"));
            shutdownHookAdded = true;
        }
        hub = TestHub.start(profile, settings);
        SHARED.put(profile, hub);
        return hub;
    }

    private static void closeShared() {
        List<TestHub> hubs;
        synchronized (HubExtension.class) {
            hubs = new ArrayList<>(SHARED.values());
            SHARED.clear();
        }
        hubs.forEach(TestHub::close);
    }

    /** The settings in a stable order: two classes with the same settings get the same hub. */
    static String profile(Properties settings) {
        Map<String, String> sorted = new TreeMap<>();
        settings.stringPropertyNames().forEach(key -> sorted.put(key, settings.getProperty(key)));
        return "shared hub " + sorted;
    }
}
