-- Cheaper facets for the entry search (V14): the follower inserts a row for every entry it folds,
-- and the B-trees on purpose and on action were most of that insert's cost (each entry's key goes
-- into the middle of its index, where pages split in halves), taken from the appender's CPU when
-- both run.
--
-- A purpose is searched mostly with an institution, whose B-tree narrows the search, and the time
-- is a range: both keep a block-range summary (BRIN) instead, for each range of 128 pages a Bloom
-- filter of its purposes or its earliest and latest time, nearly free to keep on rows appended in
-- index order and exact after the scan's recheck. (At 10^7 entries the planner did not use the
-- time's B-tree for a search in index order either.) Ranges are summarized as they fill
-- (autosummarize, by autovacuum); one not yet summarized is scanned, never skipped.
--
-- An action is searched alone too (every dispute filed, every regulator read), so it keeps a
-- B-tree, but only for the actions other than queries: queries are most of a log, so a search
-- for them finds a page's worth by reading the log in index order, and their index entries were
-- most of the index's cost. EntrySearch states the predicate so that a search for another action
-- uses this index.
drop index supervision_entries_by_purpose;
drop index supervision_entries_by_action;
drop index supervision_entries_by_time;
create index supervision_entries_by_purpose on supervision_entries using brin (purpose text_bloom_ops) with (autosummarize = on);
create index supervision_entries_by_time on supervision_entries using brin (time) with (autosummarize = on);
create index supervision_entries_by_action on supervision_entries (action, idx)
    where action not in ('query.allowed', 'query.denied');

-- The first and last index of each day's entries (the statistics' days, Asia/Shanghai), kept by
-- the follower with the facets: a search with a time range reads only the indexes of its days.
-- Without these bounds the planner read the log in index order from its start, filtering by time,
-- since it takes matches to be spread evenly (seconds for a week at 10^7 entries). Exact however
-- an entry's time and index disagree: every entry of the range has its day among the range's days.
create table supervision_entry_days (
    day        date    primary key,
    first_idx  bigint  not null,
    last_idx   bigint  not null
);
insert into supervision_entry_days (day, first_idx, last_idx)
select (time at time zone 'Asia/Shanghai')::date, min(idx), max(idx) from supervision_entries group by 1;
