-- Upgrade fixture: the demo as seeded by hromada 42828c0, trimmed; written by scripts/make-upgrade-fixture on 2026-12-02. Do not edit by hand.
--
-- PostgreSQL database dump
--


-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: hromada_upgrade_fixture; Type: SCHEMA; Schema: -; Owner: -
--



SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: accounts; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE accounts (
    id text NOT NULL,
    email text NOT NULL,
    full_name text NOT NULL,
    password_hash text NOT NULL,
    email_confirmed_at bigint,
    is_platform_admin boolean DEFAULT false NOT NULL,
    created_at bigint NOT NULL,
    language text DEFAULT 'uk'::text NOT NULL
);


--
-- Name: auction_moves; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE auction_moves (
    lot_id text NOT NULL,
    round integer NOT NULL,
    "position" integer NOT NULL,
    bidder_id text NOT NULL,
    move text NOT NULL,
    amount bigint,
    made_at_ms bigint NOT NULL
);


--
-- Name: audit_blocks; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE audit_blocks (
    height bigint NOT NULL,
    previous_hash text NOT NULL,
    sealed_at bigint NOT NULL,
    entry_hashes text NOT NULL,
    hash text NOT NULL,
    signature text NOT NULL
);


--
-- Name: audit_entries; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE audit_entries (
    seq bigint NOT NULL,
    id text NOT NULL,
    municipality_id text,
    actor text NOT NULL,
    action text NOT NULL,
    subject text NOT NULL,
    details text NOT NULL,
    occurred_at bigint NOT NULL,
    content_hash text NOT NULL,
    block_height bigint
);


--
-- Name: audit_entries_seq_seq; Type: SEQUENCE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE SEQUENCE audit_entries_seq_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: audit_entries_seq_seq; Type: SEQUENCE OWNED BY; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER SEQUENCE audit_entries_seq_seq OWNED BY audit_entries.seq;


--
-- Name: budget_ballot_box; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE budget_ballot_box (
    edition_id text NOT NULL,
    id text NOT NULL,
    sealed text NOT NULL
);


--
-- Name: budget_ballots; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE budget_ballots (
    id text NOT NULL,
    edition_id text NOT NULL,
    receipt text NOT NULL,
    content text NOT NULL,
    channel text NOT NULL,
    age_group text NOT NULL,
    day text NOT NULL,
    audited integer DEFAULT 0 NOT NULL
);


--
-- Name: budget_coauthors; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE budget_coauthors (
    project_id text NOT NULL,
    account_id text NOT NULL,
    municipality_id text NOT NULL,
    added_at bigint NOT NULL
);


--
-- Name: budget_delivery_updates; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE budget_delivery_updates (
    id text NOT NULL,
    project_id text NOT NULL,
    status text NOT NULL,
    spent bigint NOT NULL,
    note text NOT NULL,
    posted_by text NOT NULL,
    posted_at bigint NOT NULL
);


--
-- Name: budget_editions; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE budget_editions (
    id text NOT NULL,
    municipality_id text NOT NULL,
    definition text NOT NULL,
    created_at bigint NOT NULL
);


--
-- Name: budget_paper_clerk_counts; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE budget_paper_clerk_counts (
    edition_id text NOT NULL,
    clerk_id text NOT NULL,
    entries bigint NOT NULL
);


--
-- Name: budget_paper_entries; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE budget_paper_entries (
    id text NOT NULL,
    edition_id text NOT NULL,
    identity_hash text NOT NULL,
    content_hash text NOT NULL,
    entered_by text NOT NULL,
    entered_at bigint NOT NULL,
    mismatch integer DEFAULT 0 NOT NULL
);


--
-- Name: budget_participations; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE budget_participations (
    edition_id text NOT NULL,
    identity_hash text NOT NULL,
    channel text NOT NULL,
    day text NOT NULL
);


--
-- Name: budget_projects; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE budget_projects (
    id text NOT NULL,
    municipality_id text NOT NULL,
    edition_id text NOT NULL,
    number integer NOT NULL,
    category_id text NOT NULL,
    status text NOT NULL,
    author_id text NOT NULL,
    definition text NOT NULL,
    submitted_at bigint NOT NULL
);


--
-- Name: budget_results; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE budget_results (
    edition_id text NOT NULL,
    category_id text NOT NULL,
    outcome text NOT NULL,
    computed_at bigint NOT NULL
);


--
-- Name: email_tokens; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE email_tokens (
    token_digest text NOT NULL,
    account_id text NOT NULL,
    purpose text NOT NULL,
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    used_at bigint
);


--
-- Name: lot_bidders; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE lot_bidders (
    lot_id text NOT NULL,
    bidder_id text NOT NULL,
    account_id text NOT NULL,
    name text NOT NULL,
    legal_entity_code text,
    amount bigint NOT NULL,
    submitted_at_ms bigint NOT NULL,
    guarantee_reference text,
    fee_reference text
);


--
-- Name: lots; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE lots (
    id text NOT NULL,
    municipality_id text NOT NULL,
    object_id text NOT NULL,
    number integer NOT NULL,
    status text NOT NULL,
    definition text NOT NULL,
    auction_start bigint NOT NULL,
    created_at bigint NOT NULL
);


--
-- Name: municipalities; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE municipalities (
    id text NOT NULL,
    oblast_id text NOT NULL,
    slug text NOT NULL,
    name_uk text NOT NULL,
    name_en text NOT NULL,
    population bigint NOT NULL,
    area_km2 double precision NOT NULL,
    settings text NOT NULL,
    created_at bigint NOT NULL
);


--
-- Name: oblasts; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE oblasts (
    id text NOT NULL,
    slug text NOT NULL,
    name_uk text NOT NULL,
    name_en text NOT NULL
);


--
-- Name: oidc_logins; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE oidc_logins (
    state text NOT NULL,
    municipality_id text NOT NULL,
    account_id text NOT NULL,
    nonce text NOT NULL,
    code_verifier text NOT NULL,
    created_at bigint NOT NULL
);


--
-- Name: outbox; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE outbox (
    id text NOT NULL,
    municipality_id text,
    recipient text NOT NULL,
    subject text NOT NULL,
    body text NOT NULL,
    created_at bigint NOT NULL,
    sent_at bigint,
    attempts bigint DEFAULT 0 NOT NULL,
    next_attempt_at bigint NOT NULL,
    last_error text,
    link_digest text
);


--
-- Name: petition_alerts; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE petition_alerts (
    municipality_id text NOT NULL,
    client_address text NOT NULL,
    hour_start bigint NOT NULL,
    signatures integer NOT NULL,
    raised_at bigint NOT NULL
);


--
-- Name: petition_counters; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE petition_counters (
    petition_id text NOT NULL,
    shard integer NOT NULL,
    count bigint NOT NULL
);


--
-- Name: petition_signatures; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE petition_signatures (
    petition_id text NOT NULL,
    identity_key text NOT NULL,
    account_id text NOT NULL,
    signer_name text NOT NULL,
    signed_at bigint NOT NULL,
    client_address text NOT NULL,
    email_domain text NOT NULL,
    confirmed integer NOT NULL,
    notify_on_answer integer DEFAULT 0 NOT NULL,
    invalidated_at bigint,
    invalidation_reason text,
    confirmation_digest text
);


--
-- Name: petitions; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE petitions (
    id text NOT NULL,
    municipality_id text NOT NULL,
    number integer NOT NULL,
    state text NOT NULL,
    author_id text NOT NULL,
    category text NOT NULL,
    definition text NOT NULL,
    created_at bigint NOT NULL,
    deadline bigint,
    signature_count bigint DEFAULT 0 NOT NULL,
    taken_by text,
    taken_at bigint,
    search_text text DEFAULT ''::text NOT NULL
);


--
-- Name: platform_settings; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE platform_settings (
    key text NOT NULL,
    value text NOT NULL
);


--
-- Name: property_documents; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE property_documents (
    id text NOT NULL,
    municipality_id text NOT NULL,
    object_id text NOT NULL,
    "position" integer NOT NULL,
    title text NOT NULL,
    media_type text NOT NULL,
    byte_count integer NOT NULL,
    sha256 text NOT NULL,
    uploaded_by text NOT NULL,
    uploaded_at bigint NOT NULL,
    bytes bytea NOT NULL
);


--
-- Name: property_objects; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE property_objects (
    id text NOT NULL,
    municipality_id text NOT NULL,
    kind text NOT NULL,
    definition text NOT NULL,
    created_at bigint NOT NULL
);


--
-- Name: rate_limit_hits; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE rate_limit_hits (
    rule text NOT NULL,
    subject text NOT NULL,
    window_start bigint NOT NULL,
    hits bigint NOT NULL
);


--
-- Name: residency_conflicts; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE residency_conflicts (
    id text NOT NULL,
    municipality_id text NOT NULL,
    account_id text NOT NULL,
    existing_account_id text NOT NULL,
    method text NOT NULL,
    attempted_by text,
    attempted_at bigint NOT NULL
);


--
-- Name: residency_verifications; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE residency_verifications (
    municipality_id text NOT NULL,
    account_id text NOT NULL,
    identity_hash text NOT NULL,
    birth_date text NOT NULL,
    method text NOT NULL,
    verified_by text,
    verified_at bigint NOT NULL
);


--
-- Name: role_grants; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE role_grants (
    municipality_id text NOT NULL,
    account_id text NOT NULL,
    role text NOT NULL,
    granted_by text,
    granted_at bigint NOT NULL
);


--
-- Name: scheduler_leases; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE scheduler_leases (
    name text NOT NULL,
    holder text NOT NULL,
    expires_at bigint NOT NULL
);


--
-- Name: schema_migrations; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE schema_migrations (
    version text NOT NULL,
    name text NOT NULL,
    applied_at bigint NOT NULL
);


--
-- Name: sessions; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE sessions (
    token_digest text NOT NULL,
    account_id text NOT NULL,
    kind text NOT NULL,
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL
);


--
-- Name: uploads; Type: TABLE; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE TABLE uploads (
    id text NOT NULL,
    municipality_id text NOT NULL,
    owner_kind text NOT NULL,
    owner_id text NOT NULL,
    "position" integer NOT NULL,
    media_type text NOT NULL,
    width integer NOT NULL,
    height integer NOT NULL,
    byte_count integer NOT NULL,
    sha256 text NOT NULL,
    caption text NOT NULL,
    uploaded_by text NOT NULL,
    uploaded_at bigint NOT NULL,
    bytes bytea NOT NULL
);


--
-- Name: audit_entries seq; Type: DEFAULT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY audit_entries ALTER COLUMN seq SET DEFAULT nextval('audit_entries_seq_seq'::regclass);


--
-- Data for Name: accounts; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--

INSERT INTO accounts VALUES ('1vsawwk420t82c42nxat1e3xh0', 'admin@demo.hromada.ua', 'Олександр Коваль', '$2b$11$CfizWsOD/gu227uZh/5FmurCb5RMEsW4.OuXnARNEmc2hPRWEzjrG', 1796197982, true, 1796197982, 'uk');
INSERT INTO accounts VALUES ('15z892x6g5jy2e58a2ctdxc6ec', 'vinnytsia.admin@demo.hromada.ua', 'Ірина Мельник', '$2b$11$XUYhBtZf51gyRq9nNEoVXuhtC2QKN/JueO2EiVCmZ1IB7AgxLcOlq', 1796197983, false, 1796197983, 'uk');
INSERT INTO accounts VALUES ('5ghxp7gkc13bf5zss8c5dza1qr', 'vinnytsia.moderator@demo.hromada.ua', 'Тарас Бондар', '$2b$11$LLiQRxqT0CAi50K1qjPIkex4xpzCejodEV8O2ldDeNSTEhKhH6uJ.', 1796197983, false, 1796197983, 'uk');
INSERT INTO accounts VALUES ('sdccm0fwtzdr2enexz7xzmx9km', 'zhmerynka.admin@demo.hromada.ua', 'Наталія Ткаченко', '$2b$11$xZXtHSBNMUXRKmfkb0FOBO1cXQ.9SMJ8Pf2wS4KBUDBKBlZRRtqXG', 1796197983, false, 1796197983, 'uk');
INSERT INTO accounts VALUES ('xx87gmytzsezckjaq44jzjmtjg', 'olena@demo.hromada.ua', 'Олена Шевчук', '$2b$11$U5UV4NhsBEH04mQ19upEIOByl8HnY5dF/Jr./Toc0NX6wI6ncVxG6', 1796197983, false, 1796197983, 'uk');
INSERT INTO accounts VALUES ('bpqh7heq7n9r4b9kwnjtqf616g', 'andrii@demo.hromada.ua', 'Андрій Коваленко', '$2b$11$WLAAarmfK8Yte.nm1f9SFOnzsCwzWi7ynDzfbV8buq5MPe99od9ua', 1796197984, false, 1796197984, 'uk');
INSERT INTO accounts VALUES ('dm0426kygv6t63vdr7r2mdbtw0', 'vinnytsia.resident1@demo.hromada.ua', 'Олег Лисенко', '$2b$11$FfyWPyfGz1yzlqCdMqhpPupxikWTybhqqwSL4PNpjjt2H2RxkXrkq', 1796197987, false, 1796197987, 'uk');
INSERT INTO accounts VALUES ('2aqca9ja0rrwh8j6vf7y1cm4q4', 'vinnytsia.resident2@demo.hromada.ua', 'Юрій Кравченко', '$2b$11$FfyWPyfGz1yzlqCdMqhpPupxikWTybhqqwSL4PNpjjt2H2RxkXrkq', 1796197987, false, 1796197987, 'uk');
INSERT INTO accounts VALUES ('hzatw012x7qt04455fy0vtpm7c', 'vinnytsia.resident3@demo.hromada.ua', 'Сергій Лисенко', '$2b$11$FfyWPyfGz1yzlqCdMqhpPupxikWTybhqqwSL4PNpjjt2H2RxkXrkq', 1796197987, false, 1796197987, 'uk');
INSERT INTO accounts VALUES ('hw959v59xspe0j1bdaevjr1jqw', 'vinnytsia.resident5@demo.hromada.ua', 'Оксана Лисенко', '$2b$11$FfyWPyfGz1yzlqCdMqhpPupxikWTybhqqwSL4PNpjjt2H2RxkXrkq', 1796197987, false, 1796197987, 'uk');
INSERT INTO accounts VALUES ('c1xbbq5pwksdqnsdqq60akrrrm', 'vinnytsia.resident6@demo.hromada.ua', 'Василь Шевченко', '$2b$11$FfyWPyfGz1yzlqCdMqhpPupxikWTybhqqwSL4PNpjjt2H2RxkXrkq', 1796197987, false, 1796197987, 'uk');
INSERT INTO accounts VALUES ('rjhh4f79gnr947cehmn25vezfr', 'vinnytsia.resident7@demo.hromada.ua', 'Василь Іванченко', '$2b$11$FfyWPyfGz1yzlqCdMqhpPupxikWTybhqqwSL4PNpjjt2H2RxkXrkq', 1796197987, false, 1796197987, 'uk');
INSERT INTO accounts VALUES ('tj3xvbatgc3g9n56hdev1kjcxw', 'vinnytsia.resident8@demo.hromada.ua', 'Дмитро Іванченко', '$2b$11$FfyWPyfGz1yzlqCdMqhpPupxikWTybhqqwSL4PNpjjt2H2RxkXrkq', 1796197987, false, 1796197987, 'uk');
INSERT INTO accounts VALUES ('eeqvpv0s1x6pmmntm4vheze80r', 'vinnytsia.resident10@demo.hromada.ua', 'Тетяна Павлюк', '$2b$11$FfyWPyfGz1yzlqCdMqhpPupxikWTybhqqwSL4PNpjjt2H2RxkXrkq', 1796197987, false, 1796197987, 'uk');
INSERT INTO accounts VALUES ('50b387b7xshr09xdsmxxtengar', 'vinnytsia.resident57@demo.hromada.ua', 'Ірина Іванченко', '$2b$11$FfyWPyfGz1yzlqCdMqhpPupxikWTybhqqwSL4PNpjjt2H2RxkXrkq', 1796197987, false, 1796197987, 'uk');
INSERT INTO accounts VALUES ('02dxjh5entmcse9kfkqsee19mg', 'vinnytsia.resident191@demo.hromada.ua', 'Марія Павлюк', '$2b$11$FfyWPyfGz1yzlqCdMqhpPupxikWTybhqqwSL4PNpjjt2H2RxkXrkq', 1796197987, false, 1796197987, 'uk');
INSERT INTO accounts VALUES ('0602ct275ds1nfaj5kgga8vs4r', 'vinnytsia.resident269@demo.hromada.ua', 'Михайло Олійник', '$2b$11$FfyWPyfGz1yzlqCdMqhpPupxikWTybhqqwSL4PNpjjt2H2RxkXrkq', 1796197987, false, 1796197987, 'uk');
INSERT INTO accounts VALUES ('zzgcsvw7reckhqh0656azwbebw', 'vinnytsia.resident338@demo.hromada.ua', 'Людмила Поліщук', '$2b$11$FfyWPyfGz1yzlqCdMqhpPupxikWTybhqqwSL4PNpjjt2H2RxkXrkq', 1796197987, false, 1796197987, 'uk');
INSERT INTO accounts VALUES ('08nsggg3zr888kp2r1vy5dne5m', 'vinnytsia.resident352@demo.hromada.ua', 'Катерина Ткачук', '$2b$11$FfyWPyfGz1yzlqCdMqhpPupxikWTybhqqwSL4PNpjjt2H2RxkXrkq', 1796197987, false, 1796197987, 'uk');
INSERT INTO accounts VALUES ('05vmcm7pn9t8pcsgfbtnvs9ajr', 'vinnytsia.resident359@demo.hromada.ua', 'Юрій Савчук', '$2b$11$FfyWPyfGz1yzlqCdMqhpPupxikWTybhqqwSL4PNpjjt2H2RxkXrkq', 1796197987, false, 1796197987, 'uk');
INSERT INTO accounts VALUES ('w56t9p8cmmqkzhtsjt46x7d2qm', 'zhmerynka.resident1@demo.hromada.ua', 'Олег Мельничук', '$2b$11$.kNpPFwl3nolrJa7oqVFdeLkiqcxj7ztztsHdHGAAL7Eg4dPQjL7G', 1796197993, false, 1796197993, 'uk');
INSERT INTO accounts VALUES ('vgx0tp3zd1mkxznh4j3p1nbt7w', 'zhmerynka.resident2@demo.hromada.ua', 'Юрій Поліщук', '$2b$11$.kNpPFwl3nolrJa7oqVFdeLkiqcxj7ztztsHdHGAAL7Eg4dPQjL7G', 1796197993, false, 1796197993, 'uk');
INSERT INTO accounts VALUES ('zxqr0x3ygym17jnejqg8g890a4', 'zhmerynka.resident3@demo.hromada.ua', 'Оксана Савчук', '$2b$11$.kNpPFwl3nolrJa7oqVFdeLkiqcxj7ztztsHdHGAAL7Eg4dPQjL7G', 1796197993, false, 1796197993, 'uk');
INSERT INTO accounts VALUES ('kkbb42hrdfd0bxnfz8m22z49cw', 'zhmerynka.resident4@demo.hromada.ua', 'Олена Мельничук', '$2b$11$.kNpPFwl3nolrJa7oqVFdeLkiqcxj7ztztsHdHGAAL7Eg4dPQjL7G', 1796197993, false, 1796197993, 'uk');
INSERT INTO accounts VALUES ('sd1332hd1r3w5b7eyzyg77f28r', 'zhmerynka.resident5@demo.hromada.ua', 'Олена Гончаренко', '$2b$11$.kNpPFwl3nolrJa7oqVFdeLkiqcxj7ztztsHdHGAAL7Eg4dPQjL7G', 1796197993, false, 1796197993, 'uk');
INSERT INTO accounts VALUES ('pvbm41zq9p39dmbjgef0akp0pr', 'zhmerynka.resident6@demo.hromada.ua', 'Богдан Савчук', '$2b$11$.kNpPFwl3nolrJa7oqVFdeLkiqcxj7ztztsHdHGAAL7Eg4dPQjL7G', 1796197993, false, 1796197993, 'uk');
INSERT INTO accounts VALUES ('8y3mbzyt9e58jr9sd7rvab2zxm', 'zhmerynka.resident7@demo.hromada.ua', 'Олена Кравченко', '$2b$11$.kNpPFwl3nolrJa7oqVFdeLkiqcxj7ztztsHdHGAAL7Eg4dPQjL7G', 1796197993, false, 1796197993, 'uk');
INSERT INTO accounts VALUES ('5c5y6xzv7y7aj3e8emh6w6j8xw', 'zhmerynka.resident8@demo.hromada.ua', 'Ірина Поліщук', '$2b$11$.kNpPFwl3nolrJa7oqVFdeLkiqcxj7ztztsHdHGAAL7Eg4dPQjL7G', 1796197993, false, 1796197993, 'uk');
INSERT INTO accounts VALUES ('cqx4bycx79en7mmdrfmpmr85rc', 'zhmerynka.resident25@demo.hromada.ua', 'Олена Гончаренко', '$2b$11$.kNpPFwl3nolrJa7oqVFdeLkiqcxj7ztztsHdHGAAL7Eg4dPQjL7G', 1796197993, false, 1796197993, 'uk');
INSERT INTO accounts VALUES ('zs1hfsztc608c6x1rg3qcznkn8', 'zhmerynka.resident84@demo.hromada.ua', 'Тарас Марченко', '$2b$11$.kNpPFwl3nolrJa7oqVFdeLkiqcxj7ztztsHdHGAAL7Eg4dPQjL7G', 1796197993, false, 1796197993, 'uk');
INSERT INTO accounts VALUES ('yrwyh3v5k960sw2cajb0aq8zvr', 'khmilnyk.resident1@demo.hromada.ua', 'Василь Бондаренко', '$2b$11$hXqzXS9VroFT/pb.NOPgN.mMFLUf4ode2h8o5FYyb/wpJPORWTrRO', 1796197995, false, 1796197995, 'uk');
INSERT INTO accounts VALUES ('bs8zx0b531a6c8s5c6vzvwp6nr', 'khmilnyk.resident2@demo.hromada.ua', 'Михайло Іванченко', '$2b$11$hXqzXS9VroFT/pb.NOPgN.mMFLUf4ode2h8o5FYyb/wpJPORWTrRO', 1796197995, false, 1796197995, 'uk');
INSERT INTO accounts VALUES ('c61dx97vm24s77nfzwr9wjv3y4', 'khmilnyk.resident3@demo.hromada.ua', 'Василь Павлюк', '$2b$11$hXqzXS9VroFT/pb.NOPgN.mMFLUf4ode2h8o5FYyb/wpJPORWTrRO', 1796197995, false, 1796197995, 'uk');
INSERT INTO accounts VALUES ('p6q29prywt35fdkj1j3533hv24', 'khmilnyk.resident4@demo.hromada.ua', 'Юрій Гончаренко', '$2b$11$hXqzXS9VroFT/pb.NOPgN.mMFLUf4ode2h8o5FYyb/wpJPORWTrRO', 1796197995, false, 1796197995, 'uk');
INSERT INTO accounts VALUES ('vb5wtj54hfyfvppxgzjvwet0b0', 'khmilnyk.resident5@demo.hromada.ua', 'Андрій Шевченко', '$2b$11$hXqzXS9VroFT/pb.NOPgN.mMFLUf4ode2h8o5FYyb/wpJPORWTrRO', 1796197995, false, 1796197995, 'uk');
INSERT INTO accounts VALUES ('apt1vkp0kzpw47wk4p9663r6gg', 'khmilnyk.resident6@demo.hromada.ua', 'Людмила Олійник', '$2b$11$hXqzXS9VroFT/pb.NOPgN.mMFLUf4ode2h8o5FYyb/wpJPORWTrRO', 1796197995, false, 1796197995, 'uk');
INSERT INTO accounts VALUES ('vh0w32g0539wx4nktwxhssqfk8', 'khmilnyk.resident7@demo.hromada.ua', 'Михайло Кравченко', '$2b$11$hXqzXS9VroFT/pb.NOPgN.mMFLUf4ode2h8o5FYyb/wpJPORWTrRO', 1796197995, false, 1796197995, 'uk');
INSERT INTO accounts VALUES ('4hfxrjknsznq65zbfvxgnks8em', 'khmilnyk.resident8@demo.hromada.ua', 'Андрій Павлюк', '$2b$11$hXqzXS9VroFT/pb.NOPgN.mMFLUf4ode2h8o5FYyb/wpJPORWTrRO', 1796197995, false, 1796197995, 'uk');
INSERT INTO accounts VALUES ('4c7qkfmf96hmrjyak8y6acgd1w', 'khmilnyk.resident9@demo.hromada.ua', 'Тетяна Коваленко', '$2b$11$hXqzXS9VroFT/pb.NOPgN.mMFLUf4ode2h8o5FYyb/wpJPORWTrRO', 1796197995, false, 1796197995, 'uk');
INSERT INTO accounts VALUES ('65gjm5k4k8kwspnmbn439nnvem', 'khmilnyk.resident24@demo.hromada.ua', 'Ірина Поліщук', '$2b$11$hXqzXS9VroFT/pb.NOPgN.mMFLUf4ode2h8o5FYyb/wpJPORWTrRO', 1796197995, false, 1796197995, 'uk');
INSERT INTO accounts VALUES ('fhh7jny4bfg3xrp4syv0tfcapc', 'khmilnyk.resident71@demo.hromada.ua', 'Катерина Савчук', '$2b$11$hXqzXS9VroFT/pb.NOPgN.mMFLUf4ode2h8o5FYyb/wpJPORWTrRO', 1796197995, false, 1796197995, 'uk');
INSERT INTO accounts VALUES ('e13jx3gjexjzmzaxxaafpvq11c', 'ladyzhyn.resident1@demo.hromada.ua', 'Михайло Марченко', '$2b$11$i0v2KggFFBpZGdYkfwUEg.VOgHdoMku8bYH.RWhl04JhML.z93AWu', 1796197997, false, 1796197997, 'uk');
INSERT INTO accounts VALUES ('4wtn718jp9zap98xsc42mzdz70', 'ladyzhyn.resident2@demo.hromada.ua', 'Олена Павлюк', '$2b$11$i0v2KggFFBpZGdYkfwUEg.VOgHdoMku8bYH.RWhl04JhML.z93AWu', 1796197997, false, 1796197997, 'uk');
INSERT INTO accounts VALUES ('9tndmadktpd2x7g1wwn1z3pf40', 'ladyzhyn.resident3@demo.hromada.ua', 'Сергій Павлюк', '$2b$11$i0v2KggFFBpZGdYkfwUEg.VOgHdoMku8bYH.RWhl04JhML.z93AWu', 1796197997, false, 1796197997, 'uk');
INSERT INTO accounts VALUES ('mtayhb8scf3vfkr6pe9wz7xx80', 'ladyzhyn.resident4@demo.hromada.ua', 'Наталія Поліщук', '$2b$11$i0v2KggFFBpZGdYkfwUEg.VOgHdoMku8bYH.RWhl04JhML.z93AWu', 1796197997, false, 1796197997, 'uk');
INSERT INTO accounts VALUES ('n2b3q4e4r0p7jtw1n6cxs3phcm', 'ladyzhyn.resident5@demo.hromada.ua', 'Світлана Коваленко', '$2b$11$i0v2KggFFBpZGdYkfwUEg.VOgHdoMku8bYH.RWhl04JhML.z93AWu', 1796197997, false, 1796197997, 'uk');
INSERT INTO accounts VALUES ('k1evg506eqvsk7pma7cwskaw84', 'ladyzhyn.resident6@demo.hromada.ua', 'Василь Олійник', '$2b$11$i0v2KggFFBpZGdYkfwUEg.VOgHdoMku8bYH.RWhl04JhML.z93AWu', 1796197997, false, 1796197997, 'uk');
INSERT INTO accounts VALUES ('1se30kdc6h99q10bf4gb0hctd4', 'ladyzhyn.resident7@demo.hromada.ua', 'Дмитро Олійник', '$2b$11$i0v2KggFFBpZGdYkfwUEg.VOgHdoMku8bYH.RWhl04JhML.z93AWu', 1796197997, false, 1796197997, 'uk');
INSERT INTO accounts VALUES ('59dc7k7w0cs3g1m75zqc7rqar0', 'ladyzhyn.resident8@demo.hromada.ua', 'Михайло Гончаренко', '$2b$11$i0v2KggFFBpZGdYkfwUEg.VOgHdoMku8bYH.RWhl04JhML.z93AWu', 1796197997, false, 1796197997, 'uk');
INSERT INTO accounts VALUES ('34c14zwy2sr5xy9krrm7cy474w', 'ladyzhyn.resident16@demo.hromada.ua', 'Марія Савчук', '$2b$11$i0v2KggFFBpZGdYkfwUEg.VOgHdoMku8bYH.RWhl04JhML.z93AWu', 1796197997, false, 1796197997, 'uk');
INSERT INTO accounts VALUES ('mwc89am4f2jxam2228t5s5ydfw', 'ladyzhyn.resident42@demo.hromada.ua', 'Юрій Лисенко', '$2b$11$i0v2KggFFBpZGdYkfwUEg.VOgHdoMku8bYH.RWhl04JhML.z93AWu', 1796197997, false, 1796197997, 'uk');
INSERT INTO accounts VALUES ('48kv1vvsfgjnnpxed16ypmzx58', 'ladyzhyn.resident111@demo.hromada.ua', 'Галина Павлюк', '$2b$11$i0v2KggFFBpZGdYkfwUEg.VOgHdoMku8bYH.RWhl04JhML.z93AWu', 1796197997, false, 1796197997, 'uk');


--
-- Data for Name: auction_moves; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--

INSERT INTO auction_moves VALUES ('0kr16t0n92t5njsp29t8g8rxqc', 1, 0, 'aq9nqg0pagn7w9vaerh1mm1hx4', 'raise', 1950400, 1794038359442);
INSERT INTO auction_moves VALUES ('56kss46aehmz9ps5ps0phd08m0', 1, 0, 'qf2gzwwnmh07vhtz4636sbx19w', 'raise', 132500000, 1794124759442);
INSERT INTO auction_moves VALUES ('n8xxb2024zar9p1zqa2fha89cr', 1, 0, 'jegqha0d93nkhqkjrmnrw6pd48', 'raise', 10176000, 1794211159442);
INSERT INTO auction_moves VALUES ('p722d1vr97d1x2p1f6mebyzx14', 0, 0, 'mrhzmjxct4dbtngzwqxc1pcnag', 'raise', 75600000, 1795077339508);
INSERT INTO auction_moves VALUES ('p722d1vr97d1x2p1f6mebyzx14', 1, 1, 'pa7jz2zeek6cv3pgjak7swxvec', 'raise', 79000000, 1795077919508);
INSERT INTO auction_moves VALUES ('p722d1vr97d1x2p1f6mebyzx14', 2, 0, 'mrhzmjxct4dbtngzwqxc1pcnag', 'raise', 79000000, 1795078839508);


--
-- Data for Name: audit_blocks; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--



