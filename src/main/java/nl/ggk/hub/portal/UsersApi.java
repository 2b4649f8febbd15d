package nl.ggk.hub.portal;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nl.ggk.hub.web.ApiProblemException;

/**
 * /api/v1/users: a gebruikersbeheerder manages the accounts of its own organisation (list, create, change name,
 * roles and whether active, set a password). The route has checked the role; every method here checks the
 * organisation: another organisation's user is not found (404), as if it did not exist.
 */
public final class UsersApi {

    /** A portal user as the API shows it. */
    public record UserView(String id, String gebruikersnaam, String naam, List<String> rollen, boolean actief) {
    }

    /** The body of POST /api/v1/users. */
    @Schema(requiredProperties = {"gebruikersnaam", "naam", "rollen", "wachtwoord"})
    public record NewUser(@Schema(example = "0363.jansen", pattern = NAME_PATTERN) String gebruikersnaam,
                          @Schema(example = "J. Jansen", maxLength = 200) String naam,
                          @ArraySchema(schema = @Schema(allowableValues = {"gebruikersbeheerder", "cbs-aanleveraar",
                                  "cbs-lezer", "berichtenverkeer"})) List<String> rollen,
                          @Schema(minLength = Passwords.MIN_LENGTH, maxLength = 200, format = "password")
                          String wachtwoord) {
    }

    /** The body of PUT /api/v1/users/{id}. */
    @Schema(requiredProperties = {"naam", "rollen", "actief"})
    public record UserChange(@Schema(maxLength = 200) String naam,
                             @ArraySchema(schema = @Schema(allowableValues = {"gebruikersbeheerder", "cbs-aanleveraar",
                                     "cbs-lezer", "berichtenverkeer"})) List<String> rollen,
                             @Schema(description = "false: the user's sessions end") Boolean actief) {
    }

    /** The body of POST /api/v1/users/{id}/wachtwoord. */
    @Schema(requiredProperties = "wachtwoord")
    public record NewPassword(@Schema(minLength = Passwords.MIN_LENGTH, maxLength = 200, format = "password")
                              String wachtwoord) {
    }

    private static final String NAME_PATTERN = "[a-z0-9][a-z0-9._-]{2,63}";

    private final PortalUsers users;
    private final Passwords passwords;
    private final Sessions sessions;

    public UsersApi(PortalUsers users, Passwords passwords, Sessions sessions) {
        this.users = users;
        this.passwords = passwords;
        this.sessions = sessions;
    }

    public List<UserView> list(String caller) throws SQLException {
        List<UserView> list = new ArrayList<>();
        for (PortalUser user : users.ofOrganisation(caller)) {
            list.add(user.view());
        }
        return list;
    }

    /** POST /api/v1/users: a new active user of the caller's organisation; 409 when the name is taken. */
    public UserView create(NewUser json, String caller) throws SQLException {
        present(json);
        String name = PortalUsers.normalise(text(json.gebruikersnaam(), "gebruikersnaam"));
        if (!name.matches(NAME_PATTERN)) {
            throw ApiProblemException.badRequest("'gebruikersnaam': 3 tot 64 tekens, kleine letters, cijfers, . _ of -.");
        }
        String naam = naam(json.naam());
        Set<Role> roles = roles(json.rollen(), caller);
        String password = password(json.wachtwoord());
        PortalUser user = new PortalUser(PortalUsers.newId(), name, naam, caller, roles, true, false);
        if (!users.create(user, passwords.hash(password))) {
            throw new ApiProblemException(409, "'gebruikersnaam': " + name + " bestaat al.");
        }
        return user.view();
    }

    /**
     * PUT /api/v1/users/{id}: name, roles, active; open sessions get the new roles, a disabled user is logged out.
     * A gebruikersbeheerder cannot disable itself nor drop its own role, so an organisation keeps one.
     */
    public UserView update(String id, UserChange json, String caller, String callerUser) throws SQLException {
        PortalUser user = own(id, caller);
        present(json);
        String naam = naam(json.naam());
        Set<Role> roles = roles(json.rollen(), caller);
        Boolean actief = json.actief();
        if (actief == null) {
            throw ApiProblemException.badRequest("'actief': true of false.");
        }
        if (user.gebruikersnaam().equals(callerUser)
                && (!actief || !roles.contains(Role.GEBRUIKERSBEHEERDER))) {
            throw ApiProblemException.badRequest("'rollen': u kunt uw eigen account niet uitschakelen en uw eigen rol "
                    + "gebruikersbeheerder niet intrekken; laat een andere gebruikersbeheerder dat doen.");
        }
        users.update(user.id(), naam, roles, actief);
        if (actief) {
            sessions.rolesChanged(user.id(), roles);
        } else {
            sessions.closeAllOf(user.id());
        }
        return own(id, caller).view();
    }

    /** POST /api/v1/users/{id}/wachtwoord: a new password; the user's open sessions end. */
    public void password(String id, NewPassword json, String caller) throws SQLException {
        PortalUser user = own(id, caller);
        present(json);
        String password = password(json.wachtwoord());
        users.setPasswordHash(user.id(), passwords.hash(password));
        sessions.closeAllOf(user.id());
    }

    private PortalUser own(String id, String caller) throws SQLException {
        return users.byId(id).map(PortalUsers.Stored::user)
                .filter(u -> u.organisation().equals(caller))
                .orElseThrow(() -> ApiProblemException.notFound("Gebruiker " + id + " bestaat niet in uw organisatie."));
    }

    private static String naam(String value) {
        String naam = text(value, "naam").strip();
        if (naam.isEmpty() || naam.length() > 200 || naam.chars().anyMatch(Character::isISOControl)) {
            throw ApiProblemException.badRequest("'naam': 1 tot 200 tekens.");
        }
        return naam;
    }

    /** The roles asked for; ggk-beheerder only within organisation GGK (the hub's operators). */
    private static Set<Role> roles(List<String> rollen, String caller) {
        Set<Role> roles = roles(rollen);
        if (roles.contains(Role.GGK_BEHEERDER) && !Role.OPERATOR_ORGANISATION.equals(caller)) {
            throw ApiProblemException.forbidden("'rollen': de rol ggk-beheerder is alleen voor beheerders van de GGk"
                    + " zelf.");
        }
        return roles;
    }

    private static Set<Role> roles(List<String> rollen) {
        if (rollen == null) {
            throw ApiProblemException.badRequest("'rollen': een lijst, bijvoorbeeld [\"cbs-lezer\"].");
        }
        List<String> ids = new ArrayList<>();
        // an item that is not text was read as null
        rollen.forEach(r -> ids.add(r == null ? "null" : r));
        try {
            return Role.strict(ids);
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.badRequest("'rollen': onbekende rol '" + e.getMessage()
                    + "'; kies uit gebruikersbeheerder, cbs-aanleveraar, cbs-lezer, berichtenverkeer.");
        }
    }

    private static String password(String value) {
        if (value == null || value.length() < Passwords.MIN_LENGTH || value.length() > 200) {
            throw ApiProblemException.badRequest("'wachtwoord': minstens " + Passwords.MIN_LENGTH + " tekens.");
        }
        return value;
    }

    /** A field the binding read as text (a value of another JSON type is read as absent). */
    private static String text(String value, String field) {
        if (value == null) {
            throw ApiProblemException.badRequest("'" + field + "' ontbreekt.");
        }
        return value;
    }

    /** A body the binding could not read as a JSON object is null. */
    private static void present(Object body) {
        if (body == null) {
            throw ApiProblemException.badRequest("Stuur een JSON-object.");
        }
    }
}
