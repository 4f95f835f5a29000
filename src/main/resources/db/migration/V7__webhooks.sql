-- Consent notifications (issue 5 "Notifications"): an institution may register a webhook; the
-- gateway writes each event it owes it into a durable outbox, and a deliverer POSTs it with retries.

alter table institutions add column webhook_url text null;
alter table institutions add constraint institutions_webhook_url_is_http
    check (webhook_url is null or webhook_url ~ '^https?://');

-- One signed event (a JWS naming the consent and what happened to it, never a person) for one
-- institution. Delivered rows, and rows given up on after their last attempt, are kept.
create table consent_notifications (
    id                bigserial   primary key,
    institution_uscc  text        not null references institutions (uscc),
    url               text        not null,
    event_jws         text        not null,
    attempts          integer     not null default 0,
    next_attempt_at   timestamptz not null default now(),
    delivered_at      timestamptz null,
    created_at        timestamptz not null default now()
);
create index consent_notifications_due on consent_notifications (next_attempt_at) where delivered_at is null;
