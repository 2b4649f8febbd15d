package nl.ggk.hub.testsupport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.test.AvailablePortFinder;

/** Free TCP ports on loopback, each handed out once in this JVM (hubs of several test classes run side by side). */
public final class FreePorts {

    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    public static int next() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = AvailablePortFinder.getNextAvailable();
            if (GIVEN.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port found that was not handed out already");
    }
}
