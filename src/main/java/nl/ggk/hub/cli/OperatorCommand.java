package nl.ggk.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code java -jar ggk-hub.jar dlq list|show|replay|discard ...} and {@code ... resend <delivery>}: the operator's
 * dead-letter work against a running hub, through its operator API (/api/v1/operator), logged in as an operator
 * (role ggk-beheerder). The hub is found as it was started: GGK_HTTP_HOST and GGK_HTTP_PORT (or --url); the user is
 * GGK_OPERATOR_USER (or --user, default ggk.beheerder), the password GGK_OPERATOR_PASSWORD or asked for on the
 * terminal. Exit 0 done, 1 the hub refused or found nothing, 2 usage error, 3 no hub answers.
 */
public final class OperatorCommand {

    static final int OK = 0;
    static final int REFUSED = 1;
    static final int USAGE = 2;
    static final int NO_HUB = 3;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USAGE_TEXT = """
            usage: java -jar ggk-hub.jar dlq list [QUEUE]
                   java -jar ggk-hub.jar dlq show QUEUE ID
                   java -jar ggk-hub.jar dlq replay QUEUE (ID | --all)
                   java -jar ggk-hub.jar dlq discard QUEUE ID --reason "why"
                   java -jar ggk-hub.jar resend DELIVERY
              QUEUE: the queue the message failed on, e.g. ggk.outbound.iwmo (its dead letters are in DLQ.QUEUE);
              ID: as `dlq list QUEUE` shows it. Options: --url http://host:port (default from GGK_HTTP_HOST and
              GGK_HTTP_PORT), --user NAME (GGK_OPERATOR_USER, default ggk.beheerder); the password comes from
              GGK_OPERATOR_PASSWORD or is asked for.""";

    private final PrintStream out;
    private final PrintStream err;
    private final Function<String, String> env;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String base;
    private String cookie;
    private String csrf;

    OperatorCommand(PrintStream out, PrintStream err, Function<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    /** {@code command} is "dlq" or "resend"; {@code args} what follows it. */
    public static int run(String command, String[] args, PrintStream out, PrintStream err) {
        return new OperatorCommand(out, err, System::getenv).execute(command, args);
    }

    int execute(String command, String[] args) {
        List<String> words = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--all")) {
                options.put("all", "true");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else if (args[i].startsWith("--")) {
                return usage("option " + args[i] + " needs a value");
            } else {
                words.add(args[i]);
            }
        }
        String host = or(env.apply("GGK_HTTP_HOST"), "127.0.0.1");
        base = options.getOrDefault("url", "http://" + host + ":" + or(env.apply("GGK_HTTP_PORT"), "8080"))
                .replaceAll("/+$", "");
        String usageError = usageError(command, words, options);
        if (usageError != null) {
            return usage(usageError);
        }
        try {
            login(options);
            if (command.equals("resend")) {
                return action("/api/v1/operator/deliveries/" + path(words.get(0)) + "/resend", null);
            }
            String queue = words.size() > 1 ? path(words.get(1)) : null;
            return switch (words.get(0)) {
                case "list" -> queue == null ? list() : listQueue(words.get(1));
                case "show" -> show(queue, path(words.get(2)));
                case "replay" -> action("/api/v1/operator/dlq/" + queue
                        + (words.size() == 3 ? "/" + path(words.get(2)) : "") + "/replay", null);
                default -> action("/api/v1/operator/dlq/" + queue + "/" + path(words.get(2)) + "/discard",
                        JSON.writeValueAsString(Map.of("reden", options.get("reason"))));
            };
        } catch (NoHub e) {
            err.println("No hub answers at " + base + " (" + e.getMessage() + "): is it running? Its address comes"
                    + " from GGK_HTTP_HOST and GGK_HTTP_PORT, as when it was started, or from --url.");
            return NO_HUB;
        } catch (Refused e) {
            err.println(e.getMessage());
            return REFUSED;
        } catch (IOException e) {
            err.println("The hub's answer could not be read: " + e.getMessage());
            return REFUSED;
        } finally {
            logout();
        }
    }

    /** Why the words do not make a command, or null when they do. */
    static String usageError(String command, List<String> words, Map<String, String> options) {
        if (command.equals("resend")) {
            return words.size() == 1 ? null : "resend needs the delivery id";
        }
        if (words.isEmpty()) {
            return "dlq needs list, show, replay or discard";
        }
        return switch (words.get(0)) {
            case "list" -> words.size() <= 2 ? null : "dlq list takes at most a QUEUE";
            case "show" -> words.size() == 3 ? null : "dlq show needs QUEUE and ID";
            case "replay" -> words.size() == 3 && !options.containsKey("all")
                    || words.size() == 2 && options.containsKey("all") ? null
                    : "dlq replay needs QUEUE and ID, or QUEUE --all";
            case "discard" -> words.size() == 3 && options.containsKey("reason") ? null
                    : "dlq discard needs QUEUE, ID and --reason";
            default -> "unknown: dlq " + words.get(0);
        };
    }

    private int list() throws IOException {
        JsonNode queues = call("GET", "/api/v1/operator/dlq", null);
        out.printf("%-28s %7s  %s%n", "DLQ", "COUNT", "OLDEST");
        for (JsonNode q : queues) {
            out.printf("%-28s %7s  %s%n", q.get("dlq").asText(), q.get("aantal").asText()
                    + (q.get("meer").asBoolean() ? "+" : ""), text(q, "oudste", "-"));
        }
        return OK;
    }

