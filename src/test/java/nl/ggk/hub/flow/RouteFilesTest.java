package nl.ggk.hub.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

/**
 * Every file in {@code routes/} parses as Camel YAML DSL, and every route and producing step has an id of
 * its own: a broken route file fails the build here, not at the first start of the hub.
 */
class RouteFilesTest {

    private static final Path ROUTES = Path.of("routes");

    @Test
    void everyRouteFileParsesAndEveryRouteAndSendingStepHasAStableId() throws Exception {
        List<Path> files = routeFiles();
        assertThat(files).isNotEmpty();
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            // the hub's settings: a REST verb's placeholders (consumes: {{ggk.intake.media-types}}) resolve on loading
            context.getPropertiesComponent().setLocation("file:config/application.properties");
            for (Path file : files) {
                PluginHelper.getRoutesLoader(context)
                        .loadRoutes(ResourceHelper.resolveResource(context, "file:" + file.toAbsolutePath()));
            }
            List<RouteDefinition> routes = context.getCamelContextExtension().getContextPlugin(ModelCamelContext.class)
                    .getRouteDefinitions();
            assertThat(routes).isNotEmpty();
            for (RouteDefinition route : routes) {
                assertThat(route.hasCustomIdAssigned()).as("route from %s has an id", route.getInput()).isTrue();
                for (ProcessorDefinition<?> step : sendingSteps(route.getOutputs())) {
                    assertThat(step.hasCustomIdAssigned()).as("%s in route %s has an id", step, route.getId())
                            .isTrue();
                }
            }
        }
    }

    private static List<ProcessorDefinition<?>> sendingSteps(List<ProcessorDefinition<?>> outputs) {
        return outputs.stream().<ProcessorDefinition<?>>flatMap(step -> Stream.concat(
                        Stream.of(step).filter(s -> s instanceof org.apache.camel.model.SendDefinition<?>
                                || s instanceof org.apache.camel.model.ToDynamicDefinition
                                || s instanceof org.apache.camel.model.BeanDefinition),
                        sendingSteps(step.getOutputs()).stream()))
                .toList();
    }

    private static List<Path> routeFiles() throws IOException {
        try (Stream<Path> files = Files.list(ROUTES)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        }
    }
}
