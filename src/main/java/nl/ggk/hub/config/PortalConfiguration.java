package nl.ggk.hub.config;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import javax.sql.DataSource;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.portal.DatabaseLoginCounts;
import nl.ggk.hub.portal.DemoUsers;
import nl.ggk.hub.portal.LoginThrottle;
import nl.ggk.hub.portal.Passwords;
import nl.ggk.hub.portal.PortalAccess;
import nl.ggk.hub.portal.PortalUsers;
import nl.ggk.hub.portal.RequiredRoles;
import nl.ggk.hub.portal.Role;
import nl.ggk.hub.portal.SessionApi;
import nl.ggk.hub.portal.Sessions;
import nl.ggk.hub.portal.UsersApi;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

/**
 * Portal accounts and sessions (ggk.portal.*): users, sessions and login counts in the (shared) database,
 * the one access check of /api/v1 (portalAccess) and the role declarations routes name in {@code routePolicy}.
 */
public class PortalConfiguration implements CamelConfiguration {

    @BindToRegistry
    public Passwords passwords(@PropertyInject(value = "ggk.portal.password.argon2-memory-kib",
                                       defaultValue = "16384") int memoryKib,
                               @PropertyInject(value = "ggk.portal.password.argon2-iterations", defaultValue = "2")
                               int iterations) {
        return new Passwords(memoryKib, iterations);
    }

    /** The demo accounts are added here, at start, while ggk.portal.demo-users-enabled=true. */
    @BindToRegistry
    public PortalUsers portalUsers(DataSource dataSource,
                                   @PropertyInject("ggk.portal.demo-users-enabled") boolean demoUsers,
                                   @PropertyInject(value = "ggk.portal.password.argon2-memory-kib",
                                           defaultValue = "16384") int memoryKib,
                                   @PropertyInject(value = "ggk.portal.password.argon2-iterations",
                                           defaultValue = "2") int iterations)
            throws SQLException {
        PortalUsers users = new PortalUsers(dataSource, Clock.systemUTC());
        if (demoUsers) {
            // the same cost as the passwords bean (a bean of this class with parameters: not taken from it, see
            // ConfigurationOrderTest)
            DemoUsers.seed(users, new Passwords(memoryKib, iterations));
        }
        return users;
    }

    @BindToRegistry
    public Sessions portalSessions(DataSource dataSource,
                                   @PropertyInject("ggk.portal.session-idle-minutes") String idleMinutes,
                                   @PropertyInject("ggk.portal.session-max-hours") String maxHours,
                                   @PropertyInject(value = "ggk.portal.session-door-recheck-seconds",
                                           defaultValue = "5") String doorRecheck) {
        return new Sessions(dataSource, duration(idleMinutes, Duration.ofMinutes(1)),
                duration(maxHours, Duration.ofHours(1)), duration(doorRecheck, Duration.ofSeconds(1)),
                Clock.systemUTC());
    }

    @BindToRegistry
    public LoginThrottle loginThrottle(DataSource dataSource,
                                       @PropertyInject("ggk.portal.login.free-attempts") int freeAttempts,
                                       @PropertyInject("ggk.portal.login.base-delay-seconds") String baseDelay,
                                       @PropertyInject("ggk.portal.login.max-delay-seconds") String maxDelay,
                                       @PropertyInject("ggk.portal.login.forget-after-minutes") String forgetAfter) {
        return new LoginThrottle(new DatabaseLoginCounts(dataSource, Clock.systemUTC()), freeAttempts,
                duration(baseDelay, Duration.ofSeconds(1)),
                duration(maxDelay, Duration.ofSeconds(1)), duration(forgetAfter, Duration.ofMinutes(1)),
                Clock.systemUTC());
    }

    @BindToRegistry
    public PortalAccess portalAccess(OrganisationRegistry organisations, Sessions sessions,
                                     @PropertyInject("ggk.demo-keys-enabled") boolean demoKeys) {
        return new PortalAccess(organisations, demoKeys, sessions);
    }

    @BindToRegistry
    public SessionApi sessionApi(PortalUsers users, Passwords passwords, Sessions sessions, LoginThrottle throttle,
                                 OrganisationRegistry organisations,
                                 @PropertyInject("ggk.portal.demo-users-enabled") boolean demoUsers,
                                 @PropertyInject("ggk.portal.secure-cookie") boolean secureCookie) {
        return new SessionApi(users, passwords, sessions, throttle, organisations, demoUsers, secureCookie);
    }

    @BindToRegistry
    public UsersApi usersApi(PortalUsers users, Passwords passwords, Sessions sessions) {
        return new UsersApi(users, passwords, sessions);
    }

    /** {@code routePolicy: needsCbsRead}: the CBS tab's reads (cbs-lezer or cbs-aanleveraar). */
    @BindToRegistry
    public RequiredRoles needsCbsRead() {
        return new RequiredRoles(EnumSet.of(Role.CBS_LEZER, Role.CBS_AANLEVERAAR));
    }

    /**
     * {@code routePolicy: needsDeliveryRead}: track &amp; trace of deliveries, which are CBS files as well as
     * iWmo/iJw/SVB traffic: a CBS role or berichtenverkeer.
     */
    @BindToRegistry
    public RequiredRoles needsDeliveryRead() {
        return new RequiredRoles(EnumSet.of(Role.CBS_LEZER, Role.CBS_AANLEVERAAR, Role.BERICHTENVERKEER));
    }

    /** {@code routePolicy: needsCbsWrite}: the CBS tab's changes (opt-in, terugmelding): cbs-aanleveraar. */
    @BindToRegistry
    public RequiredRoles needsCbsWrite() {
        return new RequiredRoles(EnumSet.of(Role.CBS_AANLEVERAAR));
    }

    /** {@code routePolicy: needsBerichtenverkeer}: iWmo/iJw/SVB traffic. */
    @BindToRegistry
    public RequiredRoles needsBerichtenverkeer() {
        return new RequiredRoles(EnumSet.of(Role.BERICHTENVERKEER));
    }

    /** {@code routePolicy: needsUserAdmin}: the users API (gebruikersbeheerder). */
    @BindToRegistry
    public RequiredRoles needsUserAdmin() {
        return new RequiredRoles(EnumSet.of(Role.GEBRUIKERSBEHEERDER));
    }

    /** {@code routePolicy: needsOperator}: the operator's API (ggk-beheerder, organisation GGK). */
    @BindToRegistry
    public RequiredRoles needsOperator() {
        return new RequiredRoles(EnumSet.of(Role.GGK_BEHEERDER));
    }

    /** A setting in whole or decimal units ({@code 0.05} minutes in a test). */
    static Duration duration(String amount, Duration unit) {
        long millis = new BigDecimal(amount.trim()).multiply(BigDecimal.valueOf(unit.toMillis())).longValue();
        if (millis <= 0) {
            throw new IllegalArgumentException("a portal duration setting must be positive: " + amount);
        }
        return Duration.ofMillis(millis);
    }
}
