package nl.ggk.hub.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import nl.ggk.hub.testsupport.HubTestSupport;
import org.junit.jupiter.api.Test;

/** POST/GET/DELETE /api/v1/session with the demo users of the embedded default. */
class PortalSessionTest extends HubTestSupport {

    private final PortalClient portal = new PortalClient(() -> httpPort);

    @Test
    void aDemoUserLogsInAndGetsAnHttpOnlyStrictCookieAndItsOrganisationAndRoles() {
        HttpResponse<String> response = portal.login("swvhr.aanlever", DemoUsers.PASSWORD);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).matches("ggk_session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict");
        JsonNode me = PortalClient.read(response.body());
        assertThat(me.get("gebruikersnaam").asText()).isEqualTo("swvhr.aanlever");
        assertThat(me.at("/organisatie/code").asText()).isEqualTo("SWV-HR");
        assertThat(me.at("/organisatie/naam").asText()).isEqualTo("Holland Rijnland");
        assertThat(me.at("/organisatie/soort").asText()).isEqualTo("samenwerkingsverband");
        assertThat(me.get("leden").findValuesAsText("code")).containsExactly("0546", "0547");
        assertThat(me.get("leden").findValuesAsText("naam")).containsExactly("Leiden", "Leiderdorp");
        assertThat(PortalClient.JSON.convertValue(me.get("rollen"), List.class))
                .containsExactlyInAnyOrder("cbs-aanleveraar", "cbs-lezer");
        assertThat(me.get("csrfToken").asText()).hasSizeGreaterThanOrEqualTo(40);
    }

    @Test
    void theSessionCookieShowsWhoIsLoggedInAndAGemeenteHasNoMembers() {
        PortalClient.Login login = portal.loggedIn("0363.aanlever", DemoUsers.PASSWORD);
        HttpResponse<String> me = portal.get("/api/v1/session", login);
        assertThat(me.statusCode()).isEqualTo(200);
        JsonNode json = PortalClient.read(me.body());
        assertThat(json.at("/organisatie/soort").asText()).isEqualTo("gemeente");
        assertThat(json.at("/organisatie/naam").asText()).isEqualTo("Amsterdam");
        assertThat(json.get("leden").size()).isZero();
        assertThat(json.get("csrfToken").asText()).isEqualTo(login.csrf());
        assertThat(portal.get("/api/v1/session", null).statusCode()).isEqualTo(401);
    }

    @Test
    void anUnknownUserAWrongPasswordAndADisabledAccountGetTheSameAnswer() {
        HttpResponse<String> unknown = portal.login("niemand.hier", DemoUsers.PASSWORD);
        HttpResponse<String> wrong = portal.login("0518.aanlever", "Welkom-demo-2025");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(unknown.headers().firstValue("Set-Cookie")).isEmpty();
        JsonNode a = PortalClient.read(unknown.body());
        JsonNode b = PortalClient.read(wrong.body());
        assertThat(a.get("title").asText()).isEqualTo("Onjuiste inloggegevens");
        assertThat(a.get("detail").asText()).isEqualTo("Gebruikersnaam of wachtwoord is onjuist.");
        assertThat(b).isEqualTo(a);
    }

    @Test
    void aSessionUsesTheApiWithoutKeyAndAStateChangeWithoutCsrfTokenIs403() {
        PortalClient.Login login = portal.loggedIn("0363.aanlever", DemoUsers.PASSWORD);
        assertThat(portal.get("/api/v1/deliveries", login).statusCode()).isEqualTo(200);
        String optin = PortalClient.json(Map.of("organisation", "0363", "year", 2026, "half", 1,
                "WMO_BASIS", "J", "WMO_FACULTATIEF", "N", "JEUGD", "J", "SBO", "J"));
        HttpResponse<String> noToken = portal.change("POST", "/api/v1/optin", login, false, "application/json", optin);
        assertThat(noToken.statusCode()).as(noToken.body()).isEqualTo(403);
        assertThat(noToken.body()).contains("CSRF");
        HttpResponse<String> withToken = portal.change("POST", "/api/v1/optin", login, true, "application/json", optin);
        assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(202);
    }

    @Test
    void logoutNeedsTheCsrfTokenEndsTheSessionAndClearsTheCookie() {
        PortalClient.Login login = portal.loggedIn("0546.lezer", DemoUsers.PASSWORD);
        assertThat(portal.change("DELETE", "/api/v1/session", login, false, null, null).statusCode()).isEqualTo(403);
        assertThat(portal.get("/api/v1/session", login).statusCode()).isEqualTo(200);
        HttpResponse<String> logout = portal.change("DELETE", "/api/v1/session", login, true, null, null);
        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(logout.headers().firstValue("Set-Cookie")).hasValueSatisfying(c ->
                assertThat(c).isEqualTo("ggk_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"));
        assertThat(portal.get("/api/v1/session", login).statusCode()).isEqualTo(401);
        assertThat(portal.get("/api/v1/deliveries", login).statusCode()).isEqualTo(401);
    }
}
