/// The operational database contract, as `transparency-gen schema` prints it,
/// used to create sample and test databases with exactly the schema agencies map to.
/// Public so that tools and tests can create a database of the contract's shape.
public enum OperationalSchema {
    public static let sql = #"""
-- Operational database contract
-- =============================
-- The ALPR system's own store (in practice a vendor's database or its nightly export),
-- as SQLite. The generator opens this file READ-ONLY and never writes to it. Every table
-- marked PRIVATE holds data on individuals (Minn. Stat. 13.824 subd. 2): nothing from a
-- PRIVATE column may ever reach a published file, not even in an error message.
--
-- Times: `*_at` columns are UTC instants in ISO 8601 with a trailing Z
--        ('2024-05-01T13:05:00Z'). `*_on` columns are local calendar dates ('2024-05-01')
--        in the agency's time zone (America/Chicago unless the site says otherwise).
-- Retention: the operational system itself destroys plate_read rows (and their hits, by
--        cascade) no later than 60 days after collection. All other tables are kept.

PRAGMA foreign_keys = ON;

-- One row per ALPR device: squad-car (mobile), pole-mounted (fixed), or trailer (portable).
-- A 'partner' reader is owned by a non-government entity (HOA, business) whose data is
-- shared with the agency: it is an ALPR under 13.824 subd. 1 and is logged like any other.
CREATE TABLE reader (
    reader_id        TEXT PRIMARY KEY,                 -- e.g. 'FX-03', 'SQ-112'
    kind             TEXT NOT NULL CHECK (kind IN ('fixed', 'mobile', 'portable')),
    label            TEXT NOT NULL,                    -- public name: 'Camera 3', 'Squad 112'
    operator         TEXT NOT NULL DEFAULT 'agency' CHECK (operator IN ('agency', 'partner')),
    installed_on     TEXT,                             -- date put into use
    decommissioned_on TEXT,                            -- NULL while in service
    bca_notified_on  TEXT                              -- date the BCA was notified (subd. 8: within 10 days)
);

-- Where fixed and portable readers stood, and when. A reader that moves gets a new row.
-- security_information = 1: the agency classified this placement as security information
-- (Minn. Stat. 13.37 subd. 2); it must be left out of everything published.
CREATE TABLE reader_location (
    location_id      INTEGER PRIMARY KEY,
    reader_id        TEXT NOT NULL REFERENCES reader(reader_id),
    description      TEXT NOT NULL,                    -- 'Co Rd 30 near Co Rd 101'
    direction        TEXT,                             -- 'Westbound traffic'
    latitude         REAL,
    longitude        REAL,
    placed_on        TEXT NOT NULL,                    -- first local date at this place
    removed_on       TEXT,                             -- last local date; NULL = still there
    security_information INTEGER NOT NULL DEFAULT 0 CHECK (security_information IN (0, 1))
);

-- A period of active use: a logged-in shift for a mobile reader, a collection window
-- for a fixed or portable one. ended_at is NULL while the period is still open.
CREATE TABLE active_period (
    period_id        INTEGER PRIMARY KEY,
    reader_id        TEXT NOT NULL REFERENCES reader(reader_id),
    started_at       TEXT NOT NULL,
    ended_at         TEXT
);

-- Databases (hot lists) that reads are compared with. existence_public = 0 means the
-- existence of the database itself is not public (subd. 5(b)): never name it.
CREATE TABLE comparison_source (
    source_id        TEXT PRIMARY KEY,                 -- 'mn-bca-hotfile'
    name             TEXT NOT NULL,                    -- 'Minnesota License Plate Data File (BCA)'
    jurisdiction     TEXT NOT NULL CHECK (jurisdiction IN ('state', 'federal', 'local')),
    existence_public INTEGER NOT NULL DEFAULT 1 CHECK (existence_public IN (0, 1)),
    in_use_from      TEXT NOT NULL,                    -- local date
    in_use_until     TEXT                              -- local date, inclusive; NULL = in use
);

-- PRIVATE. One row per plate read. Destroyed by the operational system within 60 days.
CREATE TABLE plate_read (
    read_id          INTEGER PRIMARY KEY,
    reader_id        TEXT NOT NULL REFERENCES reader(reader_id),
    read_at          TEXT NOT NULL,
    plate            TEXT NOT NULL,                    -- PRIVATE
    plate_state      TEXT,                             -- PRIVATE, e.g. 'MN'
    latitude         REAL,                             -- PRIVATE (where a mobile reader saw it)
    longitude        REAL,                             -- PRIVATE
    image_ref        TEXT                              -- PRIVATE
);
CREATE INDEX plate_read_by_reader_time ON plate_read(reader_id, read_at);

-- PRIVATE. A read that matched a record in a comparison source.
--   stolen_vehicle, stolen_plate  -> statutory count "vehicle or license plate stolen"
--   warrant                       -> "warrant for the arrest of the owner"
--   license_status                -> "owner with a suspended or revoked driver's license or similar"
--   active_investigation          -> "active investigative data"
--   missing_person, amber_alert, other -> not a statutory category; published as 'other'
-- disposition: what the officer found on verification (NULL or 'pending' until entered).
CREATE TABLE hit (
    hit_id           INTEGER PRIMARY KEY,
    read_id          INTEGER NOT NULL REFERENCES plate_read(read_id) ON DELETE CASCADE,
    source_id        TEXT NOT NULL REFERENCES comparison_source(source_id),
    category         TEXT NOT NULL CHECK (category IN ('stolen_vehicle', 'stolen_plate', 'warrant',
                         'license_status', 'active_investigation', 'missing_person', 'amber_alert', 'other')),
    hotlist_record   TEXT,                             -- PRIVATE: the hot-list entry itself
    disposition      TEXT CHECK (disposition IN ('pending', 'confirmed', 'misread', 'not_current',
                         'no_action'))
);
CREATE INDEX hit_by_read ON hit(read_id);

