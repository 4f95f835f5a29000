-- Medians from histograms (issue 14, docs/performance.md "At 10^7 entries"): V13 kept every
-- decision's duration (supervision_durations) and took percentile_disc over the window on each
-- read, a sort of every decision in it (1.2 s for a year of every institution at 10^7 entries).
-- Durations are now counted in logarithmic buckets, 2 % wide (supervision.DurationBuckets:
-- bucket 0 is 0 ms, bucket b >= 1 holds [1.02^(b-1), 1.02^b) ms), and a median is exact to its
-- bucket. The follower keeps:
--   * per day and cell, a histogram (supervision_duration_buckets; the totals of a page that
--     names an institution or a purpose merge these), and from it each cell's
--     median bucket (supervision_cells.median_decision_bucket), refreshed for the cells a round
--     touches: a day's cell holds about as many decisions as buckets, so reading its histogram
--     at read time would cost what reading its durations did;
--   * per day, the histogram of every cell together (supervision_duration_days), one row a day
--     whose array counts[b + 1] is the number of durations in bucket b: a page of every
--     institution merges one row per day for its total (a year: 366 rows, not the ~100,000
--     (day, bucket) rows a table of buckets would hold), and each day's median resolution.
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
    -- institution before day: a page of one institution reads its days' rows only.
    primary key (kind, institution, day, purpose, grade, bucket),
    constraint supervision_duration_buckets_kind check (kind in ('consent', 'dispute'))
);

create table supervision_duration_days (
    kind    text      not null,
    day     date      not null,
    counts  bigint[]  not null,   -- counts[b + 1]: durations in bucket b, up to the day's highest bucket
    primary key (kind, day),
    constraint supervision_duration_days_kind check (kind in ('consent', 'dispute'))
);

alter table supervision_cells add column median_decision_bucket smallint;       -- null: no timed decision

-- The bucket as DurationBuckets.of computes it (the same IEEE double logarithms).
insert into supervision_duration_buckets (kind, day, institution, purpose, grade, bucket, n)
select kind, day, institution, purpose, grade,
       case when millis <= 0 then 0 else 1 + floor(ln(millis::double precision) / ln(1.02::double precision)) end::smallint,
       count(*)
  from supervision_durations
 group by 1, 2, 3, 4, 5, 6;

insert into supervision_duration_days (kind, day, counts)
select d.kind, d.day, array_agg(coalesce(x.n, 0)::bigint order by b.bucket)
  from (select kind, day, max(bucket) as top from supervision_duration_buckets group by kind, day) d
 cross join lateral generate_series(0, d.top) as b(bucket)
  left join (select kind, day, bucket, sum(n) as n from supervision_duration_buckets group by kind, day, bucket) x
         on x.kind = d.kind and x.day = d.day and x.bucket = b.bucket
 group by d.kind, d.day;

-- Planned on their real sizes: the median updates below and the first pages after the migration.
analyze supervision_duration_buckets;
analyze supervision_duration_days;

-- A median's bucket is the first by which half the durations are counted (percentile_disc(0.5));
-- null where there is none. The same statement as the follower's (FollowerStore), for every cell.
update supervision_cells c set median_decision_bucket = (
    select bucket from (select bucket, sum(n) over (order by bucket) as up_to, sum(n) over () as total
                          from supervision_duration_buckets b
                         where b.kind = 'consent' and b.day = c.day and b.institution = c.institution
                           and b.purpose = c.purpose and b.grade = c.grade) counted
     where 2 * up_to >= total order by bucket limit 1);

drop table supervision_durations;

analyze supervision_cells;
