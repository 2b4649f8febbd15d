-- Inbox drops that became a delivery, keyed on a bounded hash of name, size, time and content (InboxDrops):
-- replaces Camel's idempotent record, which was written before the delivery existed and limited names to
-- 100 characters. Portable SQL: H2 and PostgreSQL.
CREATE TABLE inbox_drop (
    drop_key      VARCHAR(64)   NOT NULL PRIMARY KEY,
    delivery_id   VARCHAR(36)   NOT NULL,
    recorded_at   TIMESTAMP     NOT NULL
);