-- PUBLIC. Law enforcement agencies the data may be shared with on written request (subd. 4,
-- subd. 7): one row per agency, with its standing agreement's dates. The portal lists every
-- agency here with its dates and how many searches were made for it. Optional table: an
-- export without it names no agency.
CREATE TABLE sharing_agency (
    agency_id        TEXT PRIMARY KEY,                 -- 'hennepin-so'
    name             TEXT NOT NULL,                    -- 'Hennepin County Sheriff''s Office'
    jurisdiction     TEXT NOT NULL CHECK (jurisdiction IN ('minnesota', 'other_state', 'federal', 'tribal')),
    agreement_from   TEXT,                             -- local date a standing agreement began; NULL = none (case by case)
    agreement_until  TEXT                              -- local date, inclusive; NULL = in force (or no agreement)
);

-- PRIVATE. The data audit trail of queries of stored ALPR data (subd. 7): who searched,
-- when, why, and for which agency. requesting_agency NULL = this agency's own query;
-- otherwise the data were shared with that law enforcement agency on written request.
-- requesting_agency_id (optional column; older exports lack it): the sharing_agency on whose
-- written request the search was made. NULL with a non-empty requesting_agency = another
-- agency that the export does not identify.
CREATE TABLE data_access (
    access_id        INTEGER PRIMARY KEY,
    accessed_at      TEXT NOT NULL,
    user_name        TEXT NOT NULL,                    -- PRIVATE
    case_number      TEXT,                             -- PRIVATE (publish only whether one was recorded)
    purpose          TEXT NOT NULL CHECK (purpose IN ('criminal_investigation', 'missing_person',
                         'amber_alert', 'audit', 'other')),
    requesting_agency TEXT,                            -- PRIVATE as free text; publish counts only
    query_text       TEXT,                             -- PRIVATE (may contain a plate)
    requesting_agency_id TEXT REFERENCES sharing_agency(agency_id),
    -- Optional columns (older exports lack them; each one absent or NULL = not recorded):
    vendor_search_id TEXT UNIQUE,                      -- PRIVATE: the vendor's id of the search (import key)
    reason           TEXT,                             -- PRIVATE: the reason as the user typed it
    search_kind      TEXT CHECK (search_kind IN ('plate_lookup', 'vehicle_search', 'convoy',
                         'freeform', 'multi_location', 'visual', 'api', 'other')),
    networks_searched INTEGER CHECK (networks_searched >= 1), -- agencies' data sets searched, own included
    window_start_at  TEXT                              -- the earliest instant of the stored data searched
);
CREATE INDEX data_access_by_time ON data_access(accessed_at);

-- PRIVATE. Address Confidentiality Program (Safe at Home) destruction requests (subd. 3).
-- Even the existence of a request is private data: never read by the generator.
CREATE TABLE acp_request (
    request_id       INTEGER PRIMARY KEY,
    received_on      TEXT NOT NULL,
    participant_ref  TEXT NOT NULL                     -- PRIVATE
);
"""#

    /// Each table's columns with their declared type (`TEXT`, `INTEGER`, `REAL`), read from `sql`.
    static let declaredTypes: [String: [String: String]] = {
        var types: [String: [String: String]] = [:]
        var table: String?
        for line in sql.split(separator: "\n") {
            if let start = line.firstMatch(of: /^CREATE TABLE ([a-z_]+) \(/) {
                table = String(start.output.1)
            } else if let table, let column = line.firstMatch(of: /^\s+([a-z_]+)\s+(TEXT|INTEGER|REAL)\b/) {
                types[table, default: [:]][String(column.output.1)] = String(column.output.2)
            }
        }
        return types
    }()

    /// SQLite's affinity of a declared column type (its rules, in their order): what the
    /// column turns a value into when it is stored.
    static func affinity(ofDeclared type: String) -> String {
        let upper = type.uppercased()
        if upper.contains("INT") { return "INTEGER" }
        if upper.contains("CHAR") || upper.contains("CLOB") || upper.contains("TEXT") { return "TEXT" }
        if upper.contains("BLOB") || upper.isEmpty { return "BLOB" }
        if upper.contains("REAL") || upper.contains("FLOA") || upper.contains("DOUB") { return "REAL" }
        return "NUMERIC"
    }

    /// Statements that fill a database of this shape (the sample and benchmark agencies'), kept
    /// beside the schema so that the private tables are named in PublicLog alone.
    package enum Insert {
        package static let reader = "INSERT INTO reader VALUES (?, ?, ?, ?, ?, ?, ?)"
        package static let readerLocation = "INSERT INTO reader_location VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        package static let comparisonSource = "INSERT INTO comparison_source VALUES (?, ?, ?, ?, ?, ?)"
        package static let activePeriod = "INSERT INTO active_period (reader_id, started_at, ended_at) VALUES (?, ?, ?)"
        package static let plateRead = "INSERT INTO plate_read VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        package static let hit = "INSERT INTO hit (read_id, source_id, category, hotlist_record, disposition) VALUES (?, ?, ?, ?, ?)"
        package static let dataAccess = """
            INSERT INTO data_access (accessed_at, user_name, case_number, purpose, requesting_agency, query_text, requesting_agency_id, \
                vendor_search_id, reason, search_kind, networks_searched, window_start_at) \
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        package static let sharingAgency = "INSERT INTO sharing_agency VALUES (?, ?, ?, ?, ?)"
        package static let acpRequest = "INSERT INTO acp_request (received_on, participant_ref) VALUES (?, ?)"
    }
}
