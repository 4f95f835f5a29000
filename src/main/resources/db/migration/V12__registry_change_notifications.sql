-- Every change to a registry (institutions, regulators, operators), by a gateway, the command line
-- or SQL by hand, notifies channel registry_changed, with the table's name (issue 13 "Fewer round
-- trips"). Owned by the identity capability: each gateway LISTENs (org.consentgateway.identity.RegistryCache)
-- and drops its cached registrations. PostgreSQL delivers a notification only when the change commits.
create function notify_registry_changed() returns trigger
language plpgsql
as $$
begin
    perform pg_notify('registry_changed', tg_table_name);
    return null;
end
$$;

create trigger institutions_changed after insert or update or delete or truncate on institutions
    for each statement execute function notify_registry_changed();
create trigger regulators_changed after insert or update or delete or truncate on regulators
    for each statement execute function notify_registry_changed();
create trigger operators_changed after insert or update or delete or truncate on operators
    for each statement execute function notify_registry_changed();
