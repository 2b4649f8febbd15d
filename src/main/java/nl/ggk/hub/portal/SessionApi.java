package nl.ggk.hub.portal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.media.Schema;
import io.vertx.core.net.SocketAddress;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.ggk.hub.web.ApiProblemException;
import nl.ggk.hub.org.OrganisationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST, GET and DELETE /api/v1/session: log in with gebruikersnaam and wachtwoord (a session cookie and the "me"
 * object), who am I, log out. One answer for an unknown user, a wrong password and a disabled account; login
 * throttling per account and per client address.
 */
public final class SessionApi {

    static final String WRONG_TITLE = "Onjuiste inloggegevens";
    static final String WRONG_DETAIL = "Gebruikersnaam of wachtwoord is onjuist.";

    private static final Logger LOG = LoggerFactory.getLogger(SessionApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The body of POST /api/v1/session. */
    @Schema(requiredProperties = {"gebruikersnaam", "wachtwoord"})
    public record LoginRequest(@Schema(example = "0363.aanlever", maxLength = 200) String gebruikersnaam,
                               @Schema(format = "password", maxLength = 200) String wachtwoord) {
    }

    /** An organisation by code and name. */
    public record OrganisatieNaam(String code, String naam) {
    }

    /** The user's organisation; {@code soort} gemeente or samenwerkingsverband. */
    public record Organisatie(String code, String naam,
                              @Schema(allowableValues = {"gemeente", "samenwerkingsverband", "ggk"}) String soort) {
    }

    /** The logged-in user: organisation, members (of a samenwerkingsverband), roles, and the session's CSRF token. */
    public record Me(String gebruikersnaam, String naam, Organisatie organisatie, List<OrganisatieNaam> leden,
                     List<String> rollen,
                     @Schema(description = "send it as X-CSRF-Token with every state change") String csrfToken) {
    }

    private final PortalUsers users;
    private final Passwords passwords;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final OrganisationRegistry registry;
    private final boolean demoUsersAccepted;
    private final boolean secureCookie;

    public SessionApi(PortalUsers users, Passwords passwords, Sessions sessions, LoginThrottle throttle,
                      OrganisationRegistry registry, boolean demoUsersAccepted, boolean secureCookie) {
        this.users = users;
        this.passwords = passwords;
        this.sessions = sessions;
        this.throttle = throttle;
        this.registry = registry;
        this.demoUsersAccepted = demoUsersAccepted;
        this.secureCookie = secureCookie;
    }

    /**
     * Logs in: 200 with "me" and the session cookie; the same 401 for every wrong login; 429 when throttled.
     * {@code request} is null when the body was not a JSON object; {@code remote} is the client's TCP peer.
     */
    public PortalAnswer login(LoginRequest request, SocketAddress remote) throws SQLException {
        if (request == null) {
            throw ApiProblemException.badRequest("Stuur JSON: {\"gebruikersnaam\": \"...\", \"wachtwoord\": \"...\"}.");
        }
        String address = remote == null ? null : remote.hostAddress();
        String name = text(request.gebruikersnaam(), "gebruikersnaam");
        String password = text(request.wachtwoord(), "wachtwoord");
        // claimed before the password is checked, so parallel requests cannot share one free attempt
        try (LoginThrottle.Attempt attempt = throttle.attempt(name, address)) {
            Optional<Duration> wait = attempt.refused();
            if (wait.isPresent()) {
                long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
                LOG.warn("Portal login for {} from {} throttled for {} s", safe(name), safe(address), seconds);
                return PortalAnswer.ofProblem(429, problem(429, "Te veel pogingen", "too-many-requests",
                        "Te veel mislukte inlogpogingen. Probeer het over " + seconds + " seconden opnieuw."))
                        .withRetryAfter(seconds);
            }
            Optional<PortalUsers.Stored> stored = users.byName(name);
            boolean ok;
            if (stored.isEmpty()) {
                passwords.mismatch(password);
                ok = false;
            } else {
                PortalUser user = stored.get().user();
                ok = passwords.matches(password, stored.get().passwordHash()) && user.active()
                        && (!user.demo() || demoUsersAccepted);
            }
            if (!ok) {
                attempt.failed();
                LOG.warn("Portal login failed for {} from {}", safe(name), safe(address));
                return PortalAnswer.ofProblem(401, problem(401, WRONG_TITLE, "unauthorized", WRONG_DETAIL));
            }
            attempt.succeeded();
            PortalUser user = stored.get().user();
            Sessions.Session session = sessions.open(user);
            LOG.info("Portal login of {} ({})", user.gebruikersnaam(), user.organisation());
            return PortalAnswer.ofJson(200, me(user, session)).withCookie(cookie(session.token(), false));
        }
    }

    /** The "me" object of the session in the Cookie header, or 401. */
    public Me current(String cookieHeader) throws SQLException {
        // every portal page asks this first, before anyone logged in: a routine answer, not a refusal to log
        Sessions.Session session = sessions.find(PortalAccess.sessionToken(cookieHeader))
                .orElseThrow(() -> notLoggedIn().routine());
        PortalUser user = users.byId(session.userId()).map(PortalUsers.Stored::user)
                .filter(PortalUser::active)
                .orElseThrow(() -> notLoggedIn().routine());
        return me(user, session);
    }

    /** Ends the session (CSRF token required) and clears the cookie. */
    public PortalAnswer logout(String cookieHeader, String csrfToken) {
        Sessions.Session session = live(cookieHeader);
        PortalAccess.checkCsrf(session, csrfToken);
        sessions.close(session.token());
        LOG.info("Portal logout of {}", session.gebruikersnaam());
        return new PortalAnswer(204, null, null, cookie("", true), null);
    }

    private Sessions.Session live(String cookieHeader) {
        return sessions.find(PortalAccess.sessionToken(cookieHeader)).orElseThrow(SessionApi::notLoggedIn);
    }

    private static ApiProblemException notLoggedIn() {
        return new ApiProblemException(401, "U bent niet ingelogd of uw sessie is verlopen.");
    }

    Me me(PortalUser user, Sessions.Session session) {
        String org = user.organisation();
        boolean ggk = Role.OPERATOR_ORGANISATION.equals(org);
        Organisatie organisatie = new Organisatie(org, ggk ? "GGk (beheer)" : registry.displayName(org),
                registry.isSamenwerkingsverband(org) ? "samenwerkingsverband" : ggk ? "ggk" : "gemeente");
        List<OrganisatieNaam> leden = new ArrayList<>();
        registry.samenwerkingsverband(org).ifPresent(s -> s.members().forEach(code ->
                leden.add(new OrganisatieNaam(code, registry.displayName(code)))));
        return new Me(user.gebruikersnaam(), user.naam(), organisatie, leden, Role.ids(session.roles()),
                session.csrfToken());
    }

    /**
     * The session cookie (or, cleared, one that expires at once): HttpOnly, SameSite=Strict, Secure behind TLS.
     * Written here rather than by Netty's encoder, which spells the attribute "HTTPOnly".
     */
    String cookie(String value, boolean clear) {
        return PortalAccess.COOKIE + "=" + value + "; Path=/" + (clear ? "; Max-Age=0" : "") + "; HttpOnly; SameSite=Strict"
                + (secureCookie ? "; Secure" : "");
    }

    /** A field the binding read as text (a value of another JSON type is read as absent). */
    private static String text(String value, String field) {
        if (value == null || value.isEmpty() || value.length() > 200) {
            throw ApiProblemException.badRequest("Vul '" + field + "' in.");
        }
        return value;
    }

    static String problem(int status, String title, String code, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("code", code);
        problem.put("detail", detail);
        problem.put("instance", "/api/v1/session");
        return write(problem);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A user name or address as logged: printable ASCII only, at most 64 characters. */
    private static String safe(String value) {
        if (value == null) {
            return "-";
        }
        String printable = value.replaceAll("[^\\x20-\\x7E]", "?").replaceAll("(?<!\\d)\\d{9}(?!\\d)", "*********");
        return printable.length() > 64 ? printable.substring(0, 64) + "…" : printable;
    }
}
