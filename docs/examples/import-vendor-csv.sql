-- Maps a vendor's CSV export (vendor-csv/*.csv) to the operational schema.
-- A worked example for docs/vendor-export.md: adapt the column names and values to your
-- vendor's export. Run it in the folder holding the CSV files, with TZ set to the
-- agency's time zone (the export's times are local; the schema wants UTC):
--
--   transparency-gen schema | sqlite3 operational.sqlite
--   TZ=America/Chicago sqlite3 operational.sqlite < import-vendor-csv.sql
--
-- It fills an empty database; for a nightly export, write a new file each night and
-- replace the old one when the import has succeeded.

.bail on
PRAGMA foreign_keys = ON;

-- 1. Load each CSV file into a staging table named after it (columns from the header row).
.import --csv cameras.csv vendor_cameras
.import --csv camera_sites.csv vendor_camera_sites
.import --csv sessions.csv vendor_sessions
.import --csv hotlists.csv vendor_hotlists
.import --csv reads.csv vendor_reads
.import --csv alerts.csv vendor_alerts
.import --csv searches.csv vendor_searches
-- Kept by the records unit, not the vendor: the agencies the data are shared with (their
-- written agreements), and how the vendor's free-text "ForAgency" names each of them.
.import --csv sharing_agencies.csv vendor_sharing_agencies
.import --csv agency_names.csv vendor_agency_names

-- The export writes dates as MM/DD/YYYY and times as MM/DD/YYYY HH:MM:SS, local time.
-- local_date('03/14/2026')               -> '2026-03-14'
-- local_time('03/14/2026 07:15:02')      -> '2026-03-14 07:15:02'
-- SQLite's 'utc' modifier converts a local time to UTC with the TZ the command runs under,
-- daylight saving time included. In the hour repeated when clocks go back, a local time
-- is ambiguous: prefer an export in UTC if your vendor offers one.

BEGIN;

-- 2. Readers. Type and owner words mapped to the schema's values.
INSERT INTO reader (reader_id, kind, label, operator, installed_on, decommissioned_on, bca_notified_on)
SELECT CameraID,
       CASE Type WHEN 'Fixed' THEN 'fixed' WHEN 'Mobile' THEN 'mobile' WHEN 'Trailer' THEN 'portable' END,
       CameraName,
       CASE Owner WHEN 'Partner' THEN 'partner' ELSE 'agency' END,
       nullif(substr(InstallDate, 7, 4) || '-' || substr(InstallDate, 1, 2) || '-' || substr(InstallDate, 4, 2), '--'),
       nullif(substr(RetiredDate, 7, 4) || '-' || substr(RetiredDate, 1, 2) || '-' || substr(RetiredDate, 4, 2), '--'),
       nullif(substr(BCANoticeDate, 7, 4) || '-' || substr(BCANoticeDate, 1, 2) || '-' || substr(BCANoticeDate, 4, 2), '--')
FROM vendor_cameras;

-- 3. Where fixed and portable readers stood. "Restricted" = Y marks a placement the agency
--    classified as security information (13.37 subd. 2): it is never published.
INSERT INTO reader_location (reader_id, description, direction, latitude, longitude, placed_on, removed_on, security_information)
SELECT CameraID, SiteDescription, nullif(Direction, ''),
       CAST(nullif(Lat, '') AS REAL), CAST(nullif(Lon, '') AS REAL),
       substr(FromDate, 7, 4) || '-' || substr(FromDate, 1, 2) || '-' || substr(FromDate, 4, 2),
       nullif(substr(ToDate, 7, 4) || '-' || substr(ToDate, 1, 2) || '-' || substr(ToDate, 4, 2), '--'),
       CASE Restricted WHEN 'Y' THEN 1 WHEN 'N' THEN 0 END  -- any other word: NULL, refused
FROM vendor_camera_sites;

-- 4. Periods of active use: local times to UTC instants with a trailing Z. An empty end is
--    a session still running.
INSERT INTO active_period (period_id, reader_id, started_at, ended_at)
SELECT CAST(SessionID AS INTEGER), CameraID,
       strftime('%Y-%m-%dT%H:%M:%SZ', substr(StartLocal, 7, 4) || '-' || substr(StartLocal, 1, 2) || '-' || substr(StartLocal, 4, 2) || ' ' || substr(StartLocal, 12, 8), 'utc'),
       CASE WHEN EndLocal = '' THEN NULL ELSE
       strftime('%Y-%m-%dT%H:%M:%SZ', substr(EndLocal, 7, 4) || '-' || substr(EndLocal, 1, 2) || '-' || substr(EndLocal, 4, 2) || ' ' || substr(EndLocal, 12, 8), 'utc') END
FROM vendor_sessions;

