-- HTTP Idempotency-Key: the first answer to a POST per (sender, key), given again to a retry with the same key.
-- File names as the user wrote them (UTF-8, up to 1000 characters, a ZIP entry name too) are kept for display;
-- the names on disk are derived from them (nl.ggk.hub.intake.FileNames). Portable SQL: H2 and PostgreSQL.
CREATE TABLE http_idempotency (
    sender        VARCHAR(40)    NOT NULL,
    idem_key      VARCHAR(200)   NOT NULL,
    status        INTEGER        NOT NULL,
    location      VARCHAR(200),
    answer        VARCHAR(100000) NOT NULL,
    created_at    TIMESTAMP      NOT NULL,
    PRIMARY KEY (sender, idem_key)
);

ALTER TABLE delivery ALTER COLUMN filename SET DATA TYPE VARCHAR(4000);
ALTER TABLE delivery_entry ALTER COLUMN name SET DATA TYPE VARCHAR(4000);
ALTER TABLE delivery_entry ALTER COLUMN fo01_file SET DATA TYPE VARCHAR(1000);
