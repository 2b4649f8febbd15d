package nl.ggk.hub.observe;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Camel's health check registry as /observe/health reads it, with every result's message, error and details
 * passed through {@link ServerPaths}: Camel's consumer checks put the endpoint URI ({@code endpoint.uri}, e.g.
 * {@code file:///srv/ggk/inbox?…}) in their details and their message, and a failing file consumer's error names
 * the file. Everything else (which checks, exposure level, repositories) is the wrapped registry's.
 */
public final class PathMaskingHealthCheckRegistry extends ServiceSupport implements HealthCheckRegistry {

    private final HealthCheckRegistry registry;
    private final ServerPaths paths;

    public PathMaskingHealthCheckRegistry(HealthCheckRegistry registry, ServerPaths paths) {
        this.registry = registry;
        this.paths = paths;
    }

    /** Puts a masking registry in front of the context's own (once); call it before the context starts. */
    public static void install(CamelContext context, ServerPaths paths) {
        HealthCheckRegistry current = HealthCheckRegistry.get(context);
        if (current != null && !(current instanceof PathMaskingHealthCheckRegistry)) {
            context.getCamelContextExtension().addContextPlugin(HealthCheckRegistry.class,
                    new PathMaskingHealthCheckRegistry(current, paths));
        }
    }

    @Override
    public Stream<HealthCheck> stream() {
        return registry.stream().map(check -> check instanceof Masked ? check : new Masked(check, paths));
    }

    @Override
    public boolean isExcluded(HealthCheck check) {
        return registry.isExcluded(check instanceof Masked masked ? masked.check : check);
    }

    @Override
    public boolean isEnabled() {
        return registry.isEnabled();
    }

    @Override
    public void setEnabled(boolean enabled) {
        registry.setEnabled(enabled);
    }

    @Override
    public Object resolveById(String id) {
        return registry.resolveById(id);
    }

    @Override
    public boolean register(Object obj) {
        return registry.register(obj);
    }

    @Override
    public boolean unregister(Object obj) {
        return registry.unregister(obj);
    }

    @Override
    public Optional<HealthCheckRepository> getRepository(String id) {
        return registry.getRepository(id);
    }

    @Override
    public void loadHealthChecks() {
        registry.loadHealthChecks();
    }

    @Override
    public String getExcludePattern() {
        return registry.getExcludePattern();
    }

    @Override
    public void setExcludePattern(String excludePattern) {
        registry.setExcludePattern(excludePattern);
    }

    @Override
    public void setExposureLevel(String exposureLevel) {
        registry.setExposureLevel(exposureLevel);
    }

    @Override
    public String getExposureLevel() {
        return registry.getExposureLevel();
    }

    @Override
    public void setInitialState(HealthCheck.State initialState) {
        registry.setInitialState(initialState);
    }

    @Override
    public HealthCheck.State getInitialState() {
        return registry.getInitialState();
    }

    @Override
    public CamelContext getCamelContext() {
        return registry.getCamelContext();
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        registry.setCamelContext(camelContext);
    }

    @Override
    public String getId() {
        return registry.getId();
    }

    @Override
    public void setId(String id) {
        registry.setId(id);
    }

    @Override
    protected void doInit() throws Exception {
        ServiceHelper.initService(registry);
    }

    @Override
    protected void doStart() throws Exception {
        ServiceHelper.startService(registry);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(registry);
    }

    /** A health check whose results show no server path. */
    static final class Masked implements HealthCheck {

        private final HealthCheck check;
        private final ServerPaths paths;

        Masked(HealthCheck check, ServerPaths paths) {
            this.check = check;
            this.paths = paths;
        }

        @Override
        public String getId() {
            return check.getId();
        }

        @Override
        public String getGroup() {
            return check.getGroup();
        }

        @Override
        public int getOrder() {
            return check.getOrder();
        }

        @Override
        public boolean isEnabled() {
            return check.isEnabled();
        }

        @Override
        public void setEnabled(boolean enabled) {
            check.setEnabled(enabled);
        }

        @Override
        public Map<String, Object> getMetaData() {
            return check.getMetaData();
        }

        @Override
        public boolean isReadiness() {
            return check.isReadiness();
        }

        @Override
        public boolean isLiveness() {
            return check.isLiveness();
        }

        @Override
        public Result call(Map<String, Object> options) {
            return masked(check.call(options));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Masked masked && masked.check.equals(check);
        }

        @Override
        public int hashCode() {
            return check.hashCode();
        }

        private Result masked(Result result) {
            Optional<String> message = result.getMessage().map(paths::mask);
            Optional<Throwable> error = result.getError().map(this::maskedError);
            Map<String, Object> details = new LinkedHashMap<>();
            result.getDetails().forEach((key, value) -> details.put(key, maskedValue(value)));
            HealthCheck self = this;
            State state = result.getState();
            return new Result() {
                @Override
                public HealthCheck getCheck() {
                    return self;
                }

                @Override
                public State getState() {
                    return state;
                }

                @Override
                public Optional<String> getMessage() {
                    return message;
                }

                @Override
                public Optional<Throwable> getError() {
                    return error;
                }

                @Override
                public Map<String, Object> getDetails() {
                    return details;
                }
            };
        }

        private Object maskedValue(Object value) {
            if (value == null || value instanceof Number || value instanceof Boolean || value instanceof Enum<?>) {
                return value;
            }
            if (value instanceof Throwable t) {
                return maskedError(t);
            }
            String text = String.valueOf(value);
            return paths.mentions(text) ? paths.mask(text) : value;
        }

        /**
         * The error as one exception: its class and message and those of its causes, masked; no stack trace. Only
         * where the error mentions a server path; otherwise it is shown as Camel has it.
         */
        private Throwable maskedError(Throwable error) {
            StringBuilder text = new StringBuilder(error.getClass().getName()).append(": ")
                    .append(error.getMessage());
            for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause();
                 cause = cause.getCause()) {
                text.append("; caused by ").append(cause.getClass().getName()).append(": ").append(cause.getMessage());
            }
            if (!paths.mentions(text.toString())) {
                return error;
            }
            return new MaskedError(paths.mask(text.toString()));
        }
    }

    /** An error as the management port shows it: its text with the server paths taken out, no stack trace. */
    static final class MaskedError extends RuntimeException {
        MaskedError(String message) {
            super(message, null, false, false);
        }
    }
}
