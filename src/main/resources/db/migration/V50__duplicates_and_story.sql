-- Duplicates and the whole story in track & trace (issue 8). Portable SQL: H2 and PostgreSQL.

-- the earlier delivery of the same payload (SHA-256) by the same sender; it is accepted again all the same
ALTER TABLE delivery ADD COLUMN duplicate_of VARCHAR(36);
CREATE INDEX delivery_sender_payload ON delivery (sender, payload_ref);
-- names as users write them, and the hub's answer files, in full (a ZIP entry's path may be long)
ALTER TABLE delivery ALTER COLUMN filename SET DATA TYPE VARCHAR(1000);
ALTER TABLE delivery_entry ALTER COLUMN name SET DATA TYPE VARCHAR(1000);
ALTER TABLE delivery_entry ALTER COLUMN fo01_file SET DATA TYPE VARCHAR(1000);
ALTER TABLE delivery_entry ADD COLUMN feedback_file VARCHAR(1000);
CREATE INDEX delivery_filename ON delivery (filename);

-- iWmo/iJw messages claimed for forwarding: one (Afzender, BerichtCode, BerichtIdentificatie) goes on once
CREATE TABLE forwarded_message (
    afzender       VARCHAR(40)   NOT NULL,
    functie        VARCHAR(32)   NOT NULL,
    identificatie  VARCHAR(64)   NOT NULL,
    delivery_id    VARCHAR(36)   NOT NULL,
    entry_index    INTEGER       NOT NULL,
    received_at    TIMESTAMP     NOT NULL,
    PRIMARY KEY (afzender, functie, identificatie)
);

-- GMSD files that passed the check: a later one of the same gemeente, type and half year replaces it
CREATE TABLE gmsd_file (
    delivery_id    VARCHAR(36)   NOT NULL,
    entry_index    INTEGER       NOT NULL,
    gemeente       VARCHAR(8)    NOT NULL,
    file_type      VARCHAR(16)   NOT NULL,
    period         VARCHAR(8)    NOT NULL,
    received_at    TIMESTAMP     NOT NULL,
    replaced_by    VARCHAR(36),
    PRIMARY KEY (delivery_id, entry_index)
);
CREATE INDEX gmsd_file_key ON gmsd_file (gemeente, file_type, period);
