import Foundation

/// The operational database contract on a PostgreSQL server: the tables (derived from the one
/// SQLite contract, `OperationalSchema.sql`), and the script a database administrator runs once
/// per agency to create the aggregate views and let the generator's login role read those views
/// and nothing else. On PostgreSQL the server's own privileges are the access guard: the views
/// run with their owner's rights (the administrator's), the generator's role has `SELECT` on the
/// views alone, and no column of any view holds a plate, a read's place, a user or a case.
public enum PostgreSQLContract {
    /// Bumped when a view changes; the generator refuses views of another version.
    public static let version = 3

    /// The views, by their name in the agency's schema.
    public enum View: String, CaseIterable, Sendable {
        case contract = "transparency_contract"
        case readers = "transparency_reader"
        case placements = "transparency_reader_location"
        case periods = "transparency_active_period"
        case sources = "transparency_comparison_source"
        case sharingAgencies = "transparency_sharing_agency"
        case periodFigures = "transparency_period_figures"
        case readsInNoPeriod = "transparency_reads_in_no_period"
        case readsByTime = "transparency_reads_by_time"
        case searchGroups = "transparency_search_groups"
        case reasonRules = "transparency_reason_rules"
        case searchScope = "transparency_search_scope"
        case hitDispositions = "transparency_hit_dispositions"

        /// Its columns and their types as PostgreSQL's `format_type` names them, in order: the
        /// generator refuses a view that differs (one changed by hand, or of another version).
        public var columns: [(name: String, type: String)] {
            let text = "text", number = "bigint", flag = "integer"
            switch self {
            case .contract: return [("version", flag), ("retention_seconds", number)]
            case .readers:
                return [("reader_id", text), ("kind", text), ("label", text), ("operator", text), ("installed_on", text),
                        ("decommissioned_on", text), ("bca_notified_on", text)]
            case .placements:
                return [("location_id", number), ("reader_id", text), ("placed_on", text), ("removed_on", text),
                        ("security_information", number), ("description", text), ("direction", text),
                        ("latitude", "double precision"), ("longitude", "double precision")]
            case .periods: return [("period_id", number), ("reader_id", text), ("started_at", text), ("ended_at", text)]
            case .sources: return [("source_id", text), ("name", text), ("jurisdiction", text), ("in_use_from", text), ("in_use_until", text)]
            case .sharingAgencies:
                return [("agency_id", text), ("name", text), ("jurisdiction", text), ("agreement_from", text), ("agreement_until", text)]
            case .periodFigures:
                return [("period_id", number), ("reads", number), ("plates", number)] + PeriodFigure.hitKinds.map { ($0.name, number) }
                    + [(PeriodFigure.platesWithHits.name, number)]
            case .readsInNoPeriod: return [("reads", number)]
            case .readsByTime: return [("read_at", "timestamp with time zone"), ("reads", number)]
            case .searchGroups:
                return [("utc_minute", text), ("purpose", text), ("requested_by", text), ("agency_id", text),
                        ("case_number_recorded", flag), ("searches", number), ("first_access_id", number), ("unknown_agency", flag)]
            case .reasonRules: return [("rule_order", flag), ("rule_id", text), ("words", text), ("pattern", text)]
            case .searchScope:
                return [("utc_minute", text), ("search_kind", text), ("networks", text), ("search_window", text), ("reason", text),
                        ("searches", number), ("first_access_id", number), ("outside_minnesota", number)]
            case .hitDispositions: return [("utc_minute", text), ("disposition", text), ("hits", number), ("first_hit_id", number)]
            }
        }
    }

    /// The tables whose rows are about individuals: the generator's role must not read any column of them.
    public static let privateTables = ["plate_read", "hit", "data_access", "acp_request"]

    /// The names a script may use for a schema or a role: lower-case letters, digits and
    /// underscores, so that they are never misread as SQL.
    public static func isPlainName(_ name: String) -> Bool {
        name.wholeMatch(of: /[a-z_][a-z0-9_]{0,62}/) != nil
    }

    // MARK: - The tables

