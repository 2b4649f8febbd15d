package nl.ggk.hub.portal;

import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Headers;

/**
 * The api-caller routeConfiguration's one step (bean {@code callerHeaders}): asks {@link PortalAccess} who calls and
 * whether that caller has a role the route declared, and puts the answer in the headers GgkCaller (organisation),
 * GgkUser (gebruikersnaam, or {@code api-key}), GgkUserName (the name a person reads) and GgkRoles (comma-separated), replacing any a client sent. The body
 * (the request) is left as it is.
 */
public final class CallerHeaders {

    private final PortalAccess access;

    public CallerHeaders(PortalAccess access) {
        this.access = access;
    }

    public void identify(@Header("Authorization") String authorization, @Header("Cookie") String cookie,
                         @Header(PortalAccess.CSRF_HEADER) String csrfToken, @Header(Exchange.HTTP_METHOD) String method,
                         @ExchangeProperty(RequiredRoles.PROPERTY) Set<Role> required,
                         @Headers Map<String, Object> headers) {
        Caller caller = access.caller(authorization, cookie, csrfToken, method, required);
        headers.put("GgkCaller", caller.organisation());
        headers.put("GgkUser", caller.user());
        headers.put("GgkUserName", caller.name());
        headers.put("GgkRoles", caller.rolesHeader());
    }
}
