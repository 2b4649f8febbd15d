package nl.ggk.hub.testsupport;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Order;

/**
 * The order of the test classes in a JVM (junit-platform.properties): first those with an {@link Order} (the long
 * classes that run beside the others), then the classes without a hub, then the classes on the shared hub of the
 * default settings one after the other, then the rest by name. Classes of one profile follow each other, so that
 * {@link HubExtension} starts each shared hub once instead of again after it was stopped to make room.
 */
public final class HubClassOrder implements ClassOrderer {

    @Override
    public void orderClasses(org.junit.jupiter.api.ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator
                .comparingInt((ClassDescriptor c) -> c.findAnnotation(Order.class).map(Order::value)
                        .orElse(Order.DEFAULT))
                .thenComparingInt(c -> group(c.getTestClass()))
                .thenComparing(c -> c.getTestClass().getName()));
    }

    /** 0: no hub; 1: the shared hub of the default settings; 2: settings of its own or a hub of its own. */
    private static int group(Class<?> test) {
        if (!HubTestSupport.class.isAssignableFrom(test)) {
            return 0;
        }
        if (test.isAnnotationPresent(OwnHub.class)) {
            return 2;
        }
        for (Class<?> c = test; c != HubTestSupport.class; c = c.getSuperclass()) {
            try {
                c.getDeclaredMethod("useOverridePropertiesWithPropertiesComponent");
                return 2;
            } catch (NoSuchMethodException e) {
                // not here: its superclass
            }
        }
        return 1;
    }
}
