package nl.ggk.hub.portal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.ggk.hub.web.ApiProblemException;

/**
 * /api/v1/users: a gebruikersbeheerder manages the accounts of its own organisation (list, create, change name,
 * roles and whether active, set a password). The route has checked the role; every method here checks the
 * organisation: another organisation's user is not found (404), as if it did not exist.
 */
public final class UsersApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME_PATTERN = "[a-z0-9][a-z0-9._-]{2,63}";

    private final PortalUsers users;
    private final Passwords passwords;
    private final Sessions sessions;

    public UsersApi(PortalUsers users, Passwords passwords, Sessions sessions) {
        this.users = users;
        this.passwords = passwords;
        this.sessions = sessions;
    }

    public List<Map<String, Object>> list(String caller) throws SQLException {
        List<Map<String, Object>> list = new ArrayList<>();
        for (PortalUser user : users.ofOrganisation(caller)) {
            list.add(user.json());
        }
        return list;
    }

    /** POST /api/v1/users: a new active user of the caller's organisation; 409 when the name is taken. */
    public Map<String, Object> create(String body, String caller) throws SQLException {
        JsonNode json = parse(body);
        String name = PortalUsers.normalise(text(json, "gebruikersnaam"));
        if (!name.matches(NAME_PATTERN)) {
            throw ApiProblemException.badRequest("'gebruikersnaam': 3 tot 64 tekens, kleine letters, cijfers, . _ of -.");
        }
        String naam = naam(json);
        Set<Role> roles = roles(json);
        String password = password(json);
        PortalUser user = new PortalUser(PortalUsers.newId(), name, naam, caller, roles, true, false);
        if (!users.create(user, passwords.hash(password))) {
            throw new ApiProblemException(409, "Conflict", "'gebruikersnaam': " + name + " bestaat al.");
        }
        return user.json();
    }

    /**
     * PUT /api/v1/users/{id}: name, roles, active; open sessions get the new roles, a disabled user is logged out.
     * A gebruikersbeheerder cannot disable itself nor drop its own role, so an organisation keeps one.
     */
    public Map<String, Object> update(String id, String body, String caller, String callerUser) throws SQLException {
        PortalUser user = own(id, caller);
        JsonNode json = parse(body);
        String naam = naam(json);
        Set<Role> roles = roles(json);
        JsonNode actief = json.get("actief");
        if (actief == null || !actief.isBoolean()) {
            throw ApiProblemException.badRequest("'actief': true of false.");
        }
        if (user.gebruikersnaam().equals(callerUser)
                && (!actief.booleanValue() || !roles.contains(Role.GEBRUIKERSBEHEERDER))) {
            throw ApiProblemException.badRequest("'rollen': u kunt uw eigen account niet uitschakelen en uw eigen rol "
                    + "gebruikersbeheerder niet intrekken; laat een andere gebruikersbeheerder dat doen.");
        }
        users.update(user.id(), naam, roles, actief.booleanValue());
        if (actief.booleanValue()) {
            sessions.rolesChanged(user.id(), roles);
        } else {
            sessions.closeAllOf(user.id());
        }
        return own(id, caller).json();
    }

    /** POST /api/v1/users/{id}/wachtwoord: a new password; the user's open sessions end. */
    public void password(String id, String body, String caller) throws SQLException {
        PortalUser user = own(id, caller);
        String password = password(parse(body));
        users.setPasswordHash(user.id(), passwords.hash(password));
        sessions.closeAllOf(user.id());
    }

    private PortalUser own(String id, String caller) throws SQLException {
        return users.byId(id).map(PortalUsers.Stored::user)
                .filter(u -> u.organisation().equals(caller))
                .orElseThrow(() -> ApiProblemException.notFound("Gebruiker " + id + " bestaat niet in uw organisatie."));
    }

    private static String naam(JsonNode json) {
        String naam = text(json, "naam").strip();
        if (naam.isEmpty() || naam.length() > 200 || naam.chars().anyMatch(Character::isISOControl)) {
            throw ApiProblemException.badRequest("'naam': 1 tot 200 tekens.");
        }
        return naam;
    }

    private static Set<Role> roles(JsonNode json) {
        JsonNode rollen = json.get("rollen");
        if (rollen == null || !rollen.isArray()) {
            throw ApiProblemException.badRequest("'rollen': een lijst, bijvoorbeeld [\"cbs-lezer\"].");
        }
        List<String> ids = new ArrayList<>();
        rollen.forEach(r -> ids.add(r.asText()));
        try {
            return Role.strict(ids);
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.badRequest("'rollen': onbekende rol '" + e.getMessage()
                    + "'; kies uit gebruikersbeheerder, cbs-aanleveraar, cbs-lezer, berichtenverkeer.");
        }
    }

    private static String password(JsonNode json) {
        JsonNode value = json.get("wachtwoord");
        if (value == null || !value.isTextual() || value.asText().length() < Passwords.MIN_LENGTH
                || value.asText().length() > 200) {
            throw ApiProblemException.badRequest("'wachtwoord': minstens " + Passwords.MIN_LENGTH + " tekens.");
        }
        return value.asText();
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual()) {
            throw ApiProblemException.badRequest("'" + field + "' ontbreekt.");
        }
        return value.asText();
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode json = body == null ? null : JSON.readTree(body);
            if (json == null || !json.isObject()) {
                throw ApiProblemException.badRequest("Stuur een JSON-object.");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw ApiProblemException.badRequest("Stuur een JSON-object.");
        }
    }
}
