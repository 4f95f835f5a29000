-- Taking a use of a consent in one round trip (issue 13 "Fewer round trips"), owned by the consent
-- capability (org.consentgateway.consent.ConsentUses, the only caller).
--
-- It locks the consent's row, and, only when the row matches the token's claims, its terms admit a
-- use and this day's and month's uses are under the purpose's limits, records the use and
-- decrements uses_left. It returns the row as it was before (with the counts, when they were made)
-- and whether a use was taken: ConsentTerms#refusalAt decides the refusal from that, in Java; the
-- condition below only ever admits what refusalAt admits (ConsentUseFunctionTest checks that).
--
-- A PL/pgSQL function rather than one statement with CTEs: all parts of a statement share one
-- snapshot, so after waiting for the row lock a CTE would count the uses as they were before the
-- holder of the lock committed. Here each statement takes a new snapshot (READ COMMITTED), so the
-- counts include every use committed before the lock was granted. No rows when there is no such consent.
--
-- A use commits without waiting for its WAL to reach the disk (synchronous_commit off, for this
-- transaction alone): that wait was a disk flush per query. Nothing is disclosed on a use until the
-- query's audit entry has committed, synchronously, after the use; PostgreSQL writes WAL in order,
-- so that flush makes the use durable too. A crash can only lose a use whose query disclosed
-- nothing, which gives the consent back a use it never served.
create function take_consent_use(
    p_consent_id uuid, p_institution_uscc text, p_subject_ref text, p_purpose text, p_grade text,
    p_now timestamptz, p_day_start timestamptz, p_month_start timestamptz,
    p_uses_per_day integer, p_uses_per_month integer)
returns table (
    institution_uscc text, subject_ref text, purpose text, grade text, uses_left integer,
    data_window_months integer, status text, not_before timestamptz, expires_at timestamptz,
    used_today bigint, used_this_month bigint, taken boolean)
language plpgsql volatile
as $$
#variable_conflict use_column
declare
    c record;
    n_today bigint;
    n_month bigint;
begin
    perform set_config('synchronous_commit', 'off', true);
    select consents.institution_uscc, consents.subject_ref, consents.purpose, consents.grade, consents.uses_left,
           consents.data_window_months, consents.status, consents.not_before, consents.expires_at
      into c from consents where consents.id = p_consent_id for update;
    if not found then
        return;
    end if;
    if c.institution_uscc <> p_institution_uscc or c.subject_ref <> p_subject_ref or c.purpose <> p_purpose
            or c.grade <> p_grade or c.status <> 'ACTIVE' or p_now >= c.expires_at or p_now < c.not_before
            or c.uses_left <= 0 then
        return query select c.institution_uscc, c.subject_ref, c.purpose, c.grade, c.uses_left, c.data_window_months,
            c.status, c.not_before, c.expires_at, null::bigint, null::bigint, false;
        return;
    end if;
    select count(*) filter (where used_at >= p_day_start), count(*) filter (where used_at >= p_month_start)
      into n_today, n_month from consent_uses
     where consent_id = p_consent_id and used_at >= least(p_day_start, p_month_start);
    if n_today >= p_uses_per_day or n_month >= p_uses_per_month then
        return query select c.institution_uscc, c.subject_ref, c.purpose, c.grade, c.uses_left, c.data_window_months,
            c.status, c.not_before, c.expires_at, n_today, n_month, false;
        return;
    end if;
    insert into consent_uses (consent_id, used_at) values (p_consent_id, p_now);
    update consents set uses_left = c.uses_left - 1,
                        status = case when c.uses_left = 1 then 'EXHAUSTED' else 'ACTIVE' end,
                        updated_at = p_now
     where consents.id = p_consent_id;
    return query select c.institution_uscc, c.subject_ref, c.purpose, c.grade, c.uses_left, c.data_window_months,
        c.status, c.not_before, c.expires_at, n_today, n_month, true;
end
$$;
