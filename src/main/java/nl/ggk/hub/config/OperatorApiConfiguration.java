package nl.ggk.hub.config;

import nl.ggk.hub.api.DeliveryApi;
import nl.ggk.hub.observe.CbsChainWatch;
import nl.ggk.hub.observe.HubFigures;
import nl.ggk.hub.operator.DeadLetters;
import nl.ggk.hub.operator.OperatorActions;
import nl.ggk.hub.operator.OperatorApi;
import nl.ggk.hub.queues.QueueBrowsing;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/**
 * The operator's API (/api/v1/operator/*) over the beans of {@link OperatorConfiguration}: a class of its own, so
 * that no bean of a class needs another bean of that class that needs one too (Camel's order among those is the
 * JVM's reflection order; ConfigurationOrderTest).
 */
public class OperatorApiConfiguration implements CamelConfiguration {

    @BindToRegistry
    public OperatorApi operatorApi(QueueBrowsing queues, DeadLetters deadLetters, OperatorActions actions,
                                   HubFigures figures, CbsChainWatch cbs, DeliveryApi deliveries) {
        return new OperatorApi(queues, deadLetters, actions, figures, cbs, deliveries);
    }
}
