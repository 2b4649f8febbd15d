package nl.ggk.hub.portal;

import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import nl.ggk.hub.web.ApiProblemException;
import nl.ggk.hub.org.OrganisationRegistry;

/**
 * The one check of every /api/v1 call: who calls (a machine key in {@code Authorization: Bearer}, or the portal
 * session cookie), whether a state change by a session carries its CSRF token, and whether the caller has one of
 * the roles the route needs. The {@code atDoor} variants are for the doors that run on the Vert.x event loop: they
 * take a session this instance checked a moment ago from memory ({@link Sessions#findAtDoor}); the route behind
 * the door asks again with the authoritative {@link #caller}.
 */
public final class PortalAccess {

    public static final String COOKIE = "ggk_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final OrganisationRegistry registry;
    private final boolean demoKeysAccepted;
    private final Sessions sessions;

    public PortalAccess(OrganisationRegistry registry, boolean demoKeysAccepted, Sessions sessions) {
        this.registry = registry;
        this.demoKeysAccepted = demoKeysAccepted;
        this.sessions = sessions;
    }

    /**
     * The caller of a route that needs one of {@code required} (its declaration, {@link RequiredRoles}); 401 when
     * neither a valid key nor a live session comes with the request, 403 without CSRF token or role. A route that
     * declares no role is refused to everybody: forgetting the declaration must not open an endpoint.
     */
    public Caller caller(String authorization, String cookieHeader, String csrfToken, String method,
                         Set<Role> required) {
        return caller(authorization, cookieHeader, csrfToken, method, required, false);
    }

    /** As {@link #caller}, for a door on the Vert.x event loop (a session may come from memory). */
    public Caller callerAtDoor(String authorization, String cookieHeader, String csrfToken, String method,
                               Set<Role> required) {
        return caller(authorization, cookieHeader, csrfToken, method, required, true);
    }

    private Caller caller(String authorization, String cookieHeader, String csrfToken, String method,
                          Set<Role> required, boolean atDoor) {
        Caller caller = authenticate(authorization, cookieHeader, csrfToken, method, atDoor);
        if (required == null || required.isEmpty()) {
            throw ApiProblemException.forbidden("Voor dit adres is geen rol ingesteld; het verzoek is geweigerd.");
        }
        if (!caller.hasAny(required)) {
            throw ApiProblemException.forbidden("Voor deze functie heeft u een van deze rollen nodig: "
                    + String.join(", ", Role.ids(required)) + ".");
        }
        return caller;
    }

    /** Who calls, without a role check. */
    public Caller authenticate(String authorization, String cookieHeader, String csrfToken, String method) {
        return authenticate(authorization, cookieHeader, csrfToken, method, false);
    }

    /** As {@link #authenticate}, for a door on the Vert.x event loop (a session may come from memory). */
    public Caller authenticateAtDoor(String authorization, String cookieHeader, String csrfToken, String method) {
        return authenticate(authorization, cookieHeader, csrfToken, method, true);
    }

    private Caller authenticate(String authorization, String cookieHeader, String csrfToken, String method,
                                boolean atDoor) {
        if (authorization != null && !authorization.isBlank()) {
            String organisation = key(authorization);
            return new Caller(organisation, Caller.API_KEY, registry.displayName(organisation), Role.API_KEY, false);
        }
        String token = sessionToken(cookieHeader);
        Sessions.Session session = (atDoor ? sessions.findAtDoor(token) : sessions.find(token)).orElseThrow(() -> ApiProblemException.unauthorized(
                "U bent niet ingelogd of uw sessie is verlopen. Log in (POST /api/v1/session), of stuur "
                        + "'Authorization: Bearer <API-sleutel>'."));
        if (method == null || !SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT))) {
            checkCsrf(session, csrfToken);
        }
        return new Caller(session.organisation(), session.gebruikersnaam(), session.naam(), session.roles(), true);
    }

    /** The live session named by the request's cookie. */
    public Optional<Sessions.Session> session(String cookieHeader) {
        return sessions.find(sessionToken(cookieHeader));
    }

    public static void checkCsrf(Sessions.Session session, String csrfToken) {
        if (csrfToken == null || !MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.UTF_8),
                csrfToken.trim().getBytes(StandardCharsets.UTF_8))) {
            throw ApiProblemException.forbidden("Het CSRF-token ontbreekt of klopt niet: stuur de header "
                    + CSRF_HEADER + " met het csrfToken van uw sessie (GET /api/v1/session).");
        }
    }

    /** The value of cookie ggk_session in a Cookie header, or null. */
    public static String sessionToken(String cookieHeader) {
        if (cookieHeader == null || cookieHeader.isBlank()) {
            return null;
        }
        for (Cookie cookie : ServerCookieDecoder.LAX.decode(cookieHeader)) {
            if (COOKIE.equals(cookie.name())) {
                return cookie.value();
            }
        }
        return null;
    }

    private String key(String authorization) {
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiProblemException.unauthorized(ApiProblemException.NO_KEY);
        }
        return registry.authenticate(authorization.substring(7).trim(), demoKeysAccepted)
                .orElseThrow(() -> ApiProblemException.unauthorized(ApiProblemException.WRONG_KEY));
    }
}
