package nl.ggk.hub.portal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import nl.ggk.hub.db.Jdbc;

/** The portal accounts in the database (table portal_user); user names are kept in lower case. */
public final class PortalUsers {

    /** A user as stored, with its password hash (never shown). */
    public record Stored(PortalUser user, String passwordHash) {
    }

    private static final String COLUMNS = "id, gebruikersnaam, naam, organisation, roles, active, demo, password_hash";

    private final Jdbc jdbc;
    private final Clock clock;

    public PortalUsers(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
    }

    public static String normalise(String gebruikersnaam) {
        return gebruikersnaam == null ? null : gebruikersnaam.trim().toLowerCase(Locale.ROOT);
    }

    public Optional<Stored> byName(String gebruikersnaam) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM portal_user WHERE gebruikersnaam = ?", PortalUsers::read,
                normalise(gebruikersnaam));
    }

    public Optional<Stored> byId(String id) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM portal_user WHERE id = ?", PortalUsers::read, id);
    }

    public List<PortalUser> ofOrganisation(String organisation) {
        return jdbc.query("SELECT " + COLUMNS + " FROM portal_user WHERE organisation = ? ORDER BY gebruikersnaam",
                rs -> read(rs).user(), organisation);
    }

    /** Adds a user; false when the name is taken (the unique constraint decides, so two at once cannot both win). */
    public boolean create(PortalUser user, String passwordHash) {
        Instant now = clock.instant();
        return jdbc.insertOnce("INSERT INTO portal_user (" + COLUMNS + ", created, updated)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", user.id(), normalise(user.gebruikersnaam()), user.naam(),
                user.organisation(), Role.join(user.roles()), user.active(), user.demo(), passwordHash, now, now);
    }

    public void update(String id, String naam, Set<Role> roles, boolean active) {
        jdbc.update("UPDATE portal_user SET naam = ?, roles = ?, active = ?, updated = ? WHERE id = ?", naam,
                Role.join(roles), active, clock.instant(), id);
    }

    public void setPasswordHash(String id, String passwordHash) {
        jdbc.update("UPDATE portal_user SET password_hash = ?, updated = ? WHERE id = ?", passwordHash, clock.instant(),
                id);
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    private static Stored read(ResultSet rs) throws SQLException {
        PortalUser user = new PortalUser(rs.getString("id"), rs.getString("gebruikersnaam"), rs.getString("naam"),
                rs.getString("organisation"), Role.parse(rs.getString("roles")), rs.getBoolean("active"),
                rs.getBoolean("demo"));
        return new Stored(user, rs.getString("password_hash"));
    }
}
