-- Complaints in the statistics (issue 17): resolved complaints per statistics day and institution,
-- upheld and dismissed, folded from the complaint.resolved entries (their member institution) by the
-- supervision follower in its round's transaction. Owned by supervision, like supervision_cells.
create table supervision_complaints (
    day          date    not null,
    institution  text    not null,   -- USCC of the institution complained about
    upheld       bigint  not null default 0,
    dismissed    bigint  not null default 0,
    primary key (day, institution)
);
create index supervision_complaints_by_institution on supervision_complaints (institution, day);
