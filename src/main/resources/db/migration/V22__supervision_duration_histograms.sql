-- Medians from histograms (issue 14, docs/performance.md "At 10^7 entries"): V13 kept every
-- decision's duration (supervision_durations) and took percentile_disc over the window on each
-- read, a sort of every decision in it (1.2 s for a year of every institution at 10^7 entries).
-- Durations are now counted in logarithmic buckets, 2 % wide (supervision.DurationBuckets:
-- bucket 0 is 0 ms, bucket b >= 1 holds [1.02^(b-1), 1.02^b) ms), and a median is exact to its
-- bucket. The follower keeps:
--   * per day and cell, a histogram (supervision_duration_buckets), and from it each cell's
--     median bucket (supervision_cells.median_decision_bucket), refreshed for the cells a round
--     touches: a day's cell holds about as many decisions as buckets, so reading its histogram
--     at read time would cost what reading its durations did;
--   * per day, the histogram of every cell together (supervision_duration_day_buckets), which
--     a page of every institution merges for its total (at most a few hundred rows a day), and
--     from it each day's median resolution bucket (supervision_disputes.median_resolution_bucket).
-- Existing statistics are backfilled here from supervision_durations, which nothing reads any
-- more and is then dropped: no refold of the log is needed.

create table supervision_duration_buckets (
    kind         text      not null,   -- 'consent' (request to approval or rejection) or 'dispute' (filing to resolution)
    day          date      not null,   -- the decision's day
    institution  text      not null,
    purpose      text      not null,
    grade        text      not null,
    bucket       smallint  not null,
    n            bigint    not null,
    primary key (kind, day, institution, purpose, grade, bucket),
    constraint supervision_duration_buckets_kind check (kind in ('consent', 'dispute'))
);

create table supervision_duration_day_buckets (
    kind    text      not null,
    day     date      not null,
    bucket  smallint  not null,
    n       bigint    not null,
    primary key (kind, day, bucket),
    constraint supervision_duration_day_buckets_kind check (kind in ('consent', 'dispute'))
);

alter table supervision_cells add column median_decision_bucket smallint;       -- null: no timed decision
alter table supervision_disputes add column median_resolution_bucket smallint;  -- null: no timed resolution

-- The bucket as DurationBuckets.of computes it (the same IEEE double logarithms).
insert into supervision_duration_buckets (kind, day, institution, purpose, grade, bucket, n)
select kind, day, institution, purpose, grade,
       case when millis <= 0 then 0 else 1 + floor(ln(millis::double precision) / ln(1.02::double precision)) end::smallint,
       count(*)
  from supervision_durations
 group by 1, 2, 3, 4, 5, 6;

insert into supervision_duration_day_buckets (kind, day, bucket, n)
select kind, day, bucket, sum(n) from supervision_duration_buckets group by kind, day, bucket;

-- Planned on their real sizes: the median updates below and the first pages after the migration.
analyze supervision_duration_buckets;
analyze supervision_duration_day_buckets;

-- A median's bucket is the first by which half the durations are counted (percentile_disc(0.5));
-- null where there is none. The same statements as the follower's (FollowerStore), for every row.
update supervision_cells c set median_decision_bucket = (
    select bucket from (select bucket, sum(n) over (order by bucket) as up_to, sum(n) over () as total
                          from supervision_duration_buckets b
                         where b.kind = 'consent' and b.day = c.day and b.institution = c.institution
                           and b.purpose = c.purpose and b.grade = c.grade) counted
     where 2 * up_to >= total order by bucket limit 1);

update supervision_disputes d set median_resolution_bucket = (
    select bucket from (select bucket, sum(n) over (order by bucket) as up_to, sum(n) over () as total
                          from supervision_duration_day_buckets b
                         where b.kind = 'dispute' and b.day = d.day) counted
     where 2 * up_to >= total order by bucket limit 1);

drop table supervision_durations;

analyze supervision_cells;
analyze supervision_disputes;
