package nl.ggk.hub.portal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/** The portal accounts in the database (table portal_user); user names are kept in lower case. */
public final class PortalUsers {

    /** A user as stored, with its password hash (never shown). */
    public record Stored(PortalUser user, String passwordHash) {
    }

    private static final String COLUMNS = "id, gebruikersnaam, naam, organisation, roles, active, demo, password_hash";

    private final DataSource dataSource;
    private final Clock clock;

    public PortalUsers(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public static String normalise(String gebruikersnaam) {
        return gebruikersnaam == null ? null : gebruikersnaam.trim().toLowerCase(Locale.ROOT);
    }

    public Optional<Stored> byName(String gebruikersnaam) throws SQLException {
        return one("SELECT " + COLUMNS + " FROM portal_user WHERE gebruikersnaam = ?", normalise(gebruikersnaam));
    }

    public Optional<Stored> byId(String id) throws SQLException {
        return one("SELECT " + COLUMNS + " FROM portal_user WHERE id = ?", id);
    }

    public List<PortalUser> ofOrganisation(String organisation) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT " + COLUMNS + " FROM portal_user WHERE organisation = ? ORDER BY gebruikersnaam")) {
            select.setString(1, organisation);
            List<PortalUser> users = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    users.add(read(rs).user());
                }
            }
            return users;
        }
    }

    /** Adds a user; false when the name is taken (the unique constraint decides, so two at once cannot both win). */
    public boolean create(PortalUser user, String passwordHash) throws SQLException {
        if (byName(user.gebruikersnaam()).isPresent()) {
            return false;
        }
        Timestamp now = Timestamp.from(clock.instant());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO portal_user (" + COLUMNS
                     + ", created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, user.id());
            insert.setString(2, normalise(user.gebruikersnaam()));
            insert.setString(3, user.naam());
            insert.setString(4, user.organisation());
            insert.setString(5, Role.join(user.roles()));
            insert.setBoolean(6, user.active());
            insert.setBoolean(7, user.demo());
            insert.setString(8, passwordHash);
            insert.setTimestamp(9, now);
            insert.setTimestamp(10, now);
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false;
            }
            throw e;
        }
    }

    public void update(String id, String naam, Set<Role> roles, boolean active) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE portal_user SET naam = ?, roles = ?, active = ?, updated = ? WHERE id = ?")) {
            update.setString(1, naam);
            update.setString(2, Role.join(roles));
            update.setBoolean(3, active);
            update.setTimestamp(4, Timestamp.from(clock.instant()));
            update.setString(5, id);
            update.executeUpdate();
        }
    }

    public void setPasswordHash(String id, String passwordHash) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE portal_user SET password_hash = ?, updated = ? WHERE id = ?")) {
            update.setString(1, passwordHash);
            update.setTimestamp(2, Timestamp.from(clock.instant()));
            update.setString(3, id);
            update.executeUpdate();
        }
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    private Optional<Stored> one(String sql, String value) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, value);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static Stored read(ResultSet rs) throws SQLException {
        PortalUser user = new PortalUser(rs.getString("id"), rs.getString("gebruikersnaam"), rs.getString("naam"),
                rs.getString("organisation"), Role.parse(rs.getString("roles")), rs.getBoolean("active"),
                rs.getBoolean("demo"));
        return new Stored(user, rs.getString("password_hash"));
    }
}