    /// The operational tables in PostgreSQL types: `*_at` columns are `timestamptz` (UTC
    /// instants), `*_on` columns `date` (local calendar dates), whole numbers `bigint`, reals
    /// `double precision`, text `text`; keys, references and checks as in the SQLite contract.
    /// The tables go in the first schema of the `search_path`.
    public static var tables: String {
        // The SQLite contract's tables, after its header (which speaks of a file) and its PRAGMA.
        let sql = OperationalSchema.sql
        let body = sql.range(of: "PRAGMA foreign_keys = ON;\n").map { String(sql[$0.upperBound...]) } ?? sql
        return header + body.split(separator: "\n", omittingEmptySubsequences: false).map { postgreSQLLine(String($0)) }
            .joined(separator: "\n")
    }

    /// The statements of `tables`, one by one (a query of postgres-nio runs one statement),
    /// without their comments.
    static var tableStatements: [String] {
        var statements: [String] = []
        var current = ""
        var quoted = false
        var characters = tables.makeIterator()
        while let character = characters.next() {
            if character == "'" { quoted.toggle() }
            if !quoted, character == "-", current.hasSuffix("-") {
                current.removeLast()
                while let skipped = characters.next(), skipped != "\n" {}
                current.append("\n")
            } else if !quoted, character == ";" {
                statements.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
                current = ""
            } else {
                current.append(character)
            }
        }
        return statements.filter { !$0.isEmpty }
    }

    private static let header = """
        -- Operational database contract, PostgreSQL
        -- ==========================================
        -- The ALPR system's own store on a PostgreSQL server: the same tables, columns, keys and
        -- checks as the SQLite contract (`transparency-gen schema`), in PostgreSQL types:
        --   *_at columns           timestamptz (UTC instants; the SQLite contract's '2024-05-01T13:05:00Z')
        --   *_on, *_from, *_until  date (local calendar dates in the agency's time zone)
        --   INTEGER                bigint;  REAL  double precision;  TEXT  text
        -- The tables go in the first schema of the search_path (one schema per agency, e.g.
        --   SET search_path = elm_creek;  before running this). The generator never reads these
        -- tables: it reads the views of `transparency-gen schema --postgresql-access`, as a role
        -- that may read nothing else. Every table marked PRIVATE holds data on individuals (Minn.
        -- Stat. 13.824 subd. 2): nothing from a PRIVATE column may ever reach a published file.

        """

    private static func postgreSQLLine(_ line: String) -> String {
        guard let match = line.firstMatch(of: /^(\s+)([a-z_]+)(\s+)(TEXT|INTEGER|REAL)\b/) else { return line }
        let name = String(match.output.2)
        let type: String
        switch match.output.4 {
        case "TEXT" where name.hasSuffix("_at"): type = "timestamptz"
        case "TEXT" where name.hasSuffix("_on") || name.hasSuffix("_from") || name.hasSuffix("_until"): type = "date"
        case "TEXT": type = "text"
        case "INTEGER": type = "bigint"
        default: type = "double precision"
        }
        // Keep the columns' comments aligned: pad or trim the type to the width it had.
        let old = String(match.output.4)
        let padded = type.count < old.count ? type + String(repeating: " ", count: old.count - type.count) : type
        return line.replacingCharacters(in: match.range, with: "\(match.output.1)\(name)\(match.output.3)\(padded)")
    }

    // MARK: - The views and grants

