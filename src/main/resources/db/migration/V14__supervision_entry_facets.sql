-- The entry search (issue 14): one row per audit entry with the members a regulator may search
-- by, filled by supervision.LogFollower with the statistics. Never a subjectRef: the search never
-- finds entries by a person's identity. institution is the entry's institution (for a citizen's
-- consent decision, the institution whose request it answered); null when none.
create table supervision_entries (
    idx          bigint       primary key,
    time         timestamptz  not null,
    institution  text         null,
    purpose      text         null,
    action       text         not null,
    outcome      text         not null,
    reason_code  text         null
);
create index supervision_entries_by_institution on supervision_entries (institution, idx) where institution is not null;
create index supervision_entries_by_purpose on supervision_entries (purpose, idx) where purpose is not null;
create index supervision_entries_by_action on supervision_entries (action, idx);
create index supervision_entries_by_time on supervision_entries (time);