--
-- Data for Name: audit_entries; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--

INSERT INTO audit_entries VALUES (1, 'smmac62nge8xmeq700smwt10s0', NULL, 'p-m4d624m31ycvptrd', 'account.registered', 'account', '{}', 1796197982, '952c960d52467501eb20febf51788fe49c3db04525c48aa88ae2bbe6e3d709df', NULL);
INSERT INTO audit_entries VALUES (2, 'fhaqm76d3p32kxeqjfzn4fygpw', NULL, 'p-ym2yvpjerar3e64k', 'account.registered', 'account', '{}', 1796197983, 'a84f51bd9e9a247d9d7c67a4e8c910a5cee37927f4fed141cc7bf57d585f5eef', NULL);
INSERT INTO audit_entries VALUES (3, 'pjxrfgyhgrfgh7bpbvhprb0ctr', 'vinnytsia', 'system', 'role.granted', 'p-wy2rfpv7t9spdq67', '{"role":"admin"}', 1796197983, 'e9f4626aba0e4b86d17e8f6bfd0c25eed550fdbef436a0055c47bbccd6a18945', NULL);
INSERT INTO audit_entries VALUES (4, '2vdke8vt3mmrr4rr28q192fkyc', NULL, 'p-3gevgcefz47s27q5', 'account.registered', 'account', '{}', 1796197983, '873e176e1d7287f7d471431fbb9796215be17fa70360502591b58a1e96f8d01d', NULL);
INSERT INTO audit_entries VALUES (5, 'xzay2t4kvadc7byv5xjcqmvqzw', 'vinnytsia', 'system', 'role.granted', 'p-0wtbwmtd73cr8d34', '{"role":"moderator"}', 1796197983, 'b2102beb05c9b55ce08d4439a5d8e89d5a68d22aa5f0df078370541f37a9367e', NULL);
INSERT INTO audit_entries VALUES (6, 'w8fpnba4sab5mfxm4dr6qn5tkm', NULL, 'p-0wq1jx7g70wkb1jb', 'account.registered', 'account', '{}', 1796197983, 'a7bba50cfde7dd1ecbbac1d668b492a420f07e00397266903eeeb04d5df9393c', NULL);
INSERT INTO audit_entries VALUES (7, '14jdqwy1gfc4z1gaac3n2e2xv8', 'zhmerynka', 'system', 'role.granted', 'p-drt4a89gxwqh5cd1', '{"role":"admin"}', 1796197983, 'c66448574930048d7d5638ce970a75b3449c2e1bd87857be9cceaffe48a4d396', NULL);
INSERT INTO audit_entries VALUES (8, 'y4htxfxn8rka6dwsjp088yaq40', NULL, 'p-0jwvgh97d3nnmxsv', 'account.registered', 'account', '{}', 1796197983, '5cf19f86f06a064b44b6cf2a663c5de8561ae9048fec219bdb5e72c25e4f345e', NULL);
INSERT INTO audit_entries VALUES (9, '1qrghaqd8dr24pmxy9y04v9nwg', 'vinnytsia', 'system', 'role.granted', 'p-gkpsn68z6k81h90k', '{"role":"citizen"}', 1796197983, '943051cfe86741f0a29a8ead447d9d2d59dbfcff77a5b18f0dd0b7b3df9a505a', NULL);
INSERT INTO audit_entries VALUES (10, '5evcfj9431hwg3j5dmcv71nj4c', 'vinnytsia', 'p-9tvmgacbsb29r3cp', 'residency.verified', 'residency', '{"method":"demo"}', 1796197983, 'f4b9978d615d3338caba93bff7f55eba4ef4fa1d4600b74faa471ab55db01593', NULL);
INSERT INTO audit_entries VALUES (11, 'g6fhrd3g06n3jcmx159090xhe8', NULL, 'p-kafqdtcy08s8k082', 'account.registered', 'account', '{}', 1796197984, '8cb7444e87855faebcd17de1fa5579ebc18d1baee270d22d78fe49054b36100c', NULL);
INSERT INTO audit_entries VALUES (12, '24098sx9m4w5t9ecyh9pp6gvw8', 'vinnytsia', 'system', 'role.granted', 'p-ygf0g2eg59bn4s4e', '{"role":"citizen"}', 1796197984, '142fec376fea21bf7370b7e34fff5a44176cbc8aa2b3fe630c3fd2a1d09758f7', NULL);
INSERT INTO audit_entries VALUES (13, 'km85c0wsgh1qx5mbxggshcbthr', 'vinnytsia', 'p-63s8j75dkdxe3bv8', 'residency.verified', 'residency', '{"method":"demo"}', 1796197984, '765ce1a9a3ef27a3558b8f40bfccfaca59dc1f247fedabf675444bc365e24aff', NULL);
INSERT INTO audit_entries VALUES (14, 'x6drkzgd6x6dhcppf4b5tz41yg', 'vinnytsia', 'system', 'budget.participated', 'qkxfw9f5f17vq088b0dksnfddm', '{"generated":"2400"}', 1796197985, '0a94e5d7af903896ad40000978f07dcb37242a21c7347ef582ac48542790522e', NULL);
INSERT INTO audit_entries VALUES (15, 'ygde46bgc4gdc0aaw88vdeg0jm', 'vinnytsia', 'system', 'budget.participated', 'rg70emhj0gxcanz892rw46qta4', '{"generated":"2400"}', 1796197986, 'a3ae71af5b24dfbb6c69d5db82e730f5928b4432d460bad0b41d0cc422a2b2c1', NULL);
INSERT INTO audit_entries VALUES (16, 'erwxm34hm3g5c18h44d0xqjjgg', 'vinnytsia', 'p-6gympen9v3q39m21', 'petition.filed', '40kz6q4tr81jwxcmthny1jsrrw', '{"generated":"362","state":"answered"}', 1796197989, '1cc3ace5663d1003a4aa71c693948216d6dad5c35694f639470f9336a8a3febf', NULL);
INSERT INTO audit_entries VALUES (17, '5vep1b45xvcnmt0b5e7parm858', 'vinnytsia', 'p-h49h68367vwdncpd', 'petition.filed', 'pbg0stbqekgxs0mwcd429ge1t4', '{"generated":"70","state":"closed"}', 1796197989, '52e2326e757b30074309fc9da134488a2d02d68056bc69c1c09a2f183b5a67b9', NULL);
INSERT INTO audit_entries VALUES (18, 'g0xmg8prss2kt3jhdgj4myqn1r', 'vinnytsia', 'p-yjv01h3hsf1vzp1w', 'petition.filed', '7tjw5mv2v96gs9wawvpyzw28kc', '{"generated":"343","state":"open"}', 1796197991, 'f1c57da75b0fb9de4ec7da98d7372b640d0ca2fdac338d150e7a291e1678bc95', NULL);
INSERT INTO audit_entries VALUES (19, 'z9cyxqe5pjq4prf9mv5bar7zz8', 'vinnytsia', 'p-2jsyw83k83qghjgs', 'petition.filed', '0hq3c2qk98a01pdzw0zpardde4', '{"generated":"350","state":"under_consideration"}', 1796197992, 'f3d6118d0e880d26bc4cceada48ded5995834920ba1ec551c87cb14bfeeee18e', NULL);
INSERT INTO audit_entries VALUES (20, 'byqydr36gyy15y33zcck7kj54c', 'vinnytsia', 'p-a788vv0ght6eh3fc', 'petition.filed', 'v91n234zz66vajc0mr4ygez0x8', '{"generated":"122","state":"open"}', 1796197993, '82e468a0dc353c99f9358152ae150173f86349d007f3405f6995050d71f4c119', NULL);


--
-- Data for Name: budget_ballot_box; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--



--
-- Data for Name: budget_ballots; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--

INSERT INTO budget_ballots VALUES ('000f1p5rsexex7bwj5spx4z20r', 'qkxfw9f5f17vq088b0dksnfddm', 'Y15T-WRDM-AWS0-DM28', '{"projects":["hrkn6dygcnzyhqzt3jvbzzebvr","7hv68w3myzm16dmgbbh35pdtcg","9xsywpqx53x687hewy09henf8w"]}', 'online', '30-44', '2026-12-02', 0);
INSERT INTO budget_ballots VALUES ('00ezc65z30aycn8cn367zsjcem', 'qkxfw9f5f17vq088b0dksnfddm', '91B1-QJ8Y-GSS2-BDZ1', '{"projects":["fcnbyzscn9x00xx9fdtfmhjzzw","hrkn6dygcnzyhqzt3jvbzzebvr","jmdw9tp4q7kzwa5ds263jzbcyc","9xsywpqx53x687hewy09henf8w"]}', 'online', '14-17', '2026-12-02', 0);
INSERT INTO budget_ballots VALUES ('00rapgy56mb6vb3wb62t13xnp4', 'qkxfw9f5f17vq088b0dksnfddm', '2RSE-J8DE-DJAM-4VXX', '{"projects":["hrkn6dygcnzyhqzt3jvbzzebvr","9d6zqvz4p8fcn2mtm38dnv7qcg","y00b49dmsb7634qypb86dqddkr"]}', 'online', '30-44', '2026-12-02', 0);
INSERT INTO budget_ballots VALUES ('0172xmqp0kwas92w15yc6fv1vr', 'qkxfw9f5f17vq088b0dksnfddm', 'XZ1D-K813-VHMA-TQ9A', '{"projects":["fcnbyzscn9x00xx9fdtfmhjzzw","sncxfxnfxx2j38k7v951vyzvn4","jmdw9tp4q7kzwa5ds263jzbcyc","wpmq9tt8661wjymmqf7s1wtgkw"]}', 'online', '45-59', '2026-12-02', 0);
INSERT INTO budget_ballots VALUES ('018ybgspcpd8y8g0h3n3a15g2c', 'qkxfw9f5f17vq088b0dksnfddm', '1S8M-WN4H-6AND-ERA5', '{"projects":["s3tgvgegp3gprqen8mtrtk3sxg","9hxn78hrjdxt19qk1wtvk18w64","9d6zqvz4p8fcn2mtm38dnv7qcg","wpmq9tt8661wjymmqf7s1wtgkw"]}', 'online', '45-59', '2026-12-02', 0);
INSERT INTO budget_ballots VALUES ('019m6t45gh052fr25xz1zdvy6c', 'qkxfw9f5f17vq088b0dksnfddm', '76AN-G5SX-V3EJ-Q23S', '{"projects":["ybwqrkwfcxf5nnw5751x67x3d4","fx8hw7dakz5en5j4vx89598tkw"]}', 'online', '18-29', '2026-12-02', 0);
INSERT INTO budget_ballots VALUES ('00qwwye56n56me745vs0t1wrnw', 'rg70emhj0gxcanz892rw46qta4', 'J0S5-ZG4Z-5DBZ-E9RV', '{"projects":["2svkjz10t22hxb5c61ymz9b9xm","mx8wz17r85dy2veyhrpa2ja4d0","4ng4q2egcpff73kp84zyyedhdm","jqc6vba97p07fz696avp04kjr8"]}', 'online', '30-44', '2026-12-02', 0);
INSERT INTO budget_ballots VALUES ('01519nfbkjaqp650enck7cxzt8', 'rg70emhj0gxcanz892rw46qta4', 'PCJ5-NCP0-BH5N-MR22', '{"projects":["mx8wz17r85dy2veyhrpa2ja4d0","e4t1a7e20mykdv21vdsgtmhmj0"]}', 'online', '18-29', '2026-12-02', 0);
INSERT INTO budget_ballots VALUES ('0187t5g7p9txszkd6nd9gbs3y0', 'rg70emhj0gxcanz892rw46qta4', 'QK7S-C106-ZR2H-Y0E5', '{"projects":["ss6xe7a85q8p736s5bqfqvsqag","4x644nvgzys9q842dyrfk8ayem","jqc6vba97p07fz696avp04kjr8"]}', 'online', '60+', '2026-12-02', 0);
INSERT INTO budget_ballots VALUES ('01ebd3f93jxk15vnfym9nh5sd4', 'rg70emhj0gxcanz892rw46qta4', 'K867-9T96-T44Q-RFS4', '{"projects":["59gk6mbq3hg4c1whwy53nm7w70","e4t1a7e20mykdv21vdsgtmhmj0"]}', 'online', '30-44', '2026-12-02', 0);
INSERT INTO budget_ballots VALUES ('01enzz58m1a2523ykd93drwzgm', 'rg70emhj0gxcanz892rw46qta4', 'ECRJ-KC90-0JX4-1B4A', '{"projects":["ss6xe7a85q8p736s5bqfqvsqag","4w3mknpv4gx5ejhw4kvsmvxfxr","e4t1a7e20mykdv21vdsgtmhmj0","gc8ey30ej6bamvbkzgn6gsh8cg"]}', 'online', '60+', '2026-12-02', 0);
INSERT INTO budget_ballots VALUES ('01q4jy3gq9sdczxfxm2jt5v6cr', 'rg70emhj0gxcanz892rw46qta4', 'RX09-QWG3-BVDA-HT2P', '{"projects":["mx8wz17r85dy2veyhrpa2ja4d0","4w3mknpv4gx5ejhw4kvsmvxfxr","emcehg6amt6yffhpz9jjvc08dr","b7xr4m7vhsag6dkey6504jdjr8"]}', 'online', '30-44', '2026-12-02', 0);


--
-- Data for Name: budget_coauthors; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--



--
-- Data for Name: budget_delivery_updates; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--

INSERT INTO budget_delivery_updates VALUES ('rnr9djxxjkv9ff461p4w0x8p3m', 'fcnbyzscn9x00xx9fdtfmhjzzw', 'done', 91257600, 'Роботи завершено, об’єкт відкрито для мешканців. Акт приймання підписано.', '15z892x6g5jy2e58a2ctdxc6ec', 1795330800);
INSERT INTO budget_delivery_updates VALUES ('bh15rnjhwwcqk8e08pty3djjcr', 'hrkn6dygcnzyhqzt3jvbzzebvr', 'in_progress', 58058000, 'Підрядника визначено через Prozorro, роботи тривають за графіком.', '15z892x6g5jy2e58a2ctdxc6ec', 1794726000);
INSERT INTO budget_delivery_updates VALUES ('5048b2a29jr71e9fdh97y9nk9r', '9hxn78hrjdxt19qk1wtvk18w64', 'contracting', 0, 'Оголошено закупівлю в Prozorro, очікуємо пропозиції.', '15z892x6g5jy2e58a2ctdxc6ec', 1794121200);
INSERT INTO budget_delivery_updates VALUES ('ytxagd68nnfqxryvt99v1k692c', 'fx8hw7dakz5en5j4vx89598tkw', 'done', 43551200, 'Роботи завершено, об’єкт відкрито для мешканців. Акт приймання підписано.', '15z892x6g5jy2e58a2ctdxc6ec', 1795330800);
INSERT INTO budget_delivery_updates VALUES ('rv3pzxmstg2fcktn4vkdjs8kq0', 'jmdw9tp4q7kzwa5ds263jzbcyc', 'in_progress', 20553500, 'Підрядника визначено через Prozorro, роботи тривають за графіком.', '15z892x6g5jy2e58a2ctdxc6ec', 1794726000);
INSERT INTO budget_delivery_updates VALUES ('yjf9zde9ms6zj0qzw5hqec0fg8', 'y00b49dmsb7634qypb86dqddkr', 'contracting', 0, 'Оголошено закупівлю в Prozorro, очікуємо пропозиції.', '15z892x6g5jy2e58a2ctdxc6ec', 1794121200);


--
-- Data for Name: budget_editions; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--

INSERT INTO budget_editions VALUES ('qkxfw9f5f17vq088b0dksnfddm', 'vinnytsia', '{"ballotRule":{"approval":{"maxPicks":4}},"categories":[{"fund":{"kopiyky":300000000},"id":"eqj2k4r7n92hjxvqh7c9g1x740","maxCost":{"kopiyky":150000000},"maxPicks":2,"minCost":{"kopiyky":50000100},"name":{"en":"Large projects","uk":"Великі проєкти"}},{"fund":{"kopiyky":100000000},"id":"k37zvgkk1wv4awrd5g97rtxg4c","maxCost":{"kopiyky":50000000},"maxPicks":2,"minCost":{"kopiyky":5000000},"name":{"en":"Small projects","uk":"Малі проєкти"}}],"eligibility":{"minimumAge":16,"paperForWorkersAndStudents":true},"id":"qkxfw9f5f17vq088b0dksnfddm","municipalityID":"vinnytsia","paperDoubleEntry":true,"receiptByEmailAllowed":true,"receiptsEnabled":true,"schedule":{"announcedAt":1759302000,"deliveryStartedAt":1772002800,"proposalsOpen":1759906800,"resultsPublishedAt":1771138800,"reviewOpen":1765090800,"votingClose":1770274800,"votingOpen":1768546800},"title":{"en":"Civic Initiatives Budget 2025","uk":"Бюджет громадських ініціатив 2025"},"winnerRule":"greedy"}', 1796194800);
INSERT INTO budget_editions VALUES ('rg70emhj0gxcanz892rw46qta4', 'vinnytsia', '{"ballotRule":{"approval":{"maxPicks":4}},"categories":[{"fund":{"kopiyky":300000000},"id":"r6kkmvtpk47zf454cfgthyzxxr","maxCost":{"kopiyky":150000000},"maxPicks":2,"minCost":{"kopiyky":50000100},"name":{"en":"Large projects","uk":"Великі проєкти"}},{"fund":{"kopiyky":100000000},"id":"ff578gcw43kmkvsckega1khjfc","maxCost":{"kopiyky":50000000},"maxPicks":2,"minCost":{"kopiyky":5000000},"name":{"en":"Small projects","uk":"Малі проєкти"}}],"eligibility":{"minimumAge":16,"paperForWorkersAndStudents":true},"id":"rg70emhj0gxcanz892rw46qta4","municipalityID":"vinnytsia","paperDoubleEntry":true,"receiptByEmailAllowed":true,"receiptsEnabled":true,"schedule":{"announcedAt":1787814000,"proposalsOpen":1788418800,"reviewOpen":1792306800,"votingClose":1798354800,"votingOpen":1795762800},"title":{"en":"Civic Initiatives Budget 2026","uk":"Бюджет громадських ініціатив 2026"},"winnerRule":"greedy"}', 1796194800);
INSERT INTO budget_editions VALUES ('eqktedpfrt8yv7amjnykzvrf30', 'vinnytsia', '{"ballotRule":{"approval":{"maxPicks":4}},"categories":[{"fund":{"kopiyky":300000000},"id":"fswg6spvq9php9neya2b1c0eqg","maxCost":{"kopiyky":150000000},"maxPicks":2,"minCost":{"kopiyky":50000100},"name":{"en":"Large projects","uk":"Великі проєкти"}},{"fund":{"kopiyky":100000000},"id":"9z1qk0ya7qa89zymtw6bdewjzg","maxCost":{"kopiyky":50000000},"maxPicks":2,"minCost":{"kopiyky":5000000},"name":{"en":"Small projects","uk":"Малі проєкти"}}],"eligibility":{"minimumAge":16,"paperForWorkersAndStudents":true},"id":"eqktedpfrt8yv7amjnykzvrf30","municipalityID":"vinnytsia","paperDoubleEntry":true,"receiptByEmailAllowed":true,"receiptsEnabled":true,"schedule":{"announcedAt":1795330800,"proposalsOpen":1795935600,"reviewOpen":1799650800,"votingClose":1803538800,"votingOpen":1802242800},"title":{"en":"Civic Initiatives Budget 2027","uk":"Бюджет громадських ініціатив 2027"},"winnerRule":"greedy"}', 1796194800);


--
-- Data for Name: budget_paper_clerk_counts; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--



--
-- Data for Name: budget_paper_entries; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--



--
-- Data for Name: budget_participations; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--

INSERT INTO budget_participations VALUES ('qkxfw9f5f17vq088b0dksnfddm', 'demo-001qa1a10nbxraddce863t5tag', 'online', '2026-01-20');
INSERT INTO budget_participations VALUES ('qkxfw9f5f17vq088b0dksnfddm', 'demo-037sce9ax9q1eqgj81g9dqv058', 'online', '2026-01-16');
INSERT INTO budget_participations VALUES ('qkxfw9f5f17vq088b0dksnfddm', 'demo-024pz24kvvah2cgmefm9e54z1r', 'online', '2026-01-17');
INSERT INTO budget_participations VALUES ('qkxfw9f5f17vq088b0dksnfddm', 'demo-035y1hnazr418wfxrznp2g4pzr', 'online', '2026-01-17');
INSERT INTO budget_participations VALUES ('qkxfw9f5f17vq088b0dksnfddm', 'demo-00nv8fnntk5xf8rqccw7771fy8', 'online', '2026-01-19');
INSERT INTO budget_participations VALUES ('qkxfw9f5f17vq088b0dksnfddm', 'demo-010emzkh4j0839ajnatze2da0g', 'online', '2026-01-17');
INSERT INTO budget_participations VALUES ('rg70emhj0gxcanz892rw46qta4', 'demo-02k9qhk0sh9kfgzz503xy5gp7r', 'online', '2026-11-29');
INSERT INTO budget_participations VALUES ('rg70emhj0gxcanz892rw46qta4', 'demo-02y5mv8tkwb8wfrwaf36rmwvgw', 'online', '2026-11-29');
INSERT INTO budget_participations VALUES ('rg70emhj0gxcanz892rw46qta4', 'demo-00c568v1mq57jaysxcb1jangdr', 'paper', '2026-11-30');
INSERT INTO budget_participations VALUES ('rg70emhj0gxcanz892rw46qta4', 'demo-0138nwk0q9ev3ywy8cc8h42jrg', 'paper', '2026-11-28');
INSERT INTO budget_participations VALUES ('rg70emhj0gxcanz892rw46qta4', 'demo-03e0xh3dt2d3vjxmh3dzwpza30', 'paper', '2026-12-01');
INSERT INTO budget_participations VALUES ('rg70emhj0gxcanz892rw46qta4', 'demo-00q36y21bf4beewqwnabcv8ge8', 'online', '2026-12-01');


--
-- Data for Name: budget_projects; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--