    /// The script for the agency whose tables are in `schema`, for the existing login role
    /// `role`. Both must be plain names (`isPlainName`).
    public static func accessScript(schema: String, role: String, scope: SearchScopeSettings) -> String {
        let s = "\"\(schema)\""
        let viewNames = View.allCases.map { "\(s).\($0.rawValue)" }.joined(separator: ", ")
        let publicTables = ["reader", "reader_location", "active_period", "comparison_source", "sharing_agency"]
        return """
            -- transparency-gen \(version): the aggregate views of the agency whose operational tables are
            -- in schema \(schema), and what the generator's login role \(role) may read: those views, nothing else.
            --
            -- Run it once as the owner of the tables (the views run with the owner's rights), and again
            -- after upgrading transparency-gen:
            --   psql -v ON_ERROR_STOP=1 -d DBNAME -f access.sql
            -- Create the login role first, with a password of its own and no other rights:
            --   CREATE ROLE \(role) LOGIN PASSWORD '...';
            BEGIN;

            \(viewDefinitions(schema: s, scope: scope).map { "\($0.comment.isEmpty ? "" : $0.comment + "\n")CREATE OR REPLACE VIEW \(s).\($0.view.rawValue) AS\n\($0.query);" }
                .joined(separator: "\n\n"))

            -- The generator's role reads the views and nothing else: no table of the schema, public or
            -- private, and no one reads the private tables through PUBLIC.
            REVOKE ALL ON ALL TABLES IN SCHEMA \(s) FROM "\(role)";
            REVOKE ALL ON \(privateTables.map { "\(s).\($0)" }.joined(separator: ", ")) FROM PUBLIC;
            REVOKE ALL ON \(publicTables.map { "\(s).\($0)" }.joined(separator: ", ")) FROM PUBLIC;
            REVOKE CREATE ON SCHEMA \(s) FROM PUBLIC, "\(role)";
            GRANT USAGE ON SCHEMA \(s) TO "\(role)";
            GRANT SELECT ON \(viewNames) TO "\(role)";

            COMMIT;

            """
    }

    /// A plate, as the spec compares them: (`plate_state` or empty, `plate`).
    private static let plate = "(coalesce(r.plate_state, ''), r.plate)"
    /// A UTC instant as the SQLite contract writes it.
    private static func utcText(_ column: String) -> String { "to_char(\(column) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')" }
    private static func utcMinute(_ column: String) -> String { "to_char(\(column) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI')" }
    private static func dateText(_ column: String) -> String { "to_char(\(column), 'YYYY-MM-DD')" }
    /// The characters the spec's "after trimming white space" removes.
    private static let whiteSpace = "E' \\t\\n\\r'"

