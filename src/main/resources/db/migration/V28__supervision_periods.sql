-- Weeks and months kept beside the days (issue 14, docs/performance.md "Weeks and months"): a
-- page of a year counted by month read some 16,000 day cells and 78,000 refusal rows and summed
-- them on each read (80-120 ms at 10^7 entries). The follower now adds each round's counts to
-- its week's and its month's rows as well (unit 'week': ISO, Monday first; 'month': calendar;
-- first_day as PostgreSQL's date_trunc gives it), and a read counted by week or month reads
-- those rows only. Sums only: a distinct count of a period cannot be made of its days' (the
-- cells keep subject-days, the days' distinct counts summed), and no median is kept per period
-- and cell (one institution's histogram per period is, for its medians).
-- Backfilled here from the day tables: no refold of the log is needed.

create table supervision_period_cells (
    unit                text    not null,
    first_day           date    not null,
    institution         text    not null,
    purpose             text    not null,
    grade               text    not null,
    queries_allowed     bigint  not null default 0,
    queries_refused     bigint  not null default 0,
    subject_days        bigint  not null default 0,
    consents_requested  bigint  not null default 0,
    consents_approved   bigint  not null default 0,
    consents_rejected   bigint  not null default 0,
    consents_revoked    bigint  not null default 0,
    consents_expired    bigint  not null default 0,
    consents_paused     bigint  not null default 0,
    consents_resumed    bigint  not null default 0,
    requests_expired    bigint  not null default 0,
    primary key (unit, first_day, institution, purpose, grade),
    constraint supervision_period_cells_unit check (unit in ('week', 'month'))
);
create index supervision_period_cells_by_institution on supervision_period_cells (institution, unit, first_day);

create table supervision_period_refusals (
    unit         text    not null,
    first_day    date    not null,
    institution  text    not null,
    purpose      text    not null,
    grade        text    not null,
    reason_code  text    not null,
    n            bigint  not null,
    primary key (unit, first_day, institution, purpose, grade, reason_code),
    constraint supervision_period_refusals_unit check (unit in ('week', 'month'))
);

-- Decision times (kind 'consent') per period and institution, every purpose and grade together:
-- the medians of a page of one institution.
create table supervision_period_buckets (
    unit         text      not null,
    first_day    date      not null,
    institution  text      not null,
    bucket       smallint  not null,
    n            bigint    not null,
    primary key (institution, unit, first_day, bucket),
    constraint supervision_period_buckets_unit check (unit in ('week', 'month'))
);

insert into supervision_period_cells (unit, first_day, institution, purpose, grade, queries_allowed, queries_refused, subject_days,
                                      consents_requested, consents_approved, consents_rejected, consents_revoked, consents_expired,
                                      consents_paused, consents_resumed, requests_expired)
select u.unit, date_trunc(u.unit, c.day::timestamp)::date, c.institution, c.purpose, c.grade,
       sum(queries_allowed), sum(queries_refused), sum(subjects), sum(consents_requested), sum(consents_approved),
       sum(consents_rejected), sum(consents_revoked), sum(consents_expired), sum(consents_paused), sum(consents_resumed),
       sum(requests_expired)
  from supervision_cells c cross join (values ('week'), ('month')) as u(unit)
 group by 1, 2, 3, 4, 5;

insert into supervision_period_refusals (unit, first_day, institution, purpose, grade, reason_code, n)
select u.unit, date_trunc(u.unit, r.day::timestamp)::date, r.institution, r.purpose, r.grade, r.reason_code, sum(r.n)
  from supervision_refusals r cross join (values ('week'), ('month')) as u(unit)
 group by 1, 2, 3, 4, 5, 6;

insert into supervision_period_buckets (unit, first_day, institution, bucket, n)
select u.unit, date_trunc(u.unit, b.day::timestamp)::date, b.institution, b.bucket, sum(b.n)
  from supervision_duration_buckets b cross join (values ('week'), ('month')) as u(unit)
 where b.kind = 'consent'
 group by 1, 2, 3, 4;

analyze supervision_period_cells;
analyze supervision_period_refusals;
analyze supervision_period_buckets;