    private int listQueue(String queue) throws IOException {
        JsonNode messages = call("GET", "/api/v1/operator/dlq/" + path(queue), null);
        if (messages.isEmpty()) {
            out.println("DLQ." + queue.replaceFirst("^DLQ\\.", "") + " is empty.");
            return OK;
        }
        for (JsonNode m : messages) {
            out.println(m.get("id").asText());
            out.println("  at " + text(m, "tijdstip", "-") + "  delivery " + text(m, "levering", "-")
                    + (m.hasNonNull("entry") ? " entry " + m.get("entry").asInt() : "") + "  kind "
                    + text(m, "soort", "-"));
            out.println("  reason: " + text(m, "reden", "-"));
        }
        return OK;
    }

    private int show(String queue, String id) throws IOException {
        JsonNode m = call("GET", "/api/v1/operator/dlq/" + queue + "/" + id, null);
        out.println("Dead letter " + m.get("id").asText() + " in " + m.get("dlq").asText());
        out.println("failed at:  " + text(m, "mislukt", text(m, "tijdstip", "-")));
        out.println("reason:     " + text(m, "reden", "-"));
        if (m.hasNonNull("levering")) {
            JsonNode d = m.get("leveringDetail");
            out.println("delivery:   " + m.get("levering").asText() + (d == null || d.isNull() ? "" : " ("
                    + d.get("filename").asText() + " from " + d.get("sender").asText() + ", " + d.get("status").asText()
                    + ")") + (m.hasNonNull("entry") ? ", entry " + m.get("entry").asInt() : ""));
            out.println("track:      " + base + "/#/beheerder/leveringen/" + m.get("levering").asText());
        }
        if (m.hasNonNull("stack")) {
            out.println("stack:");
            m.get("stack").asText().lines().forEach(line -> out.println("  " + line));
        }
        out.println("headers:");
        Iterator<Map.Entry<String, JsonNode>> headers = m.get("headers").fields();
        while (headers.hasNext()) {
            Map.Entry<String, JsonNode> h = headers.next();
            out.println("  " + h.getKey() + ": " + h.getValue().asText());
        }
        out.println("record" + (m.get("recordAfgekapt").asBoolean() ? " (cut off)" : "") + ":");
        out.println(text(m, "record", ""));
        return OK;
    }

    private int action(String path, String body) throws IOException {
        JsonNode answer = call("POST", path, body);
        out.println(answer.get("tekst").asText());
        return OK;
    }

    /** Logs in as the operator: the session cookie and CSRF token for the calls that follow. */
    private void login(Map<String, String> options) throws IOException {
        String user = options.getOrDefault("user", or(env.apply("GGK_OPERATOR_USER"), "ggk.beheerder"));
        String password = env.apply("GGK_OPERATOR_PASSWORD");
        if (password == null || password.isEmpty()) {
            Console console = System.console();
            if (console == null) {
                throw new Refused("Set GGK_OPERATOR_PASSWORD (the password of " + user + "), or run this on a"
                        + " terminal to be asked for it.");
            }
            char[] typed = console.readPassword("Password of %s: ", user);
            password = typed == null ? "" : new String(typed);
        }
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/session"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("gebruikersnaam", user,
                        "wachtwoord", password)))).build());
        if (response.statusCode() != 200) {
            throw new Refused("Log in as " + user + " refused: " + problem(response));
        }
        cookie = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("ggk_session="))
                .map(c -> c.split(";", 2)[0]).findFirst().orElseThrow(() -> new Refused("The hub sent no session."));
        csrf = JSON.readTree(response.body()).path("csrfToken").asText();
    }

    private void logout() {
        if (cookie == null) {
            return;
        }
        try {
            send(HttpRequest.newBuilder(URI.create(base + "/api/v1/session")).timeout(Duration.ofSeconds(10))
                    .header("Cookie", cookie).header("X-CSRF-Token", csrf).DELETE().build());
        } catch (IOException | RuntimeException e) {
            // the session ends by itself after its idle time
        }
        cookie = null;
    }

    private JsonNode call(String method, String path, String body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Cookie", cookie).header("Accept", "application/json");
        if (!method.equals("GET")) {
            request.header("X-CSRF-Token", csrf);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = send(request.build());
        if (response.statusCode() / 100 != 2) {
            throw new Refused(method + " " + path + ": " + problem(response));
        }
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new NoHub(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    private static String problem(HttpResponse<String> response) {
        try {
            JsonNode problem = JSON.readTree(response.body());
            return response.statusCode() + " " + problem.path("title").asText() + ": " + problem.path("detail").asText();
        } catch (IOException | RuntimeException e) {
            return "HTTP " + response.statusCode();
        }
    }

    private int usage(String why) {
        err.println(why);
        err.println(USAGE_TEXT);
        return USAGE;
    }

    private static String text(JsonNode node, String field, String otherwise) {
        return node.hasNonNull(field) ? node.get(field).asText() : otherwise;
    }

    private static String or(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value;
    }

    private static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The hub answered with a refusal (or the user cannot log in). */
    private static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    /** Nothing listens where the hub should be. */
    private static final class NoHub extends IOException {
        NoHub(String message) {
            super(message);
        }
    }
}
