package nl.ggk.hub.config;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import nl.ggk.hub.api.DeliveryApi;
import nl.ggk.hub.api.DeliveryRequests;
import nl.ggk.hub.api.Problems;
import nl.ggk.hub.org.OrganisationRegistry;
import nl.ggk.hub.outbox.OutboxStore;
import nl.ggk.hub.track.TrackStore;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

/** The HTTP API /api/v1: who is calling, what they may read, how a refusal is answered. */
public class ApiConfiguration implements CamelConfiguration {

    @BindToRegistry
    public DeliveryRequests deliveryRequests(OrganisationRegistry organisations,
                                             @PropertyInject("ggk.demo-keys-enabled") boolean demoKeys,
                                             @PropertyInject(value = "ggk.intake.media-types", separator = ",")
                                             List<String> mediaTypes) {
        return new DeliveryRequests(organisations, demoKeys, mediaTypes.stream()
                .map(t -> t.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet()));
    }

    @BindToRegistry
    public DeliveryApi deliveryApi(TrackStore track, OrganisationRegistry organisations, OutboxStore outbox) {
        return new DeliveryApi(track, organisations, outbox);
    }

    @BindToRegistry
    public Problems problems() {
        return new Problems();
    }
}
