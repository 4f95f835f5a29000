-- The seen-set behind each cell's distinct subjects (V13), keyed by a digest: the follower inserts
-- a row for every subject a cell sees for the first time in a day, and V13's key of five text
-- columns was one of its costliest statements (each key goes into the middle of its index, and
-- every comparison reads the texts). Now the key is the day and 16 bytes of
-- SHA-256(institution, purpose, grade, subject reference), fixed width; the cell stays in the row,
-- for the count, and the subject reference is no longer stored at all. Two different subjects of
-- a day would share a key with a chance of about 10^-25 at 10^7 rows a day.
--
-- The fields are joined by a newline, which none of them can hold (codes, names of a closed set,
-- hex references), so the joined text names one tuple.
create function supervision_seen_key(institution text, purpose text, grade text, subject_ref text) returns uuid
    language sql immutable strict parallel safe
    return encode(substr(sha256(convert_to(institution || E'\n' || purpose || E'\n' || grade || E'\n' || subject_ref, 'UTF8')), 1, 16),
                  'hex')::uuid;

alter table supervision_subjects rename to supervision_subjects_v13;
alter index supervision_subjects_pkey rename to supervision_subjects_v13_pkey;
create table supervision_subjects (
    day          date  not null,
    seen         uuid  not null,   -- supervision_seen_key(institution, purpose, grade, subject_ref)
    institution  text  not null,
    purpose      text  not null,
    grade        text  not null,
    primary key (day, seen)
);
insert into supervision_subjects (day, seen, institution, purpose, grade)
    select day, supervision_seen_key(institution, purpose, grade, subject_ref), institution, purpose, grade
      from supervision_subjects_v13
     order by 1, 2;
drop table supervision_subjects_v13;
