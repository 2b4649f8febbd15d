package nl.ggk.hub.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Tag;

/**
 * The memory check on its own (its JVM is this test class's alone: an OutOfMemoryError is noted JVM-wide and stays).
 * First the heap threshold, then a thread that dies of an OutOfMemoryError.
 */
// an OutOfMemoryError is noted JVM-wide and stays: this class has a JVM of its own (pom: execution own-jvm)
@Tag("own-jvm")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemoryHealthCheckTest {

    @Test
    @Order(1)
    void aHeapFullerThanTheThresholdAfterACollectionIsDown() {
        MemoryHealth strict = check(1);
        MemoryHealth lenient = check(100);
        // 2% of the heap live, and a collection that finds it there
        int megabytes = (int) (Runtime.getRuntime().maxMemory() / 50 >> 20) + 1;
        byte[][] live = new byte[megabytes][1 << 20];
        System.gc();

        HealthCheck.Result down = strict.call();
        assertThat(live).hasNumberOfRows(megabytes);
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(down.getMessage()).get().asString().contains("after the last garbage collection")
                .contains("at most 1%");
        assertThat(lenient.call().getState()).isEqualTo(HealthCheck.State.UP);
    }

    @Test
    @Order(2)
    void aThreadThatDiesOfOutOfMemoryMakesTheCheckDownForGood() throws InterruptedException {
        MemoryHealth memory = check(100);
        assertThat(memory.call().getState()).isEqualTo(HealthCheck.State.UP);

        Thread dying = new Thread(() -> {
            throw new OutOfMemoryError("Java heap space (thrown by the test)");
        }, "dies-of-oom");
        dying.start();
        dying.join();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            HealthCheck.Result result = memory.call();
            assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(result.getMessage()).get().asString().contains("OutOfMemoryError");
        });
        assertThat(check(100).call().getState()).as("a new check sees it too").isEqualTo(HealthCheck.State.DOWN);
    }

    private static MemoryHealth check(int maxUsedPercent) {
        MemoryHealth check = new MemoryHealth(maxUsedPercent);
        check.setCamelContext(new DefaultCamelContext());
        return check;
    }
}