INSERT INTO budget_projects VALUES ('fcnbyzscn9x00xx9fdtfmhjzzw', 'vinnytsia', 'qkxfw9f5f17vq088b0dksnfddm', 1, 'eqj2k4r7n92hjxvqh7c9g1x740', 'feasible', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Келецька, 61","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"eqj2k4r7n92hjxvqh7c9g1x740","costItems":[{"amount":{"kopiyky":40740000},"label":"Покриття"},{"amount":{"kopiyky":36860000},"label":"Тренажери"},{"amount":{"kopiyky":15520000},"label":"Освітлення"}],"district":"Вишенька","editionID":"qkxfw9f5f17vq088b0dksnfddm","id":"fcnbyzscn9x00xx9fdtfmhjzzw","latitude":49.2097,"longitude":28.4276,"number":1,"review":{"decidedAt":1765090800,"feasible":true,"reason":"","reviewerID":"xx87gmytzsezckjaq44jzjmtjg"},"status":"feasible","submittedAt":1759906800,"summary":"Воркаут-зона, гумове покриття, тренажери для людей різного віку та освітлення для вечірніх тренувань.","title":"Сучасний спортивний майданчик на Вишеньці"}', 1759906800);
INSERT INTO budget_projects VALUES ('hrkn6dygcnzyhqzt3jvbzzebvr', 'vinnytsia', 'qkxfw9f5f17vq088b0dksnfddm', 2, 'eqj2k4r7n92hjxvqh7c9g1x740', 'feasible', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Замостянська, 7","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"eqj2k4r7n92hjxvqh7c9g1x740","costItems":[{"amount":{"kopiyky":66560000},"label":"Ігрове обладнання"},{"amount":{"kopiyky":30160000},"label":"Доріжки"},{"amount":{"kopiyky":8840000},"label":"Лавки"}],"district":"Замостя","editionID":"qkxfw9f5f17vq088b0dksnfddm","id":"hrkn6dygcnzyhqzt3jvbzzebvr","latitude":49.2318,"longitude":28.4862,"number":2,"review":{"decidedAt":1765090800,"feasible":true,"reason":"","reviewerID":"xx87gmytzsezckjaq44jzjmtjg"},"status":"feasible","submittedAt":1759906800,"summary":"Гойдалки та пісочниці, доступні дітям на кріслах колісних, тактильні доріжки, лавки з підлокітниками.","title":"Інклюзивний простір у парку Дружби народів"}', 1759906800);
INSERT INTO budget_projects VALUES ('9hxn78hrjdxt19qk1wtvk18w64', 'vinnytsia', 'qkxfw9f5f17vq088b0dksnfddm', 3, 'eqj2k4r7n92hjxvqh7c9g1x740', 'feasible', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Пирогова, 95","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"eqj2k4r7n92hjxvqh7c9g1x740","costItems":[{"amount":{"kopiyky":32240000},"label":"Острівець безпеки"},{"amount":{"kopiyky":28080000},"label":"Світлофор"},{"amount":{"kopiyky":12480000},"label":"Підсвічування"}],"district":"Старе місто","editionID":"qkxfw9f5f17vq088b0dksnfddm","id":"9hxn78hrjdxt19qk1wtvk18w64","latitude":49.2259,"longitude":28.4417,"number":3,"review":{"decidedAt":1765090800,"feasible":true,"reason":"","reviewerID":"xx87gmytzsezckjaq44jzjmtjg"},"status":"feasible","submittedAt":1759906800,"summary":"Острівець безпеки, підсвічування переходу, світлофор з кнопкою виклику.","title":"Безпечний пішохідний перехід біля школи № 17"}', 1759906800);
INSERT INTO budget_projects VALUES ('s3tgvgegp3gprqen8mtrtk3sxg', 'vinnytsia', 'qkxfw9f5f17vq088b0dksnfddm', 4, 'eqj2k4r7n92hjxvqh7c9g1x740', 'feasible', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"набережна Рошен","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"eqj2k4r7n92hjxvqh7c9g1x740","costItems":[{"amount":{"kopiyky":94080000},"label":"Покриття"},{"amount":{"kopiyky":11520000},"label":"Розмітка"},{"amount":{"kopiyky":8640000},"label":"Велопарковки"}],"district":"Центр","editionID":"qkxfw9f5f17vq088b0dksnfddm","id":"s3tgvgegp3gprqen8mtrtk3sxg","latitude":49.2334,"longitude":28.4688,"number":4,"review":{"decidedAt":1765090800,"feasible":true,"reason":"","reviewerID":"xx87gmytzsezckjaq44jzjmtjg"},"status":"feasible","submittedAt":1759906800,"summary":"Двосмугова велодоріжка 1,2 км від Центрального мосту до Київського, з велопарковками.","title":"Велодоріжка вздовж Південного Бугу"}', 1759906800);
INSERT INTO budget_projects VALUES ('ybwqrkwfcxf5nnw5751x67x3d4', 'vinnytsia', 'qkxfw9f5f17vq088b0dksnfddm', 5, 'eqj2k4r7n92hjxvqh7c9g1x740', 'feasible', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Стрілецька, 32","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"eqj2k4r7n92hjxvqh7c9g1x740","costItems":[{"amount":{"kopiyky":53460000},"label":"Обладнання"},{"amount":{"kopiyky":25740000},"label":"Ремонт приміщення"}],"district":"Слов’янка","editionID":"qkxfw9f5f17vq088b0dksnfddm","id":"ybwqrkwfcxf5nnw5751x67x3d4","latitude":49.2457,"longitude":28.4809,"number":5,"review":{"decidedAt":1765090800,"feasible":true,"reason":"","reviewerID":"xx87gmytzsezckjaq44jzjmtjg"},"status":"feasible","submittedAt":1759906800,"summary":"Обладнання сенсорної кімнати: світлові панелі, м’які модулі, звукоізоляція.","title":"Сенсорна кімната для дітей з аутизмом у ЦПМСД № 3"}', 1759906800);
INSERT INTO budget_projects VALUES ('sncxfxnfxx2j38k7v951vyzvn4', 'vinnytsia', 'qkxfw9f5f17vq088b0dksnfddm', 6, 'eqj2k4r7n92hjxvqh7c9g1x740', 'feasible', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Максимовича, 20","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"eqj2k4r7n92hjxvqh7c9g1x740","costItems":[{"amount":{"kopiyky":51480000},"label":"Алея та квітники"},{"amount":{"kopiyky":29700000},"label":"Стела"},{"amount":{"kopiyky":13860000},"label":"Освітлення"}],"district":"Тяжилів","editionID":"qkxfw9f5f17vq088b0dksnfddm","id":"sncxfxnfxx2j38k7v951vyzvn4","latitude":49.261,"longitude":28.447,"number":6,"review":{"decidedAt":1765090800,"feasible":true,"reason":"","reviewerID":"xx87gmytzsezckjaq44jzjmtjg"},"status":"feasible","submittedAt":1759906800,"summary":"Благоустрій скверу: алея, меморіальна стела, квітники, лавки й освітлення.","title":"Сквер пам’яті захисників на Тяжилові"}', 1759906800);
INSERT INTO budget_projects VALUES ('8yw7rfatq4b6jfwkx1ntsmxhfr', 'vinnytsia', 'qkxfw9f5f17vq088b0dksnfddm', 7, 'eqj2k4r7n92hjxvqh7c9g1x740', 'feasible', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Театральна, 24","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"eqj2k4r7n92hjxvqh7c9g1x740","costItems":[{"amount":{"kopiyky":43200000},"label":"Підлога"},{"amount":{"kopiyky":36480000},"label":"Вікна"},{"amount":{"kopiyky":25920000},"label":"Роздягальні"}],"district":"Центр","editionID":"qkxfw9f5f17vq088b0dksnfddm","id":"8yw7rfatq4b6jfwkx1ntsmxhfr","latitude":49.2325,"longitude":28.465,"number":7,"review":{"decidedAt":1765090800,"feasible":true,"reason":"","reviewerID":"xx87gmytzsezckjaq44jzjmtjg"},"status":"feasible","submittedAt":1759906800,"summary":"Нове покриття підлоги, заміна вікон, роздягальні з душем.","title":"Ремонт спортивної зали ліцею № 9"}', 1759906800);
INSERT INTO budget_projects VALUES ('9xsywpqx53x687hewy09henf8w', 'vinnytsia', 'qkxfw9f5f17vq088b0dksnfddm', 8, 'k37zvgkk1wv4awrd5g97rtxg4c', 'feasible', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"Хмельницьке шосе","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"k37zvgkk1wv4awrd5g97rtxg4c","costItems":[{"amount":{"kopiyky":15520000},"label":"Лавки"},{"amount":{"kopiyky":8730000},"label":"Урни"}],"district":"Поділля","editionID":"qkxfw9f5f17vq088b0dksnfddm","id":"9xsywpqx53x687hewy09henf8w","latitude":49.2244,"longitude":28.419,"number":8,"review":{"decidedAt":1765090800,"feasible":true,"reason":"","reviewerID":"xx87gmytzsezckjaq44jzjmtjg"},"status":"feasible","submittedAt":1759906800,"summary":"Двадцять лавок і двадцять урн для роздільного збирання на зупинках.","title":"Лавки та смітники на Хмельницькому шосе"}', 1759906800);
INSERT INTO budget_projects VALUES ('7hv68w3myzm16dmgbbh35pdtcg', 'vinnytsia', 'qkxfw9f5f17vq088b0dksnfddm', 9, 'k37zvgkk1wv4awrd5g97rtxg4c', 'feasible', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Магістратська, 42","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"k37zvgkk1wv4awrd5g97rtxg4c","costItems":[{"amount":{"kopiyky":13720000},"label":"Меблі"},{"amount":{"kopiyky":17640000},"label":"Ноутбуки"},{"amount":{"kopiyky":9310000},"label":"Генератор"}],"district":"Старе місто","editionID":"qkxfw9f5f17vq088b0dksnfddm","id":"7hv68w3myzm16dmgbbh35pdtcg","latitude":49.2279,"longitude":28.4557,"number":9,"review":{"decidedAt":1765090800,"feasible":true,"reason":"","reviewerID":"xx87gmytzsezckjaq44jzjmtjg"},"status":"feasible","submittedAt":1759906800,"summary":"Меблі, ноутбуки, стабільний Wi-Fi і генератор для бібліотеки-філії № 4.","title":"Книжкова шафа та коворкінг у бібліотеці на Старому місті"}', 1759906800);
INSERT INTO budget_projects VALUES ('jmdw9tp4q7kzwa5ds263jzbcyc', 'vinnytsia', 'qkxfw9f5f17vq088b0dksnfddm', 10, 'k37zvgkk1wv4awrd5g97rtxg4c', 'feasible', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Академіка Янгеля, 4","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"k37zvgkk1wv4awrd5g97rtxg4c","costItems":[{"amount":{"kopiyky":26260000},"label":"Ліхтарі"},{"amount":{"kopiyky":11110000},"label":"Монтаж"}],"district":"Академічний","editionID":"qkxfw9f5f17vq088b0dksnfddm","id":"jmdw9tp4q7kzwa5ds263jzbcyc","latitude":49.2202,"longitude":28.4045,"number":10,"review":{"decidedAt":1765090800,"feasible":true,"reason":"","reviewerID":"xx87gmytzsezckjaq44jzjmtjg"},"status":"feasible","submittedAt":1759906800,"summary":"Сорок світлодіодних ліхтарів із датчиками руху у трьох дворах.","title":"Ліхтарі у дворах на Академічному"}', 1759906800);
INSERT INTO budget_projects VALUES ('y00b49dmsb7634qypb86dqddkr', 'vinnytsia', 'qkxfw9f5f17vq088b0dksnfddm', 11, 'k37zvgkk1wv4awrd5g97rtxg4c', 'feasible', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. 600-річчя, 21","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"k37zvgkk1wv4awrd5g97rtxg4c","costItems":[{"amount":{"kopiyky":7725000},"label":"Станція"},{"amount":{"kopiyky":4120000},"label":"Інструменти"}],"district":"Вишенька","editionID":"qkxfw9f5f17vq088b0dksnfddm","id":"y00b49dmsb7634qypb86dqddkr","latitude":49.214,"longitude":28.416,"number":11,"review":{"decidedAt":1765090800,"feasible":true,"reason":"","reviewerID":"xx87gmytzsezckjaq44jzjmtjg"},"status":"feasible","submittedAt":1759906800,"summary":"Станція самообслуговування та інструменти у дворі гімназії № 30.","title":"Майстерня ремонту велосипедів для школярів"}', 1759906800);
INSERT INTO budget_projects VALUES ('5h9jf57ctdy7gc62bhcwgnjfmm', 'vinnytsia', 'qkxfw9f5f17vq088b0dksnfddm', 12, 'k37zvgkk1wv4awrd5g97rtxg4c', 'infeasible', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Київська, 140","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"k37zvgkk1wv4awrd5g97rtxg4c","costItems":[{"amount":{"kopiyky":12360000},"label":"Саджанці"},{"amount":{"kopiyky":8240000},"label":"Полив"}],"district":"Свердловський масив","editionID":"qkxfw9f5f17vq088b0dksnfddm","id":"5h9jf57ctdy7gc62bhcwgnjfmm","latitude":49.2501,"longitude":28.499,"number":12,"review":{"decidedAt":1765090800,"feasible":false,"reason":"Ділянка належить до земель лісового фонду: озеленення виконає КП «Вінницязеленбуд».","reviewerID":"xx87gmytzsezckjaq44jzjmtjg"},"status":"infeasible","submittedAt":1759906800,"summary":"Тридцять дерев, живопліт і крапельний полив.","title":"Озеленення двору на Київській"}', 1759906800);
INSERT INTO budget_projects VALUES ('wpmq9tt8661wjymmqf7s1wtgkw', 'vinnytsia', 'qkxfw9f5f17vq088b0dksnfddm', 13, 'k37zvgkk1wv4awrd5g97rtxg4c', 'feasible', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Соборна, 59","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"k37zvgkk1wv4awrd5g97rtxg4c","costItems":[{"amount":{"kopiyky":18180000},"label":"Пандус"},{"amount":{"kopiyky":29290000},"label":"Підйомник"}],"district":"Центр","editionID":"qkxfw9f5f17vq088b0dksnfddm","id":"wpmq9tt8661wjymmqf7s1wtgkw","latitude":49.2328,"longitude":28.4679,"number":13,"review":{"decidedAt":1765090800,"feasible":true,"reason":"","reviewerID":"xx87gmytzsezckjaq44jzjmtjg"},"status":"feasible","submittedAt":1759906800,"summary":"Безбар’єрний вхід: пандус, підйомник, кнопка виклику працівника.","title":"Пандус і підйомник у ЦНАПі на Соборній"}', 1759906800);
INSERT INTO budget_projects VALUES ('9d6zqvz4p8fcn2mtm38dnv7qcg', 'vinnytsia', 'qkxfw9f5f17vq088b0dksnfddm', 14, 'k37zvgkk1wv4awrd5g97rtxg4c', 'feasible', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"парк ім. Козицького","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"k37zvgkk1wv4awrd5g97rtxg4c","costItems":[{"amount":{"kopiyky":10670000},"label":"Столи"},{"amount":{"kopiyky":4365000},"label":"Великі шахи"},{"amount":{"kopiyky":5820000},"label":"Освітлення"}],"district":"Центр","editionID":"qkxfw9f5f17vq088b0dksnfddm","id":"9d6zqvz4p8fcn2mtm38dnv7qcg","latitude":49.2365,"longitude":28.4712,"number":14,"review":{"decidedAt":1765090800,"feasible":true,"reason":"","reviewerID":"xx87gmytzsezckjaq44jzjmtjg"},"status":"feasible","submittedAt":1759906800,"summary":"Столи з накриттям, великі шахи, освітлення і турнір раз на місяць.","title":"Шахово-шашковий клуб у парку Козицького"}', 1759906800);
INSERT INTO budget_projects VALUES ('fx8hw7dakz5en5j4vx89598tkw', 'vinnytsia', 'qkxfw9f5f17vq088b0dksnfddm', 15, 'k37zvgkk1wv4awrd5g97rtxg4c', 'feasible', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Брацлавська, 85","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"k37zvgkk1wv4awrd5g97rtxg4c","costItems":[{"amount":{"kopiyky":23230000},"label":"Вентиляція"},{"amount":{"kopiyky":15150000},"label":"Меблі"},{"amount":{"kopiyky":6060000},"label":"Запаси"}],"district":"Замостя","editionID":"qkxfw9f5f17vq088b0dksnfddm","id":"fx8hw7dakz5en5j4vx89598tkw","latitude":49.2421,"longitude":28.5013,"number":15,"review":{"decidedAt":1765090800,"feasible":true,"reason":"","reviewerID":"xx87gmytzsezckjaq44jzjmtjg"},"status":"feasible","submittedAt":1759906800,"summary":"Вентиляція, ліжка-трансформери, запас води та аптечки для укриття садочка.","title":"Укриття в дитячому садку № 21: обладнання"}', 1759906800);
INSERT INTO budget_projects VALUES ('4w3mknpv4gx5ejhw4kvsmvxfxr', 'vinnytsia', 'rg70emhj0gxcanz892rw46qta4', 1, 'r6kkmvtpk47zf454cfgthyzxxr', 'feasible', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Келецька, 61","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"r6kkmvtpk47zf454cfgthyzxxr","costItems":[{"amount":{"kopiyky":42840000},"label":"Покриття"},{"amount":{"kopiyky":38760000},"label":"Тренажери"},{"amount":{"kopiyky":16320000},"label":"Освітлення"}],"district":"Вишенька","editionID":"rg70emhj0gxcanz892rw46qta4","id":"4w3mknpv4gx5ejhw4kvsmvxfxr","latitude":49.2097,"longitude":28.4276,"number":1,"review":{"decidedAt":1792306800,"feasible":true,"reason":"","reviewerID":"xx87gmytzsezckjaq44jzjmtjg"},"status":"feasible","submittedAt":1788418800,"summary":"Воркаут-зона, гумове покриття, тренажери для людей різного віку та освітлення для вечірніх тренувань.","title":"Сучасний спортивний майданчик на Вишеньці"}', 1788418800);
INSERT INTO budget_projects VALUES ('2svkjz10t22hxb5c61ymz9b9xm', 'vinnytsia', 'rg70emhj0gxcanz892rw46qta4', 2, 'r6kkmvtpk47zf454cfgthyzxxr', 'feasible', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Замостянська, 7","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"r6kkmvtpk47zf454cfgthyzxxr","costItems":[{"amount":{"kopiyky":65280000},"label":"Ігрове обладнання"},{"amount":{"kopiyky":29580000},"label":"Доріжки"},{"amount":{"kopiyky":8670000},"label":"Лавки"}],"district":"Замостя","editionID":"rg70emhj0gxcanz892rw46qta4","id":"2svkjz10t22hxb5c61ymz9b9xm","latitude":49.2318,"longitude":28.4862,"number":2,"review":{"decidedAt":1792306800,"feasible":true,"reason":"","reviewerID":"xx87gmytzsezckjaq44jzjmtjg"},"status":"feasible","submittedAt":1788418800,"summary":"Гойдалки та пісочниці, доступні дітям на кріслах колісних, тактильні доріжки, лавки з підлокітниками.","title":"Інклюзивний простір у парку Дружби народів"}', 1788418800);
INSERT INTO budget_projects VALUES ('ss6xe7a85q8p736s5bqfqvsqag', 'vinnytsia', 'rg70emhj0gxcanz892rw46qta4', 3, 'r6kkmvtpk47zf454cfgthyzxxr', 'feasible', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Пирогова, 95","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"r6kkmvtpk47zf454cfgthyzxxr","costItems":[{"amount":{"kopiyky":31310000},"label":"Острівець безпеки"},{"amount":{"kopiyky":27270000},"label":"Світлофор"},{"amount":{"kopiyky":12120000},"label":"Підсвічування"}],"district":"Старе місто","editionID":"rg70emhj0gxcanz892rw46qta4","id":"ss6xe7a85q8p736s5bqfqvsqag","latitude":49.2259,"longitude":28.4417,"number":3,"review":{"decidedAt":1792306800,"feasible":true,"reason":"","reviewerID":"xx87gmytzsezckjaq44jzjmtjg"},"status":"feasible","submittedAt":1788418800,"summary":"Острівець безпеки, підсвічування переходу, світлофор з кнопкою виклику.","title":"Безпечний пішохідний перехід біля школи № 17"}', 1788418800);
INSERT INTO budget_projects VALUES ('01g1ckq34x2bkw0s79cns1gm38', 'vinnytsia', 'rg70emhj0gxcanz892rw46qta4', 4, 'r6kkmvtpk47zf454cfgthyzxxr', 'feasible', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"набережна Рошен","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"r6kkmvtpk47zf454cfgthyzxxr","costItems":[{"amount":{"kopiyky":97020000},"label":"Покриття"},{"amount":{"kopiyky":11880000},"label":"Розмітка"},{"amount":{"kopiyky":8910000},"label":"Велопарковки"}],"district":"Центр","editionID":"rg70emhj0gxcanz892rw46qta4","id":"01g1ckq34x2bkw0s79cns1gm38","latitude":49.2334,"longitude":28.4688,"number":4,"review":{"decidedAt":1792306800,"feasible":true,"reason":"","reviewerID":"xx87gmytzsezckjaq44jzjmtjg"},"status":"feasible","submittedAt":1788418800,"summary":"Двосмугова велодоріжка 1,2 км від Центрального мосту до Київського, з велопарковками.","title":"Велодоріжка вздовж Південного Бугу"}', 1788418800);
INSERT INTO budget_projects VALUES ('mx8wz17r85dy2veyhrpa2ja4d0', 'vinnytsia', 'rg70emhj0gxcanz892rw46qta4', 5, 'r6kkmvtpk47zf454cfgthyzxxr', 'feasible', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Стрілецька, 32","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"r6kkmvtpk47zf454cfgthyzxxr","costItems":[{"amount":{"kopiyky":55620000},"label":"Обладнання"},{"amount":{"kopiyky":26780000},"label":"Ремонт приміщення"}],"district":"Слов’янка","editionID":"rg70emhj0gxcanz892rw46qta4","id":"mx8wz17r85dy2veyhrpa2ja4d0","latitude":49.2457,"longitude":28.4809,"number":5,"review":{"decidedAt":1792306800,"feasible":true,"reason":"","reviewerID":"xx87gmytzsezckjaq44jzjmtjg"},"status":"feasible","submittedAt":1788418800,"summary":"Обладнання сенсорної кімнати: світлові панелі, м’які модулі, звукоізоляція.","title":"Сенсорна кімната для дітей з аутизмом у ЦПМСД № 3"}', 1788418800);
INSERT INTO budget_projects VALUES ('59gk6mbq3hg4c1whwy53nm7w70', 'vinnytsia', 'rg70emhj0gxcanz892rw46qta4', 6, 'r6kkmvtpk47zf454cfgthyzxxr', 'feasible', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Максимовича, 20","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"r6kkmvtpk47zf454cfgthyzxxr","costItems":[{"amount":{"kopiyky":53560000},"label":"Алея та квітники"},{"amount":{"kopiyky":30900000},"label":"Стела"},{"amount":{"kopiyky":14420000},"label":"Освітлення"}],"district":"Тяжилів","editionID":"rg70emhj0gxcanz892rw46qta4","id":"59gk6mbq3hg4c1whwy53nm7w70","latitude":49.261,"longitude":28.447,"number":6,"review":{"decidedAt":1792306800,"feasible":true,"reason":"","reviewerID":"xx87gmytzsezckjaq44jzjmtjg"},"status":"feasible","submittedAt":1788418800,"summary":"Благоустрій скверу: алея, меморіальна стела, квітники, лавки й освітлення.","title":"Сквер пам’яті захисників на Тяжилові"}', 1788418800);
INSERT INTO budget_projects VALUES ('3r2cbt86x8xtfc5jfw6188jgxc', 'vinnytsia', 'rg70emhj0gxcanz892rw46qta4', 7, 'r6kkmvtpk47zf454cfgthyzxxr', 'feasible', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Театральна, 24","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"r6kkmvtpk47zf454cfgthyzxxr","costItems":[{"amount":{"kopiyky":43650000},"label":"Підлога"},{"amount":{"kopiyky":36860000},"label":"Вікна"},{"amount":{"kopiyky":26190000},"label":"Роздягальні"}],"district":"Центр","editionID":"rg70emhj0gxcanz892rw46qta4","id":"3r2cbt86x8xtfc5jfw6188jgxc","latitude":49.2325,"longitude":28.465,"number":7,"review":{"decidedAt":1792306800,"feasible":true,"reason":"","reviewerID":"xx87gmytzsezckjaq44jzjmtjg"},"status":"feasible","submittedAt":1788418800,"summary":"Нове покриття підлоги, заміна вікон, роздягальні з душем.","title":"Ремонт спортивної зали ліцею № 9"}', 1788418800);
INSERT INTO budget_projects VALUES ('4x644nvgzys9q842dyrfk8ayem', 'vinnytsia', 'rg70emhj0gxcanz892rw46qta4', 8, 'ff578gcw43kmkvsckega1khjfc', 'feasible', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"Хмельницьке шосе","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"ff578gcw43kmkvsckega1khjfc","costItems":[{"amount":{"kopiyky":16480000},"label":"Лавки"},{"amount":{"kopiyky":9270000},"label":"Урни"}],"district":"Поділля","editionID":"rg70emhj0gxcanz892rw46qta4","id":"4x644nvgzys9q842dyrfk8ayem","latitude":49.2244,"longitude":28.419,"number":8,"review":{"decidedAt":1792306800,"feasible":true,"reason":"","reviewerID":"xx87gmytzsezckjaq44jzjmtjg"},"status":"feasible","submittedAt":1788418800,"summary":"Двадцять лавок і двадцять урн для роздільного збирання на зупинках.","title":"Лавки та смітники на Хмельницькому шосе"}', 1788418800);
INSERT INTO budget_projects VALUES ('emcehg6amt6yffhpz9jjvc08dr', 'vinnytsia', 'rg70emhj0gxcanz892rw46qta4', 9, 'ff578gcw43kmkvsckega1khjfc', 'feasible', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Магістратська, 42","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"ff578gcw43kmkvsckega1khjfc","costItems":[{"amount":{"kopiyky":14000000},"label":"Меблі"},{"amount":{"kopiyky":18000000},"label":"Ноутбуки"},{"amount":{"kopiyky":9500000},"label":"Генератор"}],"district":"Старе місто","editionID":"rg70emhj0gxcanz892rw46qta4","id":"emcehg6amt6yffhpz9jjvc08dr","latitude":49.2279,"longitude":28.4557,"number":9,"review":{"decidedAt":1792306800,"feasible":true,"reason":"","reviewerID":"xx87gmytzsezckjaq44jzjmtjg"},"status":"feasible","submittedAt":1788418800,"summary":"Меблі, ноутбуки, стабільний Wi-Fi і генератор для бібліотеки-філії № 4.","title":"Книжкова шафа та коворкінг у бібліотеці на Старому місті"}', 1788418800);
INSERT INTO budget_projects VALUES ('e4t1a7e20mykdv21vdsgtmhmj0', 'vinnytsia', 'rg70emhj0gxcanz892rw46qta4', 10, 'ff578gcw43kmkvsckega1khjfc', 'feasible', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Академіка Янгеля, 4","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"ff578gcw43kmkvsckega1khjfc","costItems":[{"amount":{"kopiyky":26780000},"label":"Ліхтарі"},{"amount":{"kopiyky":11330000},"label":"Монтаж"}],"district":"Академічний","editionID":"rg70emhj0gxcanz892rw46qta4","id":"e4t1a7e20mykdv21vdsgtmhmj0","latitude":49.2202,"longitude":28.4045,"number":10,"review":{"decidedAt":1792306800,"feasible":true,"reason":"","reviewerID":"xx87gmytzsezckjaq44jzjmtjg"},"status":"feasible","submittedAt":1788418800,"summary":"Сорок світлодіодних ліхтарів із датчиками руху у трьох дворах.","title":"Ліхтарі у дворах на Академічному"}', 1788418800);
INSERT INTO budget_projects VALUES ('b7xr4m7vhsag6dkey6504jdjr8', 'vinnytsia', 'rg70emhj0gxcanz892rw46qta4', 11, 'ff578gcw43kmkvsckega1khjfc', 'feasible', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. 600-річчя, 21","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"ff578gcw43kmkvsckega1khjfc","costItems":[{"amount":{"kopiyky":7425000},"label":"Станція"},{"amount":{"kopiyky":3960000},"label":"Інструменти"}],"district":"Вишенька","editionID":"rg70emhj0gxcanz892rw46qta4","id":"b7xr4m7vhsag6dkey6504jdjr8","latitude":49.214,"longitude":28.416,"number":11,"review":{"decidedAt":1792306800,"feasible":true,"reason":"","reviewerID":"xx87gmytzsezckjaq44jzjmtjg"},"status":"feasible","submittedAt":1788418800,"summary":"Станція самообслуговування та інструменти у дворі гімназії № 30.","title":"Майстерня ремонту велосипедів для школярів"}', 1788418800);
INSERT INTO budget_projects VALUES ('grckrdt12vmxswww4sv8vm8qxm', 'vinnytsia', 'rg70emhj0gxcanz892rw46qta4', 12, 'ff578gcw43kmkvsckega1khjfc', 'infeasible', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Київська, 140","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"ff578gcw43kmkvsckega1khjfc","costItems":[{"amount":{"kopiyky":12360000},"label":"Саджанці"},{"amount":{"kopiyky":8240000},"label":"Полив"}],"district":"Свердловський масив","editionID":"rg70emhj0gxcanz892rw46qta4","id":"grckrdt12vmxswww4sv8vm8qxm","latitude":49.2501,"longitude":28.499,"number":12,"review":{"decidedAt":1792306800,"feasible":false,"reason":"Ділянка належить до земель лісового фонду: озеленення виконає КП «Вінницязеленбуд».","reviewerID":"xx87gmytzsezckjaq44jzjmtjg"},"status":"infeasible","submittedAt":1788418800,"summary":"Тридцять дерев, живопліт і крапельний полив.","title":"Озеленення двору на Київській"}', 1788418800);
INSERT INTO budget_projects VALUES ('gc8ey30ej6bamvbkzgn6gsh8cg', 'vinnytsia', 'rg70emhj0gxcanz892rw46qta4', 13, 'ff578gcw43kmkvsckega1khjfc', 'feasible', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Соборна, 59","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"ff578gcw43kmkvsckega1khjfc","costItems":[{"amount":{"kopiyky":18000000},"label":"Пандус"},{"amount":{"kopiyky":29000000},"label":"Підйомник"}],"district":"Центр","editionID":"rg70emhj0gxcanz892rw46qta4","id":"gc8ey30ej6bamvbkzgn6gsh8cg","latitude":49.2328,"longitude":28.4679,"number":13,"review":{"decidedAt":1792306800,"feasible":true,"reason":"","reviewerID":"xx87gmytzsezckjaq44jzjmtjg"},"status":"feasible","submittedAt":1788418800,"summary":"Безбар’єрний вхід: пандус, підйомник, кнопка виклику працівника.","title":"Пандус і підйомник у ЦНАПі на Соборній"}', 1788418800);
INSERT INTO budget_projects VALUES ('4ng4q2egcpff73kp84zyyedhdm', 'vinnytsia', 'rg70emhj0gxcanz892rw46qta4', 14, 'ff578gcw43kmkvsckega1khjfc', 'feasible', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"парк ім. Козицького","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"ff578gcw43kmkvsckega1khjfc","costItems":[{"amount":{"kopiyky":10670000},"label":"Столи"},{"amount":{"kopiyky":4365000},"label":"Великі шахи"},{"amount":{"kopiyky":5820000},"label":"Освітлення"}],"district":"Центр","editionID":"rg70emhj0gxcanz892rw46qta4","id":"4ng4q2egcpff73kp84zyyedhdm","latitude":49.2365,"longitude":28.4712,"number":14,"review":{"decidedAt":1792306800,"feasible":true,"reason":"","reviewerID":"xx87gmytzsezckjaq44jzjmtjg"},"status":"feasible","submittedAt":1788418800,"summary":"Столи з накриттям, великі шахи, освітлення і турнір раз на місяць.","title":"Шахово-шашковий клуб у парку Козицького"}', 1788418800);
INSERT INTO budget_projects VALUES ('jqc6vba97p07fz696avp04kjr8', 'vinnytsia', 'rg70emhj0gxcanz892rw46qta4', 15, 'ff578gcw43kmkvsckega1khjfc', 'feasible', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Брацлавська, 85","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"ff578gcw43kmkvsckega1khjfc","costItems":[{"amount":{"kopiyky":23000000},"label":"Вентиляція"},{"amount":{"kopiyky":15000000},"label":"Меблі"},{"amount":{"kopiyky":6000000},"label":"Запаси"}],"district":"Замостя","editionID":"rg70emhj0gxcanz892rw46qta4","id":"jqc6vba97p07fz696avp04kjr8","latitude":49.2421,"longitude":28.5013,"number":15,"review":{"decidedAt":1792306800,"feasible":true,"reason":"","reviewerID":"xx87gmytzsezckjaq44jzjmtjg"},"status":"feasible","submittedAt":1788418800,"summary":"Вентиляція, ліжка-трансформери, запас води та аптечки для укриття садочка.","title":"Укриття в дитячому садку № 21: обладнання"}', 1788418800);
INSERT INTO budget_projects VALUES ('08da0cw50hp60gx6pjdde435x0', 'vinnytsia', 'eqktedpfrt8yv7amjnykzvrf30', 1, 'fswg6spvq9php9neya2b1c0eqg', 'submitted', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Келецька, 61","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"fswg6spvq9php9neya2b1c0eqg","costItems":[{"amount":{"kopiyky":41160000},"label":"Покриття"},{"amount":{"kopiyky":37240000},"label":"Тренажери"},{"amount":{"kopiyky":15680000},"label":"Освітлення"}],"district":"Вишенька","editionID":"eqktedpfrt8yv7amjnykzvrf30","id":"08da0cw50hp60gx6pjdde435x0","latitude":49.2097,"longitude":28.4276,"number":1,"status":"submitted","submittedAt":1795935600,"summary":"Воркаут-зона, гумове покриття, тренажери для людей різного віку та освітлення для вечірніх тренувань.","title":"Сучасний спортивний майданчик на Вишеньці"}', 1795935600);
INSERT INTO budget_projects VALUES ('2fzz11wzqtraerh91q7v121qfm', 'vinnytsia', 'eqktedpfrt8yv7amjnykzvrf30', 2, 'fswg6spvq9php9neya2b1c0eqg', 'submitted', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Замостянська, 7","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"fswg6spvq9php9neya2b1c0eqg","costItems":[{"amount":{"kopiyky":62080000},"label":"Ігрове обладнання"},{"amount":{"kopiyky":28130000},"label":"Доріжки"},{"amount":{"kopiyky":8245000},"label":"Лавки"}],"district":"Замостя","editionID":"eqktedpfrt8yv7amjnykzvrf30","id":"2fzz11wzqtraerh91q7v121qfm","latitude":49.2318,"longitude":28.4862,"number":2,"status":"submitted","submittedAt":1795935600,"summary":"Гойдалки та пісочниці, доступні дітям на кріслах колісних, тактильні доріжки, лавки з підлокітниками.","title":"Інклюзивний простір у парку Дружби народів"}', 1795935600);
INSERT INTO budget_projects VALUES ('fyng1tnexc62cv936a3prdrpt0', 'vinnytsia', 'eqktedpfrt8yv7amjnykzvrf30', 3, 'fswg6spvq9php9neya2b1c0eqg', 'submitted', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Пирогова, 95","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"fswg6spvq9php9neya2b1c0eqg","costItems":[{"amount":{"kopiyky":31620000},"label":"Острівець безпеки"},{"amount":{"kopiyky":27540000},"label":"Світлофор"},{"amount":{"kopiyky":12240000},"label":"Підсвічування"}],"district":"Старе місто","editionID":"eqktedpfrt8yv7amjnykzvrf30","id":"fyng1tnexc62cv936a3prdrpt0","latitude":49.2259,"longitude":28.4417,"number":3,"status":"submitted","submittedAt":1795935600,"summary":"Острівець безпеки, підсвічування переходу, світлофор з кнопкою виклику.","title":"Безпечний пішохідний перехід біля школи № 17"}', 1795935600);
INSERT INTO budget_projects VALUES ('49qb28382xcrzgy7fggm20s21g', 'vinnytsia', 'eqktedpfrt8yv7amjnykzvrf30', 4, 'fswg6spvq9php9neya2b1c0eqg', 'submitted', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"набережна Рошен","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"fswg6spvq9php9neya2b1c0eqg","costItems":[{"amount":{"kopiyky":96040000},"label":"Покриття"},{"amount":{"kopiyky":11760000},"label":"Розмітка"},{"amount":{"kopiyky":8820000},"label":"Велопарковки"}],"district":"Центр","editionID":"eqktedpfrt8yv7amjnykzvrf30","id":"49qb28382xcrzgy7fggm20s21g","latitude":49.2334,"longitude":28.4688,"number":4,"status":"submitted","submittedAt":1795935600,"summary":"Двосмугова велодоріжка 1,2 км від Центрального мосту до Київського, з велопарковками.","title":"Велодоріжка вздовж Південного Бугу"}', 1795935600);
INSERT INTO budget_projects VALUES ('x6r0hayafvyf1f7e2khepzqajm', 'vinnytsia', 'eqktedpfrt8yv7amjnykzvrf30', 5, 'fswg6spvq9php9neya2b1c0eqg', 'submitted', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Стрілецька, 32","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"fswg6spvq9php9neya2b1c0eqg","costItems":[{"amount":{"kopiyky":51840000},"label":"Обладнання"},{"amount":{"kopiyky":24960000},"label":"Ремонт приміщення"}],"district":"Слов’янка","editionID":"eqktedpfrt8yv7amjnykzvrf30","id":"x6r0hayafvyf1f7e2khepzqajm","latitude":49.2457,"longitude":28.4809,"number":5,"status":"submitted","submittedAt":1795935600,"summary":"Обладнання сенсорної кімнати: світлові панелі, м’які модулі, звукоізоляція.","title":"Сенсорна кімната для дітей з аутизмом у ЦПМСД № 3"}', 1795935600);
INSERT INTO budget_projects VALUES ('ffy50wvtx6y3y7f735ps3t8fjm', 'vinnytsia', 'eqktedpfrt8yv7amjnykzvrf30', 6, 'fswg6spvq9php9neya2b1c0eqg', 'submitted', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Максимовича, 20","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"fswg6spvq9php9neya2b1c0eqg","costItems":[{"amount":{"kopiyky":50440000},"label":"Алея та квітники"},{"amount":{"kopiyky":29100000},"label":"Стела"},{"amount":{"kopiyky":13580000},"label":"Освітлення"}],"district":"Тяжилів","editionID":"eqktedpfrt8yv7amjnykzvrf30","id":"ffy50wvtx6y3y7f735ps3t8fjm","latitude":49.261,"longitude":28.447,"number":6,"status":"submitted","submittedAt":1795935600,"summary":"Благоустрій скверу: алея, меморіальна стела, квітники, лавки й освітлення.","title":"Сквер пам’яті захисників на Тяжилові"}', 1795935600);
INSERT INTO budget_projects VALUES ('v8yzreh406acysezkqqryhd1bm', 'vinnytsia', 'eqktedpfrt8yv7amjnykzvrf30', 7, 'fswg6spvq9php9neya2b1c0eqg', 'submitted', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Театральна, 24","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"fswg6spvq9php9neya2b1c0eqg","costItems":[{"amount":{"kopiyky":44550000},"label":"Підлога"},{"amount":{"kopiyky":37620000},"label":"Вікна"},{"amount":{"kopiyky":26730000},"label":"Роздягальні"}],"district":"Центр","editionID":"eqktedpfrt8yv7amjnykzvrf30","id":"v8yzreh406acysezkqqryhd1bm","latitude":49.2325,"longitude":28.465,"number":7,"status":"submitted","submittedAt":1795935600,"summary":"Нове покриття підлоги, заміна вікон, роздягальні з душем.","title":"Ремонт спортивної зали ліцею № 9"}', 1795935600);
INSERT INTO budget_projects VALUES ('2gk19rw9f9hr8asqxzha4635mc', 'vinnytsia', 'eqktedpfrt8yv7amjnykzvrf30', 8, '9z1qk0ya7qa89zymtw6bdewjzg', 'submitted', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"Хмельницьке шосе","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"9z1qk0ya7qa89zymtw6bdewjzg","costItems":[{"amount":{"kopiyky":16320000},"label":"Лавки"},{"amount":{"kopiyky":9180000},"label":"Урни"}],"district":"Поділля","editionID":"eqktedpfrt8yv7amjnykzvrf30","id":"2gk19rw9f9hr8asqxzha4635mc","latitude":49.2244,"longitude":28.419,"number":8,"status":"submitted","submittedAt":1795935600,"summary":"Двадцять лавок і двадцять урн для роздільного збирання на зупинках.","title":"Лавки та смітники на Хмельницькому шосе"}', 1795935600);
INSERT INTO budget_projects VALUES ('achpvckp779pv1w6jyk99g7sh0', 'vinnytsia', 'eqktedpfrt8yv7amjnykzvrf30', 9, '9z1qk0ya7qa89zymtw6bdewjzg', 'submitted', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Магістратська, 42","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"9z1qk0ya7qa89zymtw6bdewjzg","costItems":[{"amount":{"kopiyky":14000000},"label":"Меблі"},{"amount":{"kopiyky":18000000},"label":"Ноутбуки"},{"amount":{"kopiyky":9500000},"label":"Генератор"}],"district":"Старе місто","editionID":"eqktedpfrt8yv7amjnykzvrf30","id":"achpvckp779pv1w6jyk99g7sh0","latitude":49.2279,"longitude":28.4557,"number":9,"status":"submitted","submittedAt":1795935600,"summary":"Меблі, ноутбуки, стабільний Wi-Fi і генератор для бібліотеки-філії № 4.","title":"Книжкова шафа та коворкінг у бібліотеці на Старому місті"}', 1795935600);
INSERT INTO budget_projects VALUES ('k60mp6rw9xa6y46n02nz1cay28', 'vinnytsia', 'eqktedpfrt8yv7amjnykzvrf30', 10, '9z1qk0ya7qa89zymtw6bdewjzg', 'submitted', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Академіка Янгеля, 4","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"9z1qk0ya7qa89zymtw6bdewjzg","costItems":[{"amount":{"kopiyky":25740000},"label":"Ліхтарі"},{"amount":{"kopiyky":10890000},"label":"Монтаж"}],"district":"Академічний","editionID":"eqktedpfrt8yv7amjnykzvrf30","id":"k60mp6rw9xa6y46n02nz1cay28","latitude":49.2202,"longitude":28.4045,"number":10,"status":"submitted","submittedAt":1795935600,"summary":"Сорок світлодіодних ліхтарів із датчиками руху у трьох дворах.","title":"Ліхтарі у дворах на Академічному"}', 1795935600);
INSERT INTO budget_projects VALUES ('nktv6asb2vawex9dpm4ctqkz3m', 'vinnytsia', 'eqktedpfrt8yv7amjnykzvrf30', 11, '9z1qk0ya7qa89zymtw6bdewjzg', 'submitted', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. 600-річчя, 21","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"9z1qk0ya7qa89zymtw6bdewjzg","costItems":[{"amount":{"kopiyky":7500000},"label":"Станція"},{"amount":{"kopiyky":4000000},"label":"Інструменти"}],"district":"Вишенька","editionID":"eqktedpfrt8yv7amjnykzvrf30","id":"nktv6asb2vawex9dpm4ctqkz3m","latitude":49.214,"longitude":28.416,"number":11,"status":"submitted","submittedAt":1795935600,"summary":"Станція самообслуговування та інструменти у дворі гімназії № 30.","title":"Майстерня ремонту велосипедів для школярів"}', 1795935600);
INSERT INTO budget_projects VALUES ('s1rnp6kdze2nhtwd3gemsrk8aw', 'vinnytsia', 'eqktedpfrt8yv7amjnykzvrf30', 12, '9z1qk0ya7qa89zymtw6bdewjzg', 'submitted', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Київська, 140","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"9z1qk0ya7qa89zymtw6bdewjzg","costItems":[{"amount":{"kopiyky":12240000},"label":"Саджанці"},{"amount":{"kopiyky":8160000},"label":"Полив"}],"district":"Свердловський масив","editionID":"eqktedpfrt8yv7amjnykzvrf30","id":"s1rnp6kdze2nhtwd3gemsrk8aw","latitude":49.2501,"longitude":28.499,"number":12,"status":"submitted","submittedAt":1795935600,"summary":"Тридцять дерев, живопліт і крапельний полив.","title":"Озеленення двору на Київській"}', 1795935600);
INSERT INTO budget_projects VALUES ('wtzv7d0vyjj04y9jhh86f1yqdg', 'vinnytsia', 'eqktedpfrt8yv7amjnykzvrf30', 13, '9z1qk0ya7qa89zymtw6bdewjzg', 'submitted', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Соборна, 59","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"9z1qk0ya7qa89zymtw6bdewjzg","costItems":[{"amount":{"kopiyky":18180000},"label":"Пандус"},{"amount":{"kopiyky":29290000},"label":"Підйомник"}],"district":"Центр","editionID":"eqktedpfrt8yv7amjnykzvrf30","id":"wtzv7d0vyjj04y9jhh86f1yqdg","latitude":49.2328,"longitude":28.4679,"number":13,"status":"submitted","submittedAt":1795935600,"summary":"Безбар’єрний вхід: пандус, підйомник, кнопка виклику працівника.","title":"Пандус і підйомник у ЦНАПі на Соборній"}', 1795935600);
INSERT INTO budget_projects VALUES ('vv6sxffvh3p6mydc39ezkv6a20', 'vinnytsia', 'eqktedpfrt8yv7amjnykzvrf30', 14, '9z1qk0ya7qa89zymtw6bdewjzg', 'submitted', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"парк ім. Козицького","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"9z1qk0ya7qa89zymtw6bdewjzg","costItems":[{"amount":{"kopiyky":11440000},"label":"Столи"},{"amount":{"kopiyky":4680000},"label":"Великі шахи"},{"amount":{"kopiyky":6240000},"label":"Освітлення"}],"district":"Центр","editionID":"eqktedpfrt8yv7amjnykzvrf30","id":"vv6sxffvh3p6mydc39ezkv6a20","latitude":49.2365,"longitude":28.4712,"number":14,"status":"submitted","submittedAt":1795935600,"summary":"Столи з накриттям, великі шахи, освітлення і турнір раз на місяць.","title":"Шахово-шашковий клуб у парку Козицького"}', 1795935600);
INSERT INTO budget_projects VALUES ('34v1stdzqj0ee00t4z5kb2f6vw', 'vinnytsia', 'eqktedpfrt8yv7amjnykzvrf30', 15, '9z1qk0ya7qa89zymtw6bdewjzg', 'submitted', 'xx87gmytzsezckjaq44jzjmtjg', '{"address":"вул. Брацлавська, 85","authorID":"xx87gmytzsezckjaq44jzjmtjg","categoryID":"9z1qk0ya7qa89zymtw6bdewjzg","costItems":[{"amount":{"kopiyky":23920000},"label":"Вентиляція"},{"amount":{"kopiyky":15600000},"label":"Меблі"},{"amount":{"kopiyky":6240000},"label":"Запаси"}],"district":"Замостя","editionID":"eqktedpfrt8yv7amjnykzvrf30","id":"34v1stdzqj0ee00t4z5kb2f6vw","latitude":49.2421,"longitude":28.5013,"number":15,"status":"submitted","submittedAt":1795935600,"summary":"Вентиляція, ліжка-трансформери, запас води та аптечки для укриття садочка.","title":"Укриття в дитячому садку № 21: обладнання"}', 1795935600);


--
-- Data for Name: budget_results; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--

INSERT INTO budget_results VALUES ('qkxfw9f5f17vq088b0dksnfddm', 'eqj2k4r7n92hjxvqh7c9g1x740', '["fcnbyzscn9x00xx9fdtfmhjzzw","hrkn6dygcnzyhqzt3jvbzzebvr","9hxn78hrjdxt19qk1wtvk18w64"]', 1771138800);
INSERT INTO budget_results VALUES ('qkxfw9f5f17vq088b0dksnfddm', 'k37zvgkk1wv4awrd5g97rtxg4c', '["fx8hw7dakz5en5j4vx89598tkw","jmdw9tp4q7kzwa5ds263jzbcyc","y00b49dmsb7634qypb86dqddkr"]', 1771138800);


--
-- Data for Name: email_tokens; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--



--
-- Data for Name: lot_bidders; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--

INSERT INTO lot_bidders VALUES ('0kr16t0n92t5njsp29t8g8rxqc', 'aq9nqg0pagn7w9vaerh1mm1hx4', 'xx87gmytzsezckjaq44jzjmtjg', 'Олена Шевчук', NULL, 1840000, 1793947999442, 'ПН-1000', 'РВ-2000');
INSERT INTO lot_bidders VALUES ('0kr16t0n92t5njsp29t8g8rxqc', '77xnd2bzs10859fgj3nv293x04', 'bpqh7heq7n9r4b9kwnjtqf616g', 'Андрій Коваленко', NULL, 1876800, 1793944399442, 'ПН-1001', 'РВ-2001');
INSERT INTO lot_bidders VALUES ('56kss46aehmz9ps5ps0phd08m0', 'qf2gzwwnmh07vhtz4636sbx19w', 'xx87gmytzsezckjaq44jzjmtjg', 'Олена Шевчук', NULL, 125000000, 1794034399442, 'ПН-1010', 'РВ-2010');
INSERT INTO lot_bidders VALUES ('56kss46aehmz9ps5ps0phd08m0', '45gh6c5t65433j45mpdg96hpqr', 'bpqh7heq7n9r4b9kwnjtqf616g', 'Андрій Коваленко', NULL, 127500000, 1794030799442, 'ПН-1011', 'РВ-2011');
INSERT INTO lot_bidders VALUES ('n8xxb2024zar9p1zqa2fha89cr', 'jegqha0d93nkhqkjrmnrw6pd48', 'xx87gmytzsezckjaq44jzjmtjg', 'Олена Шевчук', NULL, 9600000, 1794120799442, 'ПН-1020', 'РВ-2020');
INSERT INTO lot_bidders VALUES ('n8xxb2024zar9p1zqa2fha89cr', 'qrh5tcxkdj6bf9kyvssb3nwtmw', 'bpqh7heq7n9r4b9kwnjtqf616g', 'Андрій Коваленко', NULL, 9792000, 1794117199442, 'ПН-1021', 'РВ-2021');
INSERT INTO lot_bidders VALUES ('p722d1vr97d1x2p1f6mebyzx14', 'mrhzmjxct4dbtngzwqxc1pcnag', 'xx87gmytzsezckjaq44jzjmtjg', 'Олена Шевчук', NULL, 120000000, 1794815599508, 'ПН-7100', 'РВ-7200');
INSERT INTO lot_bidders VALUES ('p722d1vr97d1x2p1f6mebyzx14', 'pa7jz2zeek6cv3pgjak7swxvec', 'bpqh7heq7n9r4b9kwnjtqf616g', 'Андрій Коваленко', NULL, 120000000, 1794901999508, 'ПН-7101', 'РВ-7201');


--
-- Data for Name: lots; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--

INSERT INTO lots VALUES ('0kr16t0n92t5njsp29t8g8rxqc', 'vinnytsia', 'veq4w93nyg112ddj9ggwck8cy8', 1, 'complete', '{"auctionStart":1794037999.4421396,"awards":{"awards":[{"amount":{"kopiyky":1950400},"bidder":"aq9nqg0pagn7w9vaerh1mm1hx4","decidedAt":1794212059.4421396,"status":"active"},{"amount":{"kopiyky":1876800},"bidder":"77xnd2bzs10859fgj3nv293x04","status":"pending.waiting"}],"contractSignedAt":1794471259.4421396},"guarantee":{"kopiyky":184000},"id":"0kr16t0n92t5njsp29t8g8rxqc","minimalStep":{"percent":{"basisPoints":100}},"municipalityID":"vinnytsia","objectID":"veq4w93nyg112ddj9ggwck8cy8","procedure":"lease_english","registrationFee":{"kopiyky":80000},"status":"complete","tenderPeriodEnd":1793951599.4421396,"timings":{"pause":300,"rounds":3,"turn":180},"title":"Нежитлове приміщення на першому поверсі, вул. Соборна, 64","value":{"kopiyky":1840000}}', 1794037999, 1792741999);
INSERT INTO lots VALUES ('56kss46aehmz9ps5ps0phd08m0', 'vinnytsia', 'gmyam99m93zj7y7dhw0ntjfm74', 2, 'active.qualification', '{"auctionStart":1794124399.4421396,"awards":{"awards":[{"amount":{"kopiyky":132500000},"bidder":"qf2gzwwnmh07vhtz4636sbx19w","status":"pending"},{"amount":{"kopiyky":127500000},"bidder":"45gh6c5t65433j45mpdg96hpqr","status":"pending.waiting"}]},"guarantee":{"kopiyky":12500000},"id":"56kss46aehmz9ps5ps0phd08m0","minimalStep":{"percent":{"basisPoints":100}},"municipalityID":"vinnytsia","objectID":"gmyam99m93zj7y7dhw0ntjfm74","procedure":"privatization_english","registrationFee":{"kopiyky":80000},"status":"active.qualification","tenderPeriodEnd":1794037999.4421396,"timings":{"pause":300,"rounds":3,"turn":180},"title":"Будівля колишньої котельні, вул. Келецька, 51а","value":{"kopiyky":125000000}}', 1794124399, 1792828399);
INSERT INTO lots VALUES ('n8xxb2024zar9p1zqa2fha89cr', 'vinnytsia', '198nfbbjvrh3j25vwwgxv7tvcc', 3, 'active.awarded', '{"auctionStart":1794210799.4421396,"awards":{"awards":[{"amount":{"kopiyky":10176000},"bidder":"jegqha0d93nkhqkjrmnrw6pd48","decidedAt":1794384859.4421396,"status":"active"},{"amount":{"kopiyky":9792000},"bidder":"qrh5tcxkdj6bf9kyvssb3nwtmw","status":"pending.waiting"}]},"guarantee":{"kopiyky":960000},"id":"n8xxb2024zar9p1zqa2fha89cr","minimalStep":{"percent":{"basisPoints":100}},"municipalityID":"vinnytsia","objectID":"198nfbbjvrh3j25vwwgxv7tvcc","procedure":"land_lease","registrationFee":{"kopiyky":80000},"status":"active.awarded","tenderPeriodEnd":1794124399.4421396,"timings":{"pause":300,"rounds":3,"turn":180},"title":"Земельна ділянка під склад, Немирівське шосе","value":{"kopiyky":9600000}}', 1794210799, 1792914799);
INSERT INTO lots VALUES ('9mev5zga1y9psfjjfnvv65hkp4', 'vinnytsia', '5d7z5veh6pxky5ebp2t28vjhg8', 4, 'unsuccessful', '{"auctionStart":1794297199.4421396,"guarantee":{"kopiyky":62000},"id":"9mev5zga1y9psfjjfnvv65hkp4","minimalStep":{"percent":{"basisPoints":100}},"municipalityID":"vinnytsia","objectID":"5d7z5veh6pxky5ebp2t28vjhg8","procedure":"lease_english","registrationFee":{"kopiyky":80000},"status":"unsuccessful","tenderPeriodEnd":1794210799.4421396,"timings":{"pause":300,"rounds":3,"turn":180},"title":"Приміщення в підвалі, вул. Пирогова, 20","value":{"kopiyky":620000}}', 1794297199, 1793001199);
INSERT INTO lots VALUES ('gkev17dh82yywh4pz6yvacm09r', 'vinnytsia', '57f8qq1f50gptz5b42pxwsg3rw', 5, 'cancelled', '{"auctionStart":1794383599.4421396,"guarantee":{"kopiyky":2400000},"id":"gkev17dh82yywh4pz6yvacm09r","minimalStep":{"percent":{"basisPoints":100}},"municipalityID":"vinnytsia","objectID":"57f8qq1f50gptz5b42pxwsg3rw","procedure":"privatization_english","registrationFee":{"kopiyky":80000},"status":"cancelled","tenderPeriodEnd":1794297199.4421396,"timings":{"pause":300,"rounds":3,"turn":180},"title":"Автобус Богдан А092, 2012 р.","value":{"kopiyky":24000000}}', 1794383599, 1793087599);
INSERT INTO lots VALUES ('xvhbg5n75ty2hc1gq323932g4c', 'vinnytsia', 'd1wdayk3r76wvmr0rsm60qq73r', 6, 'active.tendering', '{"auctionStart":1797493999.4421396,"guarantee":{"kopiyky":31000},"id":"xvhbg5n75ty2hc1gq323932g4c","minimalStep":{"percent":{"basisPoints":100}},"municipalityID":"vinnytsia","objectID":"d1wdayk3r76wvmr0rsm60qq73r","procedure":"lease_english","registrationFee":{"kopiyky":80000},"status":"active.tendering","tenderPeriodEnd":1797407599.4421396,"timings":{"pause":300,"rounds":3,"turn":180},"title":"Кіоск біля ринку «Урожай»","value":{"kopiyky":310000}}', 1797493999, 1796197999);
INSERT INTO lots VALUES ('9zr8tbktcbbfda9qx4thjvza54', 'vinnytsia', 'x83y2mev3jzw8ds8fcb2jgxhtm', 7, 'unsuccessful', '{"auctionStart":1790236399.5084655,"guarantee":{"kopiyky":24000000},"id":"9zr8tbktcbbfda9qx4thjvza54","minimalStep":{"percent":{"basisPoints":100}},"municipalityID":"vinnytsia","objectID":"x83y2mev3jzw8ds8fcb2jgxhtm","procedure":"privatization_english","registrationFee":{"kopiyky":80000},"status":"unsuccessful","tenderPeriodEnd":1790149999.5084655,"timings":{"pause":300,"rounds":3,"turn":180},"title":"Мала приватизація: будівля колишнього дитячого садка, вул. Чехова, 12","value":{"kopiyky":240000000}}', 1790236399, 1788421999);
INSERT INTO lots VALUES ('s5w211w4xjtqar65mk7cjjr7c4', 'vinnytsia', 'x83y2mev3jzw8ds8fcb2jgxhtm', 8, 'unsuccessful', '{"auctionStart":1792655599.5084655,"continues":"9zr8tbktcbbfda9qx4thjvza54","guarantee":{"kopiyky":24000000},"id":"s5w211w4xjtqar65mk7cjjr7c4","minimalStep":{"percent":{"basisPoints":100}},"municipalityID":"vinnytsia","objectID":"x83y2mev3jzw8ds8fcb2jgxhtm","procedure":"privatization_reduced","registrationFee":{"kopiyky":80000},"status":"unsuccessful","tenderPeriodEnd":1792569199.5084655,"timings":{"pause":300,"rounds":3,"turn":180},"title":"Мала приватизація: будівля колишнього дитячого садка, вул. Чехова, 12","value":{"kopiyky":240000000}}', 1792655599, 1790841199);
INSERT INTO lots VALUES ('p722d1vr97d1x2p1f6mebyzx14', 'vinnytsia', 'x83y2mev3jzw8ds8fcb2jgxhtm', 9, 'complete', '{"auctionStart":1795074799.5084655,"awards":{"awards":[{"amount":{"kopiyky":79000000},"bidder":"mrhzmjxct4dbtngzwqxc1pcnag","decidedAt":1795338039.5084655,"status":"active"},{"amount":{"kopiyky":79000000},"bidder":"pa7jz2zeek6cv3pgjak7swxvec","status":"pending.waiting"}],"contractSignedAt":1795942839.5084655},"continues":"s5w211w4xjtqar65mk7cjjr7c4","guarantee":{"kopiyky":24000000},"id":"p722d1vr97d1x2p1f6mebyzx14","minimalStep":{"percent":{"basisPoints":100}},"municipalityID":"vinnytsia","objectID":"x83y2mev3jzw8ds8fcb2jgxhtm","procedure":"privatization_dutch","registrationFee":{"kopiyky":80000},"status":"complete","tenderPeriodEnd":1794988399.5084655,"timings":{"pause":300,"rounds":3,"turn":180},"title":"Мала приватизація: будівля колишнього дитячого садка, вул. Чехова, 12","value":{"kopiyky":240000000}}', 1795074799, 1793260399);


--
-- Data for Name: municipalities; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--

INSERT INTO municipalities VALUES ('vinnytsia', 'vinnytska', 'vinnytsia', 'Вінниця', 'Vinnytsia', 369739, 113.2, '{"acceptsIdentityAsResidency":true,"budgetMinimumAge":16,"contactEmail":"info@vinnytsia.demo.hromada.ua","petitions":{"calendar":{"holidays":[],"workedWeekendDays":[]},"collectionDays":90,"considerationWorkingDays":10,"moderationWorkingDays":2,"signers":"verified_residents","supportersBeforeModeration":0,"threshold":350,"trendingAddressPerHour":50}}', 1796197982);
INSERT INTO municipalities VALUES ('zhmerynka', 'vinnytska', 'zhmerynka', 'Жмеринка', 'Zhmerynka', 33928, 22.4, '{"acceptsIdentityAsResidency":true,"budgetMinimumAge":16,"contactEmail":"info@zhmerynka.demo.hromada.ua","petitions":{"calendar":{"holidays":[],"workedWeekendDays":[]},"collectionDays":90,"considerationWorkingDays":10,"moderationWorkingDays":2,"signers":"verified_residents","supportersBeforeModeration":0,"threshold":150,"trendingAddressPerHour":50}}', 1796197982);
INSERT INTO municipalities VALUES ('khmilnyk', 'vinnytska', 'khmilnyk', 'Хмільник', 'Khmilnyk', 26800, 17, '{"acceptsIdentityAsResidency":true,"budgetMinimumAge":16,"contactEmail":"info@khmilnyk.demo.hromada.ua","petitions":{"calendar":{"holidays":[],"workedWeekendDays":[]},"collectionDays":90,"considerationWorkingDays":10,"moderationWorkingDays":2,"signers":"verified_residents","supportersBeforeModeration":3,"threshold":100,"trendingAddressPerHour":50}}', 1796197982);
INSERT INTO municipalities VALUES ('ladyzhyn', 'vinnytska', 'ladyzhyn', 'Ладижин', 'Ladyzhyn', 22413, 21, '{"acceptsIdentityAsResidency":true,"budgetMinimumAge":16,"contactEmail":"info@ladyzhyn.demo.hromada.ua","petitions":{"calendar":{"holidays":[],"workedWeekendDays":[]},"collectionDays":90,"considerationWorkingDays":10,"moderationWorkingDays":2,"signers":"verified_residents","supportersBeforeModeration":0,"threshold":100,"trendingAddressPerHour":50}}', 1796197982);


--
-- Data for Name: oblasts; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--

INSERT INTO oblasts VALUES ('vinnytska', 'vinnytska', 'Вінницька область', 'Vinnytsia Oblast');


--
-- Data for Name: oidc_logins; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--



--
-- Data for Name: outbox; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--



--
-- Data for Name: petition_alerts; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--



--
-- Data for Name: petition_counters; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--

INSERT INTO petition_counters VALUES ('h8s54pq1snzqjvkwzcaydcrhz0', 12, 1);
INSERT INTO petition_counters VALUES ('h8s54pq1snzqjvkwzcaydcrhz0', 5, 10);
INSERT INTO petition_counters VALUES ('h8s54pq1snzqjvkwzcaydcrhz0', 7, 6);
INSERT INTO petition_counters VALUES ('h8s54pq1snzqjvkwzcaydcrhz0', 9, 6);
INSERT INTO petition_counters VALUES ('h8s54pq1snzqjvkwzcaydcrhz0', 10, 6);
INSERT INTO petition_counters VALUES ('h8s54pq1snzqjvkwzcaydcrhz0', 13, 12);
INSERT INTO petition_counters VALUES ('h8s54pq1snzqjvkwzcaydcrhz0', 4, 4);
INSERT INTO petition_counters VALUES ('h8s54pq1snzqjvkwzcaydcrhz0', 3, 4);
INSERT INTO petition_counters VALUES ('h8s54pq1snzqjvkwzcaydcrhz0', 2, 6);
INSERT INTO petition_counters VALUES ('h8s54pq1snzqjvkwzcaydcrhz0', 8, 6);
INSERT INTO petition_counters VALUES ('h8s54pq1snzqjvkwzcaydcrhz0', 1, 8);
INSERT INTO petition_counters VALUES ('h8s54pq1snzqjvkwzcaydcrhz0', 11, 7);
INSERT INTO petition_counters VALUES ('h8s54pq1snzqjvkwzcaydcrhz0', 6, 9);
INSERT INTO petition_counters VALUES ('kdm65edxga89r17k3f1mjedah8', 10, 1);
INSERT INTO petition_counters VALUES ('kdm65edxga89r17k3f1mjedah8', 14, 1);
INSERT INTO petition_counters VALUES ('kdm65edxga89r17k3f1mjedah8', 13, 1);
INSERT INTO petition_counters VALUES ('kdm65edxga89r17k3f1mjedah8', 1, 6);
INSERT INTO petition_counters VALUES ('kdm65edxga89r17k3f1mjedah8', 11, 1);
INSERT INTO petition_counters VALUES ('kdm65edxga89r17k3f1mjedah8', 15, 1);
INSERT INTO petition_counters VALUES ('kdm65edxga89r17k3f1mjedah8', 3, 1);
INSERT INTO petition_counters VALUES ('kdm65edxga89r17k3f1mjedah8', 8, 2);
INSERT INTO petition_counters VALUES ('kdm65edxga89r17k3f1mjedah8', 4, 2);
INSERT INTO petition_counters VALUES ('kdm65edxga89r17k3f1mjedah8', 6, 1);
INSERT INTO petition_counters VALUES ('kdm65edxga89r17k3f1mjedah8', 5, 3);
INSERT INTO petition_counters VALUES ('365fbecz92ac763879wsdy3ywm', 14, 2);
INSERT INTO petition_counters VALUES ('365fbecz92ac763879wsdy3ywm', 9, 6);
INSERT INTO petition_counters VALUES ('365fbecz92ac763879wsdy3ywm', 3, 1);
INSERT INTO petition_counters VALUES ('365fbecz92ac763879wsdy3ywm', 4, 4);
INSERT INTO petition_counters VALUES ('365fbecz92ac763879wsdy3ywm', 6, 9);
INSERT INTO petition_counters VALUES ('365fbecz92ac763879wsdy3ywm', 10, 6);
INSERT INTO petition_counters VALUES ('365fbecz92ac763879wsdy3ywm', 5, 3);
INSERT INTO petition_counters VALUES ('365fbecz92ac763879wsdy3ywm', 0, 8);
INSERT INTO petition_counters VALUES ('365fbecz92ac763879wsdy3ywm', 2, 4);
INSERT INTO petition_counters VALUES ('365fbecz92ac763879wsdy3ywm', 8, 8);
INSERT INTO petition_counters VALUES ('365fbecz92ac763879wsdy3ywm', 15, 8);
INSERT INTO petition_counters VALUES ('365fbecz92ac763879wsdy3ywm', 12, 5);
INSERT INTO petition_counters VALUES ('365fbecz92ac763879wsdy3ywm', 11, 7);
INSERT INTO petition_counters VALUES ('365fbecz92ac763879wsdy3ywm', 13, 6);
INSERT INTO petition_counters VALUES ('365fbecz92ac763879wsdy3ywm', 7, 12);
INSERT INTO petition_counters VALUES ('365fbecz92ac763879wsdy3ywm', 1, 8);
INSERT INTO petition_counters VALUES ('w30ca89jgpfk3s8pwmfcm20jgw', 3, 3);
INSERT INTO petition_counters VALUES ('w30ca89jgpfk3s8pwmfcm20jgw', 9, 4);
INSERT INTO petition_counters VALUES ('w30ca89jgpfk3s8pwmfcm20jgw', 8, 6);
INSERT INTO petition_counters VALUES ('w30ca89jgpfk3s8pwmfcm20jgw', 13, 9);
INSERT INTO petition_counters VALUES ('w30ca89jgpfk3s8pwmfcm20jgw', 10, 3);
INSERT INTO petition_counters VALUES ('w30ca89jgpfk3s8pwmfcm20jgw', 0, 7);
INSERT INTO petition_counters VALUES ('w30ca89jgpfk3s8pwmfcm20jgw', 15, 3);
INSERT INTO petition_counters VALUES ('w30ca89jgpfk3s8pwmfcm20jgw', 2, 7);
INSERT INTO petition_counters VALUES ('w30ca89jgpfk3s8pwmfcm20jgw', 12, 6);
INSERT INTO petition_counters VALUES ('w30ca89jgpfk3s8pwmfcm20jgw', 7, 7);
INSERT INTO petition_counters VALUES ('w30ca89jgpfk3s8pwmfcm20jgw', 5, 5);
INSERT INTO petition_counters VALUES ('w30ca89jgpfk3s8pwmfcm20jgw', 14, 5);
INSERT INTO petition_counters VALUES ('w30ca89jgpfk3s8pwmfcm20jgw', 6, 3);
INSERT INTO petition_counters VALUES ('w30ca89jgpfk3s8pwmfcm20jgw', 11, 9);
INSERT INTO petition_counters VALUES ('w30ca89jgpfk3s8pwmfcm20jgw', 4, 9);
INSERT INTO petition_counters VALUES ('w30ca89jgpfk3s8pwmfcm20jgw', 1, 14);
INSERT INTO petition_counters VALUES ('5khqr5jq2855r4skdta740c3cr', 10, 1);
INSERT INTO petition_counters VALUES ('5khqr5jq2855r4skdta740c3cr', 15, 2);
INSERT INTO petition_counters VALUES ('40kz6q4tr81jwxcmthny1jsrrw', 1, 21);
INSERT INTO petition_counters VALUES ('5khqr5jq2855r4skdta740c3cr', 5, 1);
INSERT INTO petition_counters VALUES ('5khqr5jq2855r4skdta740c3cr', 14, 1);
INSERT INTO petition_counters VALUES ('5khqr5jq2855r4skdta740c3cr', 3, 1);
INSERT INTO petition_counters VALUES ('5khqr5jq2855r4skdta740c3cr', 13, 2);
INSERT INTO petition_counters VALUES ('5khqr5jq2855r4skdta740c3cr', 2, 1);
INSERT INTO petition_counters VALUES ('5khqr5jq2855r4skdta740c3cr', 7, 1);
INSERT INTO petition_counters VALUES ('40kz6q4tr81jwxcmthny1jsrrw', 10, 27);
INSERT INTO petition_counters VALUES ('40kz6q4tr81jwxcmthny1jsrrw', 11, 14);
INSERT INTO petition_counters VALUES ('40kz6q4tr81jwxcmthny1jsrrw', 13, 28);
INSERT INTO petition_counters VALUES ('5khqr5jq2855r4skdta740c3cr', 4, 4);
INSERT INTO petition_counters VALUES ('40kz6q4tr81jwxcmthny1jsrrw', 7, 32);
INSERT INTO petition_counters VALUES ('40kz6q4tr81jwxcmthny1jsrrw', 3, 21);
INSERT INTO petition_counters VALUES ('40kz6q4tr81jwxcmthny1jsrrw', 9, 20);
INSERT INTO petition_counters VALUES ('5khqr5jq2855r4skdta740c3cr', 12, 1);
INSERT INTO petition_counters VALUES ('40kz6q4tr81jwxcmthny1jsrrw', 2, 22);
INSERT INTO petition_counters VALUES ('40kz6q4tr81jwxcmthny1jsrrw', 6, 25);
INSERT INTO petition_counters VALUES ('40kz6q4tr81jwxcmthny1jsrrw', 14, 20);
INSERT INTO petition_counters VALUES ('5khqr5jq2855r4skdta740c3cr', 9, 3);
INSERT INTO petition_counters VALUES ('5khqr5jq2855r4skdta740c3cr', 6, 2);
INSERT INTO petition_counters VALUES ('5khqr5jq2855r4skdta740c3cr', 11, 5);
INSERT INTO petition_counters VALUES ('40kz6q4tr81jwxcmthny1jsrrw', 12, 20);
INSERT INTO petition_counters VALUES ('40kz6q4tr81jwxcmthny1jsrrw', 4, 18);
INSERT INTO petition_counters VALUES ('5khqr5jq2855r4skdta740c3cr', 8, 2);
INSERT INTO petition_counters VALUES ('40kz6q4tr81jwxcmthny1jsrrw', 8, 22);
INSERT INTO petition_counters VALUES ('40kz6q4tr81jwxcmthny1jsrrw', 0, 22);
INSERT INTO petition_counters VALUES ('5khqr5jq2855r4skdta740c3cr', 1, 3);
INSERT INTO petition_counters VALUES ('q6atf70caksh3q75ty6r9e8vqm', 14, 1);
INSERT INTO petition_counters VALUES ('40kz6q4tr81jwxcmthny1jsrrw', 5, 26);
INSERT INTO petition_counters VALUES ('40kz6q4tr81jwxcmthny1jsrrw', 15, 24);
INSERT INTO petition_counters VALUES ('s1aezejnvx8jf4r15hwwawyjw0', 2, 4);
INSERT INTO petition_counters VALUES ('pbg0stbqekgxs0mwcd429ge1t4', 5, 2);
INSERT INTO petition_counters VALUES ('s1aezejnvx8jf4r15hwwawyjw0', 6, 4);
INSERT INTO petition_counters VALUES ('s1aezejnvx8jf4r15hwwawyjw0', 7, 4);
INSERT INTO petition_counters VALUES ('s1aezejnvx8jf4r15hwwawyjw0', 5, 5);
INSERT INTO petition_counters VALUES ('s1aezejnvx8jf4r15hwwawyjw0', 0, 14);
INSERT INTO petition_counters VALUES ('pbg0stbqekgxs0mwcd429ge1t4', 3, 2);
INSERT INTO petition_counters VALUES ('s1aezejnvx8jf4r15hwwawyjw0', 12, 2);
INSERT INTO petition_counters VALUES ('s1aezejnvx8jf4r15hwwawyjw0', 3, 6);
INSERT INTO petition_counters VALUES ('pbg0stbqekgxs0mwcd429ge1t4', 4, 5);
INSERT INTO petition_counters VALUES ('s1aezejnvx8jf4r15hwwawyjw0', 9, 9);
INSERT INTO petition_counters VALUES ('pbg0stbqekgxs0mwcd429ge1t4', 13, 5);
INSERT INTO petition_counters VALUES ('pbg0stbqekgxs0mwcd429ge1t4', 7, 5);
INSERT INTO petition_counters VALUES ('s1aezejnvx8jf4r15hwwawyjw0', 13, 4);
INSERT INTO petition_counters VALUES ('s1aezejnvx8jf4r15hwwawyjw0', 11, 10);
INSERT INTO petition_counters VALUES ('s1aezejnvx8jf4r15hwwawyjw0', 4, 12);
INSERT INTO petition_counters VALUES ('pbg0stbqekgxs0mwcd429ge1t4', 0, 6);
INSERT INTO petition_counters VALUES ('s1aezejnvx8jf4r15hwwawyjw0', 10, 9);
INSERT INTO petition_counters VALUES ('s1aezejnvx8jf4r15hwwawyjw0', 8, 6);
INSERT INTO petition_counters VALUES ('pbg0stbqekgxs0mwcd429ge1t4', 2, 7);
INSERT INTO petition_counters VALUES ('pbg0stbqekgxs0mwcd429ge1t4', 6, 3);
INSERT INTO petition_counters VALUES ('pbg0stbqekgxs0mwcd429ge1t4', 10, 3);
INSERT INTO petition_counters VALUES ('pbg0stbqekgxs0mwcd429ge1t4', 11, 4);
INSERT INTO petition_counters VALUES ('pbg0stbqekgxs0mwcd429ge1t4', 9, 4);
INSERT INTO petition_counters VALUES ('pbg0stbqekgxs0mwcd429ge1t4', 12, 5);
INSERT INTO petition_counters VALUES ('pbg0stbqekgxs0mwcd429ge1t4', 14, 5);
INSERT INTO petition_counters VALUES ('pbg0stbqekgxs0mwcd429ge1t4', 1, 4);
INSERT INTO petition_counters VALUES ('pbg0stbqekgxs0mwcd429ge1t4', 8, 5);
INSERT INTO petition_counters VALUES ('pbg0stbqekgxs0mwcd429ge1t4', 15, 5);
INSERT INTO petition_counters VALUES ('s1aezejnvx8jf4r15hwwawyjw0', 15, 4);
INSERT INTO petition_counters VALUES ('s1aezejnvx8jf4r15hwwawyjw0', 1, 11);
INSERT INTO petition_counters VALUES ('s1aezejnvx8jf4r15hwwawyjw0', 14, 8);
INSERT INTO petition_counters VALUES ('9ejj45zyjx0dewkac4cf7mdkvg', 11, 2);
INSERT INTO petition_counters VALUES ('9ejj45zyjx0dewkac4cf7mdkvg', 4, 1);
INSERT INTO petition_counters VALUES ('9ejj45zyjx0dewkac4cf7mdkvg', 7, 3);
INSERT INTO petition_counters VALUES ('9ejj45zyjx0dewkac4cf7mdkvg', 15, 3);
INSERT INTO petition_counters VALUES ('9ejj45zyjx0dewkac4cf7mdkvg', 3, 2);
INSERT INTO petition_counters VALUES ('9ejj45zyjx0dewkac4cf7mdkvg', 9, 2);
INSERT INTO petition_counters VALUES ('9ejj45zyjx0dewkac4cf7mdkvg', 8, 2);
INSERT INTO petition_counters VALUES ('9ejj45zyjx0dewkac4cf7mdkvg', 13, 2);
INSERT INTO petition_counters VALUES ('9ejj45zyjx0dewkac4cf7mdkvg', 6, 1);
INSERT INTO petition_counters VALUES ('9ejj45zyjx0dewkac4cf7mdkvg', 12, 2);
INSERT INTO petition_counters VALUES ('1mzr95rwqxvx1kh6xg33whty1w', 11, 2);
INSERT INTO petition_counters VALUES ('1mzr95rwqxvx1kh6xg33whty1w', 14, 8);
INSERT INTO petition_counters VALUES ('1mzr95rwqxvx1kh6xg33whty1w', 1, 6);
INSERT INTO petition_counters VALUES ('1mzr95rwqxvx1kh6xg33whty1w', 2, 6);
INSERT INTO petition_counters VALUES ('1mzr95rwqxvx1kh6xg33whty1w', 5, 6);
INSERT INTO petition_counters VALUES ('1mzr95rwqxvx1kh6xg33whty1w', 6, 4);
INSERT INTO petition_counters VALUES ('1mzr95rwqxvx1kh6xg33whty1w', 12, 3);
INSERT INTO petition_counters VALUES ('1mzr95rwqxvx1kh6xg33whty1w', 10, 9);
INSERT INTO petition_counters VALUES ('1mzr95rwqxvx1kh6xg33whty1w', 13, 6);
INSERT INTO petition_counters VALUES ('1mzr95rwqxvx1kh6xg33whty1w', 9, 3);
INSERT INTO petition_counters VALUES ('1mzr95rwqxvx1kh6xg33whty1w', 4, 4);
INSERT INTO petition_counters VALUES ('1mzr95rwqxvx1kh6xg33whty1w', 15, 10);
INSERT INTO petition_counters VALUES ('1mzr95rwqxvx1kh6xg33whty1w', 0, 6);
INSERT INTO petition_counters VALUES ('1mzr95rwqxvx1kh6xg33whty1w', 7, 7);
INSERT INTO petition_counters VALUES ('1mzr95rwqxvx1kh6xg33whty1w', 3, 8);
INSERT INTO petition_counters VALUES ('1mzr95rwqxvx1kh6xg33whty1w', 8, 9);
INSERT INTO petition_counters VALUES ('bph12rk0kfs8zndwjrzvgdc7sr', 9, 2);
INSERT INTO petition_counters VALUES ('bph12rk0kfs8zndwjrzvgdc7sr', 7, 2);
INSERT INTO petition_counters VALUES ('bph12rk0kfs8zndwjrzvgdc7sr', 15, 3);
INSERT INTO petition_counters VALUES ('bph12rk0kfs8zndwjrzvgdc7sr', 3, 4);
INSERT INTO petition_counters VALUES ('bph12rk0kfs8zndwjrzvgdc7sr', 14, 5);
INSERT INTO petition_counters VALUES ('bph12rk0kfs8zndwjrzvgdc7sr', 11, 3);
INSERT INTO petition_counters VALUES ('bph12rk0kfs8zndwjrzvgdc7sr', 13, 5);
INSERT INTO petition_counters VALUES ('bph12rk0kfs8zndwjrzvgdc7sr', 12, 3);
INSERT INTO petition_counters VALUES ('bph12rk0kfs8zndwjrzvgdc7sr', 8, 6);
INSERT INTO petition_counters VALUES ('bph12rk0kfs8zndwjrzvgdc7sr', 0, 3);
INSERT INTO petition_counters VALUES ('bph12rk0kfs8zndwjrzvgdc7sr', 1, 3);
INSERT INTO petition_counters VALUES ('bph12rk0kfs8zndwjrzvgdc7sr', 4, 6);
INSERT INTO petition_counters VALUES ('bph12rk0kfs8zndwjrzvgdc7sr', 2, 3);
INSERT INTO petition_counters VALUES ('bph12rk0kfs8zndwjrzvgdc7sr', 5, 2);
INSERT INTO petition_counters VALUES ('bph12rk0kfs8zndwjrzvgdc7sr', 10, 1);
INSERT INTO petition_counters VALUES ('bph12rk0kfs8zndwjrzvgdc7sr', 6, 4);
INSERT INTO petition_counters VALUES ('a8cj4n3z3jrtsg8q1c4c0k2f70', 5, 3);
INSERT INTO petition_counters VALUES ('a8cj4n3z3jrtsg8q1c4c0k2f70', 13, 5);
INSERT INTO petition_counters VALUES ('a8cj4n3z3jrtsg8q1c4c0k2f70', 10, 3);
INSERT INTO petition_counters VALUES ('a8cj4n3z3jrtsg8q1c4c0k2f70', 6, 6);
INSERT INTO petition_counters VALUES ('a8cj4n3z3jrtsg8q1c4c0k2f70', 14, 4);
INSERT INTO petition_counters VALUES ('a8cj4n3z3jrtsg8q1c4c0k2f70', 9, 6);
INSERT INTO petition_counters VALUES ('a8cj4n3z3jrtsg8q1c4c0k2f70', 15, 7);
INSERT INTO petition_counters VALUES ('a8cj4n3z3jrtsg8q1c4c0k2f70', 1, 3);
INSERT INTO petition_counters VALUES ('a8cj4n3z3jrtsg8q1c4c0k2f70', 2, 8);
INSERT INTO petition_counters VALUES ('a8cj4n3z3jrtsg8q1c4c0k2f70', 8, 7);
INSERT INTO petition_counters VALUES ('a8cj4n3z3jrtsg8q1c4c0k2f70', 11, 9);
INSERT INTO petition_counters VALUES ('a8cj4n3z3jrtsg8q1c4c0k2f70', 3, 8);
INSERT INTO petition_counters VALUES ('a8cj4n3z3jrtsg8q1c4c0k2f70', 0, 11);
INSERT INTO petition_counters VALUES ('a8cj4n3z3jrtsg8q1c4c0k2f70', 4, 9);
INSERT INTO petition_counters VALUES ('a8cj4n3z3jrtsg8q1c4c0k2f70', 12, 3);
INSERT INTO petition_counters VALUES ('a8cj4n3z3jrtsg8q1c4c0k2f70', 7, 8);
INSERT INTO petition_counters VALUES ('7tjw5mv2v96gs9wawvpyzw28kc', 13, 15);
INSERT INTO petition_counters VALUES ('7tjw5mv2v96gs9wawvpyzw28kc', 7, 15);
INSERT INTO petition_counters VALUES ('7tjw5mv2v96gs9wawvpyzw28kc', 10, 19);
INSERT INTO petition_counters VALUES ('7tjw5mv2v96gs9wawvpyzw28kc', 8, 34);
INSERT INTO petition_counters VALUES ('7tjw5mv2v96gs9wawvpyzw28kc', 15, 11);
INSERT INTO petition_counters VALUES ('7tjw5mv2v96gs9wawvpyzw28kc', 5, 17);
INSERT INTO petition_counters VALUES ('7tjw5mv2v96gs9wawvpyzw28kc', 14, 16);
INSERT INTO petition_counters VALUES ('7tjw5mv2v96gs9wawvpyzw28kc', 12, 18);
INSERT INTO petition_counters VALUES ('7tjw5mv2v96gs9wawvpyzw28kc', 1, 26);
INSERT INTO petition_counters VALUES ('7tjw5mv2v96gs9wawvpyzw28kc', 3, 29);
INSERT INTO petition_counters VALUES ('7tjw5mv2v96gs9wawvpyzw28kc', 4, 28);
INSERT INTO petition_counters VALUES ('7tjw5mv2v96gs9wawvpyzw28kc', 0, 23);
INSERT INTO petition_counters VALUES ('7tjw5mv2v96gs9wawvpyzw28kc', 11, 14);
INSERT INTO petition_counters VALUES ('7tjw5mv2v96gs9wawvpyzw28kc', 9, 28);
INSERT INTO petition_counters VALUES ('7tjw5mv2v96gs9wawvpyzw28kc', 6, 32);
INSERT INTO petition_counters VALUES ('7tjw5mv2v96gs9wawvpyzw28kc', 2, 18);
INSERT INTO petition_counters VALUES ('0hq3c2qk98a01pdzw0zpardde4', 3, 18);
INSERT INTO petition_counters VALUES ('0hq3c2qk98a01pdzw0zpardde4', 13, 19);
INSERT INTO petition_counters VALUES ('0hq3c2qk98a01pdzw0zpardde4', 14, 20);
INSERT INTO petition_counters VALUES ('0hq3c2qk98a01pdzw0zpardde4', 5, 22);
INSERT INTO petition_counters VALUES ('0hq3c2qk98a01pdzw0zpardde4', 6, 22);
INSERT INTO petition_counters VALUES ('0hq3c2qk98a01pdzw0zpardde4', 10, 25);
INSERT INTO petition_counters VALUES ('0hq3c2qk98a01pdzw0zpardde4', 15, 20);
INSERT INTO petition_counters VALUES ('0hq3c2qk98a01pdzw0zpardde4', 8, 20);
INSERT INTO petition_counters VALUES ('0hq3c2qk98a01pdzw0zpardde4', 2, 25);
INSERT INTO petition_counters VALUES ('0hq3c2qk98a01pdzw0zpardde4', 7, 19);
INSERT INTO petition_counters VALUES ('0hq3c2qk98a01pdzw0zpardde4', 0, 24);
INSERT INTO petition_counters VALUES ('0hq3c2qk98a01pdzw0zpardde4', 11, 22);
INSERT INTO petition_counters VALUES ('0hq3c2qk98a01pdzw0zpardde4', 9, 24);
INSERT INTO petition_counters VALUES ('0hq3c2qk98a01pdzw0zpardde4', 4, 26);
INSERT INTO petition_counters VALUES ('0hq3c2qk98a01pdzw0zpardde4', 12, 18);
INSERT INTO petition_counters VALUES ('0hq3c2qk98a01pdzw0zpardde4', 1, 26);
INSERT INTO petition_counters VALUES ('v91n234zz66vajc0mr4ygez0x8', 3, 1);
INSERT INTO petition_counters VALUES ('v91n234zz66vajc0mr4ygez0x8', 12, 8);
INSERT INTO petition_counters VALUES ('v91n234zz66vajc0mr4ygez0x8', 11, 7);
INSERT INTO petition_counters VALUES ('v91n234zz66vajc0mr4ygez0x8', 7, 9);
INSERT INTO petition_counters VALUES ('v91n234zz66vajc0mr4ygez0x8', 15, 10);
INSERT INTO petition_counters VALUES ('v91n234zz66vajc0mr4ygez0x8', 5, 6);
INSERT INTO petition_counters VALUES ('v91n234zz66vajc0mr4ygez0x8', 13, 9);
INSERT INTO petition_counters VALUES ('v91n234zz66vajc0mr4ygez0x8', 9, 7);
INSERT INTO petition_counters VALUES ('v91n234zz66vajc0mr4ygez0x8', 2, 6);
INSERT INTO petition_counters VALUES ('v91n234zz66vajc0mr4ygez0x8', 8, 10);
INSERT INTO petition_counters VALUES ('v91n234zz66vajc0mr4ygez0x8', 14, 9);
INSERT INTO petition_counters VALUES ('v91n234zz66vajc0mr4ygez0x8', 0, 11);
INSERT INTO petition_counters VALUES ('v91n234zz66vajc0mr4ygez0x8', 10, 8);
INSERT INTO petition_counters VALUES ('v91n234zz66vajc0mr4ygez0x8', 1, 9);
INSERT INTO petition_counters VALUES ('v91n234zz66vajc0mr4ygez0x8', 6, 7);
INSERT INTO petition_counters VALUES ('v91n234zz66vajc0mr4ygez0x8', 4, 5);
INSERT INTO petition_counters VALUES ('w43ct9pef861pcftyckxm5bwer', 6, 11);
INSERT INTO petition_counters VALUES ('w43ct9pef861pcftyckxm5bwer', 9, 8);
INSERT INTO petition_counters VALUES ('w43ct9pef861pcftyckxm5bwer', 1, 8);
INSERT INTO petition_counters VALUES ('w43ct9pef861pcftyckxm5bwer', 7, 12);
INSERT INTO petition_counters VALUES ('w43ct9pef861pcftyckxm5bwer', 2, 6);
INSERT INTO petition_counters VALUES ('w43ct9pef861pcftyckxm5bwer', 11, 12);
INSERT INTO petition_counters VALUES ('w43ct9pef861pcftyckxm5bwer', 5, 11);
INSERT INTO petition_counters VALUES ('w43ct9pef861pcftyckxm5bwer', 0, 12);
INSERT INTO petition_counters VALUES ('w43ct9pef861pcftyckxm5bwer', 13, 13);
INSERT INTO petition_counters VALUES ('w43ct9pef861pcftyckxm5bwer', 14, 4);
INSERT INTO petition_counters VALUES ('w43ct9pef861pcftyckxm5bwer', 3, 11);
INSERT INTO petition_counters VALUES ('w43ct9pef861pcftyckxm5bwer', 8, 10);
INSERT INTO petition_counters VALUES ('w43ct9pef861pcftyckxm5bwer', 4, 10);
INSERT INTO petition_counters VALUES ('w43ct9pef861pcftyckxm5bwer', 15, 9);
INSERT INTO petition_counters VALUES ('w43ct9pef861pcftyckxm5bwer', 10, 13);
INSERT INTO petition_counters VALUES ('w43ct9pef861pcftyckxm5bwer', 12, 12);
INSERT INTO petition_counters VALUES ('0pdscr9ysr59p0vfsxe735h6tc', 10, 2);
INSERT INTO petition_counters VALUES ('0pdscr9ysr59p0vfsxe735h6tc', 9, 1);
INSERT INTO petition_counters VALUES ('0pdscr9ysr59p0vfsxe735h6tc', 8, 1);
INSERT INTO petition_counters VALUES ('0pdscr9ysr59p0vfsxe735h6tc', 4, 1);
INSERT INTO petition_counters VALUES ('0pdscr9ysr59p0vfsxe735h6tc', 1, 3);
INSERT INTO petition_counters VALUES ('0pdscr9ysr59p0vfsxe735h6tc', 2, 2);
INSERT INTO petition_counters VALUES ('0pdscr9ysr59p0vfsxe735h6tc', 7, 1);
INSERT INTO petition_counters VALUES ('0pdscr9ysr59p0vfsxe735h6tc', 13, 1);
INSERT INTO petition_counters VALUES ('0pdscr9ysr59p0vfsxe735h6tc', 5, 6);
INSERT INTO petition_counters VALUES ('0pdscr9ysr59p0vfsxe735h6tc', 15, 2);
INSERT INTO petition_counters VALUES ('0pdscr9ysr59p0vfsxe735h6tc', 12, 2);
INSERT INTO petition_counters VALUES ('0pdscr9ysr59p0vfsxe735h6tc', 3, 1);
INSERT INTO petition_counters VALUES ('0pdscr9ysr59p0vfsxe735h6tc', 11, 5);
INSERT INTO petition_counters VALUES ('0pdscr9ysr59p0vfsxe735h6tc', 0, 2);
INSERT INTO petition_counters VALUES ('6459scrm3h58w7rpjfwwpfy9gm', 10, 2);
INSERT INTO petition_counters VALUES ('6459scrm3h58w7rpjfwwpfy9gm', 3, 8);
INSERT INTO petition_counters VALUES ('6459scrm3h58w7rpjfwwpfy9gm', 13, 5);
INSERT INTO petition_counters VALUES ('6459scrm3h58w7rpjfwwpfy9gm', 12, 12);
INSERT INTO petition_counters VALUES ('6459scrm3h58w7rpjfwwpfy9gm', 1, 7);
INSERT INTO petition_counters VALUES ('6459scrm3h58w7rpjfwwpfy9gm', 7, 10);
INSERT INTO petition_counters VALUES ('6459scrm3h58w7rpjfwwpfy9gm', 14, 12);
INSERT INTO petition_counters VALUES ('6459scrm3h58w7rpjfwwpfy9gm', 8, 15);
INSERT INTO petition_counters VALUES ('6459scrm3h58w7rpjfwwpfy9gm', 6, 9);
INSERT INTO petition_counters VALUES ('6459scrm3h58w7rpjfwwpfy9gm', 5, 7);
INSERT INTO petition_counters VALUES ('6459scrm3h58w7rpjfwwpfy9gm', 9, 10);
INSERT INTO petition_counters VALUES ('6459scrm3h58w7rpjfwwpfy9gm', 11, 13);
INSERT INTO petition_counters VALUES ('6459scrm3h58w7rpjfwwpfy9gm', 4, 13);
INSERT INTO petition_counters VALUES ('6459scrm3h58w7rpjfwwpfy9gm', 2, 7);
INSERT INTO petition_counters VALUES ('6459scrm3h58w7rpjfwwpfy9gm', 15, 7);
INSERT INTO petition_counters VALUES ('6459scrm3h58w7rpjfwwpfy9gm', 0, 10);
INSERT INTO petition_counters VALUES ('nqkk0srd96pjvy1wccmhfzf0yr', 14, 2);
INSERT INTO petition_counters VALUES ('nqkk0srd96pjvy1wccmhfzf0yr', 7, 1);
INSERT INTO petition_counters VALUES ('nqkk0srd96pjvy1wccmhfzf0yr', 3, 4);
INSERT INTO petition_counters VALUES ('nqkk0srd96pjvy1wccmhfzf0yr', 1, 2);
INSERT INTO petition_counters VALUES ('nqkk0srd96pjvy1wccmhfzf0yr', 0, 2);
INSERT INTO petition_counters VALUES ('nqkk0srd96pjvy1wccmhfzf0yr', 9, 5);
INSERT INTO petition_counters VALUES ('nqkk0srd96pjvy1wccmhfzf0yr', 8, 2);
INSERT INTO petition_counters VALUES ('nqkk0srd96pjvy1wccmhfzf0yr', 15, 6);
INSERT INTO petition_counters VALUES ('nqkk0srd96pjvy1wccmhfzf0yr', 4, 4);
INSERT INTO petition_counters VALUES ('nqkk0srd96pjvy1wccmhfzf0yr', 6, 4);
INSERT INTO petition_counters VALUES ('nqkk0srd96pjvy1wccmhfzf0yr', 10, 4);
INSERT INTO petition_counters VALUES ('nqkk0srd96pjvy1wccmhfzf0yr', 2, 5);
INSERT INTO petition_counters VALUES ('nqkk0srd96pjvy1wccmhfzf0yr', 12, 6);
INSERT INTO petition_counters VALUES ('nqkk0srd96pjvy1wccmhfzf0yr', 13, 3);
INSERT INTO petition_counters VALUES ('nqkk0srd96pjvy1wccmhfzf0yr', 11, 7);
INSERT INTO petition_counters VALUES ('nqkk0srd96pjvy1wccmhfzf0yr', 5, 3);
INSERT INTO petition_counters VALUES ('h8s54pq1snzqjvkwzcaydcrhz0', 14, 8);
INSERT INTO petition_counters VALUES ('h8s54pq1snzqjvkwzcaydcrhz0', 15, 11);
INSERT INTO petition_counters VALUES ('h8s54pq1snzqjvkwzcaydcrhz0', 0, 8);
INSERT INTO petition_counters VALUES ('tm4ewbt1yvntmtvssb1yj1bteg', 7, 8);
INSERT INTO petition_counters VALUES ('tm4ewbt1yvntmtvssb1yj1bteg', 2, 9);
INSERT INTO petition_counters VALUES ('tm4ewbt1yvntmtvssb1yj1bteg', 14, 8);
INSERT INTO petition_counters VALUES ('tm4ewbt1yvntmtvssb1yj1bteg', 11, 5);
INSERT INTO petition_counters VALUES ('tm4ewbt1yvntmtvssb1yj1bteg', 0, 6);
INSERT INTO petition_counters VALUES ('tm4ewbt1yvntmtvssb1yj1bteg', 1, 12);
INSERT INTO petition_counters VALUES ('tm4ewbt1yvntmtvssb1yj1bteg', 5, 5);
INSERT INTO petition_counters VALUES ('tm4ewbt1yvntmtvssb1yj1bteg', 13, 11);
INSERT INTO petition_counters VALUES ('tm4ewbt1yvntmtvssb1yj1bteg', 12, 6);
INSERT INTO petition_counters VALUES ('tm4ewbt1yvntmtvssb1yj1bteg', 15, 12);
INSERT INTO petition_counters VALUES ('tm4ewbt1yvntmtvssb1yj1bteg', 8, 10);
INSERT INTO petition_counters VALUES ('tm4ewbt1yvntmtvssb1yj1bteg', 10, 11);
INSERT INTO petition_counters VALUES ('tm4ewbt1yvntmtvssb1yj1bteg', 6, 9);
INSERT INTO petition_counters VALUES ('tm4ewbt1yvntmtvssb1yj1bteg', 3, 14);
INSERT INTO petition_counters VALUES ('tm4ewbt1yvntmtvssb1yj1bteg', 4, 13);
INSERT INTO petition_counters VALUES ('tm4ewbt1yvntmtvssb1yj1bteg', 9, 11);


--
-- Data for Name: petition_signatures; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--

INSERT INTO petition_signatures VALUES ('40kz6q4tr81jwxcmthny1jsrrw', 'resident:00701a9dfaf47fe49e4cd6f30c2644c449b37e01ee7ee31fc88974556266b57b', 'zzgcsvw7reckhqh0656azwbebw', 'Людмила Поліщук', 1790496064, '10.137.1.34', 'demo.hromada.ua', 1, 0, NULL, NULL, NULL);
INSERT INTO petition_signatures VALUES ('pbg0stbqekgxs0mwcd429ge1t4', 'resident:0155aed94d44fb6dc73e4e4c53ad23824638de25acaed0d468ce33a6e55f0dfd', '50b387b7xshr09xdsmxxtengar', 'Ірина Іванченко', 1793973492, '10.56.0.32', 'demo.hromada.ua', 1, 0, NULL, NULL, NULL);
INSERT INTO petition_signatures VALUES ('7tjw5mv2v96gs9wawvpyzw28kc', 'resident:00701a9dfaf47fe49e4cd6f30c2644c449b37e01ee7ee31fc88974556266b57b', 'zzgcsvw7reckhqh0656azwbebw', 'Людмила Поліщук', 1796084964, '10.137.1.34', 'demo.hromada.ua', 1, 0, NULL, NULL, NULL);
INSERT INTO petition_signatures VALUES ('0hq3c2qk98a01pdzw0zpardde4', 'resident:00701a9dfaf47fe49e4cd6f30c2644c449b37e01ee7ee31fc88974556266b57b', 'zzgcsvw7reckhqh0656azwbebw', 'Людмила Поліщук', 1795775588, '10.137.1.34', 'demo.hromada.ua', 1, 0, NULL, NULL, NULL);
INSERT INTO petition_signatures VALUES ('v91n234zz66vajc0mr4ygez0x8', 'resident:0155aed94d44fb6dc73e4e4c53ad23824638de25acaed0d468ce33a6e55f0dfd', '50b387b7xshr09xdsmxxtengar', 'Ірина Іванченко', 1795270768, '10.56.0.32', 'demo.hromada.ua', 1, 0, NULL, NULL, NULL);
INSERT INTO petition_signatures VALUES ('0pdscr9ysr59p0vfsxe735h6tc', 'resident:0606a5e170e04648e126c9a7152783d4a6c7fc0364be5a61971474863d8428d6', 'cqx4bycx79en7mmdrfmpmr85rc', 'Олена Гончаренко', 1794001761, '10.24.0.31', 'demo.hromada.ua', 1, 1, NULL, NULL, NULL);
INSERT INTO petition_signatures VALUES ('6459scrm3h58w7rpjfwwpfy9gm', 'resident:014ea887c08ff7dcbf161a8d2ad3d5f451e4be00b52be7cc0df29d2ec5174f69', 'zs1hfsztc608c6x1rg3qcznkn8', 'Тарас Марченко', 1793395831, '10.83.0.28', 'demo.hromada.ua', 1, 0, NULL, NULL, NULL);
INSERT INTO petition_signatures VALUES ('nqkk0srd96pjvy1wccmhfzf0yr', 'resident:0606a5e170e04648e126c9a7152783d4a6c7fc0364be5a61971474863d8428d6', 'cqx4bycx79en7mmdrfmpmr85rc', 'Олена Гончаренко', 1794158387, '10.24.0.31', 'demo.hromada.ua', 1, 1, NULL, NULL, NULL);
INSERT INTO petition_signatures VALUES ('tm4ewbt1yvntmtvssb1yj1bteg', 'resident:014ea887c08ff7dcbf161a8d2ad3d5f451e4be00b52be7cc0df29d2ec5174f69', 'zs1hfsztc608c6x1rg3qcznkn8', 'Тарас Марченко', 1794932319, '10.83.0.28', 'demo.hromada.ua', 1, 0, NULL, NULL, NULL);
INSERT INTO petition_signatures VALUES ('h8s54pq1snzqjvkwzcaydcrhz0', 'resident:0509203c083d84733785e5a4f1187a8d08283169216353b660f4cf498eb47530', 'fhh7jny4bfg3xrp4syv0tfcapc', 'Катерина Савчук', 1788978626, '10.70.0.15', 'demo.hromada.ua', 1, 0, NULL, NULL, NULL);
INSERT INTO petition_signatures VALUES ('kdm65edxga89r17k3f1mjedah8', 'resident:1c59dff9288d353f85fbc4639b851feda36dcd9f1d9e944df005454592632c35', 'p6q29prywt35fdkj1j3533hv24', 'Юрій Гончаренко', 1789211938, '10.3.0.10', 'demo.hromada.ua', 1, 1, NULL, NULL, NULL);
INSERT INTO petition_signatures VALUES ('365fbecz92ac763879wsdy3ywm', 'resident:0509203c083d84733785e5a4f1187a8d08283169216353b660f4cf498eb47530', 'fhh7jny4bfg3xrp4syv0tfcapc', 'Катерина Савчук', 1794412689, '10.70.0.15', 'demo.hromada.ua', 1, 0, NULL, NULL, NULL);
INSERT INTO petition_signatures VALUES ('w30ca89jgpfk3s8pwmfcm20jgw', 'resident:0509203c083d84733785e5a4f1187a8d08283169216353b660f4cf498eb47530', 'fhh7jny4bfg3xrp4syv0tfcapc', 'Катерина Савчук', 1795236475, '10.70.0.15', 'demo.hromada.ua', 1, 0, NULL, NULL, NULL);
INSERT INTO petition_signatures VALUES ('5khqr5jq2855r4skdta740c3cr', 'resident:0d0e1feeaede1dacd0c210c1dd92fcf23025b3cc884b88cd7477612a6b64616e', '65gjm5k4k8kwspnmbn439nnvem', 'Ірина Поліщук', 1796002899, '10.23.0.30', 'demo.hromada.ua', 1, 0, NULL, NULL, NULL);
INSERT INTO petition_signatures VALUES ('q6atf70caksh3q75ty6r9e8vqm', 'resident:70add502964a30f84e8e77e4ef0265af5e4a7a6759b2a1a9e81339b768062e6d', 'yrwyh3v5k960sw2cajb0aq8zvr', 'Василь Бондаренко', 1796154796, '10.0.0.7', 'demo.hromada.ua', 1, 1, NULL, NULL, NULL);
INSERT INTO petition_signatures VALUES ('s1aezejnvx8jf4r15hwwawyjw0', 'resident:0370f7a438c8e49fde4ea83ee189f065e4f2f95acd013a231df6c5e7bc42b837', '48kv1vvsfgjnnpxed16ypmzx58', 'Галина Павлюк', 1790752504, '10.110.0.24', 'demo.hromada.ua', 1, 0, NULL, NULL, NULL);
INSERT INTO petition_signatures VALUES ('9ejj45zyjx0dewkac4cf7mdkvg', 'resident:0ce18a29bd49089a1150411cc170e03f1946bfdbd7e2a67687dab3ecad8f0d2e', '34c14zwy2sr5xy9krrm7cy474w', 'Марія Савчук', 1793655369, '10.15.0.22', 'demo.hromada.ua', 1, 1, NULL, NULL, NULL);
INSERT INTO petition_signatures VALUES ('1mzr95rwqxvx1kh6xg33whty1w', 'resident:06aec9a1e3c5ef2dcd7f0ee7e6ddeb006a12fddbc878fef3abe0dcdeaaf9932c', 'mwc89am4f2jxam2228t5s5ydfw', 'Юрій Лисенко', 1792495140, '10.41.0.17', 'demo.hromada.ua', 1, 0, NULL, NULL, NULL);
INSERT INTO petition_signatures VALUES ('bph12rk0kfs8zndwjrzvgdc7sr', 'resident:06aec9a1e3c5ef2dcd7f0ee7e6ddeb006a12fddbc878fef3abe0dcdeaaf9932c', 'mwc89am4f2jxam2228t5s5ydfw', 'Юрій Лисенко', 1795009998, '10.41.0.17', 'demo.hromada.ua', 1, 0, NULL, NULL, NULL);
INSERT INTO petition_signatures VALUES ('a8cj4n3z3jrtsg8q1c4c0k2f70', 'resident:06aec9a1e3c5ef2dcd7f0ee7e6ddeb006a12fddbc878fef3abe0dcdeaaf9932c', 'mwc89am4f2jxam2228t5s5ydfw', 'Юрій Лисенко', 1794641087, '10.41.0.17', 'demo.hromada.ua', 1, 0, NULL, NULL, NULL);


--
-- Data for Name: petitions; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--

INSERT INTO petitions VALUES ('r1txtxr348bsce9sdb5e7at1cg', 'vinnytsia', 7, 'withdrawn', 'eeqvpv0s1x6pmmntm4vheze80r', 'Благоустрій', '{"authorID":"eeqvpv0s1x6pmmntm4vheze80r","authorName":"Тетяна Павлюк","category":"Благоустрій","createdAt":1795420388.1441536,"handedOnAsAppeal":false,"id":"r1txtxr348bsce9sdb5e7at1cg","moderationDue":1795644000,"municipalityID":"vinnytsia","state":"withdrawn","text":"Просимо облаштувати огороджений майданчик для вигулу собак із тренувальними снарядами та урнами для пакетів на пустирі біля вул. 600-річчя.","timeline":[{"at":1795420388.1441536,"state":"draft"},{"at":1795427588.1441536,"state":"moderation"},{"at":1795506788.1441536,"state":"withdrawn"}],"title":"Собачий майданчик на Вишеньці"}', 1795420388, NULL, 0, NULL, NULL, 'Собачий майданчик на Вишеньці
Просимо облаштувати огороджений майданчик для вигулу собак із тренувальними снарядами та урнами для пакетів на пустирі біля вул. 600-річчя.');
INSERT INTO petitions VALUES ('pbg0stbqekgxs0mwcd429ge1t4', 'vinnytsia', 2, 'closed', 'hw959v59xspe0j1bdaevjr1jqw', 'Соціальний захист', '{"authorID":"hw959v59xspe0j1bdaevjr1jqw","authorName":"Оксана Лисенко","category":"Соціальний захист","createdAt":1787644388.1441536,"deadline":1795506788.1441536,"handedOnAsAppeal":true,"id":"pbg0stbqekgxs0mwcd429ge1t4","moderationDue":1787864400,"municipalityID":"vinnytsia","openedAt":1787730788.1441536,"state":"closed","text":"Просимо запровадити безкоштовний проїзд у міському електротранспорті протягом місяця для людей, які здали кров у Вінницькому обласному центрі служби крові.","threshold":350,"timeline":[{"at":1787644388.1441536,"state":"draft"},{"at":1787651588.1441536,"state":"moderation"},{"at":1787730788.1441536,"state":"open"},{"at":1795506788.1441536,"state":"closed"}],"title":"Безкоштовний проїзд для донорів крові"}', 1787644388, 1795506788, 70, NULL, NULL, 'Безкоштовний проїзд для донорів крові
Просимо запровадити безкоштовний проїзд у міському електротранспорті протягом місяця для людей, які здали кров у Вінницькому обласному центрі служби крові.');
INSERT INTO petitions VALUES ('7tjw5mv2v96gs9wawvpyzw28kc', 'vinnytsia', 3, 'open', 'dm0426kygv6t63vdr7r2mdbtw0', 'Транспорт', '{"authorID":"dm0426kygv6t63vdr7r2mdbtw0","authorName":"Олег Лисенко","category":"Транспорт","createdAt":1789631588.1441536,"deadline":1797493988.1441536,"handedOnAsAppeal":false,"id":"7tjw5mv2v96gs9wawvpyzw28kc","moderationDue":1790024400,"municipalityID":"vinnytsia","openedAt":1789717988.1441536,"state":"open","text":"Просимо виділити окрему велосмугу з бетонним відбійником на вул. Келецькій від проспекту Космонавтів до вул. Пирогова. Щодня тут їздять сотні людей на роботу і до школи, а на проїжджій частині це небезпечно.","threshold":350,"timeline":[{"at":1789631588.1441536,"state":"draft"},{"at":1789638788.1441536,"state":"moderation"},{"at":1789717988.1441536,"state":"open"}],"title":"Облаштувати велодоріжку на вулиці Келецькій"}', 1789631588, 1797493988, 343, NULL, NULL, 'Облаштувати велодоріжку на вулиці Келецькій
Просимо виділити окрему велосмугу з бетонним відбійником на вул. Келецькій від проспекту Космонавтів до вул. Пирогова. Щодня тут їздять сотні людей на роботу і до школи, а на проїжджій частині це небезпечно.');
INSERT INTO petitions VALUES ('40kz6q4tr81jwxcmthny1jsrrw', 'vinnytsia', 1, 'answered', 'xx87gmytzsezckjaq44jzjmtjg', 'Довкілля', '{"answer":{"answeredAt":1790927588.1441536,"decision":"partly_supported","postedBy":"15z892x6g5jy2e58a2ctdxc6ec","signedBy":"Міський голова","text":"Петицію підтримано частково. Земельна ділянка залишається зеленою зоною, містобудівні умови для забудови не видаватимуться; облаштування лавок та освітлення включено до програми благоустрою, але статус скверу потребує рішення сесії міської ради, проєкт якого подано до профільної комісії."},"answerDue":1791406800,"authorID":"xx87gmytzsezckjaq44jzjmtjg","authorName":"Олена Шевчук","category":"Довкілля","createdAt":1785743588.1441536,"deadline":1793605988.1441536,"handedOnAsAppeal":false,"id":"40kz6q4tr81jwxcmthny1jsrrw","moderationDue":1785963600,"municipalityID":"vinnytsia","openedAt":1785829988.1441536,"state":"answered","text":"Просимо не погоджувати будівництво на місці скверу біля будинку № 56 на вул. Пирогова, надати скверу статус зеленої зони загального користування та облаштувати там лавки й освітлення.","threshold":350,"thresholdReachedAt":1790149988.1441536,"timeline":[{"at":1785743588.1441536,"state":"draft"},{"at":1785750788.1441536,"state":"moderation"},{"at":1785829988.1441536,"state":"open"},{"at":1790149988.1441536,"state":"under_consideration"},{"at":1790927588.1441536,"state":"answered"}],"title":"Зберегти сквер на вулиці Пирогова від забудови"}', 1785743588, 1793605988, 362, NULL, NULL, 'Зберегти сквер на вулиці Пирогова від забудови
Просимо не погоджувати будівництво на місці скверу біля будинку № 56 на вул. Пирогова, надати скверу статус зеленої зони загального користування та облаштувати там лавки й освітлення.');
INSERT INTO petitions VALUES ('0hq3c2qk98a01pdzw0zpardde4', 'vinnytsia', 4, 'under_consideration', 'hzatw012x7qt04455fy0vtpm7c', 'Освіта', '{"answerDue":1797026400,"authorID":"hzatw012x7qt04455fy0vtpm7c","authorName":"Сергій Лисенко","category":"Освіта","createdAt":1793692388.1441536,"deadline":1801554788.1441536,"handedOnAsAppeal":false,"id":"0hq3c2qk98a01pdzw0zpardde4","moderationDue":1793916000,"municipalityID":"vinnytsia","openedAt":1793778788.1441536,"state":"under_consideration","text":"Просимо провести обстеження і облаштувати укриття, де їх бракує, у всіх школах Староміського району до 1 вересня, з вентиляцією, водою та туалетами, щоб навчання не переривалося під час тривог.","threshold":350,"thresholdReachedAt":1795852388.1441536,"timeline":[{"at":1793692388.1441536,"state":"draft"},{"at":1793699588.1441536,"state":"moderation"},{"at":1793778788.1441536,"state":"open"},{"at":1795852388.1441536,"state":"under_consideration"}],"title":"Укриття в кожній школі Староміського району"}', 1793692388, 1801554788, 350, NULL, NULL, 'Укриття в кожній школі Староміського району
Просимо провести обстеження і облаштувати укриття, де їх бракує, у всіх школах Староміського району до 1 вересня, з вентиляцією, водою та туалетами, щоб навчання не переривалося під час тривог.');
INSERT INTO petitions VALUES ('v91n234zz66vajc0mr4ygez0x8', 'vinnytsia', 5, 'open', '2aqca9ja0rrwh8j6vf7y1cm4q4', 'Транспорт', '{"authorID":"2aqca9ja0rrwh8j6vf7y1cm4q4","authorName":"Юрій Кравченко","category":"Транспорт","createdAt":1794383588.1441536,"deadline":1802245988.1441536,"handedOnAsAppeal":false,"id":"v91n234zz66vajc0mr4ygez0x8","moderationDue":1794607200,"municipalityID":"vinnytsia","openedAt":1794469988.1441536,"state":"open","text":"Просимо продовжити роботу тролейбусних маршрутів № 4, 6 і 9 до 23:30 у будні. Після 22:00 мешканці Вишеньки та Замостя не мають як дістатися додому з центру після другої зміни.","threshold":350,"timeline":[{"at":1794383588.1441536,"state":"draft"},{"at":1794390788.1441536,"state":"moderation"},{"at":1794469988.1441536,"state":"open"}],"title":"Продовжити роботу тролейбусів до 23:30"}', 1794383588, 1802245988, 122, NULL, NULL, 'Продовжити роботу тролейбусів до 23:30
Просимо продовжити роботу тролейбусних маршрутів № 4, 6 і 9 до 23:30 у будні. Після 22:00 мешканці Вишеньки та Замостя не мають як дістатися додому з центру після другої зміни.');
INSERT INTO petitions VALUES ('x5yv4b4snqardb1n1xaa7z901m', 'vinnytsia', 6, 'rejected', 'c1xbbq5pwksdqnsdqq60akrrrm', 'Містобудування', '{"authorID":"c1xbbq5pwksdqnsdqq60akrrrm","authorName":"Василь Шевченко","category":"Містобудування","createdAt":1795161188.1441536,"handedOnAsAppeal":false,"id":"x5yv4b4snqardb1n1xaa7z901m","moderationDue":1795557600,"municipalityID":"vinnytsia","rejection":{"by":"15z892x6g5jy2e58a2ctdxc6ec","reason":"outside_powers","text":"Розміщення реклами на пам''ятках регулюється законом і не належить до повноважень міської ради. Звернення передано до обласного управління культури."},"state":"rejected","text":"Просимо заборонити розміщення рекламних вивісок на фасадах будівель, що є пам''ятками архітектури місцевого значення, і демонтувати наявні протягом року.","timeline":[{"at":1795161188.1441536,"state":"draft"},{"at":1795168388.1441536,"state":"moderation"},{"at":1795247588.1441536,"state":"rejected"}],"title":"Заборонити рекламу на фасадах пам''яток архітектури"}', 1795161188, NULL, 0, NULL, NULL, 'Заборонити рекламу на фасадах пам''яток архітектури
Просимо заборонити розміщення рекламних вивісок на фасадах будівель, що є пам''ятками архітектури місцевого значення, і демонтувати наявні протягом року.');
INSERT INTO petitions VALUES ('kmej9fjncb5y0pw4szka4xwhjw', 'vinnytsia', 8, 'moderation', 'tj3xvbatgc3g9n56hdev1kjcxw', 'Топоніміка', '{"authorID":"tj3xvbatgc3g9n56hdev1kjcxw","authorName":"Дмитро Іванченко","category":"Топоніміка","createdAt":1795679588.1441536,"handedOnAsAppeal":false,"id":"kmej9fjncb5y0pw4szka4xwhjw","moderationDue":1796076000,"municipalityID":"vinnytsia","state":"moderation","text":"Просимо перейменувати вулицю Малиновського на вулицю Героїв 59-ї бригади на честь захисників, які боронять Україну, і провести громадське обговорення назви.","timeline":[{"at":1795679588.1441536,"state":"draft"},{"at":1795686788.1441536,"state":"moderation"}],"title":"Перейменувати вулицю Малиновського"}', 1795679588, NULL, 0, NULL, NULL, 'Перейменувати вулицю Малиновського
Просимо перейменувати вулицю Малиновського на вулицю Героїв 59-ї бригади на честь захисників, які боронять Україну, і провести громадське обговорення назви.');
INSERT INTO petitions VALUES ('r9phsynte7va66xcre5mccb35r', 'vinnytsia', 9, 'draft', 'xx87gmytzsezckjaq44jzjmtjg', 'Безпека', '{"authorID":"xx87gmytzsezckjaq44jzjmtjg","authorName":"Олена Шевчук","category":"Безпека","createdAt":1796025188.1441536,"handedOnAsAppeal":false,"id":"r9phsynte7va66xcre5mccb35r","municipalityID":"vinnytsia","state":"draft","text":"Просимо встановити контрастне освітлення і кнопковий світлофор на пішохідному переході біля ліцею № 7, де взимку о 7:30 ще темно, а діти переходять дорогу.","timeline":[{"at":1796025188.1441536,"state":"draft"}],"title":"Освітлення пішохідного переходу біля ліцею № 7"}', 1796025188, NULL, 0, NULL, NULL, 'Освітлення пішохідного переходу біля ліцею № 7
Просимо встановити контрастне освітлення і кнопковий світлофор на пішохідному переході біля ліцею № 7, де взимку о 7:30 ще темно, а діти переходять дорогу.');
INSERT INTO petitions VALUES ('pzy98ys61enrvv73sjj1kkr1m4', 'vinnytsia', 10, 'moderation', 'rjhh4f79gnr947cehmn25vezfr', 'Благоустрій', '{"authorID":"rjhh4f79gnr947cehmn25vezfr","authorName":"Василь Іванченко","category":"Благоустрій","createdAt":1796154788.1441536,"handedOnAsAppeal":false,"id":"pzy98ys61enrvv73sjj1kkr1m4","moderationDue":1796335200,"municipalityID":"vinnytsia","state":"moderation","text":"Просимо встановити два модульні громадські туалети з доступом для людей на кріслах колісних у парку Дружби народів, біля дитячого майданчика і біля озера.","timeline":[{"at":1796154788.1441536,"state":"draft"},{"at":1796161988.1441536,"state":"moderation"}],"title":"Громадські туалети в парку Дружби народів"}', 1796154788, NULL, 0, NULL, NULL, 'Громадські туалети в парку Дружби народів
Просимо встановити два модульні громадські туалети з доступом для людей на кріслах колісних у парку Дружби народів, біля дитячого майданчика і біля озера.');
INSERT INTO petitions VALUES ('w43ct9pef861pcftyckxm5bwer', 'zhmerynka', 1, 'answered', 'kkbb42hrdfd0bxnfz8m22z49cw', 'Довкілля', '{"answer":{"answeredAt":1790927593.6404953,"decision":"supported","postedBy":"sdccm0fwtzdr2enexz7xzmx9km","signedBy":"Міський голова","text":"Виконавчий комітет підтримує петицію. Управлінню житлово-комунального господарства доручено підготувати кошторис і включити роботи до плану на наступний рік; про хід виконання буде повідомлено на сайті міської ради."},"answerDue":1791406800,"authorID":"kkbb42hrdfd0bxnfz8m22z49cw","authorName":"Олена Мельничук","category":"Довкілля","createdAt":1785743593.6404953,"deadline":1793605993.6404953,"handedOnAsAppeal":false,"id":"w43ct9pef861pcftyckxm5bwer","moderationDue":1785963600,"municipalityID":"zhmerynka","openedAt":1785829993.6404953,"state":"answered","text":"Просимо встановити контейнери для пластику, скла та паперу біля кожного багатоквартирного будинку і щомісяця оприлюднювати обсяги вивезеного вторсировини.","threshold":150,"thresholdReachedAt":1790149993.6404953,"timeline":[{"at":1785743593.6404953,"state":"draft"},{"at":1785750793.6404953,"state":"moderation"},{"at":1785829993.6404953,"state":"open"},{"at":1790149993.6404953,"state":"under_consideration"},{"at":1790927593.6404953,"state":"answered"}],"title":"Контейнери для роздільного збору сміття"}', 1785743593, 1793605993, 162, NULL, NULL, 'Контейнери для роздільного збору сміття
Просимо встановити контейнери для пластику, скла та паперу біля кожного багатоквартирного будинку і щомісяця оприлюднювати обсяги вивезеного вторсировини.');
INSERT INTO petitions VALUES ('0pdscr9ysr59p0vfsxe735h6tc', 'zhmerynka', 2, 'closed', 'sd1332hd1r3w5b7eyzyg77f28r', 'Безпека', '{"authorID":"sd1332hd1r3w5b7eyzyg77f28r","authorName":"Олена Гончаренко","category":"Безпека","createdAt":1787644393.6404953,"deadline":1795506793.6404953,"handedOnAsAppeal":true,"id":"0pdscr9ysr59p0vfsxe735h6tc","moderationDue":1787864400,"municipalityID":"zhmerynka","openedAt":1787730793.6404953,"state":"closed","text":"Просимо встановити вуличне освітлення на вулиці Барятинського від школи № 2 до зупинки, де ввечері ходять діти.","threshold":150,"timeline":[{"at":1787644393.6404953,"state":"draft"},{"at":1787651593.6404953,"state":"moderation"},{"at":1787730793.6404953,"state":"open"},{"at":1795506793.6404953,"state":"closed"}],"title":"Ліхтарі на вулиці Барятинського"}', 1787644393, 1795506793, 30, NULL, NULL, 'Ліхтарі на вулиці Барятинського
Просимо встановити вуличне освітлення на вулиці Барятинського від школи № 2 до зупинки, де ввечері ходять діти.');
INSERT INTO petitions VALUES ('6459scrm3h58w7rpjfwwpfy9gm', 'zhmerynka', 3, 'open', 'w56t9p8cmmqkzhtsjt46x7d2qm', 'Транспорт', '{"authorID":"w56t9p8cmmqkzhtsjt46x7d2qm","authorName":"Олег Мельничук","category":"Транспорт","createdAt":1789631593.6404953,"deadline":1797493993.6404953,"handedOnAsAppeal":false,"id":"6459scrm3h58w7rpjfwwpfy9gm","moderationDue":1790024400,"municipalityID":"zhmerynka","openedAt":1789717993.6404953,"state":"open","text":"Просимо відремонтувати підземний перехід під коліями біля залізничного вокзалу: замінити освітлення, облаштувати пандуси і прибрати підтоплення після дощів.","threshold":150,"timeline":[{"at":1789631593.6404953,"state":"draft"},{"at":1789638793.6404953,"state":"moderation"},{"at":1789717993.6404953,"state":"open"}],"title":"Відремонтувати підземний перехід біля вокзалу"}', 1789631593, 1797493993, 147, NULL, NULL, 'Відремонтувати підземний перехід біля вокзалу
Просимо відремонтувати підземний перехід під коліями біля залізничного вокзалу: замінити освітлення, облаштувати пандуси і прибрати підтоплення після дощів.');
INSERT INTO petitions VALUES ('nqkk0srd96pjvy1wccmhfzf0yr', 'zhmerynka', 4, 'open', 'vgx0tp3zd1mkxznh4j3p1nbt7w', 'Транспорт', '{"authorID":"vgx0tp3zd1mkxznh4j3p1nbt7w","authorName":"Юрій Поліщук","category":"Транспорт","createdAt":1792655593.6404953,"deadline":1800517993.6404953,"handedOnAsAppeal":false,"id":"nqkk0srd96pjvy1wccmhfzf0yr","moderationDue":1793052000,"municipalityID":"zhmerynka","openedAt":1792741993.6404953,"state":"open","text":"Просимо запустити рейс міського автобуса о 22:15 і о 6:10 до промислової зони, щоб працівники нічних змін могли дістатися на роботу і додому.","threshold":150,"timeline":[{"at":1792655593.6404953,"state":"draft"},{"at":1792662793.6404953,"state":"moderation"},{"at":1792741993.6404953,"state":"open"}],"title":"Автобус до промзони у нічну зміну"}', 1792655593, 1800517993, 60, NULL, NULL, 'Автобус до промзони у нічну зміну
Просимо запустити рейс міського автобуса о 22:15 і о 6:10 до промислової зони, щоб працівники нічних змін могли дістатися на роботу і додому.');
INSERT INTO petitions VALUES ('tm4ewbt1yvntmtvssb1yj1bteg', 'zhmerynka', 5, 'under_consideration', 'zxqr0x3ygym17jnejqg8g890a4', 'Спорт', '{"answerDue":1797026400,"authorID":"zxqr0x3ygym17jnejqg8g890a4","authorName":"Оксана Савчук","category":"Спорт","createdAt":1793692393.6404953,"deadline":1801554793.6404953,"handedOnAsAppeal":false,"id":"tm4ewbt1yvntmtvssb1yj1bteg","moderationDue":1793916000,"municipalityID":"zhmerynka","openedAt":1793778793.6404953,"state":"under_consideration","text":"Просимо відновити роботу басейну в міському спорткомплексі і запровадити безкоштовні заняття з плавання для учнів молодших класів.","threshold":150,"thresholdReachedAt":1795852393.6404953,"timeline":[{"at":1793692393.6404953,"state":"draft"},{"at":1793699593.6404953,"state":"moderation"},{"at":1793778793.6404953,"state":"open"},{"at":1795852393.6404953,"state":"under_consideration"}],"title":"Басейн у спорткомплексі для дітей"}', 1793692393, 1801554793, 150, NULL, NULL, 'Басейн у спорткомплексі для дітей
Просимо відновити роботу басейну в міському спорткомплексі і запровадити безкоштовні заняття з плавання для учнів молодших класів.');
INSERT INTO petitions VALUES ('mwqtm2spxpsvtj6d3bk8mc0hhw', 'zhmerynka', 6, 'rejected', 'pvbm41zq9p39dmbjgef0akp0pr', 'Інше', '{"authorID":"pvbm41zq9p39dmbjgef0akp0pr","authorName":"Богдан Савчук","category":"Інше","createdAt":1795161193.6404953,"handedOnAsAppeal":false,"id":"mwqtm2spxpsvtj6d3bk8mc0hhw","moderationDue":1795557600,"municipalityID":"zhmerynka","rejection":{"by":"sdccm0fwtzdr2enexz7xzmx9km","reason":"no_clear_request","text":"Петиція не містить суспільно значущої вимоги і стосується витрат, які визначаються бюджетом, а не петицією."},"state":"rejected","text":"Просимо виділити кошти з бюджету на новий службовий автомобіль для міського голови, бо нинішній застарів і часто ламається.","timeline":[{"at":1795161193.6404953,"state":"draft"},{"at":1795168393.6404953,"state":"moderation"},{"at":1795247593.6404953,"state":"rejected"}],"title":"Купити новий автомобіль мерові"}', 1795161193, NULL, 0, NULL, NULL, 'Купити новий автомобіль мерові
Просимо виділити кошти з бюджету на новий службовий автомобіль для міського голови, бо нинішній застарів і часто ламається.');
INSERT INTO petitions VALUES ('8zcrgcpmjrcpztjewzz67crga4', 'zhmerynka', 7, 'withdrawn', '5c5y6xzv7y7aj3e8emh6w6j8xw', 'Благоустрій', '{"authorID":"5c5y6xzv7y7aj3e8emh6w6j8xw","authorName":"Ірина Поліщук","category":"Благоустрій","createdAt":1795420393.6404953,"handedOnAsAppeal":false,"id":"8zcrgcpmjrcpztjewzz67crga4","moderationDue":1795644000,"municipalityID":"zhmerynka","state":"withdrawn","text":"Просимо замінити старі металеві гойдалки на безпечний дитячий майданчик з гумовим покриттям у дворі будинків на вулиці Коцюбинського.","timeline":[{"at":1795420393.6404953,"state":"draft"},{"at":1795427593.6404953,"state":"moderation"},{"at":1795506793.6404953,"state":"withdrawn"}],"title":"Дитячий майданчик на Коцюбинського"}', 1795420393, NULL, 0, NULL, NULL, 'Дитячий майданчик на Коцюбинського
Просимо замінити старі металеві гойдалки на безпечний дитячий майданчик з гумовим покриттям у дворі будинків на вулиці Коцюбинського.');
INSERT INTO petitions VALUES ('0qgz3yddaz1c277kc1bh37v514', 'zhmerynka', 8, 'moderation', '8y3mbzyt9e58jr9sd7rvab2zxm', 'Благоустрій', '{"authorID":"8y3mbzyt9e58jr9sd7rvab2zxm","authorName":"Олена Кравченко","category":"Благоустрій","createdAt":1796111593.6404953,"handedOnAsAppeal":false,"id":"0qgz3yddaz1c277kc1bh37v514","moderationDue":1796335200,"municipalityID":"zhmerynka","state":"moderation","text":"Просимо встановити лавки через кожні сто метрів уздовж алеї на вулиці Богдана Хмельницького, щоб літнім людям було де відпочити.","timeline":[{"at":1796111593.6404953,"state":"draft"},{"at":1796118793.6404953,"state":"moderation"}],"title":"Лавки вздовж алеї на Богдана Хмельницького"}', 1796111593, NULL, 0, NULL, NULL, 'Лавки вздовж алеї на Богдана Хмельницького
Просимо встановити лавки через кожні сто метрів уздовж алеї на вулиці Богдана Хмельницького, щоб літнім людям було де відпочити.');
INSERT INTO petitions VALUES ('h8s54pq1snzqjvkwzcaydcrhz0', 'khmilnyk', 1, 'answered', 'p6q29prywt35fdkj1j3533hv24', 'Цифровізація', '{"answer":{"answeredAt":1790927596.10363,"decision":"not_supported","postedBy":"yrwyh3v5k960sw2cajb0aq8zvr","signedBy":"Міський голова","text":"Петицію не підтримано: на наступний рік кошти на ці цілі в бюджеті громади не передбачені, а пріоритетом залишаються укриття та енергонезалежність закладів. Питання буде розглянуто повторно під час підготовки бюджету на наступний рік."},"answerDue":1791406800,"authorID":"p6q29prywt35fdkj1j3533hv24","authorName":"Юрій Гончаренко","category":"Цифровізація","createdAt":1785743596.10363,"deadline":1793605996.10363,"handedOnAsAppeal":false,"id":"h8s54pq1snzqjvkwzcaydcrhz0","moderationDue":1785963600,"municipalityID":"khmilnyk","openedAt":1785829996.10363,"state":"answered","text":"Просимо встановити безкоштовні точки Wi-Fi на Соборній площі та біля центру надання адміністративних послуг.","threshold":100,"thresholdReachedAt":1790149996.10363,"timeline":[{"at":1785743596.10363,"state":"draft"},{"at":1785750796.10363,"state":"collecting_supporters"},{"at":1785754396.10363,"state":"moderation"},{"at":1785829996.10363,"state":"open"},{"at":1790149996.10363,"state":"under_consideration"},{"at":1790927596.10363,"state":"answered"}],"title":"Безкоштовний Wi-Fi у центрі міста"}', 1785743596, 1793605996, 112, NULL, NULL, 'Безкоштовний Wi-Fi у центрі міста
Просимо встановити безкоштовні точки Wi-Fi на Соборній площі та біля центру надання адміністративних послуг.');
INSERT INTO petitions VALUES ('kdm65edxga89r17k3f1mjedah8', 'khmilnyk', 2, 'closed', 'vb5wtj54hfyfvppxgzjvwet0b0', 'Культура', '{"authorID":"vb5wtj54hfyfvppxgzjvwet0b0","authorName":"Андрій Шевченко","category":"Культура","createdAt":1787644396.10363,"deadline":1795506796.10363,"handedOnAsAppeal":true,"id":"kdm65edxga89r17k3f1mjedah8","moderationDue":1787864400,"municipalityID":"khmilnyk","openedAt":1787730796.10363,"state":"closed","text":"Просимо проводити щорічний фестиваль вишиванок у травні з ярмарком майстрів та концертом місцевих колективів.","threshold":100,"timeline":[{"at":1787644396.10363,"state":"draft"},{"at":1787651596.10363,"state":"collecting_supporters"},{"at":1787655196.10363,"state":"moderation"},{"at":1787730796.10363,"state":"open"},{"at":1795506796.10363,"state":"closed"}],"title":"Фестиваль вишиванок щороку"}', 1787644396, 1795506796, 20, NULL, NULL, 'Фестиваль вишиванок щороку
Просимо проводити щорічний фестиваль вишиванок у травні з ярмарком майстрів та концертом місцевих колективів.');
INSERT INTO petitions VALUES ('365fbecz92ac763879wsdy3ywm', 'khmilnyk', 3, 'open', 'yrwyh3v5k960sw2cajb0aq8zvr', 'Охорона здоров''я', '{"authorID":"yrwyh3v5k960sw2cajb0aq8zvr","authorName":"Василь Бондаренко","category":"Охорона здоров''я","createdAt":1789631596.10363,"deadline":1797493996.10363,"handedOnAsAppeal":false,"id":"365fbecz92ac763879wsdy3ywm","moderationDue":1790024400,"municipalityID":"khmilnyk","openedAt":1789717996.10363,"state":"open","text":"Просимо облаштувати безкоштовний бювет радонової води в курортному парку для мешканців громади з графіком роботи і контролем якості води.","threshold":100,"timeline":[{"at":1789631596.10363,"state":"draft"},{"at":1789638796.10363,"state":"collecting_supporters"},{"at":1789642396.10363,"state":"moderation"},{"at":1789717996.10363,"state":"open"}],"title":"Термальний бювет у парку для мешканців"}', 1789631596, 1797493996, 97, NULL, NULL, 'Термальний бювет у парку для мешканців
Просимо облаштувати безкоштовний бювет радонової води в курортному парку для мешканців громади з графіком роботи і контролем якості води.');
INSERT INTO petitions VALUES ('w30ca89jgpfk3s8pwmfcm20jgw', 'khmilnyk', 4, 'under_consideration', 'c61dx97vm24s77nfzwr9wjv3y4', 'Охорона здоров''я', '{"answerDue":1797026400,"authorID":"c61dx97vm24s77nfzwr9wjv3y4","authorName":"Василь Павлюк","category":"Охорона здоров''я","createdAt":1793692396.10363,"deadline":1801554796.10363,"handedOnAsAppeal":false,"id":"w30ca89jgpfk3s8pwmfcm20jgw","moderationDue":1793916000,"municipalityID":"khmilnyk","openedAt":1793778796.10363,"state":"under_consideration","text":"Просимо облаштувати укриття з автономним живленням для пацієнтів і персоналу міської лікарні, щоб операції не переривалися під час тривог.","threshold":100,"thresholdReachedAt":1795852396.10363,"timeline":[{"at":1793692396.10363,"state":"draft"},{"at":1793699596.10363,"state":"collecting_supporters"},{"at":1793703196.10363,"state":"moderation"},{"at":1793778796.10363,"state":"open"},{"at":1795852396.10363,"state":"under_consideration"}],"title":"Укриття в міській лікарні"}', 1793692396, 1801554796, 100, NULL, NULL, 'Укриття в міській лікарні
Просимо облаштувати укриття з автономним живленням для пацієнтів і персоналу міської лікарні, щоб операції не переривалися під час тривог.');
INSERT INTO petitions VALUES ('bfjh6td6e3r19bzyt5d1g9s9e8', 'khmilnyk', 5, 'rejected', 'apt1vkp0kzpw47wk4p9663r6gg', 'Транспорт', '{"authorID":"apt1vkp0kzpw47wk4p9663r6gg","authorName":"Людмила Олійник","category":"Транспорт","createdAt":1795161196.10363,"handedOnAsAppeal":false,"id":"bfjh6td6e3r19bzyt5d1g9s9e8","moderationDue":1795557600,"municipalityID":"khmilnyk","rejection":{"by":"yrwyh3v5k960sw2cajb0aq8zvr","reason":"duplicate","text":"Така сама вимога вже є в петиції про пішохідний міст через Південний Буг, яка збирає підписи. Долучайтеся до неї."},"state":"rejected","text":"Просимо терміново відремонтувати пішохідний міст через Південний Буг, бо він в аварійному стані і людям небезпечно ним ходити.","timeline":[{"at":1795161196.10363,"state":"draft"},{"at":1795168396.10363,"state":"collecting_supporters"},{"at":1795171996.10363,"state":"moderation"},{"at":1795247596.10363,"state":"rejected"}],"title":"Те саме про міст: відремонтувати міст через Буг"}', 1795161196, NULL, 0, NULL, NULL, 'Те саме про міст: відремонтувати міст через Буг
Просимо терміново відремонтувати пішохідний міст через Південний Буг, бо він в аварійному стані і людям небезпечно ним ходити.');
INSERT INTO petitions VALUES ('5khqr5jq2855r4skdta740c3cr', 'khmilnyk', 6, 'open', 'bs8zx0b531a6c8s5c6vzvwp6nr', 'Транспорт', '{"authorID":"bs8zx0b531a6c8s5c6vzvwp6nr","authorName":"Михайло Іванченко","category":"Транспорт","createdAt":1795247596.10363,"deadline":1803109996.10363,"handedOnAsAppeal":false,"id":"5khqr5jq2855r4skdta740c3cr","moderationDue":1795557600,"municipalityID":"khmilnyk","openedAt":1795333996.10363,"state":"open","text":"Просимо відремонтувати пішохідний міст через Південний Буг біля замку Калиновського і встановити на ньому освітлення.","threshold":100,"timeline":[{"at":1795247596.10363,"state":"draft"},{"at":1795254796.10363,"state":"collecting_supporters"},{"at":1795258396.10363,"state":"moderation"},{"at":1795333996.10363,"state":"open"}],"title":"Пішохідний міст через Південний Буг"}', 1795247596, 1803109996, 30, NULL, NULL, 'Пішохідний міст через Південний Буг
Просимо відремонтувати пішохідний міст через Південний Буг біля замку Калиновського і встановити на ньому освітлення.');
INSERT INTO petitions VALUES ('pb5yd93wmwy20vn39a7se39gj0', 'khmilnyk', 7, 'withdrawn', '4c7qkfmf96hmrjyak8y6acgd1w', 'Довкілля', '{"authorID":"4c7qkfmf96hmrjyak8y6acgd1w","authorName":"Тетяна Коваленко","category":"Довкілля","createdAt":1795420396.10363,"handedOnAsAppeal":false,"id":"pb5yd93wmwy20vn39a7se39gj0","moderationDue":1795644000,"municipalityID":"khmilnyk","state":"withdrawn","text":"Просимо висадити липову алею вздовж вулиці Шевченка замість аварійних тополь, які зрізали минулого року.","timeline":[{"at":1795420396.10363,"state":"draft"},{"at":1795427596.10363,"state":"collecting_supporters"},{"at":1795431196.10363,"state":"moderation"},{"at":1795506796.10363,"state":"withdrawn"}],"title":"Висадити липову алею на Шевченка"}', 1795420396, NULL, 0, NULL, NULL, 'Висадити липову алею на Шевченка
Просимо висадити липову алею вздовж вулиці Шевченка замість аварійних тополь, які зрізали минулого року.');
INSERT INTO petitions VALUES ('q6atf70caksh3q75ty6r9e8vqm', 'khmilnyk', 8, 'collecting_supporters', 'vh0w32g0539wx4nktwxhssqfk8', 'Транспорт', '{"authorID":"vh0w32g0539wx4nktwxhssqfk8","authorName":"Михайло Кравченко","category":"Транспорт","createdAt":1796111596.10363,"handedOnAsAppeal":false,"id":"q6atf70caksh3q75ty6r9e8vqm","municipalityID":"khmilnyk","state":"collecting_supporters","text":"Просимо встановити зупинку громадського транспорту з навісом і лавкою біля школи № 4, де діти чекають автобус під дощем.","timeline":[{"at":1796111596.10363,"state":"draft"},{"at":1796118796.10363,"state":"collecting_supporters"}],"title":"Зупинка з навісом біля школи № 4"}', 1796111596, NULL, 1, NULL, NULL, 'Зупинка з навісом біля школи № 4
Просимо встановити зупинку громадського транспорту з навісом і лавкою біля школи № 4, де діти чекають автобус під дощем.');
INSERT INTO petitions VALUES ('9y5zf0cfqag1a4g2yadapccv64', 'khmilnyk', 9, 'moderation', '4hfxrjknsznq65zbfvxgnks8em', 'Спорт', '{"authorID":"4hfxrjknsznq65zbfvxgnks8em","authorName":"Андрій Павлюк","category":"Спорт","createdAt":1796180716.10363,"handedOnAsAppeal":false,"id":"9y5zf0cfqag1a4g2yadapccv64","moderationDue":1796421600,"municipalityID":"khmilnyk","state":"moderation","text":"Просимо облаштувати скеледром у залі дитячо-юнацької спортивної школи і відкрити безкоштовну секцію скелелазіння.","timeline":[{"at":1796180716.10363,"state":"draft"},{"at":1796187916.10363,"state":"collecting_supporters"},{"at":1796191516.10363,"state":"moderation"}],"title":"Секція скелелазіння в спортивній школі"}', 1796180716, NULL, 0, NULL, NULL, 'Секція скелелазіння в спортивній школі
Просимо облаштувати скеледром у залі дитячо-юнацької спортивної школи і відкрити безкоштовну секцію скелелазіння.');
INSERT INTO petitions VALUES ('acaxmkkbvp529c5fzxvmc1e074', 'ladyzhyn', 6, 'rejected', 'k1evg506eqvsk7pma7cwskaw84', 'Інше', '{"authorID":"k1evg506eqvsk7pma7cwskaw84","authorName":"Василь Олійник","category":"Інше","createdAt":1795161198.0467792,"handedOnAsAppeal":false,"id":"acaxmkkbvp529c5fzxvmc1e074","moderationDue":1795557600,"municipalityID":"ladyzhyn","rejection":{"by":"e13jx3gjexjzmzaxxaafpvq11c","reason":"advertising","text":"Петиція містить рекламу комерційного закладу, що не допускається правилами розміщення петицій."},"state":"rejected","text":"Прошу розмістити банер мого магазину будматеріалів на головній сторінці сайту міської ради, бо це корисно для мешканців.","timeline":[{"at":1795161198.0467792,"state":"draft"},{"at":1795168398.0467792,"state":"moderation"},{"at":1795247598.0467792,"state":"rejected"}],"title":"Реклама мого магазину на сайті міста"}', 1795161198, NULL, 0, NULL, NULL, 'Реклама мого магазину на сайті міста
Прошу розмістити банер мого магазину будматеріалів на головній сторінці сайту міської ради, бо це корисно для мешканців.');
INSERT INTO petitions VALUES ('s1aezejnvx8jf4r15hwwawyjw0', 'ladyzhyn', 1, 'answered', 'mtayhb8scf3vfkr6pe9wz7xx80', 'Спорт', '{"answer":{"answeredAt":1790927598.0467792,"decision":"supported","postedBy":"e13jx3gjexjzmzaxxaafpvq11c","signedBy":"Міський голова","text":"Виконавчий комітет підтримує петицію. Управлінню житлово-комунального господарства доручено підготувати кошторис і включити роботи до плану на наступний рік; про хід виконання буде повідомлено на сайті міської ради."},"answerDue":1791406800,"authorID":"mtayhb8scf3vfkr6pe9wz7xx80","authorName":"Наталія Поліщук","category":"Спорт","createdAt":1785743598.0467792,"deadline":1793605998.0467792,"handedOnAsAppeal":false,"id":"s1aezejnvx8jf4r15hwwawyjw0","moderationDue":1785963600,"municipalityID":"ladyzhyn","openedAt":1785829998.0467792,"state":"answered","text":"Просимо обладнати залу для настільного тенісу в ліцеї № 1 і відкрити її для всіх бажаючих увечері та у вихідні.","threshold":100,"thresholdReachedAt":1790149998.0467792,"timeline":[{"at":1785743598.0467792,"state":"draft"},{"at":1785750798.0467792,"state":"moderation"},{"at":1785829998.0467792,"state":"open"},{"at":1790149998.0467792,"state":"under_consideration"},{"at":1790927598.0467792,"state":"answered"}],"title":"Зала для настільного тенісу в ліцеї"}', 1785743598, 1793605998, 112, NULL, NULL, 'Зала для настільного тенісу в ліцеї
Просимо обладнати залу для настільного тенісу в ліцеї № 1 і відкрити її для всіх бажаючих увечері та у вихідні.');
INSERT INTO petitions VALUES ('9ejj45zyjx0dewkac4cf7mdkvg', 'ladyzhyn', 2, 'closed', 'n2b3q4e4r0p7jtw1n6cxs3phcm', 'Культура', '{"authorID":"n2b3q4e4r0p7jtw1n6cxs3phcm","authorName":"Світлана Коваленко","category":"Культура","createdAt":1787644398.0467792,"deadline":1795506798.0467792,"handedOnAsAppeal":true,"id":"9ejj45zyjx0dewkac4cf7mdkvg","moderationDue":1787864400,"municipalityID":"ladyzhyn","openedAt":1787730798.0467792,"state":"closed","text":"Просимо провести фестиваль муралів на глухих фасадах багатоповерхівок із залученням місцевих художників і школярів.","threshold":100,"timeline":[{"at":1787644398.0467792,"state":"draft"},{"at":1787651598.0467792,"state":"moderation"},{"at":1787730798.0467792,"state":"open"},{"at":1795506798.0467792,"state":"closed"}],"title":"Муральний фестиваль на фасадах"}', 1787644398, 1795506798, 20, NULL, NULL, 'Муральний фестиваль на фасадах
Просимо провести фестиваль муралів на глухих фасадах багатоповерхівок із залученням місцевих художників і школярів.');
INSERT INTO petitions VALUES ('1mzr95rwqxvx1kh6xg33whty1w', 'ladyzhyn', 3, 'open', 'e13jx3gjexjzmzaxxaafpvq11c', 'Благоустрій', '{"authorID":"e13jx3gjexjzmzaxxaafpvq11c","authorName":"Михайло Марченко","category":"Благоустрій","createdAt":1789631598.0467792,"deadline":1797493998.0467792,"handedOnAsAppeal":false,"id":"1mzr95rwqxvx1kh6xg33whty1w","moderationDue":1790024400,"municipalityID":"ladyzhyn","openedAt":1789717998.0467792,"state":"open","text":"Просимо облаштувати прогулянкову набережну вздовж Південного Бугу від греблі до пляжу з освітленням, лавками та велодоріжкою.","threshold":100,"timeline":[{"at":1789631598.0467792,"state":"draft"},{"at":1789638798.0467792,"state":"moderation"},{"at":1789717998.0467792,"state":"open"}],"title":"Набережна Південного Бугу для прогулянок"}', 1789631598, 1797493998, 97, NULL, NULL, 'Набережна Південного Бугу для прогулянок
Просимо облаштувати прогулянкову набережну вздовж Південного Бугу від греблі до пляжу з освітленням, лавками та велодоріжкою.');
INSERT INTO petitions VALUES ('bph12rk0kfs8zndwjrzvgdc7sr', 'ladyzhyn', 4, 'open', '4wtn718jp9zap98xsc42mzdz70', 'Довкілля', '{"authorID":"4wtn718jp9zap98xsc42mzdz70","authorName":"Олена Павлюк","category":"Довкілля","createdAt":1791359598.0467792,"deadline":1799221998.0467792,"handedOnAsAppeal":false,"id":"bph12rk0kfs8zndwjrzvgdc7sr","moderationDue":1791579600,"municipalityID":"ladyzhyn","openedAt":1791445998.0467792,"state":"open","text":"Просимо встановити станцію моніторингу якості повітря біля Ладижинської ТЕС і публікувати її дані на сайті міста щогодини.","threshold":100,"timeline":[{"at":1791359598.0467792,"state":"draft"},{"at":1791366798.0467792,"state":"moderation"},{"at":1791445998.0467792,"state":"open"}],"title":"Моніторинг викидів ТЕС у відкритому доступі"}', 1791359598, 1799221998, 55, NULL, NULL, 'Моніторинг викидів ТЕС у відкритому доступі
Просимо встановити станцію моніторингу якості повітря біля Ладижинської ТЕС і публікувати її дані на сайті міста щогодини.');
INSERT INTO petitions VALUES ('a8cj4n3z3jrtsg8q1c4c0k2f70', 'ladyzhyn', 5, 'under_consideration', '9tndmadktpd2x7g1wwn1z3pf40', 'Транспорт', '{"answerDue":1797026400,"authorID":"9tndmadktpd2x7g1wwn1z3pf40","authorName":"Сергій Павлюк","category":"Транспорт","createdAt":1793692398.0467792,"deadline":1801554798.0467792,"handedOnAsAppeal":false,"id":"a8cj4n3z3jrtsg8q1c4c0k2f70","moderationDue":1793916000,"municipalityID":"ladyzhyn","openedAt":1793778798.0467792,"state":"under_consideration","text":"Просимо домовитися з перевізником про ранковий рейс до Вінниці о 6:00, щоб люди встигали на роботу та до лікарень.","threshold":100,"thresholdReachedAt":1795852398.0467792,"timeline":[{"at":1793692398.0467792,"state":"draft"},{"at":1793699598.0467792,"state":"moderation"},{"at":1793778798.0467792,"state":"open"},{"at":1795852398.0467792,"state":"under_consideration"}],"title":"Рейс автобуса до Вінниці о 6:00"}', 1793692398, 1801554798, 100, NULL, NULL, 'Рейс автобуса до Вінниці о 6:00
Просимо домовитися з перевізником про ранковий рейс до Вінниці о 6:00, щоб люди встигали на роботу та до лікарень.');
INSERT INTO petitions VALUES ('s6rpst5g74fddr5gdghzfwftar', 'ladyzhyn', 7, 'withdrawn', '59dc7k7w0cs3g1m75zqc7rqar0', 'Довкілля', '{"authorID":"59dc7k7w0cs3g1m75zqc7rqar0","authorName":"Михайло Гончаренко","category":"Довкілля","createdAt":1795420398.0467792,"handedOnAsAppeal":false,"id":"s6rpst5g74fddr5gdghzfwftar","moderationDue":1795644000,"municipalityID":"ladyzhyn","state":"withdrawn","text":"Просимо зупинити вирубку лісосмуги біля міського кладовища та провести громадські слухання щодо її збереження.","timeline":[{"at":1795420398.0467792,"state":"draft"},{"at":1795427598.0467792,"state":"moderation"},{"at":1795506798.0467792,"state":"withdrawn"}],"title":"Зупинити вирубку лісу біля кладовища"}', 1795420398, NULL, 0, NULL, NULL, 'Зупинити вирубку лісу біля кладовища
Просимо зупинити вирубку лісосмуги біля міського кладовища та провести громадські слухання щодо її збереження.');
INSERT INTO petitions VALUES ('0v2spp30tsz838a186a596hyj4', 'ladyzhyn', 8, 'moderation', '1se30kdc6h99q10bf4gb0hctd4', 'Безпека', '{"authorID":"1se30kdc6h99q10bf4gb0hctd4","authorName":"Дмитро Олійник","category":"Безпека","createdAt":1795938798.0467792,"handedOnAsAppeal":false,"id":"0v2spp30tsz838a186a596hyj4","moderationDue":1796162400,"municipalityID":"ladyzhyn","state":"moderation","text":"Просимо облаштувати пункти незламності з генератором, водою та зв''язком у кожному мікрорайоні міста і позначити їх на мапі.","timeline":[{"at":1795938798.0467792,"state":"draft"},{"at":1795945998.0467792,"state":"moderation"}],"title":"Пункт незламності в кожному мікрорайоні"}', 1795938798, NULL, 0, NULL, NULL, 'Пункт незламності в кожному мікрорайоні
Просимо облаштувати пункти незламності з генератором, водою та зв''язком у кожному мікрорайоні міста і позначити їх на мапі.');


--
-- Data for Name: platform_settings; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--

INSERT INTO platform_settings VALUES ('demo_mode', 'true');
INSERT INTO platform_settings VALUES ('demo_seeded_at', '1796197982');


--
-- Data for Name: property_documents; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--



--
-- Data for Name: property_objects; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--

INSERT INTO property_objects VALUES ('veq4w93nyg112ddj9ggwck8cy8', 'vinnytsia', 'premises', '{"address":"вул. Соборна, 64","areaM2":86.4,"balanceHolder":"КП «Вінницька міська нерухомість»","id":"veq4w93nyg112ddj9ggwck8cy8","kind":"premises","latitude":49.2331,"leaseList":"first","longitude":28.4682,"municipalityID":"vinnytsia","title":"Нежитлове приміщення на першому поверсі, вул. Соборна, 64"}', 1792741999);
INSERT INTO property_objects VALUES ('gmyam99m93zj7y7dhw0ntjfm74', 'vinnytsia', 'building', '{"address":"вул. Келецька, 51а","areaM2":312,"balanceHolder":"КП «Вінницька міська нерухомість»","id":"gmyam99m93zj7y7dhw0ntjfm74","kind":"building","latitude":49.229,"longitude":28.417,"municipalityID":"vinnytsia","title":"Будівля колишньої котельні, вул. Келецька, 51а"}', 1792828399);
INSERT INTO property_objects VALUES ('198nfbbjvrh3j25vwwgxv7tvcc', 'vinnytsia', 'land_plot', '{"address":"Немирівське шосе, 92","areaM2":12000,"balanceHolder":"КП «Вінницька міська нерухомість»","cadastralNumber":"0510100000:02:045:0217","id":"198nfbbjvrh3j25vwwgxv7tvcc","kind":"land_plot","latitude":49.205,"longitude":28.526,"municipalityID":"vinnytsia","title":"Земельна ділянка під склад, Немирівське шосе"}', 1792914799);
INSERT INTO property_objects VALUES ('5d7z5veh6pxky5ebp2t28vjhg8', 'vinnytsia', 'premises', '{"address":"вул. Пирогова, 20","areaM2":44.1,"balanceHolder":"КП «Вінницька міська нерухомість»","id":"5d7z5veh6pxky5ebp2t28vjhg8","kind":"premises","latitude":49.236,"leaseList":"first","longitude":28.459,"municipalityID":"vinnytsia","title":"Приміщення в підвалі, вул. Пирогова, 20"}', 1793001199);
INSERT INTO property_objects VALUES ('57f8qq1f50gptz5b42pxwsg3rw', 'vinnytsia', 'movable', '{"address":"вул. Київська, 4 (автобаза)","areaM2":0.0001,"balanceHolder":"КП «Вінницька міська нерухомість»","id":"57f8qq1f50gptz5b42pxwsg3rw","kind":"movable","latitude":49.24,"longitude":28.48,"municipalityID":"vinnytsia","title":"Автобус Богдан А092, 2012 р."}', 1793087599);
INSERT INTO property_objects VALUES ('d1wdayk3r76wvmr0rsm60qq73r', 'vinnytsia', 'premises', '{"address":"вул. 600-річчя, 17","areaM2":12,"balanceHolder":"КП «Вінницька міська нерухомість»","id":"d1wdayk3r76wvmr0rsm60qq73r","kind":"premises","latitude":49.221,"leaseList":"first","longitude":28.404,"municipalityID":"vinnytsia","title":"Кіоск біля ринку «Урожай»"}', 1796197999);
INSERT INTO property_objects VALUES ('x83y2mev3jzw8ds8fcb2jgxhtm', 'vinnytsia', 'building', '{"address":"вул. Чехова, 12","areaM2":640,"balanceHolder":"Департамент комунального майна Вінницької міської ради","id":"x83y2mev3jzw8ds8fcb2jgxhtm","kind":"building","latitude":49.244,"longitude":28.493,"municipalityID":"vinnytsia","title":"Будівля колишнього дитячого садка, вул. Чехова, 12"}', 1788421999);
INSERT INTO property_objects VALUES ('qd4h9m8q1239zavyjrcyvkq58m', 'vinnytsia', 'premises', '{"address":"вул. Театральна, 15","areaM2":54.3,"balanceHolder":"Департамент комунального майна Вінницької міської ради","id":"qd4h9m8q1239zavyjrcyvkq58m","kind":"premises","latitude":49.2325,"leaseList":"second","longitude":28.465,"municipalityID":"vinnytsia","title":"Приміщення для громадської організації, вул. Театральна, 15"}', 1796197999);
INSERT INTO property_objects VALUES ('sw8vqzpp7pnt7wq47k484jqn80', 'vinnytsia', 'building', '{"address":"вул. Стахурського, 9","areaM2":640,"balanceHolder":"Департамент комунального майна Вінницької міської ради","id":"sw8vqzpp7pnt7wq47k484jqn80","kind":"building","latitude":49.244,"longitude":28.492,"municipalityID":"vinnytsia","title":"Будівля колишнього дитячого садка, вул. Стахурського, 9"}', 1796197999);


--
-- Data for Name: rate_limit_hits; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--



--
-- Data for Name: residency_conflicts; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--



--
-- Data for Name: residency_verifications; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--

INSERT INTO residency_verifications VALUES ('vinnytsia', 'xx87gmytzsezckjaq44jzjmtjg', '211a1fefef7914a677e82f50ca7bfc4c36d935d5031ce5c11e29e02c4a8ec59d', '1988-03-14', 'demo', NULL, 1796197983);
INSERT INTO residency_verifications VALUES ('vinnytsia', 'bpqh7heq7n9r4b9kwnjtqf616g', 'ec1445f118795535cebfc10c208da2121ea4594e9b8b45c7d5d22f4c4dd4e4ea', '1991-07-02', 'demo', NULL, 1796197984);
INSERT INTO residency_verifications VALUES ('vinnytsia', 'dm0426kygv6t63vdr7r2mdbtw0', 'ce03acbdea157a4edeeb72aa765c5f4ce2e239874c83612c1a634c0eb7f977e6', '2002-06-21', 'demo', NULL, 1796197987);
INSERT INTO residency_verifications VALUES ('vinnytsia', '2aqca9ja0rrwh8j6vf7y1cm4q4', '04917528b18d639f494e6b42fe99e20e46e5af655c59cf3fb9b432eb73af7cf6', '1978-02-14', 'demo', NULL, 1796197987);
INSERT INTO residency_verifications VALUES ('vinnytsia', 'hzatw012x7qt04455fy0vtpm7c', '2e85eade24950f3c0b2d4823ccdc1acba99387ed43da63cb7c574a7576996538', '1955-04-16', 'demo', NULL, 1796197987);
INSERT INTO residency_verifications VALUES ('vinnytsia', 'hw959v59xspe0j1bdaevjr1jqw', '22b371f4642f701f024dc48f41747961ca1612f613ab2375a95dfbb4c38dc0b9', '1978-02-16', 'demo', NULL, 1796197987);
INSERT INTO residency_verifications VALUES ('vinnytsia', 'c1xbbq5pwksdqnsdqq60akrrrm', 'e1fa1c755aba9e2d427021342f1a7ff28d75cfbbb0bbf228f770273e1a24b894', '1992-03-25', 'demo', NULL, 1796197987);
INSERT INTO residency_verifications VALUES ('vinnytsia', 'rjhh4f79gnr947cehmn25vezfr', 'b828c13fc8dd8a6893f19cc41ec123bc25c6413d660c619b519d6f0e041b5fcf', '1993-01-26', 'demo', NULL, 1796197987);
INSERT INTO residency_verifications VALUES ('vinnytsia', 'tj3xvbatgc3g9n56hdev1kjcxw', '074307c87e3119f700f7e819ba91859c433dedf95b976f95875ead564455f0e3', '1967-09-19', 'demo', NULL, 1796197987);
INSERT INTO residency_verifications VALUES ('vinnytsia', 'eeqvpv0s1x6pmmntm4vheze80r', 'cdbaca1669636e4612f327499ec9a2a77825ff1f5284a1d17865808aef4cee69', '1956-03-15', 'demo', NULL, 1796197987);
INSERT INTO residency_verifications VALUES ('vinnytsia', '50b387b7xshr09xdsmxxtengar', '0155aed94d44fb6dc73e4e4c53ad23824638de25acaed0d468ce33a6e55f0dfd', '1990-07-06', 'demo', NULL, 1796197987);
INSERT INTO residency_verifications VALUES ('vinnytsia', '02dxjh5entmcse9kfkqsee19mg', '30983f718cfd086af221cd12ffb940ae71ea642075403dd42a92152c5516fcbb', '1979-01-23', 'demo', NULL, 1796197987);
INSERT INTO residency_verifications VALUES ('vinnytsia', '0602ct275ds1nfaj5kgga8vs4r', 'd42c59ee0f527f6b65ba25915fffc63fd3faa95c22d4a5b95e8ed189aae8f554', '1977-07-06', 'demo', NULL, 1796197987);
INSERT INTO residency_verifications VALUES ('vinnytsia', 'zzgcsvw7reckhqh0656azwbebw', '00701a9dfaf47fe49e4cd6f30c2644c449b37e01ee7ee31fc88974556266b57b', '1979-04-01', 'demo', NULL, 1796197987);
INSERT INTO residency_verifications VALUES ('vinnytsia', '08nsggg3zr888kp2r1vy5dne5m', 'b7e9a97f5e001bbea6e31bbec2e048d9696eaef4d2911d1293b4b5324b195fe8', '1959-09-27', 'demo', NULL, 1796197987);
INSERT INTO residency_verifications VALUES ('vinnytsia', '05vmcm7pn9t8pcsgfbtnvs9ajr', '8ea129fd03053f84a2638dbc110351d14b561e0c342dffe867e8020f1375de0e', '1985-01-10', 'demo', NULL, 1796197987);
INSERT INTO residency_verifications VALUES ('zhmerynka', 'w56t9p8cmmqkzhtsjt46x7d2qm', 'f1ff42f9d34e13c5e17db00d09b60a51cb199cdd0beeb8b5d6a14e0e5fbc55f9', '2004-05-11', 'demo', NULL, 1796197993);
INSERT INTO residency_verifications VALUES ('zhmerynka', 'vgx0tp3zd1mkxznh4j3p1nbt7w', '325ca1a9c71371e112fb74c85b420a9dd91477513149e8d950f57c4caafc5f03', '1953-01-19', 'demo', NULL, 1796197993);
INSERT INTO residency_verifications VALUES ('zhmerynka', 'zxqr0x3ygym17jnejqg8g890a4', 'e7d1ca0a5d108ff8e9ac35972215227b6a1758c9346db53da70e55f7ac9b4514', '1959-07-01', 'demo', NULL, 1796197993);
INSERT INTO residency_verifications VALUES ('zhmerynka', 'kkbb42hrdfd0bxnfz8m22z49cw', '5cfbdb7752cb110843f0a52ffd4a9b13b7aefe68d8c1f2a5713f8fb8ffc16675', '1960-03-08', 'demo', NULL, 1796197993);
INSERT INTO residency_verifications VALUES ('zhmerynka', 'sd1332hd1r3w5b7eyzyg77f28r', '5f6bd8728fd42b00c2e1cc0caded9194c0231ac89e8eb49c5095252bfcb128b3', '1952-07-23', 'demo', NULL, 1796197993);
INSERT INTO residency_verifications VALUES ('zhmerynka', 'pvbm41zq9p39dmbjgef0akp0pr', '59bf61d0b5f0a0cacbc8a5473e87e2d02f003b1bf33d086fd532432f01cc40ae', '1958-02-10', 'demo', NULL, 1796197993);
INSERT INTO residency_verifications VALUES ('zhmerynka', '8y3mbzyt9e58jr9sd7rvab2zxm', 'ebd4d90affb8e43615eacc09d09f7852c93d440602e6debcb826897bb953aac2', '1999-05-27', 'demo', NULL, 1796197993);
INSERT INTO residency_verifications VALUES ('zhmerynka', '5c5y6xzv7y7aj3e8emh6w6j8xw', 'fe54bbb07ba27a901a9d493269e54dd64608b07bce2f69f62badc6b4f1752e77', '1988-05-25', 'demo', NULL, 1796197993);
INSERT INTO residency_verifications VALUES ('zhmerynka', 'cqx4bycx79en7mmdrfmpmr85rc', '0606a5e170e04648e126c9a7152783d4a6c7fc0364be5a61971474863d8428d6', '1953-12-06', 'demo', NULL, 1796197993);
INSERT INTO residency_verifications VALUES ('zhmerynka', 'zs1hfsztc608c6x1rg3qcznkn8', '014ea887c08ff7dcbf161a8d2ad3d5f451e4be00b52be7cc0df29d2ec5174f69', '1998-11-06', 'demo', NULL, 1796197993);
INSERT INTO residency_verifications VALUES ('khmilnyk', 'yrwyh3v5k960sw2cajb0aq8zvr', '70add502964a30f84e8e77e4ef0265af5e4a7a6759b2a1a9e81339b768062e6d', '2004-12-06', 'demo', NULL, 1796197995);
INSERT INTO residency_verifications VALUES ('khmilnyk', 'bs8zx0b531a6c8s5c6vzvwp6nr', '289d1fdd1e37e6293e5a5d641f070a07e9419751f07d948a9a981302aac9d637', '1996-12-13', 'demo', NULL, 1796197995);
INSERT INTO residency_verifications VALUES ('khmilnyk', 'c61dx97vm24s77nfzwr9wjv3y4', '55c80690a1d274a5d4205114282035b7b7d91ebe5d2a341ea0fb1b43e74ddc90', '1999-01-16', 'demo', NULL, 1796197995);
INSERT INTO residency_verifications VALUES ('khmilnyk', 'p6q29prywt35fdkj1j3533hv24', '1c59dff9288d353f85fbc4639b851feda36dcd9f1d9e944df005454592632c35', '1993-07-24', 'demo', NULL, 1796197995);
INSERT INTO residency_verifications VALUES ('khmilnyk', 'vb5wtj54hfyfvppxgzjvwet0b0', '31080a2abe8d042d7331f93c433dc912abd4ec387150081266d5cd99839a7f09', '2001-03-17', 'demo', NULL, 1796197995);
INSERT INTO residency_verifications VALUES ('khmilnyk', 'apt1vkp0kzpw47wk4p9663r6gg', 'c39135179f35a7fb7fe12a65536690da948e952785e16b7fc902ed26d1b91555', '1984-05-21', 'demo', NULL, 1796197995);
INSERT INTO residency_verifications VALUES ('khmilnyk', 'vh0w32g0539wx4nktwxhssqfk8', 'f58780c31beb64c11cdbb01abd4b84198dbcd000543c990f525a9d2a69b76379', '1970-08-19', 'demo', NULL, 1796197995);
INSERT INTO residency_verifications VALUES ('khmilnyk', '4hfxrjknsznq65zbfvxgnks8em', '421f5ab98caa5a57054c1b28f83f617b7e75e1135ef2292681483f407d54b180', '1971-03-04', 'demo', NULL, 1796197995);
INSERT INTO residency_verifications VALUES ('khmilnyk', '4c7qkfmf96hmrjyak8y6acgd1w', 'dbdf8d796ed12dbed69d20d844765c95594ab8d34015a3cb973041762da4fefe', '1996-11-11', 'demo', NULL, 1796197995);
INSERT INTO residency_verifications VALUES ('khmilnyk', '65gjm5k4k8kwspnmbn439nnvem', '0d0e1feeaede1dacd0c210c1dd92fcf23025b3cc884b88cd7477612a6b64616e', '1951-02-09', 'demo', NULL, 1796197995);
INSERT INTO residency_verifications VALUES ('khmilnyk', 'fhh7jny4bfg3xrp4syv0tfcapc', '0509203c083d84733785e5a4f1187a8d08283169216353b660f4cf498eb47530', '1988-02-12', 'demo', NULL, 1796197995);
INSERT INTO residency_verifications VALUES ('ladyzhyn', 'e13jx3gjexjzmzaxxaafpvq11c', '2ef27a4cbedf5ade11af1f8a75efdbfea2e6807b1224db9a84af81cf3f014bba', '1960-07-17', 'demo', NULL, 1796197997);
INSERT INTO residency_verifications VALUES ('ladyzhyn', '4wtn718jp9zap98xsc42mzdz70', '96e38d884cebe75349b0a175cbae069622efa366de9e9ccd04ff0c377544d36b', '1970-05-27', 'demo', NULL, 1796197997);
INSERT INTO residency_verifications VALUES ('ladyzhyn', '9tndmadktpd2x7g1wwn1z3pf40', '5357d017be1d8c1de5dabcbdf2c79a6d1088beb77273a4d07cc128fa112db365', '1987-10-25', 'demo', NULL, 1796197997);
INSERT INTO residency_verifications VALUES ('ladyzhyn', 'mtayhb8scf3vfkr6pe9wz7xx80', '82a9c18c5bbaef53abaf814e3c52aaef6c7f6f584a7b572046a6fb0ece41574f', '1957-11-03', 'demo', NULL, 1796197997);
INSERT INTO residency_verifications VALUES ('ladyzhyn', 'n2b3q4e4r0p7jtw1n6cxs3phcm', 'aab69551cddfe7f20d7056b447125168d518e948905a3efb24fed04bbe3e44b6', '1988-05-03', 'demo', NULL, 1796197997);
INSERT INTO residency_verifications VALUES ('ladyzhyn', 'k1evg506eqvsk7pma7cwskaw84', '19478d17154120ea137d067e8b7573860729bc8ff80d29d68474044dd7dee76e', '1951-05-10', 'demo', NULL, 1796197997);
INSERT INTO residency_verifications VALUES ('ladyzhyn', '1se30kdc6h99q10bf4gb0hctd4', '7b20c3519e6576871d81f59fcd80cde7cbdb966de0318ffb62c7de33ce3041bd', '1967-01-08', 'demo', NULL, 1796197997);
INSERT INTO residency_verifications VALUES ('ladyzhyn', '59dc7k7w0cs3g1m75zqc7rqar0', 'ab4169bd55ee1e22d42440a343c819342388c9ba3435b5c1d527d75ed4c9598d', '1961-11-22', 'demo', NULL, 1796197997);
INSERT INTO residency_verifications VALUES ('ladyzhyn', '34c14zwy2sr5xy9krrm7cy474w', '0ce18a29bd49089a1150411cc170e03f1946bfdbd7e2a67687dab3ecad8f0d2e', '1970-03-03', 'demo', NULL, 1796197997);
INSERT INTO residency_verifications VALUES ('ladyzhyn', 'mwc89am4f2jxam2228t5s5ydfw', '06aec9a1e3c5ef2dcd7f0ee7e6ddeb006a12fddbc878fef3abe0dcdeaaf9932c', '1965-06-27', 'demo', NULL, 1796197997);
INSERT INTO residency_verifications VALUES ('ladyzhyn', '48kv1vvsfgjnnpxed16ypmzx58', '0370f7a438c8e49fde4ea83ee189f065e4f2f95acd013a231df6c5e7bc42b837', '1997-10-14', 'demo', NULL, 1796197997);


--
-- Data for Name: role_grants; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--

INSERT INTO role_grants VALUES ('vinnytsia', '15z892x6g5jy2e58a2ctdxc6ec', 'admin', NULL, 1796197983);
INSERT INTO role_grants VALUES ('vinnytsia', '5ghxp7gkc13bf5zss8c5dza1qr', 'moderator', NULL, 1796197983);
INSERT INTO role_grants VALUES ('zhmerynka', 'sdccm0fwtzdr2enexz7xzmx9km', 'admin', NULL, 1796197983);
INSERT INTO role_grants VALUES ('vinnytsia', 'xx87gmytzsezckjaq44jzjmtjg', 'citizen', NULL, 1796197983);
INSERT INTO role_grants VALUES ('vinnytsia', 'bpqh7heq7n9r4b9kwnjtqf616g', 'citizen', NULL, 1796197984);


--
-- Data for Name: scheduler_leases; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--



--
-- Data for Name: schema_migrations; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--

INSERT INTO schema_migrations VALUES ('0001', '0001_foundation', 1796197981);
INSERT INTO schema_migrations VALUES ('0002', '0002_budgets', 1796197982);
INSERT INTO schema_migrations VALUES ('0003', '0003_uploads', 1796197982);
INSERT INTO schema_migrations VALUES ('0004', '0004_budget_coauthors', 1796197982);
INSERT INTO schema_migrations VALUES ('0005', '0005_account_language', 1796197982);
INSERT INTO schema_migrations VALUES ('0006', '0006_petitions', 1796197982);
INSERT INTO schema_migrations VALUES ('0007', '0007_petition_search_alerts', 1796197982);
INSERT INTO schema_migrations VALUES ('0008', '0008_auctions', 1796197982);
INSERT INTO schema_migrations VALUES ('0009', '0009_property_documents', 1796197982);
INSERT INTO schema_migrations VALUES ('0010', '0010_ballot_box', 1796197982);
INSERT INTO schema_migrations VALUES ('0011', '0011_outbox_links', 1796197982);
INSERT INTO schema_migrations VALUES ('0012', '0012_ballot_days', 1796197982);


--
-- Data for Name: sessions; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--



--
-- Data for Name: uploads; Type: TABLE DATA; Schema: hromada_upgrade_fixture; Owner: -
--



--
-- Name: audit_entries_seq_seq; Type: SEQUENCE SET; Schema: hromada_upgrade_fixture; Owner: -
--

SELECT pg_catalog.setval('audit_entries_seq_seq', 50, true);


--
-- Name: accounts accounts_email_key; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY accounts
    ADD CONSTRAINT accounts_email_key UNIQUE (email);


--
-- Name: accounts accounts_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY accounts
    ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);


--
-- Name: auction_moves auction_moves_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY auction_moves
    ADD CONSTRAINT auction_moves_pkey PRIMARY KEY (lot_id, round, "position");


--
-- Name: audit_blocks audit_blocks_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY audit_blocks
    ADD CONSTRAINT audit_blocks_pkey PRIMARY KEY (height);


--
-- Name: audit_entries audit_entries_id_key; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY audit_entries
    ADD CONSTRAINT audit_entries_id_key UNIQUE (id);


--
-- Name: audit_entries audit_entries_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY audit_entries
    ADD CONSTRAINT audit_entries_pkey PRIMARY KEY (seq);


--
-- Name: budget_ballot_box budget_ballot_box_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY budget_ballot_box
    ADD CONSTRAINT budget_ballot_box_pkey PRIMARY KEY (edition_id, id);


--
-- Name: budget_ballots budget_ballots_edition_id_receipt_key; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY budget_ballots
    ADD CONSTRAINT budget_ballots_edition_id_receipt_key UNIQUE (edition_id, receipt);


--
-- Name: budget_ballots budget_ballots_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY budget_ballots
    ADD CONSTRAINT budget_ballots_pkey PRIMARY KEY (id);


--
-- Name: budget_coauthors budget_coauthors_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY budget_coauthors
    ADD CONSTRAINT budget_coauthors_pkey PRIMARY KEY (project_id, account_id);


--
-- Name: budget_delivery_updates budget_delivery_updates_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY budget_delivery_updates
    ADD CONSTRAINT budget_delivery_updates_pkey PRIMARY KEY (id);


--
-- Name: budget_editions budget_editions_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY budget_editions
    ADD CONSTRAINT budget_editions_pkey PRIMARY KEY (id);


--
-- Name: budget_paper_clerk_counts budget_paper_clerk_counts_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY budget_paper_clerk_counts
    ADD CONSTRAINT budget_paper_clerk_counts_pkey PRIMARY KEY (edition_id, clerk_id);


--
-- Name: budget_paper_entries budget_paper_entries_edition_id_identity_hash_key; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY budget_paper_entries
    ADD CONSTRAINT budget_paper_entries_edition_id_identity_hash_key UNIQUE (edition_id, identity_hash);


--
-- Name: budget_paper_entries budget_paper_entries_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY budget_paper_entries
    ADD CONSTRAINT budget_paper_entries_pkey PRIMARY KEY (id);


--
-- Name: budget_participations budget_participations_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY budget_participations
    ADD CONSTRAINT budget_participations_pkey PRIMARY KEY (edition_id, identity_hash);


--
-- Name: budget_projects budget_projects_edition_id_number_key; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY budget_projects
    ADD CONSTRAINT budget_projects_edition_id_number_key UNIQUE (edition_id, number);


--
-- Name: budget_projects budget_projects_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY budget_projects
    ADD CONSTRAINT budget_projects_pkey PRIMARY KEY (id);


--
-- Name: budget_results budget_results_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY budget_results
    ADD CONSTRAINT budget_results_pkey PRIMARY KEY (edition_id, category_id);


--
-- Name: email_tokens email_tokens_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY email_tokens
    ADD CONSTRAINT email_tokens_pkey PRIMARY KEY (token_digest);


--
-- Name: lot_bidders lot_bidders_lot_id_account_id_key; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY lot_bidders
    ADD CONSTRAINT lot_bidders_lot_id_account_id_key UNIQUE (lot_id, account_id);


--
-- Name: lot_bidders lot_bidders_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY lot_bidders
    ADD CONSTRAINT lot_bidders_pkey PRIMARY KEY (lot_id, bidder_id);


--
-- Name: lots lots_municipality_id_number_key; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY lots
    ADD CONSTRAINT lots_municipality_id_number_key UNIQUE (municipality_id, number);


--
-- Name: lots lots_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY lots
    ADD CONSTRAINT lots_pkey PRIMARY KEY (id);


--
-- Name: municipalities municipalities_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY municipalities
    ADD CONSTRAINT municipalities_pkey PRIMARY KEY (id);


--
-- Name: municipalities municipalities_slug_key; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY municipalities
    ADD CONSTRAINT municipalities_slug_key UNIQUE (slug);


--
-- Name: oblasts oblasts_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY oblasts
    ADD CONSTRAINT oblasts_pkey PRIMARY KEY (id);


--
-- Name: oblasts oblasts_slug_key; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY oblasts
    ADD CONSTRAINT oblasts_slug_key UNIQUE (slug);


--
-- Name: oidc_logins oidc_logins_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY oidc_logins
    ADD CONSTRAINT oidc_logins_pkey PRIMARY KEY (state);


--
-- Name: outbox outbox_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY outbox
    ADD CONSTRAINT outbox_pkey PRIMARY KEY (id);


--
-- Name: petition_alerts petition_alerts_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY petition_alerts
    ADD CONSTRAINT petition_alerts_pkey PRIMARY KEY (municipality_id, client_address, hour_start);


--
-- Name: petition_counters petition_counters_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY petition_counters
    ADD CONSTRAINT petition_counters_pkey PRIMARY KEY (petition_id, shard);


--
-- Name: petition_signatures petition_signatures_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY petition_signatures
    ADD CONSTRAINT petition_signatures_pkey PRIMARY KEY (petition_id, identity_key);


--
-- Name: petitions petitions_municipality_id_number_key; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY petitions
    ADD CONSTRAINT petitions_municipality_id_number_key UNIQUE (municipality_id, number);


--
-- Name: petitions petitions_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY petitions
    ADD CONSTRAINT petitions_pkey PRIMARY KEY (id);


--
-- Name: platform_settings platform_settings_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY platform_settings
    ADD CONSTRAINT platform_settings_pkey PRIMARY KEY (key);


--
-- Name: property_documents property_documents_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY property_documents
    ADD CONSTRAINT property_documents_pkey PRIMARY KEY (id);


--
-- Name: property_objects property_objects_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY property_objects
    ADD CONSTRAINT property_objects_pkey PRIMARY KEY (id);


--
-- Name: rate_limit_hits rate_limit_hits_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY rate_limit_hits
    ADD CONSTRAINT rate_limit_hits_pkey PRIMARY KEY (rule, subject, window_start);


--
-- Name: residency_conflicts residency_conflicts_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY residency_conflicts
    ADD CONSTRAINT residency_conflicts_pkey PRIMARY KEY (id);


--
-- Name: residency_verifications residency_verifications_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY residency_verifications
    ADD CONSTRAINT residency_verifications_pkey PRIMARY KEY (municipality_id, account_id);


--
-- Name: role_grants role_grants_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY role_grants
    ADD CONSTRAINT role_grants_pkey PRIMARY KEY (municipality_id, account_id, role);


--
-- Name: scheduler_leases scheduler_leases_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY scheduler_leases
    ADD CONSTRAINT scheduler_leases_pkey PRIMARY KEY (name);


--
-- Name: schema_migrations schema_migrations_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);


--
-- Name: sessions sessions_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY sessions
    ADD CONSTRAINT sessions_pkey PRIMARY KEY (token_digest);


--
-- Name: uploads uploads_pkey; Type: CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY uploads
    ADD CONSTRAINT uploads_pkey PRIMARY KEY (id);


--
-- Name: audit_entries_by_block; Type: INDEX; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE INDEX audit_entries_by_block ON audit_entries USING btree (block_height);


--
-- Name: audit_entries_by_city; Type: INDEX; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE INDEX audit_entries_by_city ON audit_entries USING btree (municipality_id, seq);


--
-- Name: budget_ballots_unaudited; Type: INDEX; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE INDEX budget_ballots_unaudited ON budget_ballots USING btree (audited, edition_id);


--
-- Name: budget_coauthors_by_account; Type: INDEX; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE INDEX budget_coauthors_by_account ON budget_coauthors USING btree (account_id);


--
-- Name: budget_delivery_by_project; Type: INDEX; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE INDEX budget_delivery_by_project ON budget_delivery_updates USING btree (project_id, posted_at);


--
-- Name: budget_editions_by_city; Type: INDEX; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE INDEX budget_editions_by_city ON budget_editions USING btree (municipality_id, created_at);


--
-- Name: budget_projects_by_status; Type: INDEX; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE INDEX budget_projects_by_status ON budget_projects USING btree (edition_id, status);


--
-- Name: lots_by_object; Type: INDEX; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE INDEX lots_by_object ON lots USING btree (municipality_id, object_id, number);


--
-- Name: lots_by_status; Type: INDEX; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE INDEX lots_by_status ON lots USING btree (municipality_id, status, auction_start);


--
-- Name: outbox_link_digest; Type: INDEX; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE INDEX outbox_link_digest ON outbox USING btree (link_digest);


--
-- Name: outbox_pending; Type: INDEX; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE INDEX outbox_pending ON outbox USING btree (sent_at, next_attempt_at);


--
-- Name: petition_signatures_by_address; Type: INDEX; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE INDEX petition_signatures_by_address ON petition_signatures USING btree (client_address, signed_at);


--
-- Name: petition_signatures_by_confirmation; Type: INDEX; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE INDEX petition_signatures_by_confirmation ON petition_signatures USING btree (confirmation_digest) WHERE (confirmation_digest IS NOT NULL);


--
-- Name: petition_signatures_by_time; Type: INDEX; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE INDEX petition_signatures_by_time ON petition_signatures USING btree (petition_id, signed_at);


--
-- Name: petitions_by_state; Type: INDEX; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE INDEX petitions_by_state ON petitions USING btree (municipality_id, state, created_at);


--
-- Name: petitions_search; Type: INDEX; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE INDEX petitions_search ON petitions USING gin (to_tsvector('simple'::regconfig, search_text));


--
-- Name: property_documents_by_object; Type: INDEX; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE INDEX property_documents_by_object ON property_documents USING btree (municipality_id, object_id, "position");


--
-- Name: property_objects_by_city; Type: INDEX; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE INDEX property_objects_by_city ON property_objects USING btree (municipality_id, kind);


--
-- Name: residency_conflicts_by_city; Type: INDEX; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE INDEX residency_conflicts_by_city ON residency_conflicts USING btree (municipality_id, attempted_at);


--
-- Name: residency_one_person_per_city; Type: INDEX; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE UNIQUE INDEX residency_one_person_per_city ON residency_verifications USING btree (municipality_id, identity_hash);


--
-- Name: role_grants_by_account; Type: INDEX; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE INDEX role_grants_by_account ON role_grants USING btree (account_id);


--
-- Name: sessions_by_account; Type: INDEX; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE INDEX sessions_by_account ON sessions USING btree (account_id);


--
-- Name: uploads_by_owner; Type: INDEX; Schema: hromada_upgrade_fixture; Owner: -
--

CREATE INDEX uploads_by_owner ON uploads USING btree (municipality_id, owner_kind, owner_id, "position");


--
-- Name: auction_moves auction_moves_lot_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY auction_moves
    ADD CONSTRAINT auction_moves_lot_id_fkey FOREIGN KEY (lot_id) REFERENCES lots(id);


--
-- Name: budget_ballot_box budget_ballot_box_edition_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY budget_ballot_box
    ADD CONSTRAINT budget_ballot_box_edition_id_fkey FOREIGN KEY (edition_id) REFERENCES budget_editions(id);


--
-- Name: budget_ballots budget_ballots_edition_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY budget_ballots
    ADD CONSTRAINT budget_ballots_edition_id_fkey FOREIGN KEY (edition_id) REFERENCES budget_editions(id);


--
-- Name: budget_coauthors budget_coauthors_account_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY budget_coauthors
    ADD CONSTRAINT budget_coauthors_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts(id);


--
-- Name: budget_coauthors budget_coauthors_municipality_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY budget_coauthors
    ADD CONSTRAINT budget_coauthors_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id);


--
-- Name: budget_coauthors budget_coauthors_project_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY budget_coauthors
    ADD CONSTRAINT budget_coauthors_project_id_fkey FOREIGN KEY (project_id) REFERENCES budget_projects(id);


--
-- Name: budget_delivery_updates budget_delivery_updates_project_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY budget_delivery_updates
    ADD CONSTRAINT budget_delivery_updates_project_id_fkey FOREIGN KEY (project_id) REFERENCES budget_projects(id);


--
-- Name: budget_editions budget_editions_municipality_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY budget_editions
    ADD CONSTRAINT budget_editions_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id);


--
-- Name: budget_paper_clerk_counts budget_paper_clerk_counts_clerk_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY budget_paper_clerk_counts
    ADD CONSTRAINT budget_paper_clerk_counts_clerk_id_fkey FOREIGN KEY (clerk_id) REFERENCES accounts(id);


--
-- Name: budget_paper_clerk_counts budget_paper_clerk_counts_edition_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY budget_paper_clerk_counts
    ADD CONSTRAINT budget_paper_clerk_counts_edition_id_fkey FOREIGN KEY (edition_id) REFERENCES budget_editions(id);


--
-- Name: budget_paper_entries budget_paper_entries_edition_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY budget_paper_entries
    ADD CONSTRAINT budget_paper_entries_edition_id_fkey FOREIGN KEY (edition_id) REFERENCES budget_editions(id);


--
-- Name: budget_participations budget_participations_edition_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY budget_participations
    ADD CONSTRAINT budget_participations_edition_id_fkey FOREIGN KEY (edition_id) REFERENCES budget_editions(id);


--
-- Name: budget_projects budget_projects_author_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY budget_projects
    ADD CONSTRAINT budget_projects_author_id_fkey FOREIGN KEY (author_id) REFERENCES accounts(id);


--
-- Name: budget_projects budget_projects_edition_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY budget_projects
    ADD CONSTRAINT budget_projects_edition_id_fkey FOREIGN KEY (edition_id) REFERENCES budget_editions(id);


--
-- Name: budget_projects budget_projects_municipality_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY budget_projects
    ADD CONSTRAINT budget_projects_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id);


--
-- Name: budget_results budget_results_edition_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY budget_results
    ADD CONSTRAINT budget_results_edition_id_fkey FOREIGN KEY (edition_id) REFERENCES budget_editions(id);


--
-- Name: email_tokens email_tokens_account_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY email_tokens
    ADD CONSTRAINT email_tokens_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts(id);


--
-- Name: lot_bidders lot_bidders_account_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY lot_bidders
    ADD CONSTRAINT lot_bidders_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts(id);


--
-- Name: lot_bidders lot_bidders_lot_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY lot_bidders
    ADD CONSTRAINT lot_bidders_lot_id_fkey FOREIGN KEY (lot_id) REFERENCES lots(id);


--
-- Name: lots lots_municipality_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY lots
    ADD CONSTRAINT lots_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id);


--
-- Name: lots lots_object_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY lots
    ADD CONSTRAINT lots_object_id_fkey FOREIGN KEY (object_id) REFERENCES property_objects(id);


--
-- Name: municipalities municipalities_oblast_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY municipalities
    ADD CONSTRAINT municipalities_oblast_id_fkey FOREIGN KEY (oblast_id) REFERENCES oblasts(id);


--
-- Name: oidc_logins oidc_logins_account_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY oidc_logins
    ADD CONSTRAINT oidc_logins_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts(id);


--
-- Name: oidc_logins oidc_logins_municipality_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY oidc_logins
    ADD CONSTRAINT oidc_logins_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id);


--
-- Name: petition_alerts petition_alerts_municipality_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY petition_alerts
    ADD CONSTRAINT petition_alerts_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id);


--
-- Name: petition_counters petition_counters_petition_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY petition_counters
    ADD CONSTRAINT petition_counters_petition_id_fkey FOREIGN KEY (petition_id) REFERENCES petitions(id);


--
-- Name: petition_signatures petition_signatures_account_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY petition_signatures
    ADD CONSTRAINT petition_signatures_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts(id);


--
-- Name: petition_signatures petition_signatures_petition_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY petition_signatures
    ADD CONSTRAINT petition_signatures_petition_id_fkey FOREIGN KEY (petition_id) REFERENCES petitions(id);


--
-- Name: petitions petitions_author_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY petitions
    ADD CONSTRAINT petitions_author_id_fkey FOREIGN KEY (author_id) REFERENCES accounts(id);


--
-- Name: petitions petitions_municipality_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY petitions
    ADD CONSTRAINT petitions_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id);


--
-- Name: petitions petitions_taken_by_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY petitions
    ADD CONSTRAINT petitions_taken_by_fkey FOREIGN KEY (taken_by) REFERENCES accounts(id);


--
-- Name: property_documents property_documents_municipality_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY property_documents
    ADD CONSTRAINT property_documents_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id);


--
-- Name: property_documents property_documents_object_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY property_documents
    ADD CONSTRAINT property_documents_object_id_fkey FOREIGN KEY (object_id) REFERENCES property_objects(id);


--
-- Name: property_documents property_documents_uploaded_by_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY property_documents
    ADD CONSTRAINT property_documents_uploaded_by_fkey FOREIGN KEY (uploaded_by) REFERENCES accounts(id);


--
-- Name: property_objects property_objects_municipality_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY property_objects
    ADD CONSTRAINT property_objects_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id);


--
-- Name: residency_conflicts residency_conflicts_account_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY residency_conflicts
    ADD CONSTRAINT residency_conflicts_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts(id);


--
-- Name: residency_conflicts residency_conflicts_existing_account_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY residency_conflicts
    ADD CONSTRAINT residency_conflicts_existing_account_id_fkey FOREIGN KEY (existing_account_id) REFERENCES accounts(id);


--
-- Name: residency_conflicts residency_conflicts_municipality_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY residency_conflicts
    ADD CONSTRAINT residency_conflicts_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id);


--
-- Name: residency_verifications residency_verifications_account_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY residency_verifications
    ADD CONSTRAINT residency_verifications_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts(id);


--
-- Name: residency_verifications residency_verifications_municipality_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY residency_verifications
    ADD CONSTRAINT residency_verifications_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id);


--
-- Name: role_grants role_grants_account_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY role_grants
    ADD CONSTRAINT role_grants_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts(id);


--
-- Name: role_grants role_grants_municipality_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY role_grants
    ADD CONSTRAINT role_grants_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id);


--
-- Name: sessions sessions_account_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY sessions
    ADD CONSTRAINT sessions_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts(id);


--
-- Name: uploads uploads_municipality_id_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY uploads
    ADD CONSTRAINT uploads_municipality_id_fkey FOREIGN KEY (municipality_id) REFERENCES municipalities(id);


--
-- Name: uploads uploads_uploaded_by_fkey; Type: FK CONSTRAINT; Schema: hromada_upgrade_fixture; Owner: -
--

ALTER TABLE ONLY uploads
    ADD CONSTRAINT uploads_uploaded_by_fkey FOREIGN KEY (uploaded_by) REFERENCES accounts(id);


--
-- PostgreSQL database dump complete
--


