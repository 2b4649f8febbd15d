package nl.ggk.hub.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import nl.ggk.hub.testsupport.HubTestSupport;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * A hub that has run out of memory does not pretend to be healthy: /observe/health names the memory check, UP while
 * the heap has room, and DOWN (503) from the moment an OutOfMemoryError was seen, until the hub is restarted. The error
 * is thrown where the issue saw it: in a handler on the HTTP server's event loop, which Vert.x only logs.
 */
// an OutOfMemoryError is noted JVM-wide and stays: this class has a JVM of its own (pom: execution own-jvm)
@Tag("own-jvm")
class MemoryHealthTest extends HubTestSupport {

    @Test
    void theMemoryCheckIsUpWhileTheHeapHasRoomAndDownOnceTheHubRanOutOfMemory() {
        JsonNode before = memoryCheck();
        assertThat(before.get("status").asText()).isEqualTo("UP");
        assertThat(before.get("message").asText()).contains("after the last garbage collection");

        VertxPlatformHttpRouter router = context.getRegistry().findByType(VertxPlatformHttpRouter.class).iterator()
                .next();
        router.vertx().runOnContext(v -> {
            throw new OutOfMemoryError("Java heap space (thrown by the test)");
        });

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode memory = memoryCheck();
            assertThat(memory.get("status").asText()).isEqualTo("DOWN");
            assertThat(memory.get("message").asText()).contains("OutOfMemoryError").contains("restart");
        });
        assertThat(json(managementGet("/observe/health")).get("status").asText()).isEqualTo("DOWN");
    }

    private JsonNode memoryCheck() {
        for (JsonNode check : json(managementGet("/observe/health")).get("checks")) {
            if (check.get("name").asText().equals("memory")) {
                return check;
            }
        }
        throw new AssertionError("no memory check in " + managementGet("/observe/health"));
    }
}