-- 5. Databases compared. Public = N: the existence of the list itself is not public; it is
--    counted but never named.
INSERT INTO comparison_source (source_id, name, jurisdiction, existence_public, in_use_from, in_use_until)
SELECT ListID, ListName, lower(Level), CASE Public WHEN 'N' THEN 0 WHEN 'Y' THEN 1 END,  -- any other word: NULL, refused
       substr(ActiveFrom, 7, 4) || '-' || substr(ActiveFrom, 1, 2) || '-' || substr(ActiveFrom, 4, 2),
       nullif(substr(ActiveTo, 7, 4) || '-' || substr(ActiveTo, 1, 2) || '-' || substr(ActiveTo, 4, 2), '--')
FROM vendor_hotlists;

-- 6. Plate reads (PRIVATE: the generator only ever counts them).
INSERT INTO plate_read (read_id, reader_id, read_at, plate, plate_state, latitude, longitude, image_ref)
SELECT CAST(ReadID AS INTEGER), CameraID,
       strftime('%Y-%m-%dT%H:%M:%SZ', substr(ReadTimeLocal, 7, 4) || '-' || substr(ReadTimeLocal, 1, 2) || '-' || substr(ReadTimeLocal, 4, 2) || ' ' || substr(ReadTimeLocal, 12, 8), 'utc'),
       upper(Plate), nullif(upper(State), ''), CAST(nullif(Lat, '') AS REAL), CAST(nullif(Lon, '') AS REAL), nullif(ImageFile, '')
FROM vendor_reads;

-- 7. Hits, with the vendor's reasons mapped to the statute's categories (13.824 subd. 5(a)(3)).
INSERT INTO hit (hit_id, read_id, source_id, category, hotlist_record, disposition)
SELECT CAST(AlertID AS INTEGER), CAST(ReadID AS INTEGER), ListID,
       CASE Reason
           WHEN 'Stolen Vehicle' THEN 'stolen_vehicle'
           WHEN 'Stolen Plate' THEN 'stolen_plate'
           WHEN 'Warrant' THEN 'warrant'
           WHEN 'Revoked/Suspended' THEN 'license_status'
           WHEN 'Investigation' THEN 'active_investigation'
           WHEN 'Missing Person' THEN 'missing_person'
           WHEN 'AMBER Alert' THEN 'amber_alert'
           ELSE 'other'
       END,
       nullif(Record, ''),
       CASE Outcome
           WHEN 'Confirmed' THEN 'confirmed'
           WHEN 'Misread' THEN 'misread'
           WHEN 'Not Current' THEN 'not_current'
           WHEN 'No Action' THEN 'no_action'
           ELSE 'pending'
       END
FROM vendor_alerts;

-- 8. The agencies the data are shared with (13.824 subd. 4): public, with their agreements.
-- Keep an agency whose agreement ended, with AgreementUntil set: its past searches keep its name.
INSERT INTO sharing_agency (agency_id, name, jurisdiction, agreement_from, agreement_until)
SELECT AgencyID, Name, Jurisdiction, nullif(AgreementFrom, ''), nullif(AgreementUntil, '')
FROM vendor_sharing_agencies;

-- 9. The audit trail of searches of stored data (13.824 subd. 7). Published as counts only.
-- The vendor's "ForAgency" is free text ("HCSO", "Hennepin County SO"); agency_names.csv maps
-- each spelling to an agency id. A spelling not in it stays a search for an agency the export
-- does not name, and `transparency-gen check` counts those so the map can be completed.
INSERT INTO data_access (access_id, accessed_at, user_name, case_number, purpose, requesting_agency, query_text,
                         requesting_agency_id)
SELECT CAST(QueryID AS INTEGER),
       strftime('%Y-%m-%dT%H:%M:%SZ', substr(QueryTimeLocal, 7, 4) || '-' || substr(QueryTimeLocal, 1, 2) || '-' || substr(QueryTimeLocal, 4, 2) || ' ' || substr(QueryTimeLocal, 12, 8), 'utc'),
       User, nullif(trim(CaseNo), ''),
       CASE Reason
           WHEN 'Criminal investigation' THEN 'criminal_investigation'
           WHEN 'Missing person' THEN 'missing_person'
           WHEN 'AMBER Alert' THEN 'amber_alert'
           WHEN 'Audit' THEN 'audit'
           ELSE 'other'
       END,
       nullif(ForAgency, ''), nullif(Query, ''),
       (SELECT AgencyID FROM vendor_agency_names WHERE lower(trim(ExportName)) = lower(trim(ForAgency)))
FROM vendor_searches;

COMMIT;

-- 10. The staging tables held private data too: drop them, and reclaim their space.
DROP TABLE vendor_cameras; DROP TABLE vendor_camera_sites; DROP TABLE vendor_sessions;
DROP TABLE vendor_hotlists; DROP TABLE vendor_reads; DROP TABLE vendor_alerts; DROP TABLE vendor_searches;
DROP TABLE vendor_sharing_agencies; DROP TABLE vendor_agency_names;
VACUUM;
