-- Consent by redirect (issue 11): an institution registers the URIs a citizen may be sent back to
-- after answering its request; a request may name one of them, and an opaque state, when it is made.
-- The gateway checks the full rules (identity.RedirectUris, consent.Redirect); these checks repeat
-- what a hand-written row could break.

alter table institutions add column redirect_uris text[] not null default '{}';
alter table institutions
    add constraint institutions_redirect_uris_count check (cardinality(redirect_uris) <= 10),
    add constraint institutions_redirect_uris_no_null check (array_position(redirect_uris, null) is null);

-- The exact registered string the citizen is sent back to, copied when the request was made: a later
-- change of the registration never redirects an earlier request somewhere it did not name.
alter table consent_requests add column redirect_uri text null;
alter table consent_requests add column state text null;
alter table consent_requests
    add constraint consent_requests_redirect_uri_shape
        check (redirect_uri is null or (char_length(redirect_uri) <= 2000 and redirect_uri ~ '^https?://')),
    -- 1 to 256 visible ASCII characters (RFC 5234 VCHAR), and only with a redirect URI.
    -- (PostgreSQL's regular expressions count repetitions to 255 at most, hence char_length.)
    add constraint consent_requests_state_shape check (state is null or (state ~ '^[!-~]+$' and char_length(state) <= 256)),
    add constraint consent_requests_state_needs_redirect check (state is null or redirect_uri is not null);
