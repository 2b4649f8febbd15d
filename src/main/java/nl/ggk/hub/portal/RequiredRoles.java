package nl.ggk.hub.portal;

import java.util.EnumSet;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;

/**
 * A route's declaration of the roles it needs, one line in its YAML ({@code routePolicy: needsCbsRead}): before
 * the route's first step (and before the api-caller interceptFrom) it puts the roles on the exchange, where
 * {@link PortalAccess#caller} finds them. Any one of the roles suffices.
 */
public final class RequiredRoles extends RoutePolicySupport {

    /** The exchange property the api-caller routeConfiguration reads. */
    public static final String PROPERTY = "GgkRequiredRoles";

    private final Set<Role> roles;

    public RequiredRoles(Set<Role> roles) {
        this.roles = EnumSet.copyOf(roles);
    }

    public Set<Role> roles() {
        return roles;
    }

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        exchange.setProperty(PROPERTY, roles);
    }
}
