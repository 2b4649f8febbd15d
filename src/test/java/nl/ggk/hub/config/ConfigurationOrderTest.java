package nl.ggk.hub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import org.junit.jupiter.api.Test;

/**
 * The beans of the configuration classes are made in an order that does not depend on the JVM. Camel binds a
 * class's {@code @BindToRegistry} methods sorted in two steps: by parameter count, then the methods whose
 * parameters take another with-parameters bean of the same class after those that do not. Among the latter it keeps
 * the order of {@code Class.getDeclaredMethods()}, which the JVM does not specify (a class-data-sharing archive
 * changes it): so a bean of that second group must not need another bean of that group. Across classes, a bean
 * may only need the beans of the classes before its own ({@link HubConfigurations#IN_ORDER}).
 */
class ConfigurationOrderTest {

    @Test
    void noBeanNeedsABeanWhoseOrderTheJvmDecides() {
        List<String> fragile = new ArrayList<>();
        for (Class<? extends CamelConfiguration> type : HubConfigurations.IN_ORDER) {
            List<Method> beans = beans(type);
            List<Method> dependent = beans.stream().filter(m -> needsAny(m, withParameters(beans))).toList();
            for (Method method : dependent) {
                for (Method other : dependent) {
                    if (other != method && needs(method, other)) {
                        fragile.add(type.getSimpleName() + "." + method.getName() + " needs " + other.getName());
                    }
                }
            }
        }
        assertThat(fragile).as("beans that need a bean of the same class which itself needs one of that class")
                .isEmpty();
    }

    @Test
    void noBeanNeedsABeanOfALaterClass() {
        List<String> late = new ArrayList<>();
        List<Class<? extends CamelConfiguration>> order = HubConfigurations.IN_ORDER;
        for (int i = 0; i < order.size(); i++) {
            for (Method method : beans(order.get(i))) {
                for (int j = i + 1; j < order.size(); j++) {
                    for (Method later : beans(order.get(j))) {
                        if (needs(method, later)) {
                            late.add(order.get(i).getSimpleName() + "." + method.getName() + " needs "
                                    + order.get(j).getSimpleName() + "." + later.getName());
                        }
                    }
                }
            }
        }
        assertThat(late).isEmpty();
    }

    private static List<Method> beans(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(BindToRegistry.class) && !Modifier.isStatic(m.getModifiers()))
                .toList();
    }

    private static List<Method> withParameters(List<Method> beans) {
        return beans.stream().filter(m -> m.getParameterCount() > 0).toList();
    }

    private static boolean needsAny(Method method, List<Method> providers) {
        return providers.stream().anyMatch(p -> p != method && needs(method, p));
    }

    /** As Camel decides it: a parameter (not a property) whose type the provider's return type is. */
    private static boolean needs(Method method, Method provider) {
        if (provider.getParameterCount() == 0 && provider.getDeclaringClass() == method.getDeclaringClass()) {
            return false; // Camel binds the beans without parameters first
        }
        for (Parameter parameter : method.getParameters()) {
            if (!parameter.isAnnotationPresent(PropertyInject.class)
                    && parameter.getType().isAssignableFrom(provider.getReturnType())
                    && parameter.getType() != Object.class) {
                return true;
            }
        }
        return false;
    }
}