    /// Each view with the comment the script puts above it and its query, for the agency's
    /// schema `s` (quoted): the script creates the views from these, and the generator proves
    /// from the catalogs that the server's views are these, by creating them anew as temporary
    /// views and comparing the server's own reading of both (`PostgreSQLProof`).
    /// `scope`: the reason rules and retention period the views carry (`transparency_contract`
    /// and `transparency_reason_rules`), which the search-scope view applies.
    static func viewDefinitions(schema s: String, scope: SearchScopeSettings) -> [(view: View, comment: String, query: String)] {
        let kinds = PeriodFigure.hitKinds
        let hitFlags = kinds.map { kind in
            "bool_or(h.category IN (\(kind.hitCategories.map { "'\($0)'" }.joined(separator: ", ")))) AS \(kind.name)"
        }.joined(separator: ",\n                   ")
        let statutory = kinds.filter(\.isStatutoryHit).map { "k.\($0.name)" }.joined(separator: " OR ")
        let hitCounts = (kinds.map { "count(DISTINCT \(plate)) FILTER (WHERE k.\($0.name)) AS \($0.name)" }
            + ["count(DISTINCT \(plate)) FILTER (WHERE \(statutory)) AS \(PeriodFigure.platesWithHits.name)"])
            .joined(separator: ",\n       ")
        return [
            (.contract, """
            -- The contract's version, and the retention period (in seconds) the search-scope view judges windows by.
            """, """
            SELECT \(version) AS version, \(scope.retentionSeconds)::bigint AS retention_seconds
            """),
            (.reasonRules, """
            -- The reason rules of the site (its search_reason_rules), in order, with their regular expressions:
            -- public text, which the search-scope view matches reasons against on the server.
            """, reasonRulesQuery(scope.rules)),
            (.readers, """
            -- Public tables, with the columns the portal publishes; dates and times as text in the
            -- contract's formats (YYYY-MM-DD; YYYY-MM-DDTHH:MM:SSZ in UTC).
            """, """
            SELECT reader_id, kind, label, operator, \(dateText("installed_on")) AS installed_on,
                   \(dateText("decommissioned_on")) AS decommissioned_on, \(dateText("bca_notified_on")) AS bca_notified_on
            FROM \(s).reader
            """),
            (.placements, """
            -- A placement classified as security information keeps only its reader and dates.
            """, """
            SELECT location_id, reader_id, \(dateText("placed_on")) AS placed_on, \(dateText("removed_on")) AS removed_on,
                   security_information,
                   CASE WHEN security_information = 0 THEN description END AS description,
                   CASE WHEN security_information = 0 THEN direction END AS direction,
                   CASE WHEN security_information = 0 THEN latitude END AS latitude,
                   CASE WHEN security_information = 0 THEN longitude END AS longitude
            FROM \(s).reader_location
            """),
            (.periods, "", """
            SELECT period_id, reader_id, \(utcText("started_at")) AS started_at, \(utcText("ended_at")) AS ended_at
            FROM \(s).active_period
            """),
            (.sources, """
            -- Databases whose existence is not public are not in the view at all.
            """, """
            SELECT source_id, name, jurisdiction, \(dateText("in_use_from")) AS in_use_from, \(dateText("in_use_until")) AS in_use_until
            FROM \(s).comparison_source WHERE existence_public = 1
            """),
            (.sharingAgencies, "", """
            SELECT agency_id, name, jurisdiction, \(dateText("agreement_from")) AS agreement_from,
                   \(dateText("agreement_until")) AS agreement_until
            FROM \(s).sharing_agency
            """),
            (.periodFigures, """
            -- Each closed period's figures (the spec's aggregation rules): its reads are the reads of
            -- its reader with started_at <= read_at < ended_at; a plate is (plate_state or empty, plate).
            """, """
            WITH kinds AS (
                SELECT h.read_id,
                       \(hitFlags)
                FROM \(s).hit AS h GROUP BY h.read_id)
            SELECT p.period_id, count(*) AS reads, count(DISTINCT \(plate)) AS plates,
                   \(hitCounts)
            FROM \(s).active_period AS p
            JOIN \(s).plate_read AS r ON r.reader_id = p.reader_id AND r.read_at >= p.started_at AND r.read_at < p.ended_at
            LEFT JOIN kinds AS k ON k.read_id = r.read_id
            WHERE p.ended_at IS NOT NULL
            GROUP BY p.period_id
            """),
            (.readsInNoPeriod, """
            -- Reads in no period (open or closed) of their reader: they are in no public log.
            """, """
            SELECT count(*) AS reads FROM \(s).plate_read AS r
            WHERE NOT EXISTS (SELECT 1 FROM \(s).active_period AS p
                              WHERE p.reader_id = r.reader_id AND r.read_at >= p.started_at
                                AND (p.ended_at IS NULL OR r.read_at < p.ended_at))
            """),
            (.readsByTime, """
            -- Reads by their time, counts only: the generator adds up those older than the retention horizon.
            """, """
            SELECT read_at, count(*) AS reads FROM \(s).plate_read GROUP BY read_at
            """),
            (.searchGroups, """
            -- Searches of stored data by UTC minute, purpose, requester, agency and whether a case number
            -- was recorded, with each group's lowest access_id (to name a row in a message, never a value).
            -- The case number and the free-text requesting agency never leave the server: only whether
            -- they are empty.
            """, """
            SELECT \(utcMinute("accessed_at")) AS utc_minute, purpose,
                   CASE WHEN requesting_agency_id IS NOT NULL THEN '\(RequestedBy.namedAgency.rawValue)'
                        WHEN btrim(coalesce(requesting_agency, ''), \(whiteSpace)) <> '' THEN '\(RequestedBy.unnamedAgency.rawValue)'
                        ELSE '\(RequestedBy.thisAgency.rawValue)' END AS requested_by,
                   requesting_agency_id AS agency_id,
                   (btrim(coalesce(case_number, ''), \(whiteSpace)) <> '')::integer AS case_number_recorded,
                   count(*) AS searches, min(access_id) AS first_access_id,
                   max((requesting_agency_id IS NOT NULL
                        AND requesting_agency_id NOT IN (SELECT agency_id FROM \(s).sharing_agency))::integer) AS unknown_agency
            FROM \(s).data_access
            GROUP BY 1, 2, 3, 4, 5
            """),
            (.searchScope, """
            -- Searches by UTC minute, kind, networks reached, window and reason group (spec, "How searches were
            -- made, and why"), with each group's lowest access_id. The reason, the window's instant and the number
            -- of networks never leave the server: only the group each falls in.
            """, searchScopeQuery(schema: s)),
            (.hitDispositions, """
            -- Hits by the UTC minute of their read and the officer's disposition.
            """, """
            SELECT \(utcMinute("r.read_at")) AS utc_minute, coalesce(h.disposition, 'pending') AS disposition,
                   count(*) AS hits, min(h.hit_id) AS first_hit_id
            FROM \(s).hit AS h JOIN \(s).plate_read AS r ON r.read_id = h.read_id
            GROUP BY 1, 2
            """),
        ]
    }

