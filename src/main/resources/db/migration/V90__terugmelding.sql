-- Terugmeldingen (POST /api/v1/outbox/{id}/terugmelding): a gemeente's answer to a spiegelrapport, sent to CBS as a
-- Du01 through the CBS forwarding like a delivery (delivery_id: its track & trace; its referentienummer is the
-- cbs_message row of that delivery, entry 0). cross_ref: the referentienummer of the CBS message that carried the
-- spiegelrapport, the Du01's crossRefnummer. Portable SQL: H2 and PostgreSQL.
CREATE TABLE terugmelding (
    delivery_id     VARCHAR(36)   NOT NULL PRIMARY KEY,
    outbox_item_id  VARCHAR(36)   NOT NULL,
    gemeente        VARCHAR(10)   NOT NULL,
    sent_by         VARCHAR(40)   NOT NULL,
    cross_ref       VARCHAR(40)   NOT NULL,
    file_name       VARCHAR(255)  NOT NULL,
    created_at      TIMESTAMP     NOT NULL,
    CONSTRAINT terugmelding_item FOREIGN KEY (outbox_item_id) REFERENCES outbox_item (id)
);
CREATE INDEX terugmelding_item_created ON terugmelding (outbox_item_id, created_at);
