-- The search's facets (V14, V29) and the signals' queries (V21) kept a row per entry: with the
-- seen-set, three rows and their index entries for each query the follower folded, most of its
-- cost in PostgreSQL and so of what it took from the appender on the same cores. Now a round of
-- the follower writes one row per group of its entries that share all their facets (institution,
-- purpose, action, outcome, reason), and one per institution of its queries, each entry an
-- element of the row's arrays: a few hundred rows for a round of 20,000 entries.
--
-- round_last is the last index of the round that folded a group: rounds are disjoint runs of
-- indexes, so groups taken in round_last order hold ever larger indexes, and a search reads the
-- groups of one round at a time in that order (the B-trees below), sorting only that round's
-- matches. A group's arrays are in index order; first_time and last_time bound its times.
create table supervision_entry_groups (
    round_last   bigint         not null,
    institution  text           null,
    purpose      text           null,
    action       text           not null,
    outcome      text           not null,
    reason_code  text           null,
    idxs         bigint[]       not null,
    times        timestamptz[]  not null,
    first_time   timestamptz    not null,
    last_time    timestamptz    not null,
    constraint supervision_entry_groups_elements check (cardinality(idxs) = cardinality(times) and cardinality(idxs) > 0)
);
create index supervision_entry_groups_by_round on supervision_entry_groups (round_last);
create index supervision_entry_groups_by_institution on supervision_entry_groups (institution, round_last) where institution is not null;
create index supervision_entry_groups_by_purpose on supervision_entry_groups (purpose, round_last) where purpose is not null;
create index supervision_entry_groups_by_action on supervision_entry_groups (action, round_last);

-- An institution's queries of a round, read only in aggregate (distinct subjects per window,
-- queries per hour, consents used soon after approval), never returned, never searched by subject.
-- Element by element: when, on which subject (null: refused before the subject was known), under
-- which consent, allowed or not. Subject references and consent ids do not compress: stored as they are.
create table supervision_query_groups (
    round_last    bigint         not null,
    institution   text           not null,
    times         timestamptz[]  not null,
    subject_refs  text[]         not null,
    consent_ids   text[]         not null,
    allowed       boolean[]      not null,
    first_time    timestamptz    not null,
    last_time     timestamptz    not null,
    constraint supervision_query_groups_elements check (cardinality(times) = cardinality(subject_refs)
        and cardinality(times) = cardinality(consent_ids) and cardinality(times) = cardinality(allowed) and cardinality(times) > 0)
);
alter table supervision_query_groups alter column subject_refs set storage external;
alter table supervision_query_groups alter column consent_ids set storage external;
create index supervision_query_groups_by_time on supervision_query_groups (last_time);

-- The rows folded so far, grouped by runs of 16,384 indexes as if each had been a round
-- (round_last: the run's last folded index, so later rounds sort after it).
insert into supervision_entry_groups (round_last, institution, purpose, action, outcome, reason_code, idxs, times, first_time, last_time)
select r.round_last, e.institution, e.purpose, e.action, e.outcome, e.reason_code,
       array_agg(e.idx order by e.idx), array_agg(e.time order by e.idx), min(e.time), max(e.time)
  from supervision_entries e
  join (select idx / 16384 as run, max(idx) as round_last from supervision_entries group by 1) r on r.run = e.idx / 16384
 group by r.round_last, e.institution, e.purpose, e.action, e.outcome, e.reason_code;

insert into supervision_query_groups (round_last, institution, times, subject_refs, consent_ids, allowed, first_time, last_time)
select r.round_last, q.institution, array_agg(q.time order by q.idx), array_agg(q.subject_ref order by q.idx),
       array_agg(q.consent_id order by q.idx), array_agg(q.allowed order by q.idx), min(q.time), max(q.time)
  from supervision_queries q
  join (select idx / 16384 as run, max(idx) as round_last from supervision_queries group by 1) r on r.run = q.idx / 16384
 group by r.round_last, q.institution;

drop table supervision_entries;
drop table supervision_queries;
