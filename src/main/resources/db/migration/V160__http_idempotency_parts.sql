-- The file parts a POST with an Idempotency-Key stored, one row per part, written before the part's delivery is
-- recorded and its receipt goes to the broker (route intake, step intake-http-claim). A retry of the key after the
-- hub died before it answered finds the parts here: it answers with their deliveries, and enqueues a receipt again
-- only while its delivery is still RECEIVED, instead of delivering the file a second time. Portable SQL.
CREATE TABLE http_idempotency_part (
    sender        VARCHAR(40)   NOT NULL,
    idem_key      VARCHAR(200)  NOT NULL,
    part_index    INTEGER       NOT NULL,
    delivery_id   VARCHAR(36)   NOT NULL,
    organisation  VARCHAR(40)   NOT NULL,
    filename      VARCHAR(4000) NOT NULL,
    payload_ref   VARCHAR(64)   NOT NULL,
    payload_size  BIGINT        NOT NULL,
    received_at   TIMESTAMP     NOT NULL,
    created_at    TIMESTAMP     NOT NULL,
    PRIMARY KEY (sender, idem_key, part_index)
);
CREATE INDEX http_idempotency_part_created ON http_idempotency_part (created_at);
