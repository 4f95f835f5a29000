-- Signals that need a look (issue 14), computed by supervision.Signals from the supervision tables
-- only. The per-day seen-set (supervision_subjects) is too coarse for "many distinct subjects in a
-- short window", and no table knew when a consent was approved, so the follower keeps:

-- One row per institution's query (query.allowed, query.denied): when, by whom, on which subject
-- and consent. Read only in aggregate (distinct subjects per window, queries per hour of the day,
-- consents used soon after approval); never returned by any API, never searched by subject.
create table supervision_queries (
    idx          bigint       primary key,
    time         timestamptz  not null,
    institution  text         not null,
    subject_ref  text         null,       -- null: refused before the subject was known
    consent_id   text         null,
    allowed      boolean      not null
);
create index supervision_queries_by_time on supervision_queries (time);

-- When each consent was approved (null for consents folded before this migration).
alter table supervision_consents add column approved_at timestamptz null;
