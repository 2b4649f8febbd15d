# ActiveMQ Artemis 2.40.0 with ggk-hub's shipped settings (config/artemis/, docs/operations.md "Artemis"): the broker
# plugin AuthenticatedSender (JMSXUserID = the sender's login) in Artemis' lib/, and broker.properties (DLQ.<queue>
# per queue, 7 deliveries, organisations may only send to ggk.inbound) read at every start with --properties.
# The build context is the repository root (docker/compose.yaml, service broker).
FROM apache/activemq-artemis:2.40.0 AS artemis

FROM eclipse-temurin:21-jdk AS plugin
COPY --from=artemis /opt/activemq-artemis/lib /artemis/lib
COPY config/artemis/plugin /plugin
RUN javac --release 17 -nowarn -d /classes -cp '/artemis/lib/*' $(find /plugin -name '*.java') \
    && jar --create --file /ggk-artemis-plugin.jar -C /classes .

FROM apache/activemq-artemis:2.40.0
COPY --from=plugin /ggk-artemis-plugin.jar /opt/activemq-artemis/lib/ggk-artemis-plugin.jar
COPY config/artemis/broker.properties /opt/ggk-artemis/broker.properties
# the image's entrypoint creates the instance at first start (ARTEMIS_USER/ARTEMIS_PASSWORD, role amq) and runs
# bin/artemis with these arguments; the settings file is read from the image at every start, so a new image
# brings new settings to an existing instance
CMD ["run", "--properties", "/opt/ggk-artemis/broker.properties"]
