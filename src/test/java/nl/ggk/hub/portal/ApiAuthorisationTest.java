package nl.ggk.hub.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import nl.ggk.hub.portal.PortalClient.Login;
import nl.ggk.hub.testsupport.HubTestSupport;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Authorisation on the server, for portal sessions: a 0363 user can neither read nor change what belongs to 0518,
 * on every /api/v1 endpoint the hub has (the list is taken from the running hub, so a new endpoint without a row
 * here fails); and the roles: a cbs-lezer cannot upload, a user without a CBS role gets 403 on the CBS endpoints.
 */
class ApiAuthorisationTest extends HubTestSupport {

    private static final String VALID = "20260715;0518;999990007;01;1;20260101;20261231;1;20260115;;5;04;2;12345;";
    private static final String OPTIN_0518 = PortalClient.json(Map.of("organisation", "0518", "year", 2026, "half", 1,
            "WMO_BASIS", "J", "WMO_FACULTATIEF", "N", "JEUGD", "J", "SBO", "J"));

    private final PortalClient portal = new PortalClient(() -> httpPort);

    private String delivery0518;
    private String outboxItem0518;
    private String user0518;
    private String userSwvhr;

    @BeforeEach
    void objectsOf0518() throws Exception {
        if (delivery0518 != null) {
            return;
        }
        delivery0518 = deliver("0518_wmo_2026H1.csv", "demo-0518", "text/csv", VALID.getBytes(StandardCharsets.UTF_8));
        awaitFinal(delivery0518, "demo-0518");
        outboxItem0518 = await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode item : json(get("/api/v1/outbox?organisation=0518&size=200", "demo-0518").body()).get("items")) {
                if (!item.get("delivery").isNull() && item.at("/delivery/id").asText().equals(delivery0518)) {
                    return item.get("id").asText();
                }
            }
            return null;
        }, id -> id != null);
        user0518 = userId("0518.aanlever");
        userSwvhr = userId("swvhr.aanlever");
    }

    /** One check per endpoint, keyed "METHOD path" as the REST DSL declares it. */
    private Map<String, Runnable> checks() {
        Login intruder = portal.loggedIn("0363.aanlever", DemoUsers.PASSWORD);
        Login owner = portal.loggedIn("0518.aanlever", DemoUsers.PASSWORD);
        Login admin0363 = portal.loggedIn("0363.beheer", DemoUsers.PASSWORD);
        Login adminSwvhr = portal.loggedIn("swvhr.beheer", DemoUsers.PASSWORD);
        Map<String, Runnable> checks = new LinkedHashMap<>();
        checks.put("GET /api/v1/deliveries/{id}", () ->
                refusedToIntruder("GET", "/api/v1/deliveries/" + delivery0518, null, intruder, 404, owner, 200));
        checks.put("GET /api/v1/deliveries", () -> {
            refusedToIntruder("GET", "/api/v1/deliveries?organisation=0518", null, intruder, 403, owner, 200);
            assertThat(portal.get("/api/v1/deliveries?size=200", intruder).body()).doesNotContain(delivery0518);
        });
        checks.put("POST /api/v1/deliveries", () -> refusedToIntruder("POST",
                "/api/v1/deliveries?filename=0518_WMO_2026H2.csv", VALID, intruder, 403, owner, 202,
                "X-Organisation", "0518"));
        checks.put("GET /api/v1/outbox", () -> {
            refusedToIntruder("GET", "/api/v1/outbox?organisation=0518", null, intruder, 403, owner, 200);
            assertThat(portal.get("/api/v1/outbox?size=200", intruder).body()).doesNotContain(outboxItem0518);
        });
        checks.put("GET /api/v1/outbox/{id}", () ->
                refusedToIntruder("GET", "/api/v1/outbox/" + outboxItem0518, null, intruder, 404, owner, 200));
        checks.put("GET /api/v1/optin", () ->
                refusedToIntruder("GET", "/api/v1/optin?organisation=0518&year=2026&half=1", null, intruder, 403, owner, 200));
        checks.put("POST /api/v1/optin", () ->
                refusedToIntruder("POST", "/api/v1/optin", OPTIN_0518, intruder, 403, owner, 202));
        checks.put("GET /api/v1/foutrapportage", () ->
                refusedToIntruder("GET", "/api/v1/foutrapportage?organisation=0518", null, intruder, 403, owner, 200));
        // endpoints of the branches ret and feed (contract of issue 10); they run once those are merged
        checks.put("POST /api/v1/outbox/{id}/terugmelding", () -> refusedToIntruder("POST",
                "/api/v1/outbox/" + outboxItem0518 + "/terugmelding", PortalClient.json(Map.of("tekst", "Klopt niet.")),
                intruder, 404, owner, Set.of(409)));
        checks.put("GET /api/v1/activity", () ->
                refusedToIntruder("GET", "/api/v1/activity?organisation=0518", null, intruder, 403, owner, 200));
        checks.put("GET /api/v1/berichtenverkeer/download", () -> refusedToIntruder("GET",
                "/api/v1/berichtenverkeer/download?organisation=0518", null, intruder, 403, owner, Set.of(200, 404)));
        checks.put("GET /api/v1/trend", () -> {
            refusedToIntruder("GET", "/api/v1/trend?type=WMO&gemeente=0518", null, intruder, 403, owner, 200);
            assertThat(portal.get("/api/v1/trend?type=WMO", intruder).body()).doesNotContain("\"0518\"");
        });
        checks.put("GET /api/v1/users", () -> {
            String listed = portal.get("/api/v1/users", admin0363).body();
            assertThat(listed).contains("0363.aanlever").doesNotContain("0518.aanlever").doesNotContain("swvhr.");
            assertThat(portal.get("/api/v1/users", adminSwvhr).body()).contains("swvhr.aanlever");
        });
        checks.put("POST /api/v1/users", () -> {
            // an organisation in the body is no way into another one: the user belongs to the caller's
            HttpResponse<String> created = portal.call("POST", "/api/v1/users", admin0363, PortalClient.json(Map.of(
                    "gebruikersnaam", "indringer.0518", "naam", "Indringer", "organisation", "0518",
                    "rollen", List.of("cbs-aanleveraar"), "wachtwoord", "Een-lang-wachtwoord-1")));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            Login created0363 = portal.loggedIn("indringer.0518", "Een-lang-wachtwoord-1");
            assertThat(created0363.me().at("/organisatie/code").asText()).isEqualTo("0363");
        });
        String sameUser = PortalClient.json(Map.of("naam", "Aanleveraar Holland Rijnland (demo)",
                "rollen", List.of("cbs-aanleveraar", "cbs-lezer"), "actief", true));
        checks.put("PUT /api/v1/users/{id}", () -> {
            assertThat(portal.call("PUT", "/api/v1/users/" + user0518, admin0363, sameUser).statusCode()).isEqualTo(404);
            refusedToIntruder("PUT", "/api/v1/users/" + userSwvhr, sameUser, admin0363, 404, adminSwvhr, 200);
        });
        String password = PortalClient.json(Map.of("wachtwoord", DemoUsers.PASSWORD));
        checks.put("POST /api/v1/users/{id}/wachtwoord", () -> {
            assertThat(portal.call("POST", "/api/v1/users/" + user0518 + "/wachtwoord", admin0363, password)
                    .statusCode()).isEqualTo(404);
            refusedToIntruder("POST", "/api/v1/users/" + userSwvhr + "/wachtwoord", password, admin0363, 404,
                    adminSwvhr, 204);
        });
        // the operator's API (issue 18): the GGk's ggk-beheerder only; a municipal user, its owner or not, gets 403
        Login operator = portal.loggedIn("ggk.beheerder", DemoUsers.PASSWORD);
        String queue = "/api/v1/operator/dlq/ggk.outbound.iwmo";
        String noMessage = queue + "/SUQ6bmlldC1lcg";
        String reason = PortalClient.json(Map.of("reden", "test"));
        Map<String, Object[]> operatorOnly = new LinkedHashMap<>();
        operatorOnly.put("GET /api/v1/operator/dlq", new Object[] {"/api/v1/operator/dlq", null, Set.of(200)});
        operatorOnly.put("GET /api/v1/operator/dlq/{queue}", new Object[] {queue, null, Set.of(200)});
        operatorOnly.put("GET /api/v1/operator/dlq/{queue}/{id}", new Object[] {noMessage, null, Set.of(404)});
        operatorOnly.put("POST /api/v1/operator/dlq/{queue}/{id}/replay", new Object[] {noMessage + "/replay", null,
                Set.of(404)});
        operatorOnly.put("POST /api/v1/operator/dlq/{queue}/replay", new Object[] {
                "/api/v1/operator/dlq/ggk.ws.chain/replay", null, Set.of(200)});
        operatorOnly.put("POST /api/v1/operator/dlq/{queue}/{id}/discard", new Object[] {noMessage + "/discard",
                reason, Set.of(404)});
        operatorOnly.put("GET /api/v1/operator/actions", new Object[] {"/api/v1/operator/actions", null, Set.of(200)});
        operatorOnly.put("GET /api/v1/operator/flow", new Object[] {"/api/v1/operator/flow", null, Set.of(200)});
        operatorOnly.put("GET /api/v1/operator/chain", new Object[] {"/api/v1/operator/chain", null, Set.of(200)});
        operatorOnly.put("GET /api/v1/operator/deliveries", new Object[] {"/api/v1/operator/deliveries?organisation=0518",
                null, Set.of(200)});
        operatorOnly.put("GET /api/v1/operator/deliveries/{id}", new Object[] {"/api/v1/operator/deliveries/"
                + delivery0518, null, Set.of(200)});
        operatorOnly.put("POST /api/v1/operator/deliveries/{id}/resend", new Object[] {"/api/v1/operator/deliveries/"
                + delivery0518 + "/resend", null, Set.of(409)});
        operatorOnly.forEach((endpoint, call) -> checks.put(endpoint, () -> {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = (String) call[0];
            String body = (String) call[1];
            for (Login municipal : List.of(intruder, owner)) {
                HttpResponse<String> refused = portal.call(method, path, municipal, body);
                assertThat(refused.statusCode()).as(method + " " + path + " by a municipal user").isEqualTo(403);
            }
            HttpResponse<String> allowed = portal.call(method, path, operator, body);
            assertThat(allowed.statusCode()).as(method + " " + path + " by the operator: " + allowed.body())
                    .isIn((Set<?>) call[2]);
        }));
        return checks;
    }

    @TestFactory
    List<DynamicTest> aUserOf0363CannotReadOrChangeWhatIsOf0518OnAnyEndpoint() {
        Map<String, Runnable> checks = checks();
        TreeSet<String> endpoints = new TreeSet<>(restEndpoints());
        endpoints.add("POST /api/v1/deliveries");   // the upload door (a REST DSL verb too, since issue 15)
        endpoints.remove("POST /api/v1/session");
        endpoints.remove("GET /api/v1/session");
        endpoints.remove("DELETE /api/v1/session");
        List<DynamicTest> tests = new ArrayList<>();
        for (String endpoint : endpoints) {
            tests.add(DynamicTest.dynamicTest(endpoint, () -> {
                assertThat(checks).as("no authorisation check for " + endpoint + ": add a row").containsKey(endpoint);
                checks.get(endpoint).run();
            }));
        }
        return tests;
    }

    @Test
    void aCbsLezerReadsButCannotUploadNorPostAnOptin() {
        Login lezer = portal.loggedIn("0546.lezer", DemoUsers.PASSWORD);
        assertThat(portal.get("/api/v1/deliveries", lezer).statusCode()).isEqualTo(200);
        assertThat(portal.get("/api/v1/outbox", lezer).statusCode()).isEqualTo(200);
        HttpResponse<String> upload = portal.call("POST", "/api/v1/deliveries?filename=0546_WMO_2026H1.csv", lezer,
                VALID.replace(";0518;", ";0546;"));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(403);
        assertThat(upload.body()).contains("cbs-aanleveraar");
        HttpResponse<String> optin = portal.call("POST", "/api/v1/optin", lezer, OPTIN_0518.replace("0518", "0546"));
        assertThat(optin.statusCode()).as(optin.body()).isEqualTo(403);
    }

    @Test
    void aUserWithoutACbsRoleGets403OnEveryCbsEndpoint() {
        Login admin = portal.loggedIn("0363.beheer", DemoUsers.PASSWORD);
        for (String path : List.of("/api/v1/deliveries", "/api/v1/outbox", "/api/v1/foutrapportage",
                "/api/v1/optin?organisation=0363&year=2026&half=1", "/api/v1/outbox/" + outboxItem0518,
                "/api/v1/deliveries/" + delivery0518)) {
            assertThat(portal.get(path, admin).statusCode()).as(path).isEqualTo(403);
        }
        assertThat(portal.call("POST", "/api/v1/optin", admin, OPTIN_0518.replace("0518", "0363")).statusCode())
                .isEqualTo(403);
        assertThat(portal.call("POST", "/api/v1/deliveries?filename=0363_WMO_2026H1.csv", admin,
                VALID.replace(";0518;", ";0363;")).statusCode()).isEqualTo(403);
    }

    @Test
    void aGebruikersbeheerderCreatesACbsLezerWhoThenCannotUpload() {
        Login admin = portal.loggedIn("0363.beheer", DemoUsers.PASSWORD);
        String body = PortalClient.json(Map.of("gebruikersnaam", "0363.nieuwe.lezer", "naam", "Nieuwe Lezer",
                "rollen", List.of("cbs-lezer"), "wachtwoord", "Lang-genoeg-2026"));
        HttpResponse<String> created = portal.call("POST", "/api/v1/users", admin, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode user = PortalClient.read(created.body());
        assertThat(user.get("gebruikersnaam").asText()).isEqualTo("0363.nieuwe.lezer");
        assertThat(user.get("actief").asBoolean()).isTrue();
        assertThat(portal.call("POST", "/api/v1/users", admin, body).statusCode()).isEqualTo(409);
        assertThat(portal.get("/api/v1/users", admin).body()).contains("0363.nieuwe.lezer");

        Login lezer = portal.loggedIn("0363.nieuwe.lezer", "Lang-genoeg-2026");
        assertThat(PortalClient.JSON.convertValue(lezer.me().get("rollen"), List.class)).containsExactly("cbs-lezer");
        assertThat(portal.get("/api/v1/deliveries", lezer).statusCode()).isEqualTo(200);
        assertThat(portal.call("POST", "/api/v1/deliveries?filename=0363_WMO_2026H1.csv", lezer,
                VALID.replace(";0518;", ";0363;")).statusCode()).isEqualTo(403);

        // disabled: its session ends at once and it cannot log in, with the same answer as a wrong password
        String disable = PortalClient.json(Map.of("naam", "Nieuwe Lezer", "rollen", List.of("cbs-lezer"), "actief", false));
        HttpResponse<String> disabled = portal.call("PUT", "/api/v1/users/" + user.get("id").asText(), admin, disable);
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        assertThat(PortalClient.read(disabled.body()).get("actief").asBoolean()).isFalse();
        assertThat(portal.get("/api/v1/session", lezer).statusCode()).isEqualTo(401);
        HttpResponse<String> login = portal.login("0363.nieuwe.lezer", "Lang-genoeg-2026");
        assertThat(login.statusCode()).isEqualTo(401);
        assertThat(PortalClient.read(login.body()).get("detail").asText()).isEqualTo(SessionApi.WRONG_DETAIL);
    }

    @Test
    void aPasswordShorterThanTwelveAndAnUnknownRoleAre400() {
        Login admin = portal.loggedIn("0363.beheer", DemoUsers.PASSWORD);
        HttpResponse<String> shortPassword = portal.call("POST", "/api/v1/users", admin, PortalClient.json(Map.of(
                "gebruikersnaam", "0363.kort", "naam", "Kort", "rollen", List.of("cbs-lezer"), "wachtwoord", "Kort-2026")));
        assertThat(shortPassword.statusCode()).isEqualTo(400);
        assertThat(shortPassword.body()).contains("'wachtwoord'");
        HttpResponse<String> unknownRole = portal.call("POST", "/api/v1/users", admin, PortalClient.json(Map.of(
                "gebruikersnaam", "0363.rol", "naam", "Rol", "rollen", List.of("beheerder"), "wachtwoord", "Lang-genoeg-2026")));
        assertThat(unknownRole.statusCode()).isEqualTo(400);
        assertThat(unknownRole.body()).contains("'rollen'");
    }

    @Test
    void aGebruikersbeheerderCannotDisableItselfNorDropItsOwnRole() throws Exception {
        Login admin = portal.loggedIn("swvhr.beheer", DemoUsers.PASSWORD);
        String self = "/api/v1/users/" + userId("swvhr.beheer");
        HttpResponse<String> drop = portal.call("PUT", self, admin, PortalClient.json(Map.of(
                "naam", "Beheer", "rollen", List.of("cbs-lezer"), "actief", true)));
        assertThat(drop.statusCode()).as(drop.body()).isEqualTo(400);
        HttpResponse<String> off = portal.call("PUT", self, admin, PortalClient.json(Map.of(
                "naam", "Beheer", "rollen", List.of("gebruikersbeheerder"), "actief", false)));
        assertThat(off.statusCode()).isEqualTo(400);
        assertThat(portal.get("/api/v1/session", admin).statusCode()).isEqualTo(200);
    }

    @Test
    void aBerichtenverkeerUserFollowsItsDeliveriesButHasNoCbsTab() {
        Login admin = portal.loggedIn("0363.beheer", DemoUsers.PASSWORD);
        assertThat(portal.call("POST", "/api/v1/users", admin, PortalClient.json(Map.of("gebruikersnaam",
                "0363.berichten", "naam", "Berichten", "rollen", List.of("berichtenverkeer"),
                "wachtwoord", "Lang-genoeg-2026"))).statusCode()).isEqualTo(201);
        Login berichten = portal.loggedIn("0363.berichten", "Lang-genoeg-2026");
        assertThat(portal.get("/api/v1/deliveries", berichten).statusCode()).isEqualTo(200);
        assertThat(portal.get("/api/v1/outbox", berichten).statusCode()).isEqualTo(403);
        assertThat(portal.get("/api/v1/foutrapportage", berichten).statusCode()).isEqualTo(403);
        assertThat(portal.call("POST", "/api/v1/optin", berichten, OPTIN_0518.replace("0518", "0363")).statusCode())
                .isEqualTo(403);
    }

    @Test
    void anAanleveraarUploadsWithItsSessionOnlyWithTheCsrfToken() {
        Login aanleveraar = portal.loggedIn("0363.aanlever", DemoUsers.PASSWORD);
        String csv = VALID.replace(";0518;", ";0363;");
        HttpResponse<String> noToken = portal.change("POST", "/api/v1/deliveries?filename=0363_WMO_2026H1.csv",
                aanleveraar, false, "text/csv", csv);
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.body()).contains("CSRF");
        HttpResponse<String> upload = portal.call("POST", "/api/v1/deliveries?filename=0363_WMO_2026H1.csv",
                aanleveraar, csv);
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
        String id = PortalClient.read(upload.body()).get("id").asText();
        JsonNode trace = awaitFinal(id, "demo-0363");
        assertThat(trace.get("organisation").asText()).isEqualTo("0363");
    }

    @Test
    void callerHeadersAClientSendsAreReplaced() {
        Login intruder = portal.loggedIn("0363.aanlever", DemoUsers.PASSWORD);
        HttpResponse<String> response = portal.get("/api/v1/deliveries?organisation=0518", intruder,
                "GgkCaller", "0518", "GgkRoles", "gebruikersbeheerder", "GgkUser", "0518.aanlever");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(portal.get("/api/v1/deliveries/" + delivery0518, intruder, "GgkCaller", "0518").statusCode())
                .isEqualTo(404);
    }

    @Test
    void aMachineKeyKeepsWorkingButCannotManageUsers() {
        assertThat(get("/api/v1/deliveries/" + delivery0518, "demo-0518").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/users", "demo-0363").statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/users", null).statusCode()).isEqualTo(401);
    }

    private void refusedToIntruder(String method, String path, String body, Login intruder, int refused, Login owner,
                                   int allowed, String... headers) {
        refusedToIntruder(method, path, body, intruder, refused, owner, Set.of(allowed), headers);
    }

    /** {@code allowed}: what the owner gets past the authorisation (a 409 for a wrong kind still passed it). */
    private void refusedToIntruder(String method, String path, String body, Login intruder, int refused, Login owner,
                                   Set<Integer> allowed, String... headers) {
        HttpResponse<String> answer = portal.call(method, path, intruder, body, headers);
        assertThat(answer.statusCode()).as(method + " " + path + " by the intruder: " + answer.body()).isEqualTo(refused);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        HttpResponse<String> own = portal.call(method, path, owner, body, headers);
        assertThat(own.statusCode()).as(method + " " + path + " by the owner: " + own.body()).isIn(allowed);
    }

    private List<String> restEndpoints() {
        List<String> endpoints = new ArrayList<>();
        for (RestDefinition rest : context.getCamelContextExtension().getContextPlugin(Model.class).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                endpoints.add(verb.asVerb().toUpperCase() + " " + rest.getPath() + verb.getPath());
            }
        }
        return endpoints;
    }

    private String userId(String gebruikersnaam) throws Exception {
        DataSource dataSource = context.getRegistry().findSingleByType(DataSource.class);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT id FROM portal_user WHERE gebruikersnaam = ?")) {
            select.setString(1, gebruikersnaam);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).as(gebruikersnaam).isTrue();
                return rs.getString(1);
            }
        }
    }
}
