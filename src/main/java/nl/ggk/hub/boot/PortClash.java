package nl.ggk.hub.boot;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Turns "Address already in use" at start-up into which port is taken and which setting moves it. */
public final class PortClash {

    private record Port(String setting, String environment, String hostSetting, String portSetting) {
    }

    private static final List<Port> PORTS = List.of(
            new Port("camel.server.port", "GGK_HTTP_PORT", "camel.server.host", "camel.server.port"),
            new Port("camel.management.port", "GGK_MANAGEMENT_PORT", "camel.management.host", "camel.management.port"));

    private PortClash() {
    }

    /**
     * Before the HTTP servers start: a taken port would only be logged by Vert.x while the hub ran on without its
     * API, so the start is refused with the setting to change.
     */
    public static Optional<String> checkBeforeStart(Function<String, Optional<String>> setting) {
        List<String> taken = takenPorts(setting);
        return taken.isEmpty() ? Optional.empty() : Optional.of("ggk-hub could not start: " + String.join("; ", taken));
    }

    private static List<String> takenPorts(Function<String, Optional<String>> setting) {
        List<String> taken = new ArrayList<>();
        for (Port port : PORTS) {
            String host = setting.apply(port.hostSetting()).orElse("127.0.0.1");
            Optional<Integer> number = setting.apply(port.portSetting()).flatMap(PortClash::number);
            if (number.isPresent() && number.get() > 0 && inUse(host, number.get())) {
                taken.add("port " + number.get() + " on " + host + " is already in use: set " + port.environment()
                        + " (" + port.setting() + ") to a free port, or stop the program that holds it");
            }
        }
        return taken;
    }

    /** The advice for a start-up failure caused by a port in use, or empty when that was not the cause. */
    public static Optional<String> explain(Throwable failure, Function<String, Optional<String>> setting) {
        if (!causedByBind(failure)) {
            return Optional.empty();
        }
        List<String> taken = takenPorts(setting);
        String transport = setting.apply("ggk.broker.embedded.transport").orElse("");
        if (messages(failure).contains(transport) && !transport.isBlank()) {
            taken.add("the embedded broker cannot listen on " + transport + ": set GGK_BROKER_TRANSPORT"
                    + " (ggk.broker.embedded.transport) to a free address, or empty for in-JVM only");
        }
        if (taken.isEmpty()) {
            taken.add("an address is already in use: change GGK_HTTP_PORT, GGK_MANAGEMENT_PORT or"
                    + " GGK_BROKER_TRANSPORT, or stop the other program (another ggk-hub?)");
        }
        return Optional.of("ggk-hub could not start: " + String.join("; ", taken));
    }

    private static boolean causedByBind(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BindException
                    || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
                return true;
            }
        }
        return false;
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static Optional<Integer> number(String value) {
        try {
            return Optional.of(Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean inUse(String host, int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(host))) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
