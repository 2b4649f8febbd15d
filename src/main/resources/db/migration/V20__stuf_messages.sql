-- StUF messages received through the web service, one row per (zender organisatie, referentienummer), so that a
-- resend is recognised: the same content gets the same Bv03 again and is not processed twice; other content
-- under the same referentienummer is refused (Fo03 StUF016). Portable SQL: H2 and PostgreSQL.
-- state: CLAIMED while the hub stores the message (no Bv03 sent yet), ACCEPTED once stored and answered.
CREATE TABLE stuf_message (
    zender            VARCHAR(200)  NOT NULL,
    referentienummer  VARCHAR(40)   NOT NULL,
    berichtcode       VARCHAR(4)    NOT NULL,
    content_sha256    VARCHAR(64)   NOT NULL,
    state             VARCHAR(16)   NOT NULL,
    bv03              VARCHAR(4000) NOT NULL,
    delivery_id       VARCHAR(36),
    received_at       TIMESTAMP     NOT NULL,
    updated_at        TIMESTAMP     NOT NULL,
    PRIMARY KEY (zender, referentienummer)
);
CREATE INDEX stuf_message_delivery ON stuf_message (delivery_id);
