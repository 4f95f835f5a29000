-- Queries (issue 5 "The authorized query"). Each use of a consent is one row, taken in the same
-- transaction that decrements consents.uses_left under the consent's row lock, so the purpose's
-- per-day and per-month frequency limits are counted from the same serialised state.
create table consent_uses (
    consent_id  uuid        not null references consents (id),
    used_at     timestamptz not null
);
create index consent_uses_by_consent on consent_uses (consent_id, used_at);