    /// A text as an SQL literal.
    private static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

    private static func reasonRulesQuery(_ rules: ReasonRules) -> String {
        guard !rules.rules.isEmpty else {
            return "SELECT 0 AS rule_order, ''::text AS rule_id, ''::text AS words, ''::text AS pattern WHERE false"
        }
        let rows = rules.rules.enumerated().map { index, rule in
            "(\(index + 1), \(literal(rule.id)), \(literal(rule.words.joined(separator: ReasonRules.wordSeparator))), "
                + "\(literal(ReasonRules.postgreSQLPattern(rule))))"
        }
        return """
            SELECT r.rule_order, r.rule_id, r.words, r.pattern
            FROM (VALUES \(rows.joined(separator: ",\n                         "))) AS r(rule_order, rule_id, words, pattern)
            """
    }

    private static func searchScopeQuery(schema s: String) -> String {
        return """
            SELECT \(utcMinute("d.accessed_at")) AS utc_minute,
                   CASE WHEN d.search_kind IS NULL THEN NULL WHEN d.search_kind IN (\(AggregateViews.searchKindList)) THEN d.search_kind
                        ELSE '\(AggregateViews.invalid)' END AS search_kind,
                   CASE WHEN d.networks_searched IS NULL THEN NULL
                        \(AggregateViews.networkBands("d.networks_searched"))
                        ELSE '\(AggregateViews.invalid)' END AS networks,
                   CASE WHEN d.window_start_at IS NULL THEN NULL
                        WHEN d.window_start_at < d.accessed_at - c.retention_seconds * interval '1 second' THEN '\(SearchWindow.beyondRetention.rawValue)'
                        ELSE '\(SearchWindow.withinRetention.rawValue)' END AS search_window,
                   CASE WHEN btrim(coalesce(d.reason, ''), \(whiteSpace)) = '' THEN '\(ReasonGroup.blankCode)'
                        ELSE coalesce((SELECT r.rule_id FROM \(s).\(View.reasonRules.rawValue) AS r
                                       WHERE r.pattern <> '' AND d.reason COLLATE "C" ~ r.pattern
                                       ORDER BY r.rule_order LIMIT 1), '\(ReasonGroup.givenCode)') END AS reason,
                   count(*) AS searches, min(d.access_id) AS first_access_id,
                   count(*) FILTER (WHERE d.requesting_agency_id IN (SELECT a.agency_id FROM \(s).sharing_agency AS a
                                                                     WHERE a.jurisdiction IN (\(AggregateViews.outsideMinnesotaJurisdictions)))) AS outside_minnesota
            FROM \(s).data_access AS d CROSS JOIN \(s).\(View.contract.rawValue) AS c
            GROUP BY 1, 2, 3, 4, 5
            """
    }

    /// The settings a schema's views carry, read back from its contract and rules views; nil
    /// when they do not make settings (a retention that is not whole days, a rule without words).
    /// Ids and words that a site's rules could not have make no settings, so that nothing a
    /// view computed from other rows is ever built into SQL or named in a message.
    static func settings(retentionSeconds: Int64, rules: [(id: String, words: String)]) -> SearchScopeSettings? {
        guard retentionSeconds > 0, retentionSeconds % 86_400 == 0, retentionSeconds <= 86_400 * 366 else { return nil }
        let parsed = rules.map { ReasonRules.Rule(id: $0.id, words: $0.words.components(separatedBy: ReasonRules.wordSeparator)) }
        guard Set(parsed.map(\.id)).count == parsed.count,
              parsed.allSatisfy({ ReasonRules.isPlainID($0.id) && $0.words.allSatisfy { ReasonRules.problem(with: $0) == nil } })
        else { return nil }
        return SearchScopeSettings(rules: ReasonRules(parsed), retentionDays: Int(retentionSeconds / 86_400))
    }
}
