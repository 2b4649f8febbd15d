-- Di01 messages the hub forwards to RINIS/CBS, one row per validated GMSD file (delivery + entry). The
-- referentienummer and tijdstipBericht are fixed once, when the file is first sent, and kept on every retry (StUF:
-- a sender keeps both on a resend). The return path finds delivery, entry, gemeente and the delivering organisation
-- by referentienummer (the crossRefnummer of a Du01 or Fo01 from CBS). Portable SQL: H2 and PostgreSQL.
-- state: SENDING (not yet acknowledged), FORWARDED (Bv03), REJECTED (Fo03), FAILED (gave up after retries).
CREATE TABLE cbs_message (
    referentienummer  VARCHAR(40)   NOT NULL PRIMARY KEY,
    tijdstip_bericht  VARCHAR(17)   NOT NULL,
    delivery_id       VARCHAR(36)   NOT NULL,
    entry_index       INTEGER       NOT NULL,
    gemeente          VARCHAR(10)   NOT NULL,
    sender            VARCHAR(200)  NOT NULL,
    filename          VARCHAR(255)  NOT NULL,
    functie           VARCHAR(30)   NOT NULL,
    state             VARCHAR(16)   NOT NULL,
    attempts          INTEGER       NOT NULL,
    first_attempt_at  TIMESTAMP     NOT NULL,
    updated_at        TIMESTAMP     NOT NULL,
    CONSTRAINT cbs_message_entry UNIQUE (delivery_id, entry_index)
);
