-- Client assertion ids (RFC 7523 jti) seen by the token endpoint, kept until the assertion
-- expires. The primary key makes the first use win on every gateway instance at once.
create table client_assertion_ids (
    client_id   text        not null,
    jti         text        not null,
    expires_at  timestamptz not null,
    primary key (client_id, jti)
);
create index client_assertion_ids_by_expiry on client_assertion_ids (expires_at);
