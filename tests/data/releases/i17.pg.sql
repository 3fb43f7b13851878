--
-- PostgreSQL database dump
--


-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: loan_kiosk_audit_append_only(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.loan_kiosk_audit_append_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;


--
-- Name: loan_kiosk_audit_head_forward(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.loan_kiosk_audit_head_forward() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
DECLARE
    tbl text := quote_ident(TG_TABLE_SCHEMA) || '.audit_events';
    found boolean;
    later boolean;
BEGIN
    IF TG_OP <> 'UPDATE' THEN
        RAISE EXCEPTION 'the audit head cannot be %d', lower(TG_OP)
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.id <> OLD.id OR NEW.seq < OLD.seq OR (NEW.seq = OLD.seq AND NEW.hash <> OLD.hash) THEN
        RAISE EXCEPTION 'the audit head moves only forward'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.seq = OLD.seq THEN
        RETURN NEW;
    END IF;
    EXECUTE 'SELECT EXISTS (SELECT 1 FROM ' || tbl || ' WHERE seq = $1 AND hash = $2)'
        INTO found USING NEW.seq, NEW.hash;
    EXECUTE 'SELECT EXISTS (SELECT 1 FROM ' || tbl || ' WHERE seq > $1)'
        INTO later USING NEW.seq;
    IF NOT found OR later THEN
        RAISE EXCEPTION 'the audit head must name the newest audit event'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $_$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: alembic_version; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.alembic_version (
    version_num character varying(32) NOT NULL
);


--
-- Name: assets; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.assets (
    id integer NOT NULL,
    tag character varying(64) NOT NULL,
    tag_key character varying(64) NOT NULL,
    kind character varying(16) NOT NULL,
    make character varying(200),
    model character varying(200),
    serial character varying(200),
    imei character varying(32),
    phone_number character varying(32),
    accessories character varying(500),
    status character varying(16) NOT NULL,
    notes text,
    snipeit_id integer,
    retired_reason text,
    encryption_method character varying(16),
    location character varying(200),
    purchase_date date,
    purchase_cost_pence integer
);


--
-- Name: assets_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.assets_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: assets_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.assets_id_seq OWNED BY public.assets.id;


--
-- Name: audit_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_events (
    id integer NOT NULL,
    seq integer NOT NULL,
    at timestamp with time zone NOT NULL,
    actor character varying(128) NOT NULL,
    action character varying(64) NOT NULL,
    entity character varying(64),
    entity_id character varying(64),
    details text NOT NULL,
    prev_hash character varying(64) NOT NULL,
    hash character varying(64) NOT NULL
);


--
-- Name: audit_events_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.audit_events_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: audit_events_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.audit_events_id_seq OWNED BY public.audit_events.id;


--
-- Name: audit_head; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_head (
    id integer NOT NULL,
    seq integer NOT NULL,
    hash character varying(64) NOT NULL
);


--
-- Name: audit_head_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.audit_head_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: audit_head_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.audit_head_id_seq OWNED BY public.audit_head.id;


--
-- Name: encryption_checks; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.encryption_checks (
    id integer NOT NULL,
    asset_id integer NOT NULL,
    encrypted boolean NOT NULL,
    method character varying(16),
    verified_at timestamp with time zone NOT NULL,
    verified_by character varying(128) NOT NULL,
    note text
);


--
-- Name: encryption_checks_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.encryption_checks_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: encryption_checks_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.encryption_checks_id_seq OWNED BY public.encryption_checks.id;


--
-- Name: incidents; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.incidents (
    id integer NOT NULL,
    asset_id integer,
    person_id integer,
    loan_id integer,
    kind character varying(16) NOT NULL,
    reported_at timestamp with time zone NOT NULL,
    reported_by character varying(128) NOT NULL,
    description text,
    status character varying(16) NOT NULL,
    outcome character varying(16),
    cost_pence integer,
    closed_at timestamp with time zone,
    closed_by character varying(128),
    resolution text
);


--
-- Name: incidents_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.incidents_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: incidents_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.incidents_id_seq OWNED BY public.incidents.id;


--
-- Name: loans; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.loans (
    id integer NOT NULL,
    asset_id integer NOT NULL,
    person_id integer NOT NULL,
    out_at timestamp with time zone NOT NULL,
    out_by character varying(128) NOT NULL,
    due_on date NOT NULL,
    purpose character varying(500),
    trip_id integer,
    condition_out character varying(16) NOT NULL,
    personal_data boolean NOT NULL,
    override_reason text,
    override_by character varying(128),
    in_at timestamp with time zone,
    in_by character varying(128),
    condition_in character varying(16),
    outcome character varying(16),
    note_in text,
    signature_out_id integer,
    signature_in_id integer,
    receipt_id integer,
    data_in character varying(16),
    data_note text
);


--
-- Name: loans_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.loans_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: loans_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.loans_id_seq OWNED BY public.loans.id;


--
-- Name: notice_leases; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.notice_leases (
    id integer NOT NULL,
    name character varying(64) NOT NULL,
    holder character varying(200),
    until timestamp with time zone,
    done_on date
);


--
-- Name: notice_leases_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.notice_leases_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: notice_leases_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.notice_leases_id_seq OWNED BY public.notice_leases.id;


--
-- Name: outbox; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.outbox (
    id integer NOT NULL,
    key character varying(200) NOT NULL,
    kind character varying(16) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    created_by character varying(128) NOT NULL,
    person_id integer,
    to_addrs text NOT NULL,
    cc_addrs text,
    subject character varying(500) NOT NULL,
    body_text text NOT NULL,
    body_html text NOT NULL,
    receipt_number character varying(32),
    state character varying(16) NOT NULL,
    attempts integer NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    claimed_by character varying(200),
    claimed_at timestamp with time zone,
    sent_at timestamp with time zone,
    last_error text,
    message_id character varying(300)
);


--
-- Name: outbox_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.outbox_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: outbox_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.outbox_id_seq OWNED BY public.outbox.id;


--
-- Name: outbox_marks; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.outbox_marks (
    id integer NOT NULL,
    key character varying(200) NOT NULL,
    message_id integer NOT NULL
);


--
-- Name: outbox_marks_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.outbox_marks_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: outbox_marks_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.outbox_marks_id_seq OWNED BY public.outbox_marks.id;


--
-- Name: people; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.people (
    id integer NOT NULL,
    staff_code character varying(64) NOT NULL,
    staff_key character varying(64) NOT NULL,
    first_name character varying(200) NOT NULL,
    last_name character varying(200) NOT NULL,
    email character varying(320),
    department character varying(200),
    badge_code character varying(128),
    badge_key character varying(128),
    status character varying(16) NOT NULL,
    leaving_date date,
    search_name character varying(401) NOT NULL
);


--
-- Name: people_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.people_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: people_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.people_id_seq OWNED BY public.people.id;


--
-- Name: print_jobs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.print_jobs (
    id integer NOT NULL,
    document character varying(500) NOT NULL,
    title character varying(200) NOT NULL,
    receipt_id integer,
    printer character varying(200),
    copies integer NOT NULL,
    state character varying(16) NOT NULL,
    attempts integer NOT NULL,
    last_error text,
    system_job_id character varying(100),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: print_jobs_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.print_jobs_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: print_jobs_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.print_jobs_id_seq OWNED BY public.print_jobs.id;


--
-- Name: receipts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.receipts (
    id integer NOT NULL,
    number character varying(32) NOT NULL,
    kind character varying(16) NOT NULL,
    person_id integer,
    trip_id integer,
    created_at timestamp with time zone NOT NULL,
    created_by character varying(128) NOT NULL,
    signature_id integer,
    content json NOT NULL,
    content_sha256 character varying(64) NOT NULL,
    file character varying(500),
    file_sha256 character varying(64)
);


--
-- Name: receipts_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.receipts_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: receipts_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.receipts_id_seq OWNED BY public.receipts.id;


--
-- Name: reversals; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.reversals (
    id integer NOT NULL,
    at timestamp with time zone NOT NULL,
    by character varying(128) NOT NULL,
    action character varying(16) NOT NULL,
    event_seq integer NOT NULL,
    asset_id integer,
    loan_id integer,
    receipt_id integer,
    person_id integer,
    reason text,
    undone json NOT NULL
);


--
-- Name: reversals_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.reversals_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: reversals_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.reversals_id_seq OWNED BY public.reversals.id;


--
-- Name: signatures; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.signatures (
    id integer NOT NULL,
    person_id integer,
    captured_at timestamp with time zone NOT NULL,
    strokes json,
    "window" json,
    device character varying(300),
    incomplete boolean NOT NULL,
    purged_at timestamp with time zone
);


--
-- Name: signatures_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.signatures_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: signatures_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.signatures_id_seq OWNED BY public.signatures.id;


--
-- Name: technicians; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.technicians (
    id integer NOT NULL,
    username character varying(64) NOT NULL,
    display_name character varying(200) NOT NULL,
    pin_hash character varying(300) NOT NULL,
    role character varying(16) NOT NULL,
    badge_code character varying(128),
    active boolean NOT NULL,
    failed_attempts integer NOT NULL,
    locked_until timestamp with time zone,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: technicians_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.technicians_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: technicians_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.technicians_id_seq OWNED BY public.technicians.id;


--
-- Name: trips; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.trips (
    id integer NOT NULL,
    name character varying(200) NOT NULL,
    destination character varying(200),
    start_date date NOT NULL,
    end_date date NOT NULL,
    leader_id integer NOT NULL,
    signature_id integer
);


--
-- Name: trips_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.trips_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: trips_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.trips_id_seq OWNED BY public.trips.id;


--
-- Name: assets id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assets ALTER COLUMN id SET DEFAULT nextval('public.assets_id_seq'::regclass);


--
-- Name: audit_events id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_events ALTER COLUMN id SET DEFAULT nextval('public.audit_events_id_seq'::regclass);


--
-- Name: audit_head id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_head ALTER COLUMN id SET DEFAULT nextval('public.audit_head_id_seq'::regclass);


--
-- Name: encryption_checks id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.encryption_checks ALTER COLUMN id SET DEFAULT nextval('public.encryption_checks_id_seq'::regclass);


--
-- Name: incidents id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.incidents ALTER COLUMN id SET DEFAULT nextval('public.incidents_id_seq'::regclass);


--
-- Name: loans id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.loans ALTER COLUMN id SET DEFAULT nextval('public.loans_id_seq'::regclass);


--
-- Name: notice_leases id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notice_leases ALTER COLUMN id SET DEFAULT nextval('public.notice_leases_id_seq'::regclass);


--
-- Name: outbox id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox ALTER COLUMN id SET DEFAULT nextval('public.outbox_id_seq'::regclass);


--
-- Name: outbox_marks id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox_marks ALTER COLUMN id SET DEFAULT nextval('public.outbox_marks_id_seq'::regclass);


--
-- Name: people id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.people ALTER COLUMN id SET DEFAULT nextval('public.people_id_seq'::regclass);


--
-- Name: print_jobs id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.print_jobs ALTER COLUMN id SET DEFAULT nextval('public.print_jobs_id_seq'::regclass);


--
-- Name: receipts id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.receipts ALTER COLUMN id SET DEFAULT nextval('public.receipts_id_seq'::regclass);


--
-- Name: reversals id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reversals ALTER COLUMN id SET DEFAULT nextval('public.reversals_id_seq'::regclass);


--
-- Name: signatures id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.signatures ALTER COLUMN id SET DEFAULT nextval('public.signatures_id_seq'::regclass);


--
-- Name: technicians id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.technicians ALTER COLUMN id SET DEFAULT nextval('public.technicians_id_seq'::regclass);


--
-- Name: trips id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.trips ALTER COLUMN id SET DEFAULT nextval('public.trips_id_seq'::regclass);


--
-- Data for Name: alembic_version; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.alembic_version VALUES ('i17_append_only_audit');


--
-- Data for Name: assets; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.assets VALUES (41, 'LT-0041', 'lt-0041', 'laptop', 'HP', 'ProBook 450 G10', 'HP84432133', NULL, NULL, 'charger', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (2, 'LT-0002', 'lt-0002', 'laptop', 'Lenovo', 'ThinkPad E14', 'LE84257420', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (3, 'LT-0003', 'lt-0003', 'laptop', 'Apple', 'MacBook Air M2', 'AP29284402', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (4, 'LT-0004', 'lt-0004', 'laptop', 'Dell', 'Latitude 5440', 'DE94950148', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (5, 'LT-0005', 'lt-0005', 'laptop', 'Lenovo', 'ThinkPad E14', 'LE16177772', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (7, 'LT-0007', 'lt-0007', 'laptop', 'Apple', 'MacBook Air M2', 'AP74864211', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (8, 'LT-0008', 'lt-0008', 'laptop', 'HP', 'ProBook 450 G10', 'HP89769024', NULL, NULL, 'charger', 'in_repair', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (9, 'LT-0009', 'lt-0009', 'laptop', 'HP', 'ProBook 450 G10', 'HP38488199', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (10, 'LT-0010', 'lt-0010', 'laptop', 'Dell', 'Latitude 5440', 'DE50727370', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (11, 'LT-0011', 'lt-0011', 'laptop', 'HP', 'ProBook 450 G10', 'HP37093258', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (12, 'LT-0012', 'lt-0012', 'laptop', 'Dell', 'Latitude 5440', 'DE87373722', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (13, 'LT-0013', 'lt-0013', 'laptop', 'Lenovo', 'ThinkPad E14', 'LE53157115', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (14, 'LT-0014', 'lt-0014', 'laptop', 'Lenovo', 'ThinkPad E14', 'LE12153651', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (15, 'LT-0015', 'lt-0015', 'laptop', 'Apple', 'MacBook Air M2', 'AP39585560', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (16, 'LT-0016', 'lt-0016', 'laptop', 'Apple', 'MacBook Air M2', 'AP15951891', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (17, 'LT-0017', 'lt-0017', 'laptop', 'Apple', 'MacBook Air M2', 'AP15855519', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (18, 'LT-0018', 'lt-0018', 'laptop', 'HP', 'ProBook 450 G10', 'HP81698446', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (19, 'LT-0019', 'lt-0019', 'laptop', 'Lenovo', 'ThinkPad E14', 'LE77818419', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (20, 'LT-0020', 'lt-0020', 'laptop', 'HP', 'ProBook 450 G10', 'HP62732467', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (21, 'LT-0021', 'lt-0021', 'laptop', 'Apple', 'MacBook Air M2', 'AP79667777', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (22, 'LT-0022', 'lt-0022', 'laptop', 'Lenovo', 'ThinkPad E14', 'LE33559334', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (23, 'LT-0023', 'lt-0023', 'laptop', 'Dell', 'Latitude 5440', 'DE28170943', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (24, 'LT-0024', 'lt-0024', 'laptop', 'Lenovo', 'ThinkPad E14', 'LE69252566', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (25, 'LT-0025', 'lt-0025', 'laptop', 'Lenovo', 'ThinkPad E14', 'LE54122204', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (26, 'LT-0026', 'lt-0026', 'laptop', 'HP', 'ProBook 450 G10', 'HP54700924', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (27, 'LT-0027', 'lt-0027', 'laptop', 'Lenovo', 'ThinkPad E14', 'LE48190570', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (28, 'LT-0028', 'lt-0028', 'laptop', 'Lenovo', 'ThinkPad E14', 'LE83742008', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (29, 'LT-0029', 'lt-0029', 'laptop', 'Dell', 'Latitude 5440', 'DE72068626', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (30, 'LT-0030', 'lt-0030', 'laptop', 'Apple', 'MacBook Air M2', 'AP53290374', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (31, 'LT-0031', 'lt-0031', 'laptop', 'HP', 'ProBook 450 G10', 'HP74521184', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (32, 'LT-0032', 'lt-0032', 'laptop', 'Lenovo', 'ThinkPad E14', 'LE55811937', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (33, 'LT-0033', 'lt-0033', 'laptop', 'Apple', 'MacBook Air M2', 'AP17940074', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (34, 'LT-0034', 'lt-0034', 'laptop', 'HP', 'ProBook 450 G10', 'HP97206023', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (36, 'LT-0036', 'lt-0036', 'laptop', 'Lenovo', 'ThinkPad E14', 'LE95507714', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (37, 'LT-0037', 'lt-0037', 'laptop', 'HP', 'ProBook 450 G10', 'HP90596478', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (38, 'LT-0038', 'lt-0038', 'laptop', 'Dell', 'Latitude 5440', 'DE72510605', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (39, 'LT-0039', 'lt-0039', 'laptop', 'Apple', 'MacBook Air M2', 'AP56607986', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (40, 'LT-0040', 'lt-0040', 'laptop', 'HP', 'ProBook 450 G10', 'HP63864298', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (42, 'LT-0042', 'lt-0042', 'laptop', 'Lenovo', 'ThinkPad E14', 'LE47791337', NULL, NULL, 'charger', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (43, 'LT-0043', 'lt-0043', 'laptop', 'Apple', 'MacBook Air M2', 'AP59557794', NULL, NULL, 'charger', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (44, 'LT-0044', 'lt-0044', 'laptop', 'Dell', 'Latitude 5440', 'DE67312395', NULL, NULL, 'charger', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (45, 'LT-0045', 'lt-0045', 'laptop', 'Lenovo', 'ThinkPad E14', 'LE66809466', NULL, NULL, 'charger', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (46, 'LT-0046', 'lt-0046', 'laptop', 'Dell', 'Latitude 5440', 'DE55221901', NULL, NULL, 'charger', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (47, 'LT-0047', 'lt-0047', 'laptop', 'HP', 'ProBook 450 G10', 'HP46085246', NULL, NULL, 'charger', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (48, 'LT-0048', 'lt-0048', 'laptop', 'HP', 'ProBook 450 G10', 'HP60567173', NULL, NULL, 'charger', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (49, 'LT-0049', 'lt-0049', 'laptop', 'HP', 'ProBook 450 G10', 'HP10986511', NULL, NULL, 'charger', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (50, 'LT-0050', 'lt-0050', 'laptop', 'HP', 'ProBook 450 G10', 'HP33352889', NULL, NULL, 'charger', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (51, 'LT-0051', 'lt-0051', 'laptop', 'HP', 'ProBook 450 G10', 'HP80240251', NULL, NULL, 'charger', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (52, 'LT-0052', 'lt-0052', 'laptop', 'Lenovo', 'ThinkPad E14', 'LE64767058', NULL, NULL, 'charger', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (53, 'LT-0053', 'lt-0053', 'laptop', 'Dell', 'Latitude 5440', 'DE92461401', NULL, NULL, 'charger', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (54, 'LT-0054', 'lt-0054', 'laptop', 'Apple', 'MacBook Air M2', 'AP15171890', NULL, NULL, 'charger', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (55, 'LT-0055', 'lt-0055', 'laptop', 'Apple', 'MacBook Air M2', 'AP86092674', NULL, NULL, 'charger', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (56, 'LT-0056', 'lt-0056', 'laptop', 'Apple', 'MacBook Air M2', 'AP44695540', NULL, NULL, 'charger', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (57, 'LT-0057', 'lt-0057', 'laptop', 'Dell', 'Latitude 5440', 'DE99763855', NULL, NULL, 'charger', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (58, 'LT-0058', 'lt-0058', 'laptop', 'Lenovo', 'ThinkPad E14', 'LE75113451', NULL, NULL, 'charger', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (59, 'LT-0059', 'lt-0059', 'laptop', 'Lenovo', 'ThinkPad E14', 'LE77389871', NULL, NULL, 'charger', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (60, 'LT-0060', 'lt-0060', 'laptop', 'Apple', 'MacBook Air M2', 'AP89658657', NULL, NULL, 'charger', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (62, 'TB-0002', 'tb-0002', 'tablet', 'Apple', 'iPad 10th gen', 'AP38284834', NULL, NULL, 'charger, keyboard case', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (63, 'TB-0003', 'tb-0003', 'tablet', 'Apple', 'iPad 10th gen', 'AP57697174', NULL, NULL, 'charger, keyboard case', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (64, 'TB-0004', 'tb-0004', 'tablet', 'Samsung', 'Galaxy Tab A9', 'SA31397474', NULL, NULL, 'charger, keyboard case', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (65, 'TB-0005', 'tb-0005', 'tablet', 'Samsung', 'Galaxy Tab A9', 'SA23132166', NULL, NULL, 'charger, keyboard case', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (66, 'TB-0006', 'tb-0006', 'tablet', 'Samsung', 'Galaxy Tab A9', 'SA31729965', NULL, NULL, 'charger, keyboard case', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (67, 'TB-0007', 'tb-0007', 'tablet', 'Apple', 'iPad 10th gen', 'AP93164485', NULL, NULL, 'charger, keyboard case', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (68, 'TB-0008', 'tb-0008', 'tablet', 'Apple', 'iPad 10th gen', 'AP60608799', NULL, NULL, 'charger, keyboard case', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (69, 'TB-0009', 'tb-0009', 'tablet', 'Samsung', 'Galaxy Tab A9', 'SA17281989', NULL, NULL, 'charger, keyboard case', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (77, 'TB-0017', 'tb-0017', 'tablet', 'Samsung', 'Galaxy Tab A9', 'SA57693058', NULL, NULL, 'charger, keyboard case', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (78, 'TB-0018', 'tb-0018', 'tablet', 'Samsung', 'Galaxy Tab A9', 'SA55749038', NULL, NULL, 'charger, keyboard case', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (79, 'TB-0019', 'tb-0019', 'tablet', 'Samsung', 'Galaxy Tab A9', 'SA48340670', NULL, NULL, 'charger, keyboard case', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (80, 'TB-0020', 'tb-0020', 'tablet', 'Samsung', 'Galaxy Tab A9', 'SA36268071', NULL, NULL, 'charger, keyboard case', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (81, 'TB-0021', 'tb-0021', 'tablet', 'Apple', 'iPad 10th gen', 'AP73636582', NULL, NULL, 'charger, keyboard case', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (82, 'TB-0022', 'tb-0022', 'tablet', 'Apple', 'iPad 10th gen', 'AP90316640', NULL, NULL, 'charger, keyboard case', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (83, 'TB-0023', 'tb-0023', 'tablet', 'Samsung', 'Galaxy Tab A9', 'SA72851872', NULL, NULL, 'charger, keyboard case', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (84, 'TB-0024', 'tb-0024', 'tablet', 'Apple', 'iPad 10th gen', 'AP46792666', NULL, NULL, 'charger, keyboard case', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (91, 'PH-0007', 'ph-0007', 'phone', 'Nokia', 'G22', 'NO13365297', '353947854819817', '07700 993972', 'charger, case', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (92, 'PH-0008', 'ph-0008', 'phone', 'Samsung', 'Galaxy A15', 'SA51551273', '352570378150219', '07700 943015', 'charger, case', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (93, 'PH-0009', 'ph-0009', 'phone', 'Apple', 'iPhone SE', 'AP92461885', '355155664216867', '07700 980466', 'charger, case', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (94, 'PH-0010', 'ph-0010', 'phone', 'Samsung', 'Galaxy A15', 'SA53534779', '351149924978723', '07700 969903', 'charger, case', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (96, 'PH-0012', 'ph-0012', 'phone', 'Samsung', 'Galaxy A15', 'SA46198422', '358369283231753', '07700 962123', 'charger, case', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (97, 'PH-0013', 'ph-0013', 'phone', 'Nokia', 'G22', 'NO14652184', '350083471652306', '07700 917860', 'charger, case', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (98, 'PH-0014', 'ph-0014', 'phone', 'Apple', 'iPhone SE', 'AP45161087', '353047499248832', '07700 918868', 'charger, case', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (99, 'PH-0015', 'ph-0015', 'phone', 'Apple', 'iPhone SE', 'AP17640805', '357696236780058', '07700 946289', 'charger, case', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (100, 'PH-0016', 'ph-0016', 'phone', 'Samsung', 'Galaxy A15', 'SA70879732', '350429172334286', '07700 926591', 'charger, case', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (101, 'PH-0017', 'ph-0017', 'phone', 'Samsung', 'Galaxy A15', 'SA82370191', '358689617277145', '07700 908524', 'charger, case', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (102, 'PH-0018', 'ph-0018', 'phone', 'Apple', 'iPhone SE', 'AP59226226', '358967165118514', '07700 933290', 'charger, case', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (103, 'PH-0019', 'ph-0019', 'phone', 'Apple', 'iPhone SE', 'AP62355684', '352555827015966', '07700 902157', 'charger, case', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (104, 'PH-0020', 'ph-0020', 'phone', 'Apple', 'iPhone SE', 'AP61973473', '356910199941006', '07700 937812', 'charger, case', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (105, 'PH-0021', 'ph-0021', 'phone', 'Samsung', 'Galaxy A15', 'SA92877386', '356380215986564', '07700 949324', 'charger, case', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (106, 'PH-0022', 'ph-0022', 'phone', 'Samsung', 'Galaxy A15', 'SA76401001', '357044439680381', '07700 946175', 'charger, case', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (107, 'PH-0023', 'ph-0023', 'phone', 'Nokia', 'G22', 'NO73180267', '354188199412464', '07700 942954', 'charger, case', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (108, 'PH-0024', 'ph-0024', 'phone', 'Nokia', 'G22', 'NO89666785', '354130157514990', '07700 910228', 'charger, case', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (109, 'AV-0001', 'av-0001', 'other', 'Epson', 'EB-W49 projector', 'EP84506468', NULL, NULL, NULL, 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (110, 'AV-0002', 'av-0002', 'other', 'Epson', 'EB-W49 projector', 'EP72370528', NULL, NULL, NULL, 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (111, 'AV-0003', 'av-0003', 'other', 'Epson', 'EB-W49 projector', 'EP73333704', NULL, NULL, NULL, 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (112, 'AV-0004', 'av-0004', 'other', 'Epson', 'EB-W49 projector', 'EP67800176', NULL, NULL, NULL, 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (113, 'AV-0005', 'av-0005', 'other', 'Logitech', 'Spotlight presenter', 'LO60191300', NULL, NULL, NULL, 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (114, 'AV-0006', 'av-0006', 'other', 'Logitech', 'Spotlight presenter', 'LO67749468', NULL, NULL, NULL, 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (115, 'AV-0007', 'av-0007', 'other', 'Epson', 'EB-W49 projector', 'EP33735353', NULL, NULL, NULL, 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (116, 'AV-0008', 'av-0008', 'other', 'Logitech', 'Spotlight presenter', 'LO76281512', NULL, NULL, NULL, 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (117, 'AV-0009', 'av-0009', 'other', 'Canon', 'Legria HF R806 camcorder', 'CA74939317', NULL, NULL, NULL, 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (118, 'AV-0010', 'av-0010', 'other', 'Logitech', 'Spotlight presenter', 'LO87087577', NULL, NULL, NULL, 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (119, 'AV-0011', 'av-0011', 'other', 'Logitech', 'Spotlight presenter', 'LO17712762', NULL, NULL, NULL, 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (120, 'AV-0012', 'av-0012', 'other', 'Epson', 'EB-W49 projector', 'EP35075160', NULL, NULL, NULL, 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (1, 'LT-0001', 'lt-0001', 'laptop', 'Lenovo', 'ThinkPad E14', 'LE41690065', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (6, 'LT-0006', 'lt-0006', 'laptop', 'HP', 'ProBook 450 G10', 'HP15774399', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (35, 'LT-0035', 'lt-0035', 'laptop', 'Dell', 'Latitude 5440', 'DE51165636', NULL, NULL, 'charger', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (61, 'TB-0001', 'tb-0001', 'tablet', 'Samsung', 'Galaxy Tab A9', 'SA67456199', NULL, NULL, 'charger, keyboard case', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (70, 'TB-0010', 'tb-0010', 'tablet', 'Samsung', 'Galaxy Tab A9', 'SA43959027', NULL, NULL, 'charger, keyboard case', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (71, 'TB-0011', 'tb-0011', 'tablet', 'Samsung', 'Galaxy Tab A9', 'SA27141340', NULL, NULL, 'charger, keyboard case', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (72, 'TB-0012', 'tb-0012', 'tablet', 'Apple', 'iPad 10th gen', 'AP57149750', NULL, NULL, 'charger, keyboard case', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (73, 'TB-0013', 'tb-0013', 'tablet', 'Apple', 'iPad 10th gen', 'AP45788408', NULL, NULL, 'charger, keyboard case', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (74, 'TB-0014', 'tb-0014', 'tablet', 'Samsung', 'Galaxy Tab A9', 'SA30321287', NULL, NULL, 'charger, keyboard case', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (85, 'PH-0001', 'ph-0001', 'phone', 'Apple', 'iPhone SE', 'AP46116897', '359566154976353', '07700 995934', 'charger, case', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (86, 'PH-0002', 'ph-0002', 'phone', 'Apple', 'iPhone SE', 'AP53431498', '354252396104202', '07700 985774', 'charger, case', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (87, 'PH-0003', 'ph-0003', 'phone', 'Apple', 'iPhone SE', 'AP53568922', '352635157640531', '07700 939703', 'charger, case', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (88, 'PH-0004', 'ph-0004', 'phone', 'Samsung', 'Galaxy A15', 'SA78690845', '358786221750689', '07700 935646', 'charger, case', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (89, 'PH-0005', 'ph-0005', 'phone', 'Samsung', 'Galaxy A15', 'SA97167501', '358564871003046', '07700 913861', 'charger, case', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (95, 'PH-0011', 'ph-0011', 'phone', 'Samsung', 'Galaxy A15', 'SA56965601', '358249016230144', '07700 918527', 'charger, case', 'lost', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (75, 'TB-0015', 'tb-0015', 'tablet', 'Samsung', 'Galaxy Tab A9', 'SA85715336', NULL, NULL, 'charger, keyboard case', 'available', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (76, 'TB-0016', 'tb-0016', 'tablet', 'Apple', 'iPad 10th gen', 'AP45899411', NULL, NULL, 'charger, keyboard case', 'lost', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.assets VALUES (90, 'PH-0006', 'ph-0006', 'phone', 'Nokia', 'G22', 'NO94570858', '351329530007784', '07700 921500', 'charger, case', 'on_loan', NULL, NULL, NULL, NULL, NULL, NULL, NULL);


--
-- Data for Name: audit_events; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.audit_events VALUES (1, 1, '2026-12-06 20:40:17.806292+00', 'bootstrap-admin', 'technician_added', 'technicians', '1', '{"_rows":{"technicians:1":"152baa775e2508b213098b10f5275e46f7e2a3e16115ae0f1ddabf09e0fc7f5c"},"os_user":"root","role":"admin","username":"demo"}', '0000000000000000000000000000000000000000000000000000000000000000', 'b2fb2273b34359774824e729f18105bbb63c2a3f6ebe7a83c9d8729a1d0d9501');
INSERT INTO public.audit_events VALUES (2, 2, '2026-12-06 20:40:17.866905+00', 'bootstrap-admin', 'demo_data', 'people', NULL, '{"_rows":{"assets:1":"cf46db1e65017ed0b3393f3f46bd44b874d12e931787b63ece03b74a8febb587","assets:10":"879a18c252b89df65927f317d5bf7ef1dd8acb4fa10b107c0ba82730efa62f84","assets:100":"0bd3f2626a672b748d634fd0086cc7e66c58f6a123c9a89b71d0ed610d48e438","assets:101":"86be0aa14eeac8d4af30b8a545fe1254166a791afdc68814bc6a32d0b76a3965","assets:102":"3fb19b211cbf6186860dc8f4c8e0d4192ce367cca3ad011459344f0f8ec6a13c","assets:103":"4a4d69311aa1ce68b4966a968f96532d4e68782a1e2f787b86916da68eaa5142","assets:104":"5206671ff7896f67b06785f2f66fa9e625229b5d9759d4c0881a9f5b3dc75dfc","assets:105":"0816b007c3708fdbace7163f592b16730faad7e510ec3d5e1d82e2dc5d454104","assets:106":"2d8f454a58a864b1b822ff67511a63761aaa3668ca2297497d4182bf2a318217","assets:107":"9afc37c63cffd3787cd4c0f0f61241d7482e55efb4faab5251823bca1c756136","assets:108":"e74ab772610ee69c95dedcdc4793c44f376203c48e7c8c587eecbf6812f51f22","assets:109":"c87f2d256039179314981e53976090dd0a14953e3f10903eab205ac080fb8b9b","assets:11":"18427b6e05b7fab541ea2dd0666dcea89295da4029b236b0dc5c67f60b1a0c61","assets:110":"33a6a423a6388b3e99966dfc46c9bef01cdbf67dda64ef09d17f2fb94b9d6afd","assets:111":"7bacb995d569342c548a5ee59ccd6288f62ebc0ba66752639fc52544e1bb1894","assets:112":"de985b777d0ef77af2358a090267847d0f68c711db62801d670e20b32871d92d","assets:113":"5dd0ffb981cc7117316659825c32b1904e9dc215dd3e963244df76121f5d36a2","assets:114":"60f79e34cc6052502afaef8ff5f5faf2adfebf9c307e4dac95c551fd2c591061","assets:115":"eda70be9dcd21e67447ded8a638fef01f06685d45b3761f6afbe2dc1569544cd","assets:116":"8030e80424f5f7a9ec39b6801f40648c7d84e930fec62e3388055d162648932d","assets:117":"458c3090d5950ac0bebcb9b6eda0c402d35aafa016bb21d824e202cb15be37b7","assets:118":"890ef771f32423d0b884f51bb66c40ef965c8b476ef9124aa9b074656418a94a","assets:119":"017cb3721d79c391df0705cc781dd7852d877aaa1e36d75f262ede481ae0a745","assets:12":"89961b65f1e6c7a89bc169c78e5160f93be3d5e5d36ea60d6f52fae04dbb4af2","assets:120":"89b68ed2652f41d19edd7e6f1f3b58da6b28ed931664469d96cd5e34954aed95","assets:13":"32c25c9b022c317e871cb2d74f14c0cdc4857c7acc99c5ac754d9fa127b18858","assets:14":"886f9571a5a74db66699fd7ae1dc95ac0bd646cee5b0379f5f8f962bca730790","assets:15":"6e96fab84044f33642358b9a47fa18fc9d2aadc415f22be7a9b7dde3b0d7e780","assets:16":"5b0123fb79c883044d260f84a988232a84adb4392faa3b197bcf639517d361e0","assets:17":"0dde2d22ae0ee43c6c97035e6070df2c0f3c36528349c27d8d8b7f9dfc46e004","assets:18":"04d7d222f679c4be04808416cd33c275faf425d8cb19749eb0237b537f7a15e5","assets:19":"57669e1c773b813b020eef234dcccf1083225708a3f5e6a6ab95287b9b605078","assets:2":"b5d870833d0c7fa11922ac640d892ce549c66a449dc9ed0cfc06091bfa5d5a45","assets:20":"2fb2a5c506e98365d6eb4911b5a8d62ac9c8df973f575a0f14bb55b7b60160eb","assets:21":"e9985049ba313eed96b6f784972dce378f44f94cc1b90af0471483a32b71f575","assets:22":"f53cc41a580730b25f9976ed2abd1edcfd4f59977100d6684f2e825fa1e4fbfd","assets:23":"0a1581bbf7543e314831a64149858a8099e9f050d7d9dcc12ef133549308de09","assets:24":"cb2a3f2fabbd0f20e8bc239cbf949ccb2797b0f8ec6f2013d73f8b0129968b7b","assets:25":"8d8a4ca57f3c1813b4ee683046f29850cff304cc8bc1410df695be184981670f","assets:26":"cdf52f0b096ab7c52733aab6f9c7479dab0f628ba33740fa01ee4b69f8581068","assets:27":"bc6ac572cd050f0cd8bc5cb22c50307c365817a4f8b7a648e4c06d678de03b28","assets:28":"f556fea3c5412c7f0e738b8cc90aa0f99708a1e626b630ab6d380e27cd426db4","assets:29":"70ca1094e6f837894b2b29f4e8bacd4a73041067bebd4a7b04d21deed3113f8c","assets:3":"d88983831abd8083874274f36ada7f448ed07093694efc8eec8ddbb0ea86a4bc","assets:30":"56cc830d511222a984c69bc596e4d917520fa33e7f7cbbd1ee44a3a350e4a5b3","assets:31":"98a0e6982adf134783c2a5712e5724f59579c00c0ab85616fcac07a6ecb6118f","assets:32":"857f9199c09bdaf70860880191f8fc80451ca040691ae30dd0bfbbdaa4c93262","assets:33":"78302b5d29d8d87e5cbbacc5c2429ba94ba2ed059014791a60d7d01e956ca691","assets:34":"9b8056ef1d998501a6099ebde711e31e9776d391ce194de3884746bb66549b21","assets:35":"ffef338345904310601e7e85aabb047092b9d8061a1918ccafd231906e91fa76","assets:36":"e6c6e0fc223b721f00e8a731e1039905fe195f35aca28cd147e31fafed2dda79","assets:37":"4c028afcde3b7f1c71cf5dea041c5a34cd1b7bfeb2ce8c7bb1eac4ec6559eef2","assets:38":"d41afce5d3b58b201846c9a7c63efd5f1cd4ff66719bd2b53549d86923c6b962","assets:39":"7c498bfb934bcff8769e7c52c68459192cd2cfdf6726299f059bbc3c2da16201","assets:4":"ef1f347b35eb2360f821be901abf7331031103fbaecbe4c63675ef45dcb89233","assets:40":"e755d3670b7967c712d8d0824f2074d4cae4c8e2a78061fda177dce1d2ffbdde","assets:41":"baf19256d6dde2c5c00a9a327d32aef301699833cc35284f157e7e8f0031098a","assets:42":"034f13d8556ba536ac6b6c433d2f340dbecf1b57755f16c645701dda33d79662","assets:43":"30d38bcb5a778672d1b31820ce1cc5d508bcd2144d757a39b122246d029daf36","assets:44":"773b55514053cf88e435195b1cd5d86b4c9a64b9f85d1735d044807e2498d076","assets:45":"3b4c70feae5113c184a80c95aa87b057f5258db9d000b49f7b10b5f0dfd7f04c","assets:46":"e36bf3992ca3d7f1159277cecd8f34e01aeb171191bc6fd31f6c2a1b2b177e19","assets:47":"70e3ff2f6312ccc583683914c0ddfd822c94cbb60343727fd3fe2e1347e9ae24","assets:48":"e1f944e964a58da26dafb92521b1b4193ccccea2d7f88f6d47b643560eb3f5af","assets:49":"a5d05b54ff4c16a23a7ced2c81d62186baf934b2ebd0d11f84d7978d2b4f092e","assets:5":"3098f7d791eb57419c397c2c6a6d902d979e527d0ad2b16ce23364c6ef5ae99a","assets:50":"b6fd85f9618e1270bed5b7c767387eea29728dce98a97935dcc2e89efa1d58e2","assets:51":"4091a99afa011ed0fe23333f8e6c735ebc5612125dd88ef998fcb85680ac7531","assets:52":"071cd84449901919a48a2f522fa673b9b1a5f383dca7eba1c643e57a11a35517","assets:53":"f82848958d664131b6a7d5d57ba0a29e61ec6fb988f7ad8e57e6c437df6746ee","assets:54":"8b8abe9ebbe92a600a3e2c9f971c6dc42a26d98a96b957cc0a1e69efa81ec260","assets:55":"f7c96ef778f6c2d81d9466f22c7f6076928a311a5e82bbaf60f293590315be54","assets:56":"45ec20cfd0d8498c2c23cef0d88411c2765cd5a5336daeb8de51dbd5ddf1a2f4","assets:57":"3843cdadb94b03648313a872a1a8d644078285b62cfe9ed2b14a2759c88c620e","assets:58":"f156d29d4bbba840357dfb1ff916eb9193339be8c4caadc6a82fb7b9ffa59cc0","assets:59":"efa13e7ed244e380b5e1a75bc8ff92e467b376b84ddb47e6f1c9483d809a6905","assets:6":"5fe0d1e5007498f63e2c00b3b543b3e2f976bfb7e6a7480e2a72f7c44fc41c16","assets:60":"25730f8b581c78468021050ff41ee072228fb88f47cacbd1c1f2b85cc9eae227","assets:61":"5a857adaa4a17f561c2128a3e7e1f95a1ff9638e87dcbbcde7fe9b3f9a61bf5a","assets:62":"b991c91cbc4f5973e3cca08192041058f773a9c3a36567f923bb50d963da96d7","assets:63":"3360cead62fcb56bc055666e9400396ba101625ab5374366037e078306128d10","assets:64":"d3b6497f64a0801bb6afd0f1f466eca077496202397372c1a5eba322a6bec2c7","assets:65":"d5c8ec1448fa56369aff557c44f4a011106489d8568c6b4531fe11f31333ddec","assets:66":"2446e7a23b41afbffd1df4f544ea103979c2082a40cde7d972cf31a37f85293e","assets:67":"1667bcd0e0c73752012f13472634ebb1adc0c788a50ae8fd6f7feeeac2b97c1d","assets:68":"29e4209112581c4a43e16eb2bbd79104c236e6a6fe68db706f294c3079d48f6f","assets:69":"357d4c995797018638383b8fe6c4ac4d0d76beb35c7e86978aef690992748da8","assets:7":"39bb06c3380e9d1b3ab7f425ff7422b30ed0fe1018a4555632fc03371dc81c54","assets:70":"b3045b0ca204548b78a7e7500f533459ba8dca3d5df28e0e6ab755b887a0215c","assets:71":"272f26149aa68b744eba88363fe7fcc26de43206847da80f9e41c8ee6e3873d4","assets:72":"e5631be25c6126e767be8c578eec6d237b5d3cdee613df3a49441dc962880eff","assets:73":"bbea150c709e26de161490c9f4b872c7955d2e41b35e79a6d27a765b7babdb79","assets:74":"70bfbfddb1d49c7906086d09a66b0b4da7f15e1c5877fea42bf2a7ab44b56c07","assets:75":"b31b7bc34ce7a1941799d8ae57033fd54660b607b387f19596d649c1209aaa2f","assets:76":"76434a8922daf9eb4697fe89a0c4a188f3e0181c33a2f52f5bb4493ae393e5b5","assets:77":"c9c425251ac9442b2045463931549681f084f951333f0ffc3fd136ea48d06aa6","assets:78":"673f0b172be931f182f87a7b420eef20fd2015be618d87cc45d1de11d811a6d0","assets:79":"42b662a116489a79a3d677da1480e984a8a150e2f633487a010a382e893e9a06","assets:8":"6f74f31438adbf136e9a1c5b969a2f5ea2d3134a6b8a34909ecca0e17774dd10","assets:80":"fbc7ce0a5018dcbe8587275ac1aa16367c020caf37df3f81835fc83cc44a639f","assets:81":"023adfab9358532fbf23c5f60423001ebec49aaf1ba99be9d4e4d657f5d051e8","assets:82":"980ad128ad4f245b0092d2f3567cc80969ac7f98701de6d857be77b2cc9c033f","assets:83":"9d0e763ed98cb7c5528ec3463fd90a97a545d9c3a1ca2d6c7b5a91ac54e0eb63","assets:84":"147f6a173bad346ad7b004341c2cadacd4d9352e748331c2e926c80dc0a7f4a1","assets:85":"6b611e39aa2844c1b9611c623679058856626756595a9db748f4687b54ca9aff","assets:86":"eee84099c74e92dec5eb66f88f99fb0832f78d4a5baaca20848be8fe7ca928ec","assets:87":"185a1aef8c00f29813aa8cac57e1a1526af09b72415e911e10e3ce2d2c7648c6","assets:88":"749aaf36290a17be80572bb69a12fb97297682be915902d04970e56b5e664f8c","assets:89":"6499a4e18e81dfed8d2a7014243380c216960817a5306a46fa4e20869c9c5448","assets:9":"5d3b92a5858f8aa5805e4d9adf33b2dff79ec4ca748c5de57fe74eb2175182d6","assets:90":"55c8b813d7a9098fe21117b744574c85f788d7ec7401ddcbff02d179185c8d04","assets:91":"12db0a8bdfedcb652ecfaf56ad999a560dc1717b11f3e0d294a17aed59bf4e2e","assets:92":"528ad38bcf6990c9a92373ff1f77f2677b0f092b1a4e9ce7660f182eb1aea6a8","assets:93":"3ad93397eceda36764e43476d555f11e4330d6450ae9efecff58804bb0c5b445","assets:94":"ae780757adfc0330c79aaef3ca55bb5b96ec21de60dc02d7b46278bb9ee7c290","assets:95":"a2d7e519d8486d9f30be15909d2fae25f573921cfb6a07583b83e1bcabc76ca7","assets:96":"de90f3e81caa21980c9ee41032589953e2c2e0c0e0437e1cb0a70aca1a34349c","assets:97":"235c20c64ab2a237f6edafb945fbb50bf6c4dac556b6c769fb09666504b7a976","assets:98":"dada640da2e86744a82ce2d00c166865e70ed04d70e95695642abf0bd6d863e4","assets:99":"bcf9b752930fb71a0496cdd44ab5a882927ed1e09cf65002c74a42bfb074fa82","encryption_checks:1":"b1a8e5b83e94d7fa34fc9e5b2cc9e61f4c3a67a9d698765cf324e7bae4ce5fb3","encryption_checks:10":"84f6728e61dfa71a4188e81d00dc1186751b2c410587638e588cfe83eaea8849","encryption_checks:11":"6fea31089dc117b4591a5034ee9e2805b8b125a3a9afe1e79c4bc1ea6f3277d0","encryption_checks:12":"bc38c9b41443428ff150e92511dbdf1d6e8b1818706aa08eb23658ecb3a9102d","encryption_checks:13":"45912b7644e0e9e6f594c256f98b444ad59e651cc0029fcfe97ca909821cc3e3","encryption_checks:14":"2eb39cae0fafc581bca8c3683f3fb7db09f1297beeeeebf3d9293db563e0aad7","encryption_checks:15":"4285bd0af64bc474207bcc6b72ed4ccc24720eae3c3d6af0092b16146c956c9a","encryption_checks:16":"ba311eb73ce6030f1084f33a4ac7acd792d6cbef69bd988adf5ca8cab09807b3","encryption_checks:17":"ea8e70bd9c0b20dc6eec377dfd51059c4f1b2efb80c08aec5a3771cac5ccc167","encryption_checks:18":"bf2396125f5f062ab62281c40c65da2c34a50a9f33acfb819c007b4e315d02a8","encryption_checks:19":"b3ca6d36ca4f9f82f4367b7e1df9d49bc30410c98fcf0d94af175de831f60380","encryption_checks:2":"c7444dcc7652d197735a4ddcd728c1ce08e2f1dbdcad24df4e985f7d9e663530","encryption_checks:20":"fef94234a17e15b60f83f25e632aba4a5979a5bd1c45ce72cbd00ae99788a51f","encryption_checks:21":"34d263ede9b1c87d24fd597b853dcfd1a5fb3fb63c02554a7810d524a3f4d31e","encryption_checks:22":"5e28a440956462d3bb74bf97acbc37e6d8394a7828d2c36ee30c68b0c8d5c83b","encryption_checks:23":"84c0a6303e2eb1831baf69339df64cdc3936cfa5cd9eab7cbb2487b696fc76c8","encryption_checks:24":"595fa35e1ff67bd82da47e6681a2df14becf3bdb13726fc52aab8d8555b89332","encryption_checks:25":"e2febe38190d9f0f5f905ca8854a5c6684e1110832503d1a12eb3e438b6089ab","encryption_checks:26":"974d51b3db0324e10f47a4353460ca2f6f75ba62a99bcfd2399a0900f76ec2fa","encryption_checks:27":"3c7158ce8f3c00f3e3e97b38db8bce520171b1bacdf937c4463541f52a602656","encryption_checks:28":"8b876938bb24df91914048c16734e6fb80efc4bf99d7a944fc173059d3f6401b","encryption_checks:29":"74852a01a2359d99b093b921bde50a1867b13c1d43ae72f3810ec2e25f1934d8","encryption_checks:3":"93a6dedb4fe7f950f5f5a45369dbc4ec9cf843faf02d182ed333b7df5f7e0e75","encryption_checks:30":"7f7464e69384d07afd32658358b25cf8fe65028253d4c70add0f21ca04a50f3f","encryption_checks:31":"eb79e6e32e369db4e6e45029c157e5c7807bac35d5d9597ca3592e5d59cbcc3b","encryption_checks:32":"63637cb13d9f9af73d8c921758f2bf0f71f82cff57aebbd8e1628626f3a17cb9","encryption_checks:33":"d2383f77e7684ec556f08054e121314c987cfdc54d68d861b7be93258edc0ac8","encryption_checks:34":"c923b4341c70f611d5a3a03168ec3053945523782ab2eda9d6dd1eff399a520e","encryption_checks:35":"9752887e19661fdd73b359e1e471bebfc49ee0dde93f4a64c39161fb6836cf21","encryption_checks:36":"16b2c425c6be384d3be4423d928a127b7a517804daa8391c190a0605a3b814af","encryption_checks:37":"741385eb5cd903f2451fadc1854f095911684587dff88d6cf85102f220bee82d","encryption_checks:38":"15c7f4c3c33bca5449650f3003ef048622f3d3b567ea6304a6b5446d54850eb4","encryption_checks:39":"7d24d099f4f32d0b02e3776124b5cd0dec5d6f1b5ee47389bb392cc0d6cdb8b2","encryption_checks:4":"ae53844f4406e0b765539ca56164a0e33c5ee25c8710d41f6a214f5dc4906399","encryption_checks:40":"4daa2e1d8ec89117137254402a442eb377289e23a72ac7f439c9f1a2f6806890","encryption_checks:41":"9468299e368a8639c6210fb76c206a4774bb58d073c268477e10602023c5ffd1","encryption_checks:42":"1d78e37c5aaff5f12b246c8d9ae98db929d16120f769101e81919756465eddee","encryption_checks:43":"b06758f74ba0ba35c7cc35f60469bbd0f7c95d815dced744f293cbc3a88d9bd7","encryption_checks:44":"5193ef3f052aa97af1905c890adecf1c8a8903a42cca96f924032c0119303d93","encryption_checks:45":"2f377fa31e58a71977fe7146d1866be7f755e4703023bb4fb3cb98f17eb2018b","encryption_checks:46":"6de25e4d10487ce85bebc26b41dffebe16082be533289ef2aeaddd43e31edf40","encryption_checks:47":"44502f42e27fa6d36ce59e052050dc2246896258012ea84ada34809b2dcedebb","encryption_checks:48":"a91161eaac56363db2b0339e9b23af22d88c5c243fda248901ac11e0ffd302a2","encryption_checks:49":"e776e80ec7be382b2a3783f738e419ef2961cbd4639a982a96e17f064cc7ef13","encryption_checks:5":"15a9a737f650cdadf944afa349a8904fbf7699a34e491eb25936700df5f30467","encryption_checks:50":"5910e66d9ec2ac43ea843379ed2e767f3155187d9456d5e53e3d55534ff572cb","encryption_checks:51":"193fc8150554d8738110c4d5c668ce6941fa6bff2963336708c09cba02e7b9b9","encryption_checks:52":"f6ae470069b753ce54e48e88944e8f1d92423d6351f4284a5efe52d59978b2b8","encryption_checks:53":"08a9f80c5909c4bcb9fcefbefa3aba275d17c33d2585ae7e417fdc06a4ebe7e7","encryption_checks:54":"20c0c461500f1876cbdb6ded26c67ebd4171124ff5cbef9f562ebb226522435e","encryption_checks:55":"7505321052d56cca0d94d73ff09084477f4458534095bc9a1e1e218fc19bff30","encryption_checks:56":"002d57a5b2a6fb215ba072503506cb5d3c098c3cf57bee7a2c78dc4bc8674aa6","encryption_checks:57":"37d1d6ddf57c27c7362a342adbe240acf61920c6d1a4fcf01808dba5dad1d12f","encryption_checks:58":"b9c060a988bfa3b27d34c7401c80664147ce1fde9e7e8a45f2a0c7d10b49c925","encryption_checks:59":"02eb4263a53d4c38a4734ecf3f93cb0aa7117256fb5796d4c34cb9fb78a22485","encryption_checks:6":"2b82dae98393db8197f896e4c212422c7d799bcdbaf4ccec64265c94e664696e","encryption_checks:60":"0b002a4f384bc3ab2aaf96c72cd6e47c671e66118e8f7c49b7134decdedde076","encryption_checks:61":"1200bca966e3148e1cc1dfaf0dba09103441dfef82a770005522fa7c2ff48566","encryption_checks:62":"472fb3c57882384e13b1d186523325dd8d79d523f2639c06206f6a2afc5e61c2","encryption_checks:63":"9d45d9d1b663880597c3247c0d6b844dec008da11de6ab083378b4f3878698d2","encryption_checks:64":"c81858d90ca7deaad11f1893c1679bc77c004743d5a0c9764cb0a94cee234bf3","encryption_checks:65":"b411a1fbfdedcf135efa559953d8d60feedcff82266f67b0ae1e978c6d2c8167","encryption_checks:66":"4759ae86e3a8a10445bce3bcbe928519c63dba54f527a4b389df8c5bb4fcfd6a","encryption_checks:67":"6304f6734a0eee727746d36025bdeeb7ee5c3544b9ec86343d9a989751fb34e0","encryption_checks:68":"11c3df0260c5cbc3053e5a106ca5c6228fd6f2e22cc26d5a1d136051e83a737d","encryption_checks:69":"26a74f4ff2705c1853b49ec945fa77837709f650e88fbbc03183855f72deeb74","encryption_checks:7":"ff87d624a26badb9eabc44c7b8a057f15d9c6db00ff876bc51c5c923f2f2360b","encryption_checks:70":"07ce069844691d5614d1dde2ebf3d2d806c1fcd01a64850a2496a5fb81a2e78a","encryption_checks:71":"8eae7f6191fbcd26c51a17be23e1625bc032d801299a18938d47e17c4c9a62c0","encryption_checks:72":"07051acc81583bbec2d2742843b23399392d439f0641decdc84d8db6340aa675","encryption_checks:73":"73cffb08f0e647ec83c8582fb7a5e4dd439a6dfbb5bacf2dc1bea07eb3dac533","encryption_checks:74":"b512d21f0062b28ebbd3e0779f20c86e4cf75c83376c0a5c63afeb2bb388eef4","encryption_checks:75":"f0742d7b2a833cbe3fbf131f0d49b325a509d29ad613a2497cbb341e18e35774","encryption_checks:76":"637529f31ebd4a1ca1f54b81c8614e912bdbd52519701c57b18d296f82df6630","encryption_checks:77":"bd09ed5419c8aa40a56e7044ca944fc1e792e97f1217f723b4db7fa7bba2451e","encryption_checks:78":"035e45d33672c9e1fceeedb1c858c8b810c5184c0aaa3e206785eedee55f78c8","encryption_checks:79":"597cf9a5efa6a08e0645b1ccbab8bf96cbde72fb57f105e86b95dd7285dd0cc3","encryption_checks:8":"a528720e4c30de5a41a5379c781c38750bc113b41a0994f2c5f00d561b874f57","encryption_checks:80":"e2b1cf67ccf307b4bb994f9d55e9cb2aa9cb5c1bcecc74eedc0b45bfe397a3f4","encryption_checks:81":"f749df76e5566d5df8bb7dc584d0d4e945570641732f9f75176b508b899dbca6","encryption_checks:82":"8cfe10f1cbcf74f750c2401f583914c427214a5230de04c5d5cfe957ab3cc170","encryption_checks:83":"271aec7e105a7f44a967b9a89df3e64fe009f7d452023d1adb1c45e2c967afa0","encryption_checks:84":"96a32761a6d2044cc1ba7400adf634992755a624caa412d27fbb60a8237c03fb","encryption_checks:85":"264d2ef199a1aa31a317553ced577635599ef28e7ae0e966ea04e542eaa92d92","encryption_checks:86":"1ed624bf30c2dda8bdaf06c08ba0f47eec50dddd9df1d24835dcc30b5f40c966","encryption_checks:87":"299e583ad0162cfb467a56c77ecab90a47de83066434dcb39bc6eb3b14d49f35","encryption_checks:88":"2fbcafc58f6c319f75831cdd27665eacd2d056895cfb13189a5ccdaaf5540819","encryption_checks:89":"e101750806659d6d9bfd7fa60aa7e8b13224d440cee39073ebfd20ed9dfe0bb2","encryption_checks:9":"1da857698db8822cf8560efba354bd4a45cfb99fd02f9e0aea960f250119f142","encryption_checks:90":"2b2d6d7a4c2618c497fb08455287908f0d5b1f0d7095d24f7e532e0e9fb575c6","people:1":"031a9c85fa60fbde12250084b41d77352df3f25bc43e317f2e40ce0e9830414e","people:10":"937b0c4fc251c5899975a7b149487e38e0c280f2b9e739495ad21219e526027a","people:11":"463c128cf4b76f83f760b5b7aee368b2ed26da855db1ea190e94260cc0e60c70","people:12":"578066f0fd89f60e50e93a69c948bcbce2974a09dbd164fe706e91e3e6504cdd","people:13":"d9e64a838177c0658ce6fdcaae1540da14d165c20221f05527222e00b5e21b7c","people:14":"5f71a615fec381f60933f348616d0f765afeee8453f75f73a5fafa0cdb2dc251","people:15":"88b3ef0ec9e518e7f2086eaf58d70d8919c029c350dab597103829c360fd8304","people:16":"4d638c040e0f312b85b01a0158145e8555814fcbe0c8173a25695659537ee6f5","people:17":"1aef6df028fc2959cd8e71160fd3c40725f72f6dc8e5816a69c02c8cadc3345d","people:18":"2cb37f14cbc3427bbf11b1bb1926c20ecad07429681100f9d72ed6b4d3b86e9a","people:19":"4925e5e4cfa29c0e69d33a660a4a8a224645e8a8cd0052466214f2e1635384d4","people:2":"b3499d4de998c6dd5f9b0c4dc582ee789e99d2a65fa56431de4b996ab6528bc4","people:20":"6c62999504e47433c99973f9073b741d92d55ed71f9bb89a84ecf6dc920c9ff7","people:21":"8606e86afb9d667b6bf1d7063e6195793ca7aae22f7edc34bec5d022e8a14c8d","people:22":"395054342f52be2644aecf3c0646350e6c919cf67697a1ba6b4026da6294d623","people:23":"576293ea9c4160382219687e5ca5b68c8cc9514bf06df0d538cdfce3ed116d33","people:24":"fbc4a22b5418f27565b65f7c4e7ee040fc97db3a5624eb5f819629c7f869c6f7","people:25":"beab5e78fbc09e044dfd3e498b9e886fa47fd89a97db657799e086b667ff9205","people:26":"b0f58c0e2e7b977ec8140e209426c1761e98e628f7e3cc5f39ee583490242871","people:27":"49760d655011a7191bf1a0766f8ff5f4f349601d7bd4a6a3ba1c4ae855bea905","people:28":"ffcc98f48fbb05fc649ad86df0952f3c3458bc0498945dfd70a1bf98e3217fc6","people:29":"f5ab2ae05083f2b3e8f8feb56e8eb2baf8ae594f81742943e9d5383d8a0e1266","people:3":"1086890b67578016625c08811c40453746bbb48c68545a0b468d6a24bcedc623","people:30":"028ee6dd4c2fb53ce7a95912c15b09094434c185a76bf37de1219e7347287ac0","people:31":"33f38130b557f43ecc66005a27a504759a955c261f8fbb873a2dac66563fc040","people:32":"c467bfe637b3a71962668fa11e7e0e864bad704cded219b76c5590649aaecb04","people:33":"b3277b04441116e8ad31c41fb3757c9294a0d71019b837af3e13b6d7d4711c1e","people:34":"7bcfa8b1a49ee1cd93f5e07d37fb23ccb5fbe8fd7e16aededfbfea040135750e","people:35":"eb8babac91948e2007ce4981065e12fbd6c282e63723cb3c24f60bb456ae6cb1","people:36":"817177e89edf40323ae2002c4aca637977e8711cc73c3439c3c5e8f2a521d3e5","people:37":"c08d2f00b182fcadfedc6bb30e2a7a9c3d1d9dad7e5b939729fc3c36ffe1af49","people:38":"97c210750d8a31b6db62e721aaa95879b190ecbbaf5973f3e92715a81deab5c8","people:39":"23d1f8994c39ddd378b13680ada4074a75c7f7544cfdea8687badd21e329f656","people:4":"defba8b07176cb370ad6ae99e99bc57b16fc5e220c920b212acea55e7fb1d481","people:40":"85454817a31009dca8ac6ed0da5ce04e462735094ea93fdb68366d9897d39862","people:41":"b11218a94d8a5b28a072e7c206ce1ad2cd7cd796f1ae593a73f40561a5700c31","people:42":"0559df50741b616bb7b211ca90ef61d9868d29f8d08152409cc5e2c278b99338","people:43":"f34478822eaa0991f9d37367af806193ae285630dfa5ae87044b1ac6dcfb9dbe","people:44":"70b8793e7359cbbe229d33ff526167ef7a2bb24fa79b79a44c052a17df95fec6","people:45":"ef880858e5d4683fbcc667abd94c1aacf14cb091aacd458196c5d4bedf4f307f","people:46":"c2b6eb742ac34943d8f77a56b3698568075afc2d256aaaf612c48cfe8c487cca","people:47":"162a64b70c1ddccb8f557f3200ef5c37c302756e43679130430dee637b353b21","people:48":"02176d645e60cdf209f538d0e354b760fdd990ae0f5f71581795f54be8d34560","people:49":"20e9e1b4464098d98812a3c61f33ee4a214491487965fee010b5d015ab5cb1b0","people:5":"24c4fa4c0a2a4287b821c7f8151e0973623bd3a5a46a3a931c01c6e693b7653b","people:50":"95d6ada18d40bfca62e4efbbbbf1c1c890b76bc145f037e68afeea413df80cce","people:51":"2bad9995e815b732035fe59863166aa63e5ff4b9e0faa1585ee685d28d82745f","people:52":"56aa3b00a341a9375612d1398e4bec8603c01b8a661c05052a8b6c791d4773c8","people:53":"f6c01dd137e42e92500d5e297a0e35c5c8ec7607c55a20dea9b2b77e8bc3afa8","people:54":"549dc0cd30317067f26daddb7650dc3753f4ab120445c1ebbc68ba54bd205d40","people:55":"c5b9e93ce958739d0bb3fbb446c4249bfdbd52bcbe9a45358cae05fba60d4375","people:56":"1c3d853b294bcf81c479a2bea90965f75edfaee736e05c0924ec9032e5dadcec","people:57":"8b00c9a931b63c4a5015da07ae2ca40934aac4bc087ef3f46abae82ab0696fb6","people:58":"4646a4c0568699d77b8d8487537c9c7966786f007ff154ba9aaaf8f2489fbc4d","people:59":"5f9737d00fe4716cab3565443fcb40508e3ee4341d1b10c3b9e4d081de760c2a","people:6":"20a2c72aea9d59f3c6f61a4ab9cd8dde5d17e3ed1637b348df20facb12c410f7","people:60":"e037a9bc9a2bd1c280c7c259edd8b095642aaeb13f0f16dd0a9cbb6fbdebcd55","people:7":"9767c08422552a07eecffdd6ee950e277c4435049e336172ba87e76c51d458b0","people:8":"a198e08fbb07f3ca75f11e751e08a61370bff0df656b6da7f32dafa38d64a0f7","people:9":"289fa3a60b3b3ade3bf19e8020103f21a0fb6beadca6ef70f6fc84e310002edb"},"assets":120,"os_user":"root","people":60}', 'b2fb2273b34359774824e729f18105bbb63c2a3f6ebe7a83c9d8729a1d0d9501', '7bbc4da145ec29e045e1041ed5b2466693ed85282f83273effbb9678e66b1753');
INSERT INTO public.audit_events VALUES (3, 3, '2026-05-20 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '1', '{"_rows":{"assets:1":"3c8313f3c36b4ffa550a39572e7f28424928643f86023c878d3a5967f4459269","loans:1":"13d056570a8cb4a914a44f707aeea982346e789b63f21331f8caca6559c845b5"},"due_on":"2026-06-19","os_user":"root","personal_data":false,"staff_code":"S1018","tag":"LT-0001","trip":null}', '7bbc4da145ec29e045e1041ed5b2466693ed85282f83273effbb9678e66b1753', '6d57916fb9323b9e5ab19a2affb5d4fbddf3bc7048ef09e5e04248fb63012a1d');
INSERT INTO public.audit_events VALUES (4, 4, '2026-05-30 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '1', '{"_rows":{"assets:1":"cf46db1e65017ed0b3393f3f46bd44b874d12e931787b63ece03b74a8febb587","loans:1":"afcfab22032a1750b47ec36b66217de89e916bff0bd01d5c9fae1a26442b89e5"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1018","tag":"LT-0001"}', '6d57916fb9323b9e5ab19a2affb5d4fbddf3bc7048ef09e5e04248fb63012a1d', 'b5015e7fc17da31bbf5c4abe63605ff5ac2ebc712a5b0685aaefac12acccfaa8');
INSERT INTO public.audit_events VALUES (5, 5, '2026-05-23 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '2', '{"_rows":{"assets:2":"d23dabf5cbc93eeccbefdea4d91d0e8d21eb93e8ebaf28bedf6e7acbde6b104d","loans:2":"07d74149141f7de8b5056df79eeb5b53c8a49c57efac26f74a957bcb56acac8c"},"due_on":"2026-06-22","os_user":"root","personal_data":false,"staff_code":"S1054","tag":"LT-0002","trip":null}', 'b5015e7fc17da31bbf5c4abe63605ff5ac2ebc712a5b0685aaefac12acccfaa8', '222f647269756542145b907fda5d901a547d9f7d0b392d46ed40965eeb7b18ef');
INSERT INTO public.audit_events VALUES (6, 6, '2026-06-02 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '2', '{"_rows":{"assets:2":"b5d870833d0c7fa11922ac640d892ce549c66a449dc9ed0cfc06091bfa5d5a45","loans:2":"1166088e543de9993bed393c571e8ac024adb799c78cb4669194baaab21fada9"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1054","tag":"LT-0002"}', '222f647269756542145b907fda5d901a547d9f7d0b392d46ed40965eeb7b18ef', '9c8c091d849ecef1a743eca3d88119465acfc9854c1064f8e620b7fc1c6b233e');
INSERT INTO public.audit_events VALUES (7, 7, '2026-05-26 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '3', '{"_rows":{"assets:3":"69a8a40fb53e0dc16008d44700344ea24ed96ff2b0437e326806de3dbbfede27","loans:3":"95add0de119241e12b6f2421c6c83190b3a60784138171049592bf5dc10974c5"},"due_on":"2026-06-25","os_user":"root","personal_data":false,"staff_code":"S1028","tag":"LT-0003","trip":null}', '9c8c091d849ecef1a743eca3d88119465acfc9854c1064f8e620b7fc1c6b233e', 'eedf4d8f1ef58e4916f7e2bb9a153c90b24a7e29aa0974572892cc7c001f1424');
INSERT INTO public.audit_events VALUES (8, 8, '2026-06-05 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '3', '{"_rows":{"assets:3":"d88983831abd8083874274f36ada7f448ed07093694efc8eec8ddbb0ea86a4bc","loans:3":"f04416ab46f60005651922ccd8b16ae0f6e6431371af7a757748f6d0e21595c7"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1028","tag":"LT-0003"}', 'eedf4d8f1ef58e4916f7e2bb9a153c90b24a7e29aa0974572892cc7c001f1424', 'ee4b3d645ef1d5dee2557828c33c81b5330253a4754e64765170a0b6d6cca754');
INSERT INTO public.audit_events VALUES (9, 9, '2026-05-29 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '4', '{"_rows":{"assets:4":"cff498c0ea264769175dfdbaa3a2a99df4b8634b6b11dc8ce858a763748a19f0","loans:4":"b4a0e40181e0edb92a62aa73e9824742106b054c24ca43449eb678672a68dedc"},"due_on":"2026-06-28","os_user":"root","personal_data":false,"staff_code":"S1011","tag":"LT-0004","trip":null}', 'ee4b3d645ef1d5dee2557828c33c81b5330253a4754e64765170a0b6d6cca754', '06d0625f67bb25cddf0babfa9135bd68117810c4178753ca7e5fa09bb3227b76');
INSERT INTO public.audit_events VALUES (10, 10, '2026-06-08 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '4', '{"_rows":{"assets:4":"ef1f347b35eb2360f821be901abf7331031103fbaecbe4c63675ef45dcb89233","loans:4":"b629dca068acbf2f8194c7b2822addb802c68a37d5c2e8bbd2a4de17c5eda8d5"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1011","tag":"LT-0004"}', '06d0625f67bb25cddf0babfa9135bd68117810c4178753ca7e5fa09bb3227b76', '3e8d0625042a17abbc3227b44dca163e122b0f00b1d99cd859b6efd990766072');
INSERT INTO public.audit_events VALUES (11, 11, '2026-06-01 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '5', '{"_rows":{"assets:5":"3b96a27c5d79b5848b5f4ce80f12f5275a736940e14946f1457c278021e48f24","loans:5":"acf3216525869efa82ee64517d1f43dfd3b8f75df92ad4d23b913b90c8293d24"},"due_on":"2026-07-01","os_user":"root","personal_data":false,"staff_code":"S1033","tag":"LT-0005","trip":null}', '3e8d0625042a17abbc3227b44dca163e122b0f00b1d99cd859b6efd990766072', 'b7989484b0613e559c4948899778686edd868c83b0e5d774d10f0962e388047e');
INSERT INTO public.audit_events VALUES (12, 12, '2026-06-11 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '5', '{"_rows":{"assets:5":"3098f7d791eb57419c397c2c6a6d902d979e527d0ad2b16ce23364c6ef5ae99a","loans:5":"54d2c85df51ae8d850416e715fc5489e4ea3a252bc9debf13e979168a185d8a2"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1033","tag":"LT-0005"}', 'b7989484b0613e559c4948899778686edd868c83b0e5d774d10f0962e388047e', 'd214694f93905ba6b65c99c2417029ae0c65868cb635a7e12aff4eeeeef2cba9');
INSERT INTO public.audit_events VALUES (13, 13, '2026-06-04 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '6', '{"_rows":{"assets:6":"fbaa9abf91744742d74f0a62184e7c444a4c72e0711a65963b5018726c3770de","loans:6":"450db8c1f3352c3a708f51efda062097eb37c9bd4b6eaec6c1fcfc745e0375d1"},"due_on":"2026-07-04","os_user":"root","personal_data":false,"staff_code":"S1036","tag":"LT-0006","trip":null}', 'd214694f93905ba6b65c99c2417029ae0c65868cb635a7e12aff4eeeeef2cba9', '1dee540f09889407a788db98c4d97aa3bd7d1f1d055b293d629d6cc7a2f587ee');
INSERT INTO public.audit_events VALUES (14, 14, '2026-06-14 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '6', '{"_rows":{"assets:6":"5fe0d1e5007498f63e2c00b3b543b3e2f976bfb7e6a7480e2a72f7c44fc41c16","loans:6":"5600720179c6bc0fe31c6004e735d47604607bf2783297b673f940dd5e236f9d"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1036","tag":"LT-0006"}', '1dee540f09889407a788db98c4d97aa3bd7d1f1d055b293d629d6cc7a2f587ee', '12806b69bb65f9f14fb56c62dbc6e5b0279d92ce90eb5ca08a98bf1f256e5ec6');
INSERT INTO public.audit_events VALUES (15, 15, '2026-06-07 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '7', '{"_rows":{"assets:7":"c398efffba9b9a45b2d76198903882c78a50e5156144e90c4b5572a89c5e57d0","loans:7":"bd7a81877f34f818a7dd79d3f14c67c4766dda14ed0dbe830a737c0981b46380"},"due_on":"2026-07-07","os_user":"root","personal_data":false,"staff_code":"S1018","tag":"LT-0007","trip":null}', '12806b69bb65f9f14fb56c62dbc6e5b0279d92ce90eb5ca08a98bf1f256e5ec6', '39066c6d6e516eceafb2fd96f5fc4e2eef91bd9a0375963d5c70334b2e4f38e1');
INSERT INTO public.audit_events VALUES (16, 16, '2026-06-17 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '7', '{"_rows":{"assets:7":"39bb06c3380e9d1b3ab7f425ff7422b30ed0fe1018a4555632fc03371dc81c54","loans:7":"faa84a7cd57307d54b6439250f8c4a068145f1f0a0605a8bccacd25f8628702d"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1018","tag":"LT-0007"}', '39066c6d6e516eceafb2fd96f5fc4e2eef91bd9a0375963d5c70334b2e4f38e1', '90eefd05890f96739cd269b2735ad21ddd3da10f81884079284dee8a776f862c');
INSERT INTO public.audit_events VALUES (17, 17, '2026-06-10 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '8', '{"_rows":{"assets:8":"0926f28acba44cee2c3ea0ab87924a9a9caf32c74e668c7acb52e07a1c31308e","loans:8":"052c31678e7759b3e01a50c234b5ec1eaae421de6e0512623718d8b4d3e51a1c"},"due_on":"2026-07-10","os_user":"root","personal_data":false,"staff_code":"S1024","tag":"LT-0008","trip":null}', '90eefd05890f96739cd269b2735ad21ddd3da10f81884079284dee8a776f862c', '4a9edd347217d22f06e1b9a0c7b541957fa2525583c9222ee018562a3a4c2e87');
INSERT INTO public.audit_events VALUES (18, 18, '2026-06-20 20:40:17.803716+00', 'bootstrap-admin', 'incident_opened', 'incidents', '1', '{"kind":"damaged","os_user":"root","tag":"LT-0008"}', '4a9edd347217d22f06e1b9a0c7b541957fa2525583c9222ee018562a3a4c2e87', 'b6dafdab679cd1e88b318caf6c8aaa595f150f50b68256369a270583719b82b2');
INSERT INTO public.audit_events VALUES (19, 19, '2026-06-20 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '8', '{"_rows":{"assets:8":"cc708dd7455f761f81dff4fb25680ee3ca0c429c53ea95ed538de7a9b2a9e841","incidents:1":"fbd9d4ecca23657f694bc73dfd0c6b8a9c80d965b1494ce104467c27b376bb12","loans:8":"ea3a5d6e08e1c3d6b9d31a8d116d1352811d88058fcde23dc04e1f9dfd21b5be"},"condition":"damaged","note":"cracked hinge","os_user":"root","staff_code":"S1024","tag":"LT-0008"}', 'b6dafdab679cd1e88b318caf6c8aaa595f150f50b68256369a270583719b82b2', 'cd4c8d695e5b4d4e05d9577f5029eb3daff905109e2873b163bf29f7b08abbdf');
INSERT INTO public.audit_events VALUES (20, 20, '2026-06-13 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '9', '{"_rows":{"assets:9":"13532d7d6938de37363c59c64e544fb31cec64fc56a1aa701c27367171be8a5a","loans:9":"172d6d74d030041d34575e3f681cbae7890a42ac1d2dc79f7cfc4d9914bda417"},"due_on":"2026-07-13","os_user":"root","personal_data":false,"staff_code":"S1014","tag":"LT-0009","trip":null}', 'cd4c8d695e5b4d4e05d9577f5029eb3daff905109e2873b163bf29f7b08abbdf', 'bd00536983fb13667fa41012daa928ec1904f2254a8214d7f1044c25db649f09');
INSERT INTO public.audit_events VALUES (21, 21, '2026-06-23 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '9', '{"_rows":{"assets:9":"5d3b92a5858f8aa5805e4d9adf33b2dff79ec4ca748c5de57fe74eb2175182d6","loans:9":"f7cb07d4e96286bfbc187cbc2bca5d3ec057d8d590b62f044801811d1f86d323"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1014","tag":"LT-0009"}', 'bd00536983fb13667fa41012daa928ec1904f2254a8214d7f1044c25db649f09', '25e1fefe01b0911668d451dedb3369a03e665a0a11e32ce3236ef61d846189e3');
INSERT INTO public.audit_events VALUES (22, 22, '2026-06-16 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '10', '{"_rows":{"assets:10":"93aafd0adc62ba3b69ac770410543a3a71192b820dadc25b0d3e6d8b3f532be0","loans:10":"7f7635224b78a107a93312babec937eac9a26888fc1ce78201181ebf1fa6e429"},"due_on":"2026-07-16","os_user":"root","personal_data":false,"staff_code":"S1010","tag":"LT-0010","trip":null}', '25e1fefe01b0911668d451dedb3369a03e665a0a11e32ce3236ef61d846189e3', '06ed23bb073c251ada3c29717fbf94bd1b12899945b6f5fd50cb39a8fbdcd759');
INSERT INTO public.audit_events VALUES (23, 23, '2026-06-26 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '10', '{"_rows":{"assets:10":"879a18c252b89df65927f317d5bf7ef1dd8acb4fa10b107c0ba82730efa62f84","loans:10":"c0077741dd335cdf25f649a162541a545beb2e9041266418248a957ca5ff2aa3"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1010","tag":"LT-0010"}', '06ed23bb073c251ada3c29717fbf94bd1b12899945b6f5fd50cb39a8fbdcd759', '43692a42525ef83b48dc63586cb25ccb074afd7fb0ef5507cf5f1651921bb57b');
INSERT INTO public.audit_events VALUES (24, 24, '2026-06-19 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '11', '{"_rows":{"assets:11":"62d8a0e22aaae119748d9a91003efe324eab1cf35e3f04e86b64c7640c9a0256","loans:11":"ec38fb495b0a4031f14335ac176c2cff2fefea3d7229a55505e96ad4194583bb"},"due_on":"2026-07-19","os_user":"root","personal_data":false,"staff_code":"S1019","tag":"LT-0011","trip":null}', '43692a42525ef83b48dc63586cb25ccb074afd7fb0ef5507cf5f1651921bb57b', '309e598022b0c58093edb8575bc0f92d6643262b9fbf5746f7fe68f77128132e');
INSERT INTO public.audit_events VALUES (25, 25, '2026-06-29 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '11', '{"_rows":{"assets:11":"18427b6e05b7fab541ea2dd0666dcea89295da4029b236b0dc5c67f60b1a0c61","loans:11":"519094c2e14acba28b4d38c501a14b8443fda1ca04a725bfd5bf809d3d8aa771"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1019","tag":"LT-0011"}', '309e598022b0c58093edb8575bc0f92d6643262b9fbf5746f7fe68f77128132e', 'f5653b666d5c4243c7f0ca017a40faabb4db11c413edbc16f866be73fe3dcab6');
INSERT INTO public.audit_events VALUES (26, 26, '2026-06-22 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '12', '{"_rows":{"assets:12":"a60b27cff8f2a23ce11286153a1a3d082fc9bb93b247f876eccdb308c9a6fc4c","loans:12":"568d23ec653445d7fef2042a7e617a3f76786617c750947dab5ff6ce0e55fb8f"},"due_on":"2026-07-22","os_user":"root","personal_data":false,"staff_code":"S1003","tag":"LT-0012","trip":null}', 'f5653b666d5c4243c7f0ca017a40faabb4db11c413edbc16f866be73fe3dcab6', '353424e41eb875aef0f5ba81f8b267972e5fea9db7dac84efde8db6c1f6bd7c4');
INSERT INTO public.audit_events VALUES (27, 27, '2026-07-02 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '12', '{"_rows":{"assets:12":"89961b65f1e6c7a89bc169c78e5160f93be3d5e5d36ea60d6f52fae04dbb4af2","loans:12":"f2f72a172a6c8271001960c2b89649f76843d546f05ccf0915702f491922e3f4"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1003","tag":"LT-0012"}', '353424e41eb875aef0f5ba81f8b267972e5fea9db7dac84efde8db6c1f6bd7c4', 'c2828209858279f34e26abffa6ea49d834ae7d2f37112adee16b9fc20378eca4');
INSERT INTO public.audit_events VALUES (28, 28, '2026-06-25 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '13', '{"_rows":{"assets:13":"53cd4577c9233d485563c0c96f29c433bc249f330e8b629facc3b6f43ede1ef2","loans:13":"fc231c4ff4b5af31982ad3df319864f7d2a3525ff9d2308bce1e8b41c8292e21"},"due_on":"2026-07-25","os_user":"root","personal_data":false,"staff_code":"S1031","tag":"LT-0013","trip":null}', 'c2828209858279f34e26abffa6ea49d834ae7d2f37112adee16b9fc20378eca4', 'ff705d0d01d77bea2f4239eb6cec5d439d520e8e278e9e71700cf163588794d1');
INSERT INTO public.audit_events VALUES (29, 29, '2026-07-05 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '13', '{"_rows":{"assets:13":"32c25c9b022c317e871cb2d74f14c0cdc4857c7acc99c5ac754d9fa127b18858","loans:13":"16bd656ec51e5d96cee9ad807ee1472c557a2db34bd5009000ead052a3cda5c7"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1031","tag":"LT-0013"}', 'ff705d0d01d77bea2f4239eb6cec5d439d520e8e278e9e71700cf163588794d1', 'b99e91a6f74c51fc9ef7b3c060f02389e7398c9db91abe062168b867457fcdc7');
INSERT INTO public.audit_events VALUES (30, 30, '2026-06-28 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '14', '{"_rows":{"assets:14":"5fccc46bc4add998b64eb45d001f6cf0ee204ab0348bb3b5a2fbc28fdc70bcbc","loans:14":"41b98087338b2e5d0d79b3bbfbfd30629162ae0eb0fce27313657f98b4dad271"},"due_on":"2026-07-28","os_user":"root","personal_data":false,"staff_code":"S1021","tag":"LT-0014","trip":null}', 'b99e91a6f74c51fc9ef7b3c060f02389e7398c9db91abe062168b867457fcdc7', '182047173635f9c82551907a1f7d4a73519546c3b94a1b781c4e32037f4264a6');
INSERT INTO public.audit_events VALUES (31, 31, '2026-07-08 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '14', '{"_rows":{"assets:14":"886f9571a5a74db66699fd7ae1dc95ac0bd646cee5b0379f5f8f962bca730790","loans:14":"e83f4d41cb2a6d758c55ed5ed6439e8ae7a29cfe1f45605553049165a2df1154"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1021","tag":"LT-0014"}', '182047173635f9c82551907a1f7d4a73519546c3b94a1b781c4e32037f4264a6', '181d1fbcece937d217892857fb0976c64d3704eef927bb769ff2c14f4b8385b9');
INSERT INTO public.audit_events VALUES (32, 32, '2026-07-01 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '15', '{"_rows":{"assets:15":"8dfc215976ea9a3dee5a5969f0e82a7f9c81b17e242b393ef09b00e73e7ac796","loans:15":"0ba9af2e2f12ff0aa59fde653a7c9eb6b5b439822664cfdf8efd656c8403875a"},"due_on":"2026-07-31","os_user":"root","personal_data":false,"staff_code":"S1038","tag":"LT-0015","trip":null}', '181d1fbcece937d217892857fb0976c64d3704eef927bb769ff2c14f4b8385b9', '6cf99ded3d8d4296f83b50d05eefa549c84e4f36658b6ea7ab9d4b0902fed87c');
INSERT INTO public.audit_events VALUES (33, 33, '2026-07-11 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '15', '{"_rows":{"assets:15":"6e96fab84044f33642358b9a47fa18fc9d2aadc415f22be7a9b7dde3b0d7e780","loans:15":"de064d04dec5daf21769bd9b87ce1dbf9f1e2c31afaf0a7428143d5f93d93368"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1038","tag":"LT-0015"}', '6cf99ded3d8d4296f83b50d05eefa549c84e4f36658b6ea7ab9d4b0902fed87c', '443ce7161e9e406c687aa9ab671d7eaf92e5fc9ddaddf751fddff8b712ef121c');
INSERT INTO public.audit_events VALUES (34, 34, '2026-07-04 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '16', '{"_rows":{"assets:16":"c84b62f8a1d81a8601a03fd96dcfc68d4271fcdf40b04a1faf1f1e21585b0f93","loans:16":"61a2bcfdca65dea07e4a81f4d2f9c6bb8b44079edab89635501505ded5f79438"},"due_on":"2026-08-03","os_user":"root","personal_data":false,"staff_code":"S1011","tag":"LT-0016","trip":null}', '443ce7161e9e406c687aa9ab671d7eaf92e5fc9ddaddf751fddff8b712ef121c', '3ac7d3066aa58746ffddc5ef478d91650e5959d1d2177783e6c58958741c6fc3');
INSERT INTO public.audit_events VALUES (35, 35, '2026-07-14 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '16', '{"_rows":{"assets:16":"5b0123fb79c883044d260f84a988232a84adb4392faa3b197bcf639517d361e0","loans:16":"b03231ed8c02356a7637191d60e7309806570a3d0d5847a6a3a8c7e1c47277b3"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1011","tag":"LT-0016"}', '3ac7d3066aa58746ffddc5ef478d91650e5959d1d2177783e6c58958741c6fc3', '054461f2f59778deb2f682605f350c70ec12924e6c421b63737153043f9442b2');
INSERT INTO public.audit_events VALUES (36, 36, '2026-07-07 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '17', '{"_rows":{"assets:17":"85af9c9be29761281a780d713a39b3925e5b4bca1a30d6035063ad8f0163cf7e","loans:17":"135d55c7054ad71ab60e7f2d6b113314b48970bc6f21560ceec7a12ba3936bd0"},"due_on":"2026-08-06","os_user":"root","personal_data":false,"staff_code":"S1054","tag":"LT-0017","trip":null}', '054461f2f59778deb2f682605f350c70ec12924e6c421b63737153043f9442b2', '5ab27fd958e994cd04f8406ec868bf6c5abfaaae9800dddeabb3a8a718b22f63');
INSERT INTO public.audit_events VALUES (37, 37, '2026-07-17 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '17', '{"_rows":{"assets:17":"0dde2d22ae0ee43c6c97035e6070df2c0f3c36528349c27d8d8b7f9dfc46e004","loans:17":"dc340ffd75f60040dd2e1e73a811cbcaaa10f0c8f73590f67581205f3035f15e"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1054","tag":"LT-0017"}', '5ab27fd958e994cd04f8406ec868bf6c5abfaaae9800dddeabb3a8a718b22f63', 'ff7196e59e4f795ecdd14ef23665c471a979598da41363225e9bf68ac7287d46');
INSERT INTO public.audit_events VALUES (38, 38, '2026-07-10 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '18', '{"_rows":{"assets:18":"597b36a43b097313016923f43ee7d6cfff446c07dd73d76e7c5816b7f550d8c1","loans:18":"aadcd0d364c9ed67f1d98ebda371879e9adc1f5a6de6e9b0cd650723d083754d"},"due_on":"2026-08-09","os_user":"root","personal_data":false,"staff_code":"S1007","tag":"LT-0018","trip":null}', 'ff7196e59e4f795ecdd14ef23665c471a979598da41363225e9bf68ac7287d46', '5e8929a09e43b27397fc546703494d56e5ec364e4f5804d18c32f957bcd690d8');
INSERT INTO public.audit_events VALUES (39, 39, '2026-07-20 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '18', '{"_rows":{"assets:18":"04d7d222f679c4be04808416cd33c275faf425d8cb19749eb0237b537f7a15e5","loans:18":"9e4fc4435be091fe28614c1d083212d02df44b542e65b455ae2ebd6e3239fa1d"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1007","tag":"LT-0018"}', '5e8929a09e43b27397fc546703494d56e5ec364e4f5804d18c32f957bcd690d8', 'aa3e3af93c878e07842923cf6d27585dbf56fa09064c887f37adf8673bbefd05');
INSERT INTO public.audit_events VALUES (40, 40, '2026-07-13 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '19', '{"_rows":{"assets:19":"a3747ae9d6fe0fdf5b545256729c3af5fde993c0b81a20987541e2464afbf422","loans:19":"58c213b91a8b37514c25db3cea4228643987aae6168a4ddcdcf52523e738f95e"},"due_on":"2026-08-12","os_user":"root","personal_data":false,"staff_code":"S1046","tag":"LT-0019","trip":null}', 'aa3e3af93c878e07842923cf6d27585dbf56fa09064c887f37adf8673bbefd05', 'd0a83963ee999ea8c8dea3b3c9011da1c17283b3a57f3a791e488035928eb9f6');
INSERT INTO public.audit_events VALUES (41, 41, '2026-07-23 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '19', '{"_rows":{"assets:19":"57669e1c773b813b020eef234dcccf1083225708a3f5e6a6ab95287b9b605078","loans:19":"b74d5a706d658fa08fe7e6a60b15d351ee178de148565871d3c235f0ea7f34d9"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1046","tag":"LT-0019"}', 'd0a83963ee999ea8c8dea3b3c9011da1c17283b3a57f3a791e488035928eb9f6', 'acaa1314108331f75aa724894007e33d52cc3b8fbb6800349368e875ef980e82');
INSERT INTO public.audit_events VALUES (42, 42, '2026-07-16 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '20', '{"_rows":{"assets:20":"0b6d3740d749fda175a67bf43af72ca239f31eb6168d3e4b8fa954cf62ad52a5","loans:20":"cc465f24dbb70784e5e2a3bede9f3bab474da550c2dc40af99ee025162238f6a"},"due_on":"2026-08-15","os_user":"root","personal_data":false,"staff_code":"S1052","tag":"LT-0020","trip":null}', 'acaa1314108331f75aa724894007e33d52cc3b8fbb6800349368e875ef980e82', '22d464316134d0f18f9a60c77539a77132e3c84ad57850c65d800c6653bbf41f');
INSERT INTO public.audit_events VALUES (43, 43, '2026-07-26 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '20', '{"_rows":{"assets:20":"2fb2a5c506e98365d6eb4911b5a8d62ac9c8df973f575a0f14bb55b7b60160eb","loans:20":"9239ecd07517127362bf66015b4b9fbd8cb98b5c0c528cb4961aed0365a77397"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1052","tag":"LT-0020"}', '22d464316134d0f18f9a60c77539a77132e3c84ad57850c65d800c6653bbf41f', '16b43f2f4dfed798cb7453b01f105ee71c82a2b03fa7e54df984a81ae7b5c015');
INSERT INTO public.audit_events VALUES (44, 44, '2026-07-19 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '21', '{"_rows":{"assets:21":"de0ac0307eb68a66b88808c5a1a6c40f85efa0650da8c0403882647c469ad85f","loans:21":"d1474fd3fba8750c50c57afb004047928046897e0e0e7e987766a3299e18c575"},"due_on":"2026-08-18","os_user":"root","personal_data":false,"staff_code":"S1060","tag":"LT-0021","trip":null}', '16b43f2f4dfed798cb7453b01f105ee71c82a2b03fa7e54df984a81ae7b5c015', '94ee784858b5b1e9a092d7c2e7b78ab8242ea988a4a5fd014506ed6bdf13f4e0');
INSERT INTO public.audit_events VALUES (45, 45, '2026-07-29 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '21', '{"_rows":{"assets:21":"e9985049ba313eed96b6f784972dce378f44f94cc1b90af0471483a32b71f575","loans:21":"644389a9c0e0b5364af7cccbf71a9d91147597657bf6529789837163c71f4a7b"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1060","tag":"LT-0021"}', '94ee784858b5b1e9a092d7c2e7b78ab8242ea988a4a5fd014506ed6bdf13f4e0', '0927ac50cf687eb5c2385519d55672f8e9df0de343a4a315de9652a5eea9f9ac');
INSERT INTO public.audit_events VALUES (46, 46, '2026-07-22 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '22', '{"_rows":{"assets:22":"ed28bc4f336a01e4a6ab5d8cfbff47147eae7e660c7eeac294f9d6285465de1d","loans:22":"60f542c0909786db0ffd90d9c2d05cefe09d50109712ba5f9d88b4fa746aae3f"},"due_on":"2026-08-21","os_user":"root","personal_data":false,"staff_code":"S1006","tag":"LT-0022","trip":null}', '0927ac50cf687eb5c2385519d55672f8e9df0de343a4a315de9652a5eea9f9ac', 'f394bfad2b5b4178be304bbdd93d9f323c56c94266ef16ca244866785cb1da0d');
INSERT INTO public.audit_events VALUES (47, 47, '2026-08-01 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '22', '{"_rows":{"assets:22":"f53cc41a580730b25f9976ed2abd1edcfd4f59977100d6684f2e825fa1e4fbfd","loans:22":"9d4e00836c8ac96bde7f987e19eddb5ab877c04dc46552b5b306d2be973699ef"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1006","tag":"LT-0022"}', 'f394bfad2b5b4178be304bbdd93d9f323c56c94266ef16ca244866785cb1da0d', '6d866a01accfd4e69ca2331691805a8e5acbb5e354b9a559aa9a660765f884a8');
INSERT INTO public.audit_events VALUES (48, 48, '2026-07-25 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '23', '{"_rows":{"assets:23":"7781b56cc3cbc2ea3972c846d7c953fd9d639a894a7dfd54ac5f9211fc8bb6ba","loans:23":"c5580bf351b14ba27c3a49477a7c6202f921ea86715738d8631666a6dd1bc92d"},"due_on":"2026-08-24","os_user":"root","personal_data":false,"staff_code":"S1015","tag":"LT-0023","trip":null}', '6d866a01accfd4e69ca2331691805a8e5acbb5e354b9a559aa9a660765f884a8', '8027e021881723f71f4325590e3fdd2bb0ef76ce94bb1afb4af8d0dbfaaeb545');
INSERT INTO public.audit_events VALUES (49, 49, '2026-08-04 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '23', '{"_rows":{"assets:23":"0a1581bbf7543e314831a64149858a8099e9f050d7d9dcc12ef133549308de09","loans:23":"960f501f053c27d2a2c4458867d0da250467f00a698ccfbe953fcdf49963a3af"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1015","tag":"LT-0023"}', '8027e021881723f71f4325590e3fdd2bb0ef76ce94bb1afb4af8d0dbfaaeb545', '1415b658edb0fa953a9f54131dc513a93e0f9cbccfa4564fe88232e81c1c26c9');
INSERT INTO public.audit_events VALUES (50, 50, '2026-07-28 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '24', '{"_rows":{"assets:24":"809368e2366a7daafa37e37027e14b3e2c9c7ce93ba49908f8eb922e36a3e896","loans:24":"f64daede2ed1fa3550986373fe9585b12c7d2a8f8b655c1088f2cda3f0a3f6ef"},"due_on":"2026-08-27","os_user":"root","personal_data":false,"staff_code":"S1007","tag":"LT-0024","trip":null}', '1415b658edb0fa953a9f54131dc513a93e0f9cbccfa4564fe88232e81c1c26c9', 'aaccbdcf181c878df2684a14ac6776b6aa37cd0b52f76a69238ab5e70fdc86a9');
INSERT INTO public.audit_events VALUES (51, 51, '2026-08-07 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '24', '{"_rows":{"assets:24":"cb2a3f2fabbd0f20e8bc239cbf949ccb2797b0f8ec6f2013d73f8b0129968b7b","loans:24":"2da5a72a95a7b5256043497b7375530deddb31ce90ef194c9b97de827c96fb57"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1007","tag":"LT-0024"}', 'aaccbdcf181c878df2684a14ac6776b6aa37cd0b52f76a69238ab5e70fdc86a9', '3bb90ea81b2db53d0945470ec05e7b21b260c9f402335e9c37c80d9c5cc3a84d');
INSERT INTO public.audit_events VALUES (52, 52, '2026-07-31 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '25', '{"_rows":{"assets:25":"d1d863d616bdcb3cac381667eb42b6d568cb09cdf248ae1a5e4f7f3cc0469e12","loans:25":"0e7b8b2a3a941282f72fc7070023026ed9324a64aca74e70321e873b2531a7e4"},"due_on":"2026-08-30","os_user":"root","personal_data":false,"staff_code":"S1005","tag":"LT-0025","trip":null}', '3bb90ea81b2db53d0945470ec05e7b21b260c9f402335e9c37c80d9c5cc3a84d', 'a0e14432adf38654c839fd34e7734be596eff91d4d9d7a9d9f94ce6c33d0dd26');
INSERT INTO public.audit_events VALUES (53, 53, '2026-08-10 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '25', '{"_rows":{"assets:25":"8d8a4ca57f3c1813b4ee683046f29850cff304cc8bc1410df695be184981670f","loans:25":"e63f72d92188cdb80e3404b837b1c8126463e880be6d3da9e33f2d5226d8ea91"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1005","tag":"LT-0025"}', 'a0e14432adf38654c839fd34e7734be596eff91d4d9d7a9d9f94ce6c33d0dd26', '20775fb424760d6b36c7bd614e191bd93053b8c544ef8bf12a7b02f6565fe0b7');
INSERT INTO public.audit_events VALUES (54, 54, '2026-08-03 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '26', '{"_rows":{"assets:26":"33b8134a4022a2107a0bcd5038e58c813c2b05c31fbc3c12949342ae14370938","loans:26":"da723dc2bafad88957fccffea2990d296ba924c47e82bd482491b8bcc7eb0c64"},"due_on":"2026-09-02","os_user":"root","personal_data":false,"staff_code":"S1013","tag":"LT-0026","trip":null}', '20775fb424760d6b36c7bd614e191bd93053b8c544ef8bf12a7b02f6565fe0b7', '9f8c53745ffb4b6ef49c1c993dd6732d1a0764eabb9b8f0cdf0721f4be9c3f97');
INSERT INTO public.audit_events VALUES (55, 55, '2026-08-13 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '26', '{"_rows":{"assets:26":"cdf52f0b096ab7c52733aab6f9c7479dab0f628ba33740fa01ee4b69f8581068","loans:26":"b5d559a62b28fd2cf266c6f218320d45def523a501f3c634d71ab0b518e865e6"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1013","tag":"LT-0026"}', '9f8c53745ffb4b6ef49c1c993dd6732d1a0764eabb9b8f0cdf0721f4be9c3f97', '407c514ab62f9999b415fa5f566dc8b1560d76d87181bced9143e892d7b4878a');
INSERT INTO public.audit_events VALUES (56, 56, '2026-08-06 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '27', '{"_rows":{"assets:27":"e1d109fc7b1d7b253881a614f41384db33a4c95bdb2f20b7448908caf550a3b0","loans:27":"aa39ca5df1d06185e950704ba2c30e6867df70cc702f63e24a751392c11cf52c"},"due_on":"2026-09-05","os_user":"root","personal_data":false,"staff_code":"S1034","tag":"LT-0027","trip":null}', '407c514ab62f9999b415fa5f566dc8b1560d76d87181bced9143e892d7b4878a', '6552ba2e517eb546ed549cc4b5c6cfa8c8040ba31c171bc237eaf5bf1414d067');
INSERT INTO public.audit_events VALUES (57, 57, '2026-08-16 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '27', '{"_rows":{"assets:27":"bc6ac572cd050f0cd8bc5cb22c50307c365817a4f8b7a648e4c06d678de03b28","loans:27":"93a1ae49aff6492a0b231f3d3d64561f047f08ef70f047c9931a710eacc4ef8d"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1034","tag":"LT-0027"}', '6552ba2e517eb546ed549cc4b5c6cfa8c8040ba31c171bc237eaf5bf1414d067', '787e37657023a24bb844cba594751ac4d5984dc63779b5e1c9a57c7e502413c6');
INSERT INTO public.audit_events VALUES (58, 58, '2026-08-09 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '28', '{"_rows":{"assets:28":"789a543d63676688f328d9ddeccfe6767fbe0435805fed0817264e1cfc34f074","loans:28":"a4a9485d42c7f947947fd5d406b793aeeb90d897a63cbad2bf1afe21aa863ef6"},"due_on":"2026-09-08","os_user":"root","personal_data":false,"staff_code":"S1034","tag":"LT-0028","trip":null}', '787e37657023a24bb844cba594751ac4d5984dc63779b5e1c9a57c7e502413c6', '534215cf30d26ea9312f5792fac19cc686c85042f3e6e7672dd6f988b32b92f4');
INSERT INTO public.audit_events VALUES (59, 59, '2026-08-19 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '28', '{"_rows":{"assets:28":"f556fea3c5412c7f0e738b8cc90aa0f99708a1e626b630ab6d380e27cd426db4","loans:28":"a60dc38287452d32b69d965a7fd46eca1e828f296b34193a71c35a8098e98d70"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1034","tag":"LT-0028"}', '534215cf30d26ea9312f5792fac19cc686c85042f3e6e7672dd6f988b32b92f4', 'e251ff3d81c30649eab72c4b184d042db4eecff0f2cbb9e12cd4f2560724f16e');
INSERT INTO public.audit_events VALUES (60, 60, '2026-08-12 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '29', '{"_rows":{"assets:29":"4e24c4371c961209260994f0ae28764f626836944330b1431339c985814456e4","loans:29":"aac4b3f1eea1445caefe8b66671b9650ea8ddc717c81ea1171b6ff01107384d8"},"due_on":"2026-09-11","os_user":"root","personal_data":false,"staff_code":"S1038","tag":"LT-0029","trip":null}', 'e251ff3d81c30649eab72c4b184d042db4eecff0f2cbb9e12cd4f2560724f16e', '1618c1ab056f64f74d8c585af770206f46e99c94b151e25601097c741868b126');
INSERT INTO public.audit_events VALUES (61, 61, '2026-08-22 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '29', '{"_rows":{"assets:29":"70ca1094e6f837894b2b29f4e8bacd4a73041067bebd4a7b04d21deed3113f8c","loans:29":"539973a310d95378cb03bbc1a0a183c66f8b3cac2422f3a9fae0ee2127fd0d0f"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1038","tag":"LT-0029"}', '1618c1ab056f64f74d8c585af770206f46e99c94b151e25601097c741868b126', 'd3016237d440f023b015be399c4d0ae156814863fcfd1dea3f64e070d053fabe');
INSERT INTO public.audit_events VALUES (62, 62, '2026-08-15 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '30', '{"_rows":{"assets:30":"c1668b464a8c2f005cfc42d9bf2603cf414cc4296944dcca673c5d442545189e","loans:30":"a5b6911aa4a2df0abf3966b509e966aa2183698ffd81f475f756d60183aeeda7"},"due_on":"2026-09-14","os_user":"root","personal_data":false,"staff_code":"S1020","tag":"LT-0030","trip":null}', 'd3016237d440f023b015be399c4d0ae156814863fcfd1dea3f64e070d053fabe', 'b324ea2a746ff9a443c24eec20d51567e166959cf368bc7362ebcfa89685683a');
INSERT INTO public.audit_events VALUES (63, 63, '2026-08-25 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '30', '{"_rows":{"assets:30":"56cc830d511222a984c69bc596e4d917520fa33e7f7cbbd1ee44a3a350e4a5b3","loans:30":"64727b2f235056070c187518814bb6a11acc20bff865b868dbd98b750c14c870"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1020","tag":"LT-0030"}', 'b324ea2a746ff9a443c24eec20d51567e166959cf368bc7362ebcfa89685683a', '97dbda3c9cdf00280044e65d8672dbae31220e512d3248221218fb64201da62c');
INSERT INTO public.audit_events VALUES (64, 64, '2026-08-18 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '31', '{"_rows":{"assets:31":"91c1d3570202f46fe776ea0f99266e388954d50bd6d233ec4f811a5e874e7517","loans:31":"cea01b35feff2ea094d1e179c207b966dfc58ff42be2e31266d6804a974135a4"},"due_on":"2026-09-17","os_user":"root","personal_data":false,"staff_code":"S1047","tag":"LT-0031","trip":null}', '97dbda3c9cdf00280044e65d8672dbae31220e512d3248221218fb64201da62c', '0f48a28ea084c87ab8215bf04100dc5a2e150218fa7725a1da4490f419da0a0b');
INSERT INTO public.audit_events VALUES (65, 65, '2026-08-28 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '31', '{"_rows":{"assets:31":"98a0e6982adf134783c2a5712e5724f59579c00c0ab85616fcac07a6ecb6118f","loans:31":"3b7316763a0a92c1b89ea2b4002a6909354636dc8a35af8188e9de8f4290d5cd"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1047","tag":"LT-0031"}', '0f48a28ea084c87ab8215bf04100dc5a2e150218fa7725a1da4490f419da0a0b', '353f3692d38cb1a4edb40adbb67dbdadecf19476fd12b40ac138c384abf684e9');
INSERT INTO public.audit_events VALUES (66, 66, '2026-08-21 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '32', '{"_rows":{"assets:32":"e9af956769ff06430c26c34c4b1c6b28b31dd91a828c8bcec666311e9a9770b5","loans:32":"236f157c4e524e8def00c5b31db1548ee63d4e9ec7b753b33db385b1b0cb5892"},"due_on":"2026-09-20","os_user":"root","personal_data":false,"staff_code":"S1019","tag":"LT-0032","trip":null}', '353f3692d38cb1a4edb40adbb67dbdadecf19476fd12b40ac138c384abf684e9', 'bab126b081944cc9b03e330999dc65701d509bdf534d3d19d332651ac7f5348e');
INSERT INTO public.audit_events VALUES (67, 67, '2026-08-31 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '32', '{"_rows":{"assets:32":"857f9199c09bdaf70860880191f8fc80451ca040691ae30dd0bfbbdaa4c93262","loans:32":"2337cd1251402dff00dc8142b4d899ebd44d3852c752c0f100a861204daafbfc"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1019","tag":"LT-0032"}', 'bab126b081944cc9b03e330999dc65701d509bdf534d3d19d332651ac7f5348e', '3045503f106e7412e96d0a5ae21a0486bf6e1497352b16e602469952aba48326');
INSERT INTO public.audit_events VALUES (132, 132, '2026-12-04 20:40:17.803716+00', 'bootstrap-admin', 'report_lost', 'assets', '95', '{"_rows":{"assets:95":"331644371fb8461773e8627a29b46769d823ca671db164b9b064594dd1aeae4f","incidents:3":"998fba0307366e9dcaead91b3b6b14f55835fc735adf023c0cbeb84ddb12d95c"},"kind":"lost","note":"left on the minibus","os_user":"root","staff_code":null,"tag":"PH-0011"}', 'a190f07f966eaabb026f27b27932bcf352caafc5454415ca8f602f33558b219a', 'd7604a48b2f7f7bf15dff94ede253234dffe6195f815d67e25bfe5c276eede96');
INSERT INTO public.audit_events VALUES (68, 68, '2026-08-24 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '33', '{"_rows":{"assets:33":"ecf799b4df63ac1f2b91992262c3d0b6f4fcb6f7c6870af6fa9e1334b10ad078","loans:33":"402a94d08952ed3b59b35443fbb9ca7fc7f3b804e1668a98fb2faebab313423e"},"due_on":"2026-09-23","os_user":"root","personal_data":false,"staff_code":"S1026","tag":"LT-0033","trip":null}', '3045503f106e7412e96d0a5ae21a0486bf6e1497352b16e602469952aba48326', 'a16b0a15a2bcd1689db394287157cad4f42a741833a2925b9c88670e638359c3');
INSERT INTO public.audit_events VALUES (69, 69, '2026-09-03 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '33', '{"_rows":{"assets:33":"78302b5d29d8d87e5cbbacc5c2429ba94ba2ed059014791a60d7d01e956ca691","loans:33":"d5227dd5cb38f2744c099ac76b8a8e53ca0ac21aa5b4015f02eb9689add7de7a"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1026","tag":"LT-0033"}', 'a16b0a15a2bcd1689db394287157cad4f42a741833a2925b9c88670e638359c3', '58f4f907ffd674287a3196dae8f1e8b54591c6030004ea927ae421060e1254d9');
INSERT INTO public.audit_events VALUES (70, 70, '2026-08-27 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '34', '{"_rows":{"assets:34":"412aabf815c7180f927a4e859ce1e7278b36792207fd0f35f1964f1256ba1ccf","loans:34":"bb17494e21b49b1fdff95635b75cec4be3b2fbc33a822328d446f934259999fb"},"due_on":"2026-09-26","os_user":"root","personal_data":false,"staff_code":"S1035","tag":"LT-0034","trip":null}', '58f4f907ffd674287a3196dae8f1e8b54591c6030004ea927ae421060e1254d9', '0569949f974478bf5be62955aa329d559a07e88eab5b620075a82af70a20cf74');
INSERT INTO public.audit_events VALUES (71, 71, '2026-09-06 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '34', '{"_rows":{"assets:34":"9b8056ef1d998501a6099ebde711e31e9776d391ce194de3884746bb66549b21","loans:34":"5f2bad42b0d60dffdbae1ca516ed5cb93f78dc1d141e03d5d2bf64b4260800ea"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1035","tag":"LT-0034"}', '0569949f974478bf5be62955aa329d559a07e88eab5b620075a82af70a20cf74', '44c55fa96b898c3daceb087132872870f598418a9982f7895efaa71b10c930f3');
INSERT INTO public.audit_events VALUES (72, 72, '2026-08-30 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '35', '{"_rows":{"assets:35":"d834b8a0042c2a50bafb683b8cfa64413e8f9d8d3e2bb2918c1d1b73ad674744","loans:35":"c44bc413caec67219e8fc23dab181f9898c88d817d6216c9638ee78bf0d6149f"},"due_on":"2026-09-29","os_user":"root","personal_data":false,"staff_code":"S1020","tag":"LT-0035","trip":null}', '44c55fa96b898c3daceb087132872870f598418a9982f7895efaa71b10c930f3', '9cf8c101ddbab62c2e051cdaf45099d9370e575fbd297a5131e6bf87c721edff');
INSERT INTO public.audit_events VALUES (73, 73, '2026-09-09 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '35', '{"_rows":{"assets:35":"ffef338345904310601e7e85aabb047092b9d8061a1918ccafd231906e91fa76","loans:35":"505fee713f89066396b9436592d5c65d1709eaed4892eace3c7977e1ca9623bc"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1020","tag":"LT-0035"}', '9cf8c101ddbab62c2e051cdaf45099d9370e575fbd297a5131e6bf87c721edff', '9696babe75203eb41943e4b7473b221b1100b680f8e2395466324493a2375f7d');
INSERT INTO public.audit_events VALUES (74, 74, '2026-09-02 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '36', '{"_rows":{"assets:36":"90c6697e6eb70225413115326f8457c7f60803514ca93d9c32118e76f7bcbf1e","loans:36":"e4447487c72da4ea9b181f91597b7a6ac6a07b37eccc1f4d05239893cd9cfa9b"},"due_on":"2026-10-02","os_user":"root","personal_data":false,"staff_code":"S1048","tag":"LT-0036","trip":null}', '9696babe75203eb41943e4b7473b221b1100b680f8e2395466324493a2375f7d', '29b9078d9a3097d08d276eedb4c6c599cb1cdf66660b3d904ad090244e37e734');
INSERT INTO public.audit_events VALUES (75, 75, '2026-09-12 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '36', '{"_rows":{"assets:36":"e6c6e0fc223b721f00e8a731e1039905fe195f35aca28cd147e31fafed2dda79","loans:36":"8ecd226cab2d777bdce419e9a707bd8d6a00ad76e8edc3404cf083258aec4e14"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1048","tag":"LT-0036"}', '29b9078d9a3097d08d276eedb4c6c599cb1cdf66660b3d904ad090244e37e734', '2e28bee2fdeacf61894613f6e46acb2e6baa225d8fa0c8cd0c2e32c81e62d76f');
INSERT INTO public.audit_events VALUES (76, 76, '2026-09-05 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '37', '{"_rows":{"assets:37":"0c9612ade803864ae7ef54d0d0d9c3a1e232c765e807cf8c5af691aec8187733","loans:37":"df2479024ac9dbd6ea74106595e6ba8e06de7af7e8f1e36763fd4d9f12d6fe4f"},"due_on":"2026-10-05","os_user":"root","personal_data":false,"staff_code":"S1020","tag":"LT-0037","trip":null}', '2e28bee2fdeacf61894613f6e46acb2e6baa225d8fa0c8cd0c2e32c81e62d76f', 'ceb455a4d4595d94ef4695685548c932381fc1fe26b67bdb6c4ed258b7fae188');
INSERT INTO public.audit_events VALUES (77, 77, '2026-09-15 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '37', '{"_rows":{"assets:37":"4c028afcde3b7f1c71cf5dea041c5a34cd1b7bfeb2ce8c7bb1eac4ec6559eef2","loans:37":"27b0591fd8bf82f8e2bff1362ce6b7e021701c4c451bd66f121eac63b0bc9609"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1020","tag":"LT-0037"}', 'ceb455a4d4595d94ef4695685548c932381fc1fe26b67bdb6c4ed258b7fae188', 'fb7c082a8d4c53b95122d8c9441972512a18130414e7c733479e1d8f4cd048cc');
INSERT INTO public.audit_events VALUES (78, 78, '2026-09-08 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '38', '{"_rows":{"assets:38":"0194f0adb6ee7e99d2b36aede5fd57a53f128b16fb2ac2700f5c3e7f3800d6ab","loans:38":"3b07bfa7c80b81d91752e2376a468704fd5a84684232d28cce23efab2c9ce21e"},"due_on":"2026-10-08","os_user":"root","personal_data":false,"staff_code":"S1038","tag":"LT-0038","trip":null}', 'fb7c082a8d4c53b95122d8c9441972512a18130414e7c733479e1d8f4cd048cc', '6ff7e50600158d3cca83c3b575f6eb3775c61e4e8fbd33dd3900ce06a97afbcb');
INSERT INTO public.audit_events VALUES (79, 79, '2026-09-18 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '38', '{"_rows":{"assets:38":"d41afce5d3b58b201846c9a7c63efd5f1cd4ff66719bd2b53549d86923c6b962","loans:38":"95097ebcf2da57ebed0703ead8b26ebc2e30045b7de26613f346b377bcb966d6"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1038","tag":"LT-0038"}', '6ff7e50600158d3cca83c3b575f6eb3775c61e4e8fbd33dd3900ce06a97afbcb', '96b3d6a1f278330793bcf0307a408084e49787b9276373f6b539dd92da58cf92');
INSERT INTO public.audit_events VALUES (80, 80, '2026-09-11 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '39', '{"_rows":{"assets:39":"551996f2afaa3a8536224ce231312db7b9e23124850183eb5055acc2d781bb67","loans:39":"be1f66461004d04dce0b289b0ff57c7e1430e70f6d7c5a24c7aefb3e3cfc28e9"},"due_on":"2026-10-11","os_user":"root","personal_data":false,"staff_code":"S1017","tag":"LT-0039","trip":null}', '96b3d6a1f278330793bcf0307a408084e49787b9276373f6b539dd92da58cf92', '7c1cce80413adee5b10a5732bc2d3c3c84726addec5b7c14d9f3ee30dcf30e6d');
INSERT INTO public.audit_events VALUES (81, 81, '2026-09-21 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '39', '{"_rows":{"assets:39":"7c498bfb934bcff8769e7c52c68459192cd2cfdf6726299f059bbc3c2da16201","loans:39":"a31e6df65729d12aa9b98b2ce981f7a1e5ec9cfc9bbd7b3faaa174b025d078f2"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1017","tag":"LT-0039"}', '7c1cce80413adee5b10a5732bc2d3c3c84726addec5b7c14d9f3ee30dcf30e6d', '6ed8338543d096e587d1f4e40c3d151a64c4b80b27ccf2dd71d7c897dc47a0e4');
INSERT INTO public.audit_events VALUES (82, 82, '2026-09-14 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '40', '{"_rows":{"assets:40":"98ea6ab86d8c435e5ce187cff8e245094b19af61b425610474de0582314994c1","loans:40":"713167cae06874aeb3f791ab2d31bf7a02bb6998e46f2421aea89161084fbf9e"},"due_on":"2026-10-14","os_user":"root","personal_data":false,"staff_code":"S1033","tag":"LT-0040","trip":null}', '6ed8338543d096e587d1f4e40c3d151a64c4b80b27ccf2dd71d7c897dc47a0e4', 'e645c8805d3f1c824e06171fe7d365d88e7853eefc7b0d8610850a313188ec15');
INSERT INTO public.audit_events VALUES (83, 83, '2026-09-24 20:40:17.803716+00', 'bootstrap-admin', 'checkin', 'loans', '40', '{"_rows":{"assets:40":"e755d3670b7967c712d8d0824f2074d4cae4c8e2a78061fda177dce1d2ffbdde","loans:40":"ebffab4b1e025b3ab0e257e76d0f1cc2c1acd62a3d787ab0794961e550985f1b"},"condition":"ok","note":null,"os_user":"root","staff_code":"S1033","tag":"LT-0040"}', 'e645c8805d3f1c824e06171fe7d365d88e7853eefc7b0d8610850a313188ec15', '63bfbc3d8c670f7dc0037af260bc15a678cc80d496b0b34f94939be93d73bbb4');
INSERT INTO public.audit_events VALUES (133, 133, '2026-12-06 20:40:17.803716+00', 'bootstrap-admin', 'encryption_check', 'encryption_checks', '91', '{"_rows":{"encryption_checks:91":"df409e13e29a403c0e00cad3cf113827e366c7636096e7f8092e53f21629b205"},"encrypted":true,"method":"bitlocker","note":"verified at the desk","os_user":"root","tag":"LT-0042"}', 'd7604a48b2f7f7bf15dff94ede253234dffe6195f815d67e25bfe5c276eede96', 'b49c804592d4220b24067a3801912b86b8a5048e87cf1445a7c3a97b1b14325c');
INSERT INTO public.audit_events VALUES (84, 84, '2026-10-22 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '41', '{"_rows":{"assets:41":"2cc09de0d96060ddb5eb04fab483b912ccffebdf12c2b4c58c389ef2f8b807a8","loans:41":"2efb40aa6a6fc1a54a336f728f543425a2d1ac779ad624d1975733e750866e35"},"due_on":"2026-11-21","os_user":"root","personal_data":false,"staff_code":"S1001","tag":"LT-0041","trip":null}', '63bfbc3d8c670f7dc0037af260bc15a678cc80d496b0b34f94939be93d73bbb4', '50719ff71d805cddf49e7bace48a24432ce05a44bdd8d7aa3291a783e9d7df6f');
INSERT INTO public.audit_events VALUES (85, 85, '2026-11-28 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '42', '{"_rows":{"assets:42":"7c3a62f6694f3442ce660d63b1610be7a6a4c98dfbc37a231fba9522dbe56900","loans:42":"abb3332b639bc74fd9abac88465fea3cdedbe47278db3da58cfe2741daea8ec8"},"due_on":"2026-12-28","os_user":"root","personal_data":true,"staff_code":"S1002","tag":"LT-0042","trip":null}', '50719ff71d805cddf49e7bace48a24432ce05a44bdd8d7aa3291a783e9d7df6f', 'ae8a2438afd6db8c88ff3cf8e1c883b31ccca32b1790b28a4bdf4b3307c6313b');
INSERT INTO public.audit_events VALUES (86, 86, '2026-12-03 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '43', '{"_rows":{"assets:43":"0634611124b01b0c9b0d1cf7cebe447ba12ba1051ac229dfa21abd31a21ecc56","loans:43":"be48476067aea3c41dd088f4c5286d9057277ae670387b2f8ba68aec91cfd29a"},"due_on":"2027-01-02","os_user":"root","personal_data":true,"staff_code":"S1003","tag":"LT-0043","trip":null}', 'ae8a2438afd6db8c88ff3cf8e1c883b31ccca32b1790b28a4bdf4b3307c6313b', '8338ec52a9dc39f3e65b944b3e2284a40d85867cd9218e2fb5efc1f3cf0dc939');
INSERT INTO public.audit_events VALUES (87, 87, '2026-11-30 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '44', '{"_rows":{"assets:44":"1772afeff937cc3756056288c59bfea75baeb05d63d548ff8b925c415ef656dd","loans:44":"ea9ce4c39583f91b291a782c106e69a3d83d9eafac0284e4984891b94d62608e"},"due_on":"2026-12-30","os_user":"root","personal_data":false,"staff_code":"S1004","tag":"LT-0044","trip":null}', '8338ec52a9dc39f3e65b944b3e2284a40d85867cd9218e2fb5efc1f3cf0dc939', 'f31db76fda694f2dab780ec461e8378c382b392e42060a89ba023873e2347191');
INSERT INTO public.audit_events VALUES (88, 88, '2026-11-28 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '45', '{"_rows":{"assets:45":"456c750ddcbfb136c199d2a26d10d0df9f94007811a5e76924ecfaa7572530c8","loans:45":"9f628a65f52da1442c6b29c85c538fc6bfb892224ae0996efbcad3ecca79f01f"},"due_on":"2026-12-28","os_user":"root","personal_data":true,"staff_code":"S1005","tag":"LT-0045","trip":null}', 'f31db76fda694f2dab780ec461e8378c382b392e42060a89ba023873e2347191', '10bafb71903c85b8dbb2e00a96eaf063abe2a1bed2503bf58775ec33835e294d');
INSERT INTO public.audit_events VALUES (89, 89, '2026-10-22 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '46', '{"_rows":{"assets:46":"20a9f5b255956d1b7cd14753e44dc5b287995c17529f2e987bfadc332cf833fa","loans:46":"6ce889d10c7c99b5a3d337bd430135eb662d056b443f34fd7aaa69d8dc56795d"},"due_on":"2026-11-21","os_user":"root","personal_data":true,"staff_code":"S1006","tag":"LT-0046","trip":null}', '10bafb71903c85b8dbb2e00a96eaf063abe2a1bed2503bf58775ec33835e294d', 'b61f01bbf8f2ef7b4f5ab0e5aea7ad413199576cd6867322f6c06eb7e606bdfc');
INSERT INTO public.audit_events VALUES (90, 90, '2026-11-26 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '47', '{"_rows":{"assets:47":"881282eb8b54d5a587e68fa730de9745bc1f6068a518e52808ab4f6b824cc130","loans:47":"b7a3052e754e04c19a3d9e59847a760a17623a2c61fc7e4c2a7fa40eb10ec334"},"due_on":"2026-12-26","os_user":"root","personal_data":false,"staff_code":"S1007","tag":"LT-0047","trip":null}', 'b61f01bbf8f2ef7b4f5ab0e5aea7ad413199576cd6867322f6c06eb7e606bdfc', 'ba849847b4fa4679a3e670edbd51d7c51d684c9934b37d1e5b721f4a0cbd6717');
INSERT INTO public.audit_events VALUES (91, 91, '2026-11-25 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '48', '{"_rows":{"assets:48":"f31ba02ce94f9d69a7bc26f3c6431576be918b74a4aef78a57fd472ee198d351","loans:48":"d4b095eee0bdc117b310fb922bdf575b3bae532c997ca7aa87331f140ae82519"},"due_on":"2026-12-25","os_user":"root","personal_data":false,"staff_code":"S1008","tag":"LT-0048","trip":null}', 'ba849847b4fa4679a3e670edbd51d7c51d684c9934b37d1e5b721f4a0cbd6717', 'c8c412a8be2e630f328bb69f4b43803a41105690281161b964f79853c682b129');
INSERT INTO public.audit_events VALUES (92, 92, '2026-11-20 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '49', '{"_rows":{"assets:49":"48f99aaa73510e1b08ca176d613f423f644b5a3a793b9d0a489bc8565d629061","loans:49":"523fc905ca88c754c9bdaf66627a429144c970a4841168c8c684452a0e074941"},"due_on":"2026-12-20","os_user":"root","personal_data":true,"staff_code":"S1009","tag":"LT-0049","trip":null}', 'c8c412a8be2e630f328bb69f4b43803a41105690281161b964f79853c682b129', '924938bebe45e7767060da14c756c6a2517f0a0275aa3702c7d4299ea714e0bc');
INSERT INTO public.audit_events VALUES (93, 93, '2026-12-03 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '50', '{"_rows":{"assets:50":"0828cf27284733f8465ead87bc100f2db9ebb2b56ec753f26a7b005ce798ebe8","loans:50":"a25fdd28540eddf46b2075c36cd7f8fa096323fc7ff43f4f499ac6b93e6baf44"},"due_on":"2027-01-02","os_user":"root","personal_data":true,"staff_code":"S1010","tag":"LT-0050","trip":null}', '924938bebe45e7767060da14c756c6a2517f0a0275aa3702c7d4299ea714e0bc', '47224ee18ddc8b4eae4006860a3899ccfb205abf6bbd78f5e785d609abda3cd4');
INSERT INTO public.audit_events VALUES (94, 94, '2026-10-22 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '51', '{"_rows":{"assets:51":"18b541c0bdb47b92551e4ba3d7441057b540a6fc7a8f48902fba480509e248e5","loans:51":"bc2254e33d2dd0c75443a76beea25a9c71fd3e84ed4e78d45c5b62133fed802e"},"due_on":"2026-11-21","os_user":"root","personal_data":true,"staff_code":"S1011","tag":"LT-0051","trip":null}', '47224ee18ddc8b4eae4006860a3899ccfb205abf6bbd78f5e785d609abda3cd4', 'fab911e15c40d4ca219b7d26bc3019e0249cffc12cd9ad03c8dae960499a870c');
INSERT INTO public.audit_events VALUES (95, 95, '2026-11-25 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '52', '{"_rows":{"assets:52":"65433c8a5b2c34916fc7d9d3feb8113e19582779d97f5ff7f60fd29f8882d54e","loans:52":"96d410881dee77a41d3e71df9e925162016ed0cf0a9fb76b05b08308518f432c"},"due_on":"2026-12-25","os_user":"root","personal_data":true,"staff_code":"S1012","tag":"LT-0052","trip":null}', 'fab911e15c40d4ca219b7d26bc3019e0249cffc12cd9ad03c8dae960499a870c', '59a007cbdd6109770b66b9d34a43f524aea0fd845652648981f02562ba8030bc');
INSERT INTO public.audit_events VALUES (96, 96, '2026-11-17 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '53', '{"_rows":{"assets:53":"3c10fa1ac1b03b538705c1bac4e620433439ea4933848c5eba9cb5187f4aec25","loans:53":"0fda2a0898c236844b6c8adce697b9931fffe90ef3a06a87e4fb92ef8ada57fe"},"due_on":"2026-12-17","os_user":"root","personal_data":true,"staff_code":"S1013","tag":"LT-0053","trip":null}', '59a007cbdd6109770b66b9d34a43f524aea0fd845652648981f02562ba8030bc', '6145c9aeb2a2fc8d3d5d89466ef3cd9015f217da2b2f40cdb6eaca25e4e1743e');
INSERT INTO public.audit_events VALUES (97, 97, '2026-12-04 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '54', '{"_rows":{"assets:54":"725a81d52ce52c98d88760bbef7487bdf7ece73f29db5ce7621eb13fa26f31e7","loans:54":"91ad41b5fae5dcf02daeb138fe8907b58fd639d262419de9b676c9a90c50fb89"},"due_on":"2027-01-03","os_user":"root","personal_data":true,"staff_code":"S1014","tag":"LT-0054","trip":null}', '6145c9aeb2a2fc8d3d5d89466ef3cd9015f217da2b2f40cdb6eaca25e4e1743e', 'ac9cfd7939a077d7f69cd48d13f803b92bd3745f6d764357e5b7bce9787ce6db');
INSERT INTO public.audit_events VALUES (98, 98, '2026-11-30 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '55', '{"_rows":{"assets:55":"590cdc3fc98035ae2669f65120dcacc84c3c9d28bb7b045e5cb6f3c63a15ab5a","loans:55":"22d0bb44f91b06f1a52f46d9149d50ad46b59d5823498dd69704eff93d84e661"},"due_on":"2026-12-30","os_user":"root","personal_data":true,"staff_code":"S1015","tag":"LT-0055","trip":null}', 'ac9cfd7939a077d7f69cd48d13f803b92bd3745f6d764357e5b7bce9787ce6db', '87c9a69106215f6658081a4dff5958e41ee8269f2e5e169018f6b2c9dbc17964');
INSERT INTO public.audit_events VALUES (99, 99, '2026-10-22 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '56', '{"_rows":{"assets:56":"d883519afe888d566e93d0a5a3370a24a8da30c50a21ce3d063a7d836e81046f","loans:56":"1c274ea073a92bb084f4f8c6bc358daaada03562100d0ac318d2a1ff3772c56a"},"due_on":"2026-11-21","os_user":"root","personal_data":false,"staff_code":"S1016","tag":"LT-0056","trip":null}', '87c9a69106215f6658081a4dff5958e41ee8269f2e5e169018f6b2c9dbc17964', '5f0d934326ce7e2410d8b0e2a4a8eb8f5c6bd1501cfb1dd075ac4c92c683133c');
INSERT INTO public.audit_events VALUES (100, 100, '2026-11-24 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '57', '{"_rows":{"assets:57":"e69ec2b2e9b6bc34f51998ffcb9904c398ff93cfc3e606aecc0eab2032df276f","loans:57":"872ddde900df5c6694e7ca823c2861a6de4e7d6abd535ff7197c43489da1e600"},"due_on":"2026-12-24","os_user":"root","personal_data":false,"staff_code":"S1017","tag":"LT-0057","trip":null}', '5f0d934326ce7e2410d8b0e2a4a8eb8f5c6bd1501cfb1dd075ac4c92c683133c', '4ca3d259c7ca8e58205ebdc3159cf5955a2b2b337a7b52be11534400df95efaf');
INSERT INTO public.audit_events VALUES (101, 101, '2026-11-17 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '58', '{"_rows":{"assets:58":"f3a7ebd2e46ad0a6b1a35ac4a8f30e4e5d74c6b83806e9ef6538616b613c714c","loans:58":"f1c0d87862058bacc919e9a34a55511f35a312518b92d35c8cfd89c13064e1b3"},"due_on":"2026-12-17","os_user":"root","personal_data":false,"staff_code":"S1018","tag":"LT-0058","trip":null}', '4ca3d259c7ca8e58205ebdc3159cf5955a2b2b337a7b52be11534400df95efaf', '63d256f00626702edba4aeb37931e19f3a74826c4ad2c5ea866cc7153b7e16f9');
INSERT INTO public.audit_events VALUES (102, 102, '2026-11-28 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '59', '{"_rows":{"assets:59":"0407ffb0a6c55d18efe637b3ee53ad7ab69d00fe71c0ac277a0d675823008a0d","loans:59":"76bbc4d88a3398031a5c9db217ea9f3f75fd101d9ff70be3c0184531ea3822ca"},"due_on":"2026-12-28","os_user":"root","personal_data":true,"staff_code":"S1019","tag":"LT-0059","trip":null}', '63d256f00626702edba4aeb37931e19f3a74826c4ad2c5ea866cc7153b7e16f9', '6a121401220e39813562f3ded6671c9b0007e100ee53e028f1e20cc193378b06');
INSERT INTO public.audit_events VALUES (103, 103, '2026-11-27 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '60', '{"_rows":{"assets:60":"7e9143d56c0bb695c681e17d1963d49c63ef977ecf4825a36c683f633f993016","loans:60":"c0bef8028f4d0c0e8305eb6cfa87296a1bd6c6192d64fbc825cbed32308bc597"},"due_on":"2026-12-27","os_user":"root","personal_data":false,"staff_code":"S1020","tag":"LT-0060","trip":null}', '6a121401220e39813562f3ded6671c9b0007e100ee53e028f1e20cc193378b06', '4c907fc7fd8697c17319aea6e6121988e18ad77d2e69e1a5f72d8163703671e5');
INSERT INTO public.audit_events VALUES (104, 104, '2026-10-22 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '61', '{"_rows":{"assets:61":"8ea5135554be098e0b336b3db1d3b54b26a708b20b31ba870044e76193e79210","loans:61":"6e0385b133457e80479baed723fdfad956420eb887672aec8bb43d49776f6b3c"},"due_on":"2026-11-21","os_user":"root","personal_data":false,"staff_code":"S1021","tag":"TB-0001","trip":null}', '4c907fc7fd8697c17319aea6e6121988e18ad77d2e69e1a5f72d8163703671e5', 'c49b96112f608dddf3910b1b024aa4ee153d681f5c16eb1edc377d2db29201ff');
INSERT INTO public.audit_events VALUES (105, 105, '2026-11-25 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '62', '{"_rows":{"assets:62":"37f52087a8b9c5e1546b64b7d689c912d120d0edb4847f18a787edbeade97d26","loans:62":"0ae566f5082778926cf0fd0d11c1c6db48957574a0beb25eae352240be3c40cd"},"due_on":"2026-12-25","os_user":"root","personal_data":true,"staff_code":"S1022","tag":"TB-0002","trip":null}', 'c49b96112f608dddf3910b1b024aa4ee153d681f5c16eb1edc377d2db29201ff', '81f435febda002b770d08d5ccedc08a3e10472527772cf6cf4fb46cb2bdd27f5');
INSERT INTO public.audit_events VALUES (106, 106, '2026-11-26 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '63', '{"_rows":{"assets:63":"1e64e628d55b09f456c88d1c06fedf547cb0c5aae4f79d634bfe8292b9a18eec","loans:63":"ee8ebb1c3edd44adadbf64eebf0124a29d0f5c6308cf286886b268eccc1e241e"},"due_on":"2026-12-26","os_user":"root","personal_data":true,"staff_code":"S1023","tag":"TB-0003","trip":null}', '81f435febda002b770d08d5ccedc08a3e10472527772cf6cf4fb46cb2bdd27f5', 'e5c90ddcc893d6a9195bd62c5f8716ad96a16083ffc5d7f12fb7d32b732f7122');
INSERT INTO public.audit_events VALUES (107, 107, '2026-11-25 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '64', '{"_rows":{"assets:64":"2c165d61a9e4cecc12a31d96b609a1936faf55754fbee4dbb327437cf3774623","loans:64":"3789f63d503d85a06e3860665ad71dfce604d78517d18b5004f8326348f17f2f"},"due_on":"2026-12-25","os_user":"root","personal_data":true,"staff_code":"S1024","tag":"TB-0004","trip":null}', 'e5c90ddcc893d6a9195bd62c5f8716ad96a16083ffc5d7f12fb7d32b732f7122', '03c9cb1384453d7f499992a28d90d28e18bd09f3cdbebe4853bca56424a1fd37');
INSERT INTO public.audit_events VALUES (108, 108, '2026-12-05 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '65', '{"_rows":{"assets:65":"948a814d079205a057b1a4086032068ecaca56b785e9261ae7af3abe5cd80d9f","loans:65":"2dbb40e280be4a632fc8becdc38021e7e9900024bd33fc1dd13fc0c5473f4d6e"},"due_on":"2027-01-04","os_user":"root","personal_data":true,"staff_code":"S1025","tag":"TB-0005","trip":null}', '03c9cb1384453d7f499992a28d90d28e18bd09f3cdbebe4853bca56424a1fd37', '50a440ea895018466ba40121f02517fdfdcd902482f4b510f77fd946d9d62bf3');
INSERT INTO public.audit_events VALUES (109, 109, '2026-10-22 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '66', '{"_rows":{"assets:66":"4df18a328198fdb805601a5039731f21068d3164d17cb5f548a8a343327654d4","loans:66":"c4a1ac95463ad3127adce40784e2d4d17b5d3ee59d954c32ea3316a033f853d7"},"due_on":"2026-11-21","os_user":"root","personal_data":true,"staff_code":"S1026","tag":"TB-0006","trip":null}', '50a440ea895018466ba40121f02517fdfdcd902482f4b510f77fd946d9d62bf3', 'bda74a5b000c78765e05598fac560997ac9a4d3f7099dc204e997ddbb72c335c');
INSERT INTO public.audit_events VALUES (110, 110, '2026-11-25 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '67', '{"_rows":{"assets:67":"1a195c0f68e79cdff4222e282e9ff7a9dc2fab495aa48bb5947db00dd7a76f5e","loans:67":"86749280e6ac1ea94d49d96ad2345959d713eeb81a1c1fde796decfc91fb7c50"},"due_on":"2026-12-25","os_user":"root","personal_data":false,"staff_code":"S1027","tag":"TB-0007","trip":null}', 'bda74a5b000c78765e05598fac560997ac9a4d3f7099dc204e997ddbb72c335c', 'a1fa1984ec88a714148c8b592ab643cfcf94216307d277fe23987724b72913ac');
INSERT INTO public.audit_events VALUES (111, 111, '2026-12-01 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '68', '{"_rows":{"assets:68":"011391ec97eded50d8044fa4b8b8db2ce24140687e638251e2a9bd5a8bc1834f","loans:68":"87528f461db3d7b1add7a4cc9c78f68bc5a1078ab1762658e790cc3b28f7cf58"},"due_on":"2026-12-31","os_user":"root","personal_data":true,"staff_code":"S1028","tag":"TB-0008","trip":null}', 'a1fa1984ec88a714148c8b592ab643cfcf94216307d277fe23987724b72913ac', '2b0531396b4fa7396b6771025072ea7e06119cda0f4cfaafa7837c927f4d6f63');
INSERT INTO public.audit_events VALUES (112, 112, '2026-11-20 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '69', '{"_rows":{"assets:69":"a5f9a9adb62ed5e70f6088e8917f9a4692ed06aa7674f61ec2d5ea425924fb68","loans:69":"678dd1a16e293e1bcde1631bb911599e2aa11c9c5b701bd5535bbf59dde8bb68"},"due_on":"2026-12-20","os_user":"root","personal_data":true,"staff_code":"S1029","tag":"TB-0009","trip":null}', '2b0531396b4fa7396b6771025072ea7e06119cda0f4cfaafa7837c927f4d6f63', '873fcc2006426be7a6ae5c9e451a82f107e3d05f613d2bb469ab8e4fac7ca12c');
INSERT INTO public.audit_events VALUES (113, 113, '2026-11-20 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '70', '{"_rows":{"assets:70":"88f139c394a435b418ea42b9c3e62c0101098b37e80f10aa3b249dcd8617d3bb","loans:70":"1194331b6694e495eda4667b0e91f2deb4188a862ba825ef8cc875f6c1c5ceb5"},"due_on":"2026-12-20","os_user":"root","personal_data":true,"staff_code":"S1030","tag":"TB-0010","trip":null}', '873fcc2006426be7a6ae5c9e451a82f107e3d05f613d2bb469ab8e4fac7ca12c', 'ba6cb8096347a9d11222f1f5de699f9d8a54076baca559d5b3e2c46a12bbdc35');
INSERT INTO public.audit_events VALUES (114, 114, '2026-08-28 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '71', '{"_rows":{"assets:71":"921174d4e99f48752269116871a0cb9e5c1d575caac79fb6b2303388a943643a","loans:71":"c8a49b3b7abe75daf9cc1f3d98671a5528f3452eef3285580e8ea82d9c5df423"},"due_on":"2026-09-27","os_user":"root","personal_data":false,"staff_code":"S1002","tag":"TB-0011","trip":null}', 'ba6cb8096347a9d11222f1f5de699f9d8a54076baca559d5b3e2c46a12bbdc35', 'f6a709f2ba689060b9808ed760685a8e3173cc6707b50ab041fcd828ff619e9b');
INSERT INTO public.audit_events VALUES (115, 115, '2026-08-28 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '72', '{"_rows":{"assets:72":"d2b8cce99a9c311026c85e6a5cbe421e7a4b2314e4bab5c8b4202569935c9a20","loans:72":"911da132da1aa2d123ba5382a7ce80e840be4519ac1d43bac42650900596df6b"},"due_on":"2026-09-27","os_user":"root","personal_data":false,"staff_code":"S1002","tag":"TB-0012","trip":null}', 'f6a709f2ba689060b9808ed760685a8e3173cc6707b50ab041fcd828ff619e9b', 'bc77d4a09e1ee88c18ca9c2b10820506536282d47cf5029074ad1d898f573da5');
INSERT INTO public.audit_events VALUES (116, 116, '2026-08-28 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '73', '{"_rows":{"assets:73":"636bd8ca653221b6e62f07b920a208ce1428c578e6f1a30a8f82da78cc581702","loans:73":"d93eae014962ac8bd8303b749c04713b4fdc07f8a7c37d62fa6a6665a12af92e"},"due_on":"2026-09-27","os_user":"root","personal_data":false,"staff_code":"S1003","tag":"TB-0013","trip":null}', 'bc77d4a09e1ee88c18ca9c2b10820506536282d47cf5029074ad1d898f573da5', 'ada9d2e208427808f55e6524345f0ea7549a616ed19abe59ccf938d3a11e1f31');
INSERT INTO public.audit_events VALUES (117, 117, '2026-08-28 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '74', '{"_rows":{"assets:74":"a29006c4b1881a28850ff9cd4b288f9e88a73c531eb8591d9e5701587453db26","loans:74":"7752085d8a7f57f729590f4944d995ed3e2d9f0dc5f6b77ed3976442e2661ca0"},"due_on":"2026-09-27","os_user":"root","personal_data":false,"staff_code":"S1003","tag":"TB-0014","trip":null}', 'ada9d2e208427808f55e6524345f0ea7549a616ed19abe59ccf938d3a11e1f31', '1c120ef228147cd06678a347d19e83376e2f88bc32016bbe520f12bf7c716e81');
INSERT INTO public.audit_events VALUES (118, 118, '2026-12-06 20:40:17.803716+00', 'bootstrap-admin', 'person_leaving', 'people', '2', '{"leaving_date":"2026-12-18","os_user":"root","staff_code":"S1002"}', '1c120ef228147cd06678a347d19e83376e2f88bc32016bbe520f12bf7c716e81', 'f815635340a323770d590a8b47600852b8bb49ed9ca872c5ca7e8a9887e1a034');
INSERT INTO public.audit_events VALUES (119, 119, '2026-12-06 20:40:17.803716+00', 'bootstrap-admin', 'person_leaving', 'people', '3', '{"_rows":{"people:2":"654def3c0d6365e893d3b878a42edb3bfe653d5e732c2f61643bc3bc36a98d6e","people:3":"d0bde510baa3beea37461fd8fccd02cd4ded14c24a08c9418d351682c6c5f465"},"leaving_date":"2026-12-09","os_user":"root","staff_code":"S1003"}', 'f815635340a323770d590a8b47600852b8bb49ed9ca872c5ca7e8a9887e1a034', '50ea5be5ff5caad619d4d566b08356a377ebafb179b5c1153bfae3cc31cb4731');
INSERT INTO public.audit_events VALUES (120, 120, '2026-12-06 20:40:17.803716+00', 'bootstrap-admin', 'trip_created', 'trips', '1', '{"_rows":{"trips:1":"69ea39bd6a0b4d4954bca612ab29b91f6a769c3d681eaabb623e3d30b6a3841a"},"destination":"Snowdonia","end":"2026-12-08","leader":"S1004","name":"Year 9 Geography field trip","os_user":"root","start":"2026-12-05"}', '50ea5be5ff5caad619d4d566b08356a377ebafb179b5c1153bfae3cc31cb4731', '5a59aeb4a50677a497ef358b2a422d129e1d18c95fd75ac15af657f94a810fd3');
INSERT INTO public.audit_events VALUES (121, 121, '2026-12-06 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '75', '{"due_on":"2026-12-08","os_user":"root","personal_data":false,"staff_code":"S1004","tag":"PH-0001","trip":"Year 9 Geography field trip"}', '5a59aeb4a50677a497ef358b2a422d129e1d18c95fd75ac15af657f94a810fd3', '6517dca98518ad3db77781a2affdff0a9bb911c774d8284b469d7e6e38ae26e9');
INSERT INTO public.audit_events VALUES (122, 122, '2026-12-06 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '76', '{"due_on":"2026-12-08","os_user":"root","personal_data":false,"staff_code":"S1004","tag":"PH-0002","trip":"Year 9 Geography field trip"}', '6517dca98518ad3db77781a2affdff0a9bb911c774d8284b469d7e6e38ae26e9', 'e0d35838501d49f6901be6b1f7ff1e4412eb268b624f36c5b7302fea9f943144');
INSERT INTO public.audit_events VALUES (123, 123, '2026-12-06 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '77', '{"due_on":"2026-12-08","os_user":"root","personal_data":false,"staff_code":"S1004","tag":"PH-0003","trip":"Year 9 Geography field trip"}', 'e0d35838501d49f6901be6b1f7ff1e4412eb268b624f36c5b7302fea9f943144', '80608962e092195a6077ca0fe1ce90ab80085e9f6b8caafe86a08886b1c9bd56');
INSERT INTO public.audit_events VALUES (124, 124, '2026-12-06 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '78', '{"due_on":"2026-12-08","os_user":"root","personal_data":false,"staff_code":"S1004","tag":"PH-0004","trip":"Year 9 Geography field trip"}', '80608962e092195a6077ca0fe1ce90ab80085e9f6b8caafe86a08886b1c9bd56', '6992d685052e0c9252faf546a845a2cb1e31184f7d8c62039b1303db1b961f72');
INSERT INTO public.audit_events VALUES (125, 125, '2026-12-06 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '79', '{"due_on":"2026-12-08","os_user":"root","personal_data":false,"staff_code":"S1004","tag":"PH-0005","trip":"Year 9 Geography field trip"}', '6992d685052e0c9252faf546a845a2cb1e31184f7d8c62039b1303db1b961f72', 'c0489a8a24995b3b37ecdf97266e1d44ddabf3c243261eb3a31996ac3fd52e03');
INSERT INTO public.audit_events VALUES (126, 126, '2026-12-06 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '80', '{"_rows":{"assets:85":"4178f78f1106acf54d450038c68752da14cb1e87aff29d070ef28a39f096e7ee","assets:86":"bd269440b052574581abcd57fcb04727453262abf928a352a9d9dbfccb7aa0f9","assets:87":"a8e507dcb752e45b59530122c652ccf468670fcb72a043487d87317c0e99a9f8","assets:88":"5f24caa60345f0250af8e3a3fb229c57201e465612699be02c0c12fd476eb5ce","assets:89":"3f643459e975043b16d11556f8894b0026fcbec8032d545ed03b4e33d1185e41","assets:90":"b8c67519a116ff3fc4bf0f58918c7c3565ba2c15fd58404778d0f99297f128c7","loans:75":"3a98bb5524ad53c0c0058c65a0c5a19a04304474c14d5b79a455825ea2048029","loans:76":"2c1c431c93b2f5d98d171a06bc71026bb64c843b4eb0e430e23e80afa92e9398","loans:77":"23b41766b4e4f3a3186eb12b6581e58c7f542967d662b0cc029f46aa84d0beee","loans:78":"e072c86d28f765fae5a6a120d5501532eb76c0ee94e464a832ae8af33555db06","loans:79":"bcc814632353258d4a347859d114b200b10081a2c0f06c553461c8e03a0994ff","loans:80":"6a8dc7de5204a78e50eba25f8081d821c0669ccdd8feb710a1177562b91ba778"},"due_on":"2026-12-08","os_user":"root","personal_data":false,"staff_code":"S1004","tag":"PH-0006","trip":"Year 9 Geography field trip"}', 'c0489a8a24995b3b37ecdf97266e1d44ddabf3c243261eb3a31996ac3fd52e03', '046ab797d5e82478411c873a668d883951bc67c25d000c76d2d631dde3713a9e');
INSERT INTO public.audit_events VALUES (127, 127, '2026-11-06 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '81', '{"_rows":{"assets:75":"98c8d30c1f7c178be87dd77f738ac3904b9e08513b7676ce766180f7e40c52f9","loans:81":"8532cffb038081aba55cd00acad445981221e2c7246e0d3715f7d08b0bf88a0c"},"due_on":"2026-12-06","os_user":"root","personal_data":false,"staff_code":"S1060","tag":"TB-0015","trip":null}', '046ab797d5e82478411c873a668d883951bc67c25d000c76d2d631dde3713a9e', '283d98512be69785150e584aad832ff44c47164160754b07d3b0a5b777f40f3c');
INSERT INTO public.audit_events VALUES (128, 128, '2026-11-06 20:40:17.803716+00', 'bootstrap-admin', 'checkout', 'loans', '82', '{"_rows":{"assets:76":"bb9c842b55a9a504ed992db7a37da85dd8297f02476e78a1c3e9760784c294a2","loans:82":"42928760ceb48e044fece819b73ec0293c2ba72b5439975954556af90b5b1372"},"due_on":"2026-12-06","os_user":"root","personal_data":false,"staff_code":"S1060","tag":"TB-0016","trip":null}', '283d98512be69785150e584aad832ff44c47164160754b07d3b0a5b777f40f3c', '97a5f34e23b3f5458166c6a65d1033f90a446a80410d68422a5b9e767fb6ae8a');
INSERT INTO public.audit_events VALUES (129, 129, '2026-12-04 20:40:17.803716+00', 'bootstrap-admin', 'incident_opened', 'incidents', '2', '{"kind":"lost","os_user":"root","tag":"TB-0016"}', '97a5f34e23b3f5458166c6a65d1033f90a446a80410d68422a5b9e767fb6ae8a', 'a5ab7034de3d1afac9d3f86969fc76f3562a65a3c2d77ffe67d089aa138c6c52');
INSERT INTO public.audit_events VALUES (130, 130, '2026-12-04 20:40:17.803716+00', 'bootstrap-admin', 'leaver_return', 'receipts', '1', '{"_rows":{"assets:75":"b31b7bc34ce7a1941799d8ae57033fd54660b607b387f19596d649c1209aaa2f","assets:76":"b3959127a0ab8bf2a398ebddc911249d1ae384b609e99dbc272eb61ae878bccc","incidents:2":"1dbda7639c65e3dda6db419bc79c299b36ddb2951d26ad982107ea5f99d4f472","loans:81":"6f697282b13eccd1b58f5656561bcd871e7f3613b8bb8d2845b872d764782fc0","loans:82":"bec293c0fe0089e4589f1cb941f15e4c3ff21152ca99867f57077317266a3483","people:60":"f5fdb071865f800a7a3d3b1d84a106b70ac8d48e90bc5b82c038eff30292505a","receipts:1":"404f720a7951942cb377ce224c8e8241c14d04f2c75536f80c78c47ccd0acc0d"},"not_returned":["TB-0016"],"number":"R-2026-0001","os_user":"root","previous_leaving_date":null,"previous_status":"active","returned":["TB-0015"],"sha256":"ff9f126f68157aefd8a9768b99c03fe863d8d17eef4a1d10123fc6fb2ed51a48","staff_code":"S1060"}', 'a5ab7034de3d1afac9d3f86969fc76f3562a65a3c2d77ffe67d089aa138c6c52', 'ca65f455aa0f5b4772c7ab4b0c0658b217e0fe49b7f8b4e64c37c2861c4a82c7');
INSERT INTO public.audit_events VALUES (131, 131, '2026-12-04 20:40:17.803716+00', 'bootstrap-admin', 'incident_opened', 'incidents', '3', '{"kind":"lost","os_user":"root","tag":"PH-0011"}', 'ca65f455aa0f5b4772c7ab4b0c0658b217e0fe49b7f8b4e64c37c2861c4a82c7', 'a190f07f966eaabb026f27b27932bcf352caafc5454415ca8f602f33558b219a');


--
-- Data for Name: audit_head; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.audit_head VALUES (1, 133, 'b49c804592d4220b24067a3801912b86b8a5048e87cf1445a7c3a97b1b14325c');


--
-- Data for Name: encryption_checks; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.encryption_checks VALUES (1, 1, true, 'bitlocker', '2026-04-30 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (2, 3, true, 'filevault', '2026-03-18 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (3, 4, true, 'bitlocker', '2026-09-18 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (4, 5, true, 'bitlocker', '2026-04-23 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (5, 6, true, 'bitlocker', '2026-02-24 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (6, 7, true, 'filevault', '2026-07-29 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (7, 8, false, NULL, '2026-10-19 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (8, 9, true, 'bitlocker', '2026-08-23 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (9, 10, true, 'bitlocker', '2026-03-10 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (10, 11, true, 'bitlocker', '2026-08-30 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (11, 12, true, 'bitlocker', '2026-11-06 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (12, 13, true, 'bitlocker', '2026-08-17 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (13, 14, true, 'bitlocker', '2026-07-30 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (14, 15, true, 'filevault', '2026-03-09 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (15, 17, false, NULL, '2026-08-09 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (16, 19, true, 'bitlocker', '2026-06-23 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (17, 20, true, 'bitlocker', '2026-05-07 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (18, 21, true, 'filevault', '2026-07-22 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (19, 22, true, 'bitlocker', '2026-08-28 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (20, 23, true, 'bitlocker', '2026-02-27 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (21, 24, true, 'bitlocker', '2026-07-23 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (22, 25, true, 'bitlocker', '2026-09-18 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (23, 26, true, 'bitlocker', '2026-06-23 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (24, 27, false, NULL, '2026-09-26 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (25, 28, true, 'bitlocker', '2026-09-08 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (26, 29, true, 'bitlocker', '2026-09-02 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (27, 30, true, 'filevault', '2026-05-16 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (28, 31, true, 'bitlocker', '2026-03-04 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (29, 32, true, 'bitlocker', '2026-02-22 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (30, 33, true, 'filevault', '2026-03-29 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (31, 34, true, 'bitlocker', '2026-03-09 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (32, 35, false, NULL, '2026-09-22 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (33, 36, false, NULL, '2026-10-19 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (34, 37, true, 'bitlocker', '2026-08-19 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (35, 38, true, 'bitlocker', '2026-08-29 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (36, 39, true, 'filevault', '2026-03-12 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (37, 41, false, NULL, '2026-10-29 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (38, 42, true, 'bitlocker', '2026-03-21 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (39, 43, true, 'filevault', '2026-08-25 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (40, 44, false, NULL, '2026-07-05 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (41, 45, true, 'bitlocker', '2026-10-29 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (42, 46, true, 'bitlocker', '2026-10-30 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (43, 47, false, NULL, '2026-05-14 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (44, 49, true, 'bitlocker', '2026-03-03 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (45, 50, true, 'bitlocker', '2026-07-10 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (46, 51, true, 'bitlocker', '2026-03-06 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (47, 52, true, 'bitlocker', '2026-02-26 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (48, 53, true, 'bitlocker', '2026-09-28 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (49, 54, true, 'filevault', '2026-04-28 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (50, 55, true, 'filevault', '2026-04-11 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (51, 56, false, NULL, '2026-06-28 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (52, 57, false, NULL, '2026-11-06 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (53, 59, true, 'bitlocker', '2026-06-04 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (54, 62, true, 'ios', '2026-04-12 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (55, 63, true, 'ios', '2026-10-09 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (56, 64, true, 'ios', '2026-02-19 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (57, 65, true, 'ios', '2026-07-21 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (58, 66, true, 'ios', '2026-08-31 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (59, 68, true, 'ios', '2026-07-09 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (60, 69, true, 'ios', '2026-07-27 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (61, 70, true, 'ios', '2026-09-29 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (62, 71, true, 'ios', '2026-07-28 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (63, 72, true, 'ios', '2026-06-07 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (64, 73, true, 'ios', '2026-09-15 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (65, 74, true, 'ios', '2026-10-17 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (66, 75, true, 'ios', '2026-07-17 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (67, 76, true, 'ios', '2026-05-17 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (68, 77, true, 'ios', '2026-08-28 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (69, 79, true, 'ios', '2026-09-07 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (70, 81, true, 'ios', '2026-03-03 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (71, 82, false, NULL, '2026-04-06 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (72, 83, true, 'ios', '2026-03-07 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (73, 85, true, 'ios', '2026-08-11 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (74, 87, true, 'ios', '2026-09-25 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (75, 88, true, 'android', '2026-10-14 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (76, 89, true, 'android', '2026-06-29 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (77, 90, true, 'android', '2026-08-11 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (78, 91, true, 'android', '2026-09-12 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (79, 92, true, 'android', '2026-11-05 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (80, 93, true, 'ios', '2026-02-11 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (81, 94, true, 'android', '2026-03-15 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (82, 95, true, 'android', '2026-07-23 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (83, 96, false, NULL, '2026-08-04 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (84, 97, false, NULL, '2026-07-01 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (85, 100, true, 'android', '2026-05-22 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (86, 101, true, 'android', '2026-05-18 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (87, 102, true, 'ios', '2026-06-15 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (88, 103, true, 'ios', '2026-04-23 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (89, 106, false, NULL, '2026-10-03 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (90, 107, true, 'android', '2026-05-18 20:40:17.803716+00', 'bootstrap-admin', 'demo data');
INSERT INTO public.encryption_checks VALUES (91, 42, true, 'bitlocker', '2026-12-06 20:40:17.803716+00', 'bootstrap-admin', 'verified at the desk');


--
-- Data for Name: incidents; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.incidents VALUES (1, 8, 24, 8, 'damaged', '2026-06-20 20:40:17.803716+00', 'bootstrap-admin', 'cracked hinge', 'open', NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.incidents VALUES (2, 76, 60, 82, 'lost', '2026-12-04 20:40:17.803716+00', 'bootstrap-admin', 'not returned by leaver Siân Sharma (S1060): says it was left in the staff room', 'open', NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.incidents VALUES (3, 95, NULL, NULL, 'lost', '2026-12-04 20:40:17.803716+00', 'bootstrap-admin', 'left on the minibus', 'open', NULL, NULL, NULL, NULL, NULL);


--
-- Data for Name: loans; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.loans VALUES (1, 1, 18, '2026-05-20 20:40:17.803716+00', 'bootstrap-admin', '2026-06-19', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-05-30 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (2, 2, 54, '2026-05-23 20:40:17.803716+00', 'bootstrap-admin', '2026-06-22', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-06-02 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (3, 3, 28, '2026-05-26 20:40:17.803716+00', 'bootstrap-admin', '2026-06-25', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-06-05 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (4, 4, 11, '2026-05-29 20:40:17.803716+00', 'bootstrap-admin', '2026-06-28', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-06-08 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (5, 5, 33, '2026-06-01 20:40:17.803716+00', 'bootstrap-admin', '2026-07-01', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-06-11 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (6, 6, 36, '2026-06-04 20:40:17.803716+00', 'bootstrap-admin', '2026-07-04', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-06-14 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (7, 7, 18, '2026-06-07 20:40:17.803716+00', 'bootstrap-admin', '2026-07-07', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-06-17 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (8, 8, 24, '2026-06-10 20:40:17.803716+00', 'bootstrap-admin', '2026-07-10', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-06-20 20:40:17.803716+00', 'bootstrap-admin', 'damaged', 'returned', 'cracked hinge', NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (9, 9, 14, '2026-06-13 20:40:17.803716+00', 'bootstrap-admin', '2026-07-13', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-06-23 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (10, 10, 10, '2026-06-16 20:40:17.803716+00', 'bootstrap-admin', '2026-07-16', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-06-26 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (11, 11, 19, '2026-06-19 20:40:17.803716+00', 'bootstrap-admin', '2026-07-19', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-06-29 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (12, 12, 3, '2026-06-22 20:40:17.803716+00', 'bootstrap-admin', '2026-07-22', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-07-02 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (13, 13, 31, '2026-06-25 20:40:17.803716+00', 'bootstrap-admin', '2026-07-25', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-07-05 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (14, 14, 21, '2026-06-28 20:40:17.803716+00', 'bootstrap-admin', '2026-07-28', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-07-08 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (15, 15, 38, '2026-07-01 20:40:17.803716+00', 'bootstrap-admin', '2026-07-31', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-07-11 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (16, 16, 11, '2026-07-04 20:40:17.803716+00', 'bootstrap-admin', '2026-08-03', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-07-14 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (17, 17, 54, '2026-07-07 20:40:17.803716+00', 'bootstrap-admin', '2026-08-06', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-07-17 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (18, 18, 7, '2026-07-10 20:40:17.803716+00', 'bootstrap-admin', '2026-08-09', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-07-20 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (19, 19, 46, '2026-07-13 20:40:17.803716+00', 'bootstrap-admin', '2026-08-12', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-07-23 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (20, 20, 52, '2026-07-16 20:40:17.803716+00', 'bootstrap-admin', '2026-08-15', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-07-26 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (21, 21, 60, '2026-07-19 20:40:17.803716+00', 'bootstrap-admin', '2026-08-18', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-07-29 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (22, 22, 6, '2026-07-22 20:40:17.803716+00', 'bootstrap-admin', '2026-08-21', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-08-01 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (23, 23, 15, '2026-07-25 20:40:17.803716+00', 'bootstrap-admin', '2026-08-24', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-08-04 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (24, 24, 7, '2026-07-28 20:40:17.803716+00', 'bootstrap-admin', '2026-08-27', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-08-07 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (25, 25, 5, '2026-07-31 20:40:17.803716+00', 'bootstrap-admin', '2026-08-30', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-08-10 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (26, 26, 13, '2026-08-03 20:40:17.803716+00', 'bootstrap-admin', '2026-09-02', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-08-13 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (27, 27, 34, '2026-08-06 20:40:17.803716+00', 'bootstrap-admin', '2026-09-05', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-08-16 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (28, 28, 34, '2026-08-09 20:40:17.803716+00', 'bootstrap-admin', '2026-09-08', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-08-19 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (29, 29, 38, '2026-08-12 20:40:17.803716+00', 'bootstrap-admin', '2026-09-11', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-08-22 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (30, 30, 20, '2026-08-15 20:40:17.803716+00', 'bootstrap-admin', '2026-09-14', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-08-25 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (31, 31, 47, '2026-08-18 20:40:17.803716+00', 'bootstrap-admin', '2026-09-17', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-08-28 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (32, 32, 19, '2026-08-21 20:40:17.803716+00', 'bootstrap-admin', '2026-09-20', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-08-31 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (33, 33, 26, '2026-08-24 20:40:17.803716+00', 'bootstrap-admin', '2026-09-23', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-09-03 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (34, 34, 35, '2026-08-27 20:40:17.803716+00', 'bootstrap-admin', '2026-09-26', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-09-06 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (35, 35, 20, '2026-08-30 20:40:17.803716+00', 'bootstrap-admin', '2026-09-29', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-09-09 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (36, 36, 48, '2026-09-02 20:40:17.803716+00', 'bootstrap-admin', '2026-10-02', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-09-12 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (37, 37, 20, '2026-09-05 20:40:17.803716+00', 'bootstrap-admin', '2026-10-05', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-09-15 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (38, 38, 38, '2026-09-08 20:40:17.803716+00', 'bootstrap-admin', '2026-10-08', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-09-18 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (39, 39, 17, '2026-09-11 20:40:17.803716+00', 'bootstrap-admin', '2026-10-11', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-09-21 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (40, 40, 33, '2026-09-14 20:40:17.803716+00', 'bootstrap-admin', '2026-10-14', 'demo history', NULL, 'ok', false, NULL, NULL, '2026-09-24 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (41, 41, 1, '2026-10-22 20:40:17.803716+00', 'bootstrap-admin', '2026-11-21', 'Exam admin', NULL, 'ok', false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (42, 42, 2, '2026-11-28 20:40:17.803716+00', 'bootstrap-admin', '2026-12-28', 'Report writing', NULL, 'ok', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (43, 43, 3, '2026-12-03 20:40:17.803716+00', 'bootstrap-admin', '2027-01-02', 'Report writing', NULL, 'ok', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (44, 44, 4, '2026-11-30 20:40:17.803716+00', 'bootstrap-admin', '2026-12-30', 'Department use', NULL, 'ok', false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (45, 45, 5, '2026-11-28 20:40:17.803716+00', 'bootstrap-admin', '2026-12-28', 'Department use', NULL, 'ok', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (46, 46, 6, '2026-10-22 20:40:17.803716+00', 'bootstrap-admin', '2026-11-21', 'Exam admin', NULL, 'ok', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (47, 47, 7, '2026-11-26 20:40:17.803716+00', 'bootstrap-admin', '2026-12-26', 'Lesson planning', NULL, 'ok', false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (48, 48, 8, '2026-11-25 20:40:17.803716+00', 'bootstrap-admin', '2026-12-25', 'Exam admin', NULL, 'ok', false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (49, 49, 9, '2026-11-20 20:40:17.803716+00', 'bootstrap-admin', '2026-12-20', 'Department use', NULL, 'ok', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (50, 50, 10, '2026-12-03 20:40:17.803716+00', 'bootstrap-admin', '2027-01-02', 'Exam admin', NULL, 'ok', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (51, 51, 11, '2026-10-22 20:40:17.803716+00', 'bootstrap-admin', '2026-11-21', 'Report writing', NULL, 'ok', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (52, 52, 12, '2026-11-25 20:40:17.803716+00', 'bootstrap-admin', '2026-12-25', 'Department use', NULL, 'ok', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (53, 53, 13, '2026-11-17 20:40:17.803716+00', 'bootstrap-admin', '2026-12-17', 'Exam admin', NULL, 'ok', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (54, 54, 14, '2026-12-04 20:40:17.803716+00', 'bootstrap-admin', '2027-01-03', 'Report writing', NULL, 'ok', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (55, 55, 15, '2026-11-30 20:40:17.803716+00', 'bootstrap-admin', '2026-12-30', 'Exam admin', NULL, 'ok', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (56, 56, 16, '2026-10-22 20:40:17.803716+00', 'bootstrap-admin', '2026-11-21', 'Lesson planning', NULL, 'ok', false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (57, 57, 17, '2026-11-24 20:40:17.803716+00', 'bootstrap-admin', '2026-12-24', 'Lesson planning', NULL, 'ok', false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (58, 58, 18, '2026-11-17 20:40:17.803716+00', 'bootstrap-admin', '2026-12-17', 'Department use', NULL, 'ok', false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (59, 59, 19, '2026-11-28 20:40:17.803716+00', 'bootstrap-admin', '2026-12-28', 'Report writing', NULL, 'ok', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (60, 60, 20, '2026-11-27 20:40:17.803716+00', 'bootstrap-admin', '2026-12-27', 'Exam admin', NULL, 'ok', false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (61, 61, 21, '2026-10-22 20:40:17.803716+00', 'bootstrap-admin', '2026-11-21', 'Exam admin', NULL, 'ok', false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (62, 62, 22, '2026-11-25 20:40:17.803716+00', 'bootstrap-admin', '2026-12-25', 'Exam admin', NULL, 'ok', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (63, 63, 23, '2026-11-26 20:40:17.803716+00', 'bootstrap-admin', '2026-12-26', 'Department use', NULL, 'ok', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (64, 64, 24, '2026-11-25 20:40:17.803716+00', 'bootstrap-admin', '2026-12-25', 'Department use', NULL, 'ok', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (65, 65, 25, '2026-12-05 20:40:17.803716+00', 'bootstrap-admin', '2027-01-04', 'Department use', NULL, 'ok', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (66, 66, 26, '2026-10-22 20:40:17.803716+00', 'bootstrap-admin', '2026-11-21', 'Exam admin', NULL, 'ok', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (67, 67, 27, '2026-11-25 20:40:17.803716+00', 'bootstrap-admin', '2026-12-25', 'Department use', NULL, 'ok', false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (68, 68, 28, '2026-12-01 20:40:17.803716+00', 'bootstrap-admin', '2026-12-31', 'Exam admin', NULL, 'ok', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (69, 69, 29, '2026-11-20 20:40:17.803716+00', 'bootstrap-admin', '2026-12-20', 'Report writing', NULL, 'ok', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (70, 70, 30, '2026-11-20 20:40:17.803716+00', 'bootstrap-admin', '2026-12-20', 'Report writing', NULL, 'ok', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (71, 71, 2, '2026-08-28 20:40:17.803716+00', 'bootstrap-admin', '2026-09-27', 'Teaching', NULL, 'ok', false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (72, 72, 2, '2026-08-28 20:40:17.803716+00', 'bootstrap-admin', '2026-09-27', 'Teaching', NULL, 'ok', false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (73, 73, 3, '2026-08-28 20:40:17.803716+00', 'bootstrap-admin', '2026-09-27', 'Teaching', NULL, 'ok', false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (74, 74, 3, '2026-08-28 20:40:17.803716+00', 'bootstrap-admin', '2026-09-27', 'Teaching', NULL, 'ok', false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (75, 85, 4, '2026-12-06 20:40:17.803716+00', 'bootstrap-admin', '2026-12-08', 'Trip phones', 1, 'ok', false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (76, 86, 4, '2026-12-06 20:40:17.803716+00', 'bootstrap-admin', '2026-12-08', 'Trip phones', 1, 'ok', false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (77, 87, 4, '2026-12-06 20:40:17.803716+00', 'bootstrap-admin', '2026-12-08', 'Trip phones', 1, 'ok', false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (78, 88, 4, '2026-12-06 20:40:17.803716+00', 'bootstrap-admin', '2026-12-08', 'Trip phones', 1, 'ok', false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (79, 89, 4, '2026-12-06 20:40:17.803716+00', 'bootstrap-admin', '2026-12-08', 'Trip phones', 1, 'ok', false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (80, 90, 4, '2026-12-06 20:40:17.803716+00', 'bootstrap-admin', '2026-12-08', 'Trip phones', 1, 'ok', false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.loans VALUES (81, 75, 60, '2026-11-06 20:40:17.803716+00', 'bootstrap-admin', '2026-12-06', 'Teaching', NULL, 'ok', false, NULL, NULL, '2026-12-04 20:40:17.803716+00', 'bootstrap-admin', 'ok', 'returned', NULL, NULL, NULL, 1, NULL, NULL);
INSERT INTO public.loans VALUES (82, 76, 60, '2026-11-06 20:40:17.803716+00', 'bootstrap-admin', '2026-12-06', 'Teaching', NULL, 'ok', false, NULL, NULL, NULL, NULL, NULL, 'not_returned', 'says it was left in the staff room', NULL, NULL, 1, NULL, NULL);


--
-- Data for Name: notice_leases; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: outbox; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: outbox_marks; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: people; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.people VALUES (1, 'S1001', 's1001', 'Siân', 'Ó Briain', 'smith0@example-academy.sch.uk', 'Computing', 'B77000', 'b77000', 'active', NULL, 'sian o briain');
INSERT INTO public.people VALUES (4, 'S1004', 's1004', 'Imogen', 'Roberts', 'roberts3@example-academy.sch.uk', 'Music', 'B77003', 'b77003', 'active', NULL, 'imogen roberts');
INSERT INTO public.people VALUES (5, 'S1005', 's1005', 'Björn', 'Smith', 'smith4@example-academy.sch.uk', 'Music', 'B77004', 'b77004', 'active', NULL, 'bjorn smith');
INSERT INTO public.people VALUES (6, 'S1006', 's1006', 'Rhys', 'Lloyd', 'lloyd5@example-academy.sch.uk', 'Office', 'B77005', 'b77005', 'active', NULL, 'rhys lloyd');
INSERT INTO public.people VALUES (7, 'S1007', 's1007', 'Priya', 'Ødegård', 'degrd6@example-academy.sch.uk', 'Pastoral', 'B77006', 'b77006', 'active', NULL, 'priya ødegard');
INSERT INTO public.people VALUES (8, 'S1008', 's1008', 'Siân', 'Thomas', 'thomas7@example-academy.sch.uk', 'SEN', 'B77007', 'b77007', 'active', NULL, 'sian thomas');
INSERT INTO public.people VALUES (9, 'S1009', 's1009', 'Imogen', 'Żółć', 'staff8@example-academy.sch.uk', 'Science', 'B77008', 'b77008', 'active', NULL, 'imogen zołc');
INSERT INTO public.people VALUES (10, 'S1010', 's1010', 'Grace', 'MacLeod', 'macleod9@example-academy.sch.uk', 'Languages', 'B77009', 'b77009', 'active', NULL, 'grace macleod');
INSERT INTO public.people VALUES (11, 'S1011', 's1011', 'Imogen', 'Ó Briain', 'briain10@example-academy.sch.uk', 'Pastoral', 'B77010', 'b77010', 'active', NULL, 'imogen o briain');
INSERT INTO public.people VALUES (12, 'S1012', 's1012', 'Jamal', 'Ahmed', 'ahmed11@example-academy.sch.uk', 'PE', 'B77011', 'b77011', 'active', NULL, 'jamal ahmed');
INSERT INTO public.people VALUES (13, 'S1013', 's1013', 'Hannah', 'Adeyemi', 'adeyemi12@example-academy.sch.uk', 'English', 'B77012', 'b77012', 'active', NULL, 'hannah adeyemi');
INSERT INTO public.people VALUES (14, 'S1014', 's1014', 'Zoë', 'Müller', 'mller13@example-academy.sch.uk', 'Languages', 'B77013', 'b77013', 'active', NULL, 'zoe muller');
INSERT INTO public.people VALUES (15, 'S1015', 's1015', 'Amélie', 'Begum', 'begum14@example-academy.sch.uk', 'Science', 'B77014', 'b77014', 'active', NULL, 'amelie begum');
INSERT INTO public.people VALUES (16, 'S1016', 's1016', 'Niamh', 'Hughes', 'hughes15@example-academy.sch.uk', 'Pastoral', 'B77015', 'b77015', 'active', NULL, 'niamh hughes');
INSERT INTO public.people VALUES (17, 'S1017', 's1017', 'Eilidh', 'Williams', 'williams16@example-academy.sch.uk', 'Languages', 'B77016', 'b77016', 'active', NULL, 'eilidh williams');
INSERT INTO public.people VALUES (18, 'S1018', 's1018', 'Hannah', 'Mensah', 'mensah17@example-academy.sch.uk', 'Languages', 'B77017', 'b77017', 'active', NULL, 'hannah mensah');
INSERT INTO public.people VALUES (19, 'S1019', 's1019', 'Mohammed', 'Davies', 'davies18@example-academy.sch.uk', 'Office', 'B77018', 'b77018', 'active', NULL, 'mohammed davies');
INSERT INTO public.people VALUES (20, 'S1020', 's1020', 'Дмитрий', 'Müller', 'mller19@example-academy.sch.uk', 'PE', 'B77019', 'b77019', 'active', NULL, 'дмитрии muller');
INSERT INTO public.people VALUES (21, 'S1021', 's1021', 'Siân', 'Patel', 'patel20@example-academy.sch.uk', 'Mathematics', 'B77020', 'b77020', 'active', NULL, 'sian patel');
INSERT INTO public.people VALUES (22, 'S1022', 's1022', 'Дмитрий', 'Ahmed', 'ahmed21@example-academy.sch.uk', 'Mathematics', 'B77021', 'b77021', 'active', NULL, 'дмитрии ahmed');
INSERT INTO public.people VALUES (23, 'S1023', 's1023', 'Chloé', 'Müller', 'mller22@example-academy.sch.uk', 'Music', 'B77022', 'b77022', 'active', NULL, 'chloe muller');
INSERT INTO public.people VALUES (24, 'S1024', 's1024', 'Seán', 'Evans', 'evans23@example-academy.sch.uk', 'Music', 'B77023', 'b77023', 'active', NULL, 'sean evans');
INSERT INTO public.people VALUES (25, 'S1025', 's1025', 'Agnieszka', 'Sharma', 'sharma24@example-academy.sch.uk', 'Office', 'B77024', 'b77024', 'active', NULL, 'agnieszka sharma');
INSERT INTO public.people VALUES (26, 'S1026', 's1026', 'Fatima', 'Begum', 'begum25@example-academy.sch.uk', 'Art', 'B77025', 'b77025', 'active', NULL, 'fatima begum');
INSERT INTO public.people VALUES (27, 'S1027', 's1027', 'Oluwaseun', 'Khan', 'khan26@example-academy.sch.uk', 'Humanities', 'B77026', 'b77026', 'active', NULL, 'oluwaseun khan');
INSERT INTO public.people VALUES (28, 'S1028', 's1028', 'Seán', 'Taylor', 'taylor27@example-academy.sch.uk', 'Science', 'B77027', 'b77027', 'active', NULL, 'sean taylor');
INSERT INTO public.people VALUES (29, 'S1029', 's1029', 'Ζωή', 'Jones', 'jones28@example-academy.sch.uk', 'Music', 'B77028', 'b77028', 'active', NULL, 'ζωη jones');
INSERT INTO public.people VALUES (30, 'S1030', 's1030', 'Grace', 'Evans', 'evans29@example-academy.sch.uk', 'Humanities', 'B77029', 'b77029', 'active', NULL, 'grace evans');
INSERT INTO public.people VALUES (31, 'S1031', 's1031', 'Raj', 'Wilson', 'wilson30@example-academy.sch.uk', 'English', 'B77030', 'b77030', 'active', NULL, 'raj wilson');
INSERT INTO public.people VALUES (32, 'S1032', 's1032', 'Rhys', 'Smith', 'smith31@example-academy.sch.uk', 'Office', 'B77031', 'b77031', 'active', NULL, 'rhys smith');
INSERT INTO public.people VALUES (33, 'S1033', 's1033', 'Yusuf', 'Nowak', 'nowak32@example-academy.sch.uk', 'Art', 'B77032', 'b77032', 'active', NULL, 'yusuf nowak');
INSERT INTO public.people VALUES (34, 'S1034', 's1034', 'Björn', 'Παπαδοπούλου', 'staff33@example-academy.sch.uk', 'Music', 'B77033', 'b77033', 'active', NULL, 'bjorn παπαδοπουλου');
INSERT INTO public.people VALUES (35, 'S1035', 's1035', 'Łukasz', 'O''Neill', 'oneill34@example-academy.sch.uk', 'Art', 'B77034', 'b77034', 'active', NULL, 'łukasz o''neill');
INSERT INTO public.people VALUES (36, 'S1036', 's1036', 'Hannah', 'Lloyd', 'lloyd35@example-academy.sch.uk', 'English', 'B77035', 'b77035', 'active', NULL, 'hannah lloyd');
INSERT INTO public.people VALUES (37, 'S1037', 's1037', 'Łukasz', 'Taylor', 'taylor36@example-academy.sch.uk', 'Music', 'B77036', 'b77036', 'active', NULL, 'łukasz taylor');
INSERT INTO public.people VALUES (38, 'S1038', 's1038', 'Oluwaseun', 'Hughes', 'hughes37@example-academy.sch.uk', 'PE', 'B77037', 'b77037', 'active', NULL, 'oluwaseun hughes');
INSERT INTO public.people VALUES (39, 'S1039', 's1039', 'Kwame', 'Иванов', 'staff38@example-academy.sch.uk', 'Pastoral', 'B77038', 'b77038', 'active', NULL, 'kwame иванов');
INSERT INTO public.people VALUES (40, 'S1040', 's1040', 'Niamh', 'García', 'garca39@example-academy.sch.uk', 'Computing', 'B77039', 'b77039', 'active', NULL, 'niamh garcia');
INSERT INTO public.people VALUES (41, 'S1041', 's1041', 'Eilidh', 'Żółć', 'staff40@example-academy.sch.uk', 'Languages', 'B77040', 'b77040', 'active', NULL, 'eilidh zołc');
INSERT INTO public.people VALUES (42, 'S1042', 's1042', 'Dylan', 'Evans', 'evans41@example-academy.sch.uk', 'Art', 'B77041', 'b77041', 'active', NULL, 'dylan evans');
INSERT INTO public.people VALUES (43, 'S1043', 's1043', 'Tomasz', 'Müller', 'mller42@example-academy.sch.uk', 'Computing', 'B77042', 'b77042', 'active', NULL, 'tomasz muller');
INSERT INTO public.people VALUES (44, 'S1044', 's1044', 'Eilidh', 'Thomas', 'thomas43@example-academy.sch.uk', 'English', 'B77043', 'b77043', 'active', NULL, 'eilidh thomas');
INSERT INTO public.people VALUES (45, 'S1045', 's1045', 'Siân', 'Ødegård', 'degrd44@example-academy.sch.uk', 'Science', 'B77044', 'b77044', 'active', NULL, 'sian ødegard');
INSERT INTO public.people VALUES (46, 'S1046', 's1046', 'Amélie', 'Hughes', 'hughes45@example-academy.sch.uk', 'Languages', 'B77045', 'b77045', 'active', NULL, 'amelie hughes');
INSERT INTO public.people VALUES (47, 'S1047', 's1047', 'Priya', 'Mensah', 'mensah46@example-academy.sch.uk', 'Art', 'B77046', 'b77046', 'active', NULL, 'priya mensah');
INSERT INTO public.people VALUES (48, 'S1048', 's1048', 'Jamal', 'Müller', 'mller47@example-academy.sch.uk', 'English', 'B77047', 'b77047', 'active', NULL, 'jamal muller');
INSERT INTO public.people VALUES (49, 'S1049', 's1049', 'Oluwaseun', 'Żółć', 'staff48@example-academy.sch.uk', 'Music', 'B77048', 'b77048', 'active', NULL, 'oluwaseun zołc');
INSERT INTO public.people VALUES (50, 'S1050', 's1050', 'Siân', 'Khan', 'khan49@example-academy.sch.uk', 'Music', 'B77049', 'b77049', 'active', NULL, 'sian khan');
INSERT INTO public.people VALUES (51, 'S1051', 's1051', 'Chloé', 'Mensah', 'mensah50@example-academy.sch.uk', 'Music', 'B77050', 'b77050', 'active', NULL, 'chloe mensah');
INSERT INTO public.people VALUES (52, 'S1052', 's1052', 'Agnieszka', 'Jones', 'jones51@example-academy.sch.uk', 'Art', 'B77051', 'b77051', 'active', NULL, 'agnieszka jones');
INSERT INTO public.people VALUES (53, 'S1053', 's1053', 'Priya', 'Sharma', 'sharma52@example-academy.sch.uk', 'Humanities', 'B77052', 'b77052', 'active', NULL, 'priya sharma');
INSERT INTO public.people VALUES (54, 'S1054', 's1054', 'Niamh', 'Lloyd', 'lloyd53@example-academy.sch.uk', 'Languages', 'B77053', 'b77053', 'active', NULL, 'niamh lloyd');
INSERT INTO public.people VALUES (55, 'S1055', 's1055', 'Oluwaseun', 'Davies', 'davies54@example-academy.sch.uk', 'PE', 'B77054', 'b77054', 'active', NULL, 'oluwaseun davies');
INSERT INTO public.people VALUES (56, 'S1056', 's1056', 'Mohammed', 'Ó Briain', 'briain55@example-academy.sch.uk', 'PE', 'B77055', 'b77055', 'active', NULL, 'mohammed o briain');
INSERT INTO public.people VALUES (57, 'S1057', 's1057', 'Amélie', 'Ó Briain', 'briain56@example-academy.sch.uk', 'Computing', 'B77056', 'b77056', 'active', NULL, 'amelie o briain');
INSERT INTO public.people VALUES (58, 'S1058', 's1058', 'Björn', 'Khan', 'khan57@example-academy.sch.uk', 'Office', 'B77057', 'b77057', 'active', NULL, 'bjorn khan');
INSERT INTO public.people VALUES (59, 'S1059', 's1059', 'Agnieszka', 'Mensah', 'mensah58@example-academy.sch.uk', 'Computing', 'B77058', 'b77058', 'active', NULL, 'agnieszka mensah');
INSERT INTO public.people VALUES (2, 'S1002', 's1002', 'Siân', 'Żółć', 'staff1@example-academy.sch.uk', 'Computing', 'B77001', 'b77001', 'leaving', '2026-12-18', 'sian zołc');
INSERT INTO public.people VALUES (3, 'S1003', 's1003', 'Seán', 'Chen', 'chen2@example-academy.sch.uk', 'Science', 'B77002', 'b77002', 'leaving', '2026-12-09', 'sean chen');
INSERT INTO public.people VALUES (60, 'S1060', 's1060', 'Siân', 'Sharma', 'sharma59@example-academy.sch.uk', 'Science', 'B77059', 'b77059', 'left', '2026-12-04', 'sian sharma');


--
-- Data for Name: print_jobs; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: receipts; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.receipts VALUES (1, 'R-2026-0001', 'leaver_return', 60, NULL, '2026-12-04 20:40:17.803716+00', 'bootstrap-admin', NULL, '{"number": "R-2026-0001", "kind": "leaver_return", "issued_at": "2026-12-04T20:40:17.803716+00:00", "school": "Example Academy", "technician": {"username": "bootstrap-admin", "name": "bootstrap-admin"}, "signature_id": null, "anchor": "128-S6S7-GTRD-WP2U-LALG", "person": {"staff_code": "S1060", "first_name": "Si\u00e2n", "last_name": "Sharma", "name": "Si\u00e2n Sharma", "department": "Science", "email": "sharma59@example-academy.sch.uk", "leaving_date": "2026-12-04"}, "items": [{"tag": "TB-0015", "kind": "tablet", "make": "Samsung", "model": "Galaxy Tab A9", "serial": "SA85715336", "encryption": "Encrypted (iOS, 17 Jul 2026)", "encrypted": true, "condition": "ok", "outcome": "returned", "note": null, "out_at": "2026-11-06T20:40:17.803716+00:00", "due_on": "2026-12-06"}, {"tag": "TB-0016", "kind": "tablet", "make": "Apple", "model": "iPad 10th gen", "serial": "AP45899411", "encryption": "Encrypted (iOS, 17 May 2026)", "encrypted": true, "condition": null, "outcome": "not_returned", "note": "says it was left in the staff room", "out_at": "2026-11-06T20:40:17.803716+00:00", "due_on": "2026-12-06"}]}', 'ff9f126f68157aefd8a9768b99c03fe863d8d17eef4a1d10123fc6fb2ed51a48', NULL, NULL);


--
-- Data for Name: reversals; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: signatures; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: technicians; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.technicians VALUES (1, 'demo', 'Demo Technician', 'scrypt$16384$8$1$sB42sOuXFDaQ+BKN9mGqwg==$/Vt9tEv5oyvgwVhZbUdlm+3nHdZLtmya53CSjZjfr2Y=', 'admin', NULL, true, 0, NULL, '2026-12-06 20:40:17.806292+00');


--
-- Data for Name: trips; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.trips VALUES (1, 'Year 9 Geography field trip', 'Snowdonia', '2026-12-05', '2026-12-08', 4, NULL);


--
-- Name: assets_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.assets_id_seq', 120, true);


--
-- Name: audit_events_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.audit_events_id_seq', 133, true);


--
-- Name: audit_head_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.audit_head_id_seq', 1, false);


--
-- Name: encryption_checks_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.encryption_checks_id_seq', 91, true);


--
-- Name: incidents_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.incidents_id_seq', 3, true);


--
-- Name: loans_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.loans_id_seq', 82, true);


--
-- Name: notice_leases_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.notice_leases_id_seq', 1, false);


--
-- Name: outbox_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.outbox_id_seq', 1, false);


--
-- Name: outbox_marks_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.outbox_marks_id_seq', 1, false);


--
-- Name: people_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.people_id_seq', 60, true);


--
-- Name: print_jobs_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.print_jobs_id_seq', 1, false);


--
-- Name: receipts_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.receipts_id_seq', 1, true);


--
-- Name: reversals_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.reversals_id_seq', 1, false);


--
-- Name: signatures_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.signatures_id_seq', 1, false);


--
-- Name: technicians_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.technicians_id_seq', 1, true);


--
-- Name: trips_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.trips_id_seq', 1, true);


--
-- Name: alembic_version alembic_version_pkc; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.alembic_version
    ADD CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num);


--
-- Name: assets pk_assets; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assets
    ADD CONSTRAINT pk_assets PRIMARY KEY (id);


--
-- Name: audit_events pk_audit_events; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_events
    ADD CONSTRAINT pk_audit_events PRIMARY KEY (id);


--
-- Name: audit_head pk_audit_head; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_head
    ADD CONSTRAINT pk_audit_head PRIMARY KEY (id);


--
-- Name: encryption_checks pk_encryption_checks; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.encryption_checks
    ADD CONSTRAINT pk_encryption_checks PRIMARY KEY (id);


--
-- Name: incidents pk_incidents; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.incidents
    ADD CONSTRAINT pk_incidents PRIMARY KEY (id);


--
-- Name: loans pk_loans; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.loans
    ADD CONSTRAINT pk_loans PRIMARY KEY (id);


--
-- Name: notice_leases pk_notice_leases; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notice_leases
    ADD CONSTRAINT pk_notice_leases PRIMARY KEY (id);


--
-- Name: outbox pk_outbox; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox
    ADD CONSTRAINT pk_outbox PRIMARY KEY (id);


--
-- Name: outbox_marks pk_outbox_marks; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox_marks
    ADD CONSTRAINT pk_outbox_marks PRIMARY KEY (id);


--
-- Name: people pk_people; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.people
    ADD CONSTRAINT pk_people PRIMARY KEY (id);


--
-- Name: print_jobs pk_print_jobs; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.print_jobs
    ADD CONSTRAINT pk_print_jobs PRIMARY KEY (id);


--
-- Name: receipts pk_receipts; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.receipts
    ADD CONSTRAINT pk_receipts PRIMARY KEY (id);


--
-- Name: reversals pk_reversals; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reversals
    ADD CONSTRAINT pk_reversals PRIMARY KEY (id);


--
-- Name: signatures pk_signatures; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.signatures
    ADD CONSTRAINT pk_signatures PRIMARY KEY (id);


--
-- Name: technicians pk_technicians; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.technicians
    ADD CONSTRAINT pk_technicians PRIMARY KEY (id);


--
-- Name: trips pk_trips; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.trips
    ADD CONSTRAINT pk_trips PRIMARY KEY (id);


--
-- Name: assets uq_assets_serial; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assets
    ADD CONSTRAINT uq_assets_serial UNIQUE (serial);


--
-- Name: assets uq_assets_snipeit_id; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assets
    ADD CONSTRAINT uq_assets_snipeit_id UNIQUE (snipeit_id);


--
-- Name: assets uq_assets_tag_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.assets
    ADD CONSTRAINT uq_assets_tag_key UNIQUE (tag_key);


--
-- Name: audit_events uq_audit_events_seq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_events
    ADD CONSTRAINT uq_audit_events_seq UNIQUE (seq);


--
-- Name: notice_leases uq_notice_leases_name; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notice_leases
    ADD CONSTRAINT uq_notice_leases_name UNIQUE (name);


--
-- Name: outbox uq_outbox_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox
    ADD CONSTRAINT uq_outbox_key UNIQUE (key);


--
-- Name: outbox_marks uq_outbox_marks_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox_marks
    ADD CONSTRAINT uq_outbox_marks_key UNIQUE (key);


--
-- Name: people uq_people_badge_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.people
    ADD CONSTRAINT uq_people_badge_key UNIQUE (badge_key);


--
-- Name: people uq_people_staff_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.people
    ADD CONSTRAINT uq_people_staff_key UNIQUE (staff_key);


--
-- Name: receipts uq_receipts_number; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.receipts
    ADD CONSTRAINT uq_receipts_number UNIQUE (number);


--
-- Name: technicians uq_technicians_badge_code; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.technicians
    ADD CONSTRAINT uq_technicians_badge_code UNIQUE (badge_code);


--
-- Name: technicians uq_technicians_username; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.technicians
    ADD CONSTRAINT uq_technicians_username UNIQUE (username);


--
-- Name: trips uq_trips_name; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.trips
    ADD CONSTRAINT uq_trips_name UNIQUE (name);


--
-- Name: ix_audit_events_action; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_audit_events_action ON public.audit_events USING btree (action);


--
-- Name: ix_audit_events_entity; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_audit_events_entity ON public.audit_events USING btree (entity, entity_id);


--
-- Name: ix_encryption_checks_asset_latest; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_encryption_checks_asset_latest ON public.encryption_checks USING btree (asset_id, id);


--
-- Name: ix_incidents_asset_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_incidents_asset_id ON public.incidents USING btree (asset_id);


--
-- Name: ix_incidents_person_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_incidents_person_id ON public.incidents USING btree (person_id);


--
-- Name: ix_loans_asset_out; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_loans_asset_out ON public.loans USING btree (asset_id, out_at);


--
-- Name: ix_loans_asset_returned; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_loans_asset_returned ON public.loans USING btree (asset_id, in_at, condition_in) WHERE (condition_in IS NOT NULL);


--
-- Name: ix_loans_open_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_loans_open_due ON public.loans USING btree (due_on) WHERE (outcome IS NULL);


--
-- Name: ix_loans_person_open; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_loans_person_open ON public.loans USING btree (person_id, outcome);


--
-- Name: ix_loans_receipt_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_loans_receipt_id ON public.loans USING btree (receipt_id);


--
-- Name: ix_loans_trip_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_loans_trip_id ON public.loans USING btree (trip_id);


--
-- Name: ix_outbox_marks_message_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_outbox_marks_message_id ON public.outbox_marks USING btree (message_id);


--
-- Name: ix_outbox_person_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_outbox_person_id ON public.outbox USING btree (person_id);


--
-- Name: ix_outbox_state_next; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_outbox_state_next ON public.outbox USING btree (state, next_attempt_at);


--
-- Name: ix_people_search_name; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_people_search_name ON public.people USING btree (search_name);


--
-- Name: ix_print_jobs_state; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_print_jobs_state ON public.print_jobs USING btree (state, id);


--
-- Name: ix_receipts_person_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_receipts_person_id ON public.receipts USING btree (person_id);


--
-- Name: ix_reversals_asset_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_reversals_asset_id ON public.reversals USING btree (asset_id);


--
-- Name: ix_reversals_loan_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_reversals_loan_id ON public.reversals USING btree (loan_id);


--
-- Name: ix_reversals_receipt_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_reversals_receipt_id ON public.reversals USING btree (receipt_id);


--
-- Name: ix_signatures_person_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_signatures_person_id ON public.signatures USING btree (person_id);


--
-- Name: ix_trips_leader_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_trips_leader_id ON public.trips USING btree (leader_id);


--
-- Name: uq_loans_open_asset; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX uq_loans_open_asset ON public.loans USING btree (asset_id) WHERE (outcome IS NULL);


--
-- Name: audit_events audit_events_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER audit_events_append_only BEFORE DELETE OR UPDATE ON public.audit_events FOR EACH ROW EXECUTE FUNCTION public.loan_kiosk_audit_append_only();


--
-- Name: audit_events audit_events_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON public.audit_events FOR EACH STATEMENT EXECUTE FUNCTION public.loan_kiosk_audit_append_only();


--
-- Name: audit_head audit_head_forward; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER audit_head_forward BEFORE DELETE OR UPDATE ON public.audit_head FOR EACH ROW EXECUTE FUNCTION public.loan_kiosk_audit_head_forward();


--
-- Name: audit_head audit_head_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON public.audit_head FOR EACH STATEMENT EXECUTE FUNCTION public.loan_kiosk_audit_append_only();


--
-- Name: encryption_checks fk_encryption_checks_asset_id_assets; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.encryption_checks
    ADD CONSTRAINT fk_encryption_checks_asset_id_assets FOREIGN KEY (asset_id) REFERENCES public.assets(id);


--
-- Name: incidents fk_incidents_asset_id_assets; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.incidents
    ADD CONSTRAINT fk_incidents_asset_id_assets FOREIGN KEY (asset_id) REFERENCES public.assets(id);


--
-- Name: incidents fk_incidents_loan_id_loans; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.incidents
    ADD CONSTRAINT fk_incidents_loan_id_loans FOREIGN KEY (loan_id) REFERENCES public.loans(id);


--
-- Name: incidents fk_incidents_person_id_people; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.incidents
    ADD CONSTRAINT fk_incidents_person_id_people FOREIGN KEY (person_id) REFERENCES public.people(id);


--
-- Name: loans fk_loans_asset_id_assets; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.loans
    ADD CONSTRAINT fk_loans_asset_id_assets FOREIGN KEY (asset_id) REFERENCES public.assets(id);


--
-- Name: loans fk_loans_person_id_people; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.loans
    ADD CONSTRAINT fk_loans_person_id_people FOREIGN KEY (person_id) REFERENCES public.people(id);


--
-- Name: loans fk_loans_receipt_id_receipts; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.loans
    ADD CONSTRAINT fk_loans_receipt_id_receipts FOREIGN KEY (receipt_id) REFERENCES public.receipts(id);


--
-- Name: loans fk_loans_signature_in_id_signatures; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.loans
    ADD CONSTRAINT fk_loans_signature_in_id_signatures FOREIGN KEY (signature_in_id) REFERENCES public.signatures(id);


--
-- Name: loans fk_loans_signature_out_id_signatures; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.loans
    ADD CONSTRAINT fk_loans_signature_out_id_signatures FOREIGN KEY (signature_out_id) REFERENCES public.signatures(id);


--
-- Name: loans fk_loans_trip_id_trips; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.loans
    ADD CONSTRAINT fk_loans_trip_id_trips FOREIGN KEY (trip_id) REFERENCES public.trips(id);


--
-- Name: outbox_marks fk_outbox_marks_message_id_outbox; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox_marks
    ADD CONSTRAINT fk_outbox_marks_message_id_outbox FOREIGN KEY (message_id) REFERENCES public.outbox(id);


--
-- Name: outbox fk_outbox_person_id_people; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox
    ADD CONSTRAINT fk_outbox_person_id_people FOREIGN KEY (person_id) REFERENCES public.people(id);


--
-- Name: print_jobs fk_print_jobs_receipt_id_receipts; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.print_jobs
    ADD CONSTRAINT fk_print_jobs_receipt_id_receipts FOREIGN KEY (receipt_id) REFERENCES public.receipts(id);


--
-- Name: receipts fk_receipts_person_id_people; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.receipts
    ADD CONSTRAINT fk_receipts_person_id_people FOREIGN KEY (person_id) REFERENCES public.people(id);


--
-- Name: receipts fk_receipts_signature_id_signatures; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.receipts
    ADD CONSTRAINT fk_receipts_signature_id_signatures FOREIGN KEY (signature_id) REFERENCES public.signatures(id);


--
-- Name: receipts fk_receipts_trip_id_trips; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.receipts
    ADD CONSTRAINT fk_receipts_trip_id_trips FOREIGN KEY (trip_id) REFERENCES public.trips(id);


--
-- Name: reversals fk_reversals_asset_id_assets; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reversals
    ADD CONSTRAINT fk_reversals_asset_id_assets FOREIGN KEY (asset_id) REFERENCES public.assets(id);


--
-- Name: reversals fk_reversals_loan_id_loans; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reversals
    ADD CONSTRAINT fk_reversals_loan_id_loans FOREIGN KEY (loan_id) REFERENCES public.loans(id);


--
-- Name: reversals fk_reversals_person_id_people; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reversals
    ADD CONSTRAINT fk_reversals_person_id_people FOREIGN KEY (person_id) REFERENCES public.people(id);


--
-- Name: reversals fk_reversals_receipt_id_receipts; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reversals
    ADD CONSTRAINT fk_reversals_receipt_id_receipts FOREIGN KEY (receipt_id) REFERENCES public.receipts(id);


--
-- Name: signatures fk_signatures_person_id_people; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.signatures
    ADD CONSTRAINT fk_signatures_person_id_people FOREIGN KEY (person_id) REFERENCES public.people(id);


--
-- Name: trips fk_trips_leader_id_people; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.trips
    ADD CONSTRAINT fk_trips_leader_id_people FOREIGN KEY (leader_id) REFERENCES public.people(id);


--
-- Name: trips fk_trips_signature_id_signatures; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.trips
    ADD CONSTRAINT fk_trips_signature_id_signatures FOREIGN KEY (signature_id) REFERENCES public.signatures(id);


--
-- PostgreSQL database dump complete
--


