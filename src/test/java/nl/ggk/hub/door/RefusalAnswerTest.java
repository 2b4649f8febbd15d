package nl.ggk.hub.door;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import nl.ggk.hub.testsupport.HubTestSupport;
import nl.ggk.hub.testsupport.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * A refusal is answered once, in the door's own language, and logged once: one WARN line without a stack trace,
 * whether the body was read before the refusal or not. Anonymous clients cannot grow the log, or set off ERROR
 * alerts, by more than one line a request.
 */
// it reads the JVM's log: in the execution reads-log, where no other hub logs beside it (pom.xml)
@Tag("reads-log")
class RefusalAnswerTest extends HubTestSupport {

    /** A line of the console layout at INFO or DEBUG: the hub at work, not about the refused request. */
    private static final Pattern QUIET = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (INFO|DEBUG|TRACE) .*");

    @Test
    void aMultipartFormWithoutAFileIsAnswered400WithAProblemAndLoggedOnce() throws IOException {
        String boundary = "----ggkGeenBestand";
        String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\ngeen bestand\r\n--"
                + boundary + "--\r\n";
        try (LogCapture log = LogCapture.start()) {
            RawHttp.Answer answer = RawHttp.send(httpPort, "POST /api/v1/deliveries HTTP/1.1\r\nHost: hub\r\n"
                    + "Authorization: Bearer demo-0384\r\nContent-Type: multipart/form-data; boundary=" + boundary
                    + "\r\nContent-Length: " + form.length() + "\r\n\r\n" + form, 0);

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(json(answer.body()).get("detail").asText()).contains("file");
            assertLoggedOnce(log, "400");
        }
    }

    @Test
    void everyRefusalAtTheDoorsIsAnsweredAndLoggedAsOneWarnLineWithoutAStackTrace() throws IOException {
        // each request sends its (small) body whole, so the refusal comes after the body was read
        Map<String, String> requests = new LinkedHashMap<>();
        requests.put("401", "POST /api/v1/deliveries?filename=a.csv HTTP/1.1\r\nHost: hub\r\n"
                + "Content-Type: text/csv\r\nContent-Length: 3\r\n\r\nabc");
        requests.put("415", "POST /api/v1/deliveries?filename=a.json HTTP/1.1\r\nHost: hub\r\n"
                + "Authorization: Bearer demo-0384\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
        requests.put("413", "POST /api/v1/deliveries?filename=a.csv HTTP/1.1\r\nHost: hub\r\n"
                + "Authorization: Bearer demo-0384\r\nContent-Type: text/csv\r\nContent-Length: 999999999999\r\n\r\n");
        requests.put("411", "POST /api/v1/deliveries?filename=a.csv HTTP/1.1\r\nHost: hub\r\n"
                + "Authorization: Bearer demo-0384\r\nContent-Type: text/csv\r\n\r\n");
        requests.put("401 ", "POST /ws/ggk0210 HTTP/1.1\r\nHost: hub\r\nContent-Type: text/xml\r\n"
                + "Content-Length: 7\r\n\r\n<a/>\r\n\r\n");
        requests.put("415 ", "POST /ws/ggk0210 HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer demo-0384\r\n"
                + "Content-Type: text/plain\r\nContent-Length: 1\r\n\r\nx");
        requests.put("401  ", "POST /api/v1/optin HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2\r\n\r\n{}");
        requests.put("415  ", "POST /api/v1/users HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer demo-0384\r\n"
                + "Content-Type: text/plain\r\nContent-Length: 1\r\n\r\nx");
        requests.put("413  ", "POST /api/v1/session HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n"
                + "Content-Length: 9900000\r\n\r\n");
        requests.put("405", "PATCH /api/v1/optin HTTP/1.1\r\nHost: hub\r\nContent-Length: 2\r\n\r\n{}");
        // refused by the route itself (http-errors), after the door let it in
        requests.put("400", "POST /api/v1/optin HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer demo-0384\r\n"
                + "Content-Type: application/json\r\nContent-Length: 1\r\n\r\n{");
        for (Map.Entry<String, String> request : requests.entrySet()) {
            String status = request.getKey().trim();
            try (LogCapture log = LogCapture.start()) {
                RawHttp.Answer answer = RawHttp.send(httpPort, request.getValue(), 0);

                assertThat(answer.status()).as(request.getValue()).isEqualTo(Integer.parseInt(status));
                assertThat(answer.body()).as(request.getValue()).isNotEmpty();
                assertLoggedOnce(log, status);
            }
        }
    }

    /** Exactly one line above INFO is logged for the request, a WARN naming the status, and it stays one. */
    private static void assertLoggedOnce(LogCapture log, String status) {
        await().atMost(Duration.ofSeconds(5)).during(Duration.ofMillis(800))
                .untilAsserted(() -> assertThat(loud(log)).as(log.text()).hasSize(1));
        List<String> lines = loud(log);
        assertThat(lines.get(0)).contains(" WARN ").contains(" " + status + " ").contains("refused");
        assertThat(log.text()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static List<String> loud(LogCapture log) {
        return log.text().lines().filter(line -> !QUIET.matcher(line).matches()).toList();
    }
}
