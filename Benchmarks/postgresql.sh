#!/usr/bin/env bash
# The issue-17 benchmark: the reference large agency's rows loaded into a PostgreSQL server on
# this machine, built by transparency-gen from the server, beside psql reading the same views
# (the floor for this source) and the build of the same rows from SQLite. Everything under /dev/shm.
#
#   Benchmarks/postgresql.sh                    # 10 million reads
#   READS=1000000 Benchmarks/postgresql.sh      # a quick run
#
# Needs: swift, sqlite3, python3, Debian's postgresql (its server and psql).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
work=${BENCH_DIR:-/dev/shm/transparency-gen-bench}
reads=${READS:-10000000}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1795000000}

swift build -c release --product transparency-gen >/dev/null
gen="$repo/.build/release/transparency-gen"
mkdir -p "$work"
measure() { /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >"$work/last.log" 2>&1; cat "$work/time.txt"; }

# The workload, as Benchmarks/run.sh writes it.
dir="$work/w$reads"
if [ ! -f "$dir/operational.sqlite" ] || [ "$(cat "$dir/epoch" 2>/dev/null)" != "$SOURCE_DATE_EPOCH" ]; then
  rm -rf "$dir"; "$gen" benchmark-workload "$dir" --reads "$reads" >/dev/null; echo "$SOURCE_DATE_EPOCH" >"$dir/epoch"
fi
db="$dir/operational.sqlite"

# A server of the benchmark's own, on a socket, sized for one build at a time on this machine.
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
pg_dir="$work/postgresql"
as_postgres=()
if [ "$(id -u)" = 0 ]; then as_postgres=(runuser -u postgres --); fi
if [ -d "$pg_dir/data" ]; then "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true; fi
rm -rf "$pg_dir"; mkdir -p "$pg_dir"
[ "$(id -u)" = 0 ] && chown postgres "$pg_dir"
"${as_postgres[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres >/dev/null
"${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -o "-p 5432 -k $pg_dir \
  -c listen_addresses='' -c shared_buffers=2GB -c work_mem=256MB -c maintenance_work_mem=1GB -c fsync=off \
  -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
trap '"${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true' EXIT
admin() { psql -X -q -v ON_ERROR_STOP=1 -h "$pg_dir" -U postgres "$@"; }

admin -d postgres -c "CREATE DATABASE alpr" -c "CREATE ROLE transparency_gen LOGIN"
admin -d alpr -c "CREATE SCHEMA agency"
( echo "SET search_path = agency;"; "$gen" schema --postgresql ) | admin -d alpr
start=$(date +%s.%N)
for table in reader reader_location active_period comparison_source sharing_agency plate_read hit data_access acp_request; do
  sqlite3 -readonly -csv "$db" "SELECT * FROM $table" | admin -d alpr -c "\\copy agency.$table FROM STDIN WITH (FORMAT csv)"
done
admin -d alpr -c "VACUUM ANALYZE"
load_s=$(python3 -c "import time; print(round(time.time() - $start, 1))")
"$gen" schema --postgresql-access --schema agency --role transparency_gen | admin -d alpr

# The floor: psql, as the generator's role, reading every view the build reads
# (the columns the build reads: a count(*) alone would let the server skip the distinct counts).
views="SELECT * FROM agency.transparency_period_figures; SELECT * FROM agency.transparency_reads_in_no_period;
  SELECT * FROM agency.transparency_search_groups; SELECT * FROM agency.transparency_hit_dispositions;
  SELECT * FROM agency.transparency_active_period; SELECT * FROM agency.transparency_reader;
  SELECT * FROM agency.transparency_reader_location; SELECT * FROM agency.transparency_comparison_source;
  SELECT * FROM agency.transparency_sharing_agency;"
read -r floor_s _ < <(measure psql -X -q -h "$pg_dir" -U transparency_gen -d alpr -c "$views")

site_for() {  # site_for NAME -> a site folder with a fresh copy of the five-year ledger (the database is given by --database,
             # so that both sites' configuration, and so their publications' digests, are the same)
  local site="$work/pg-$1"
  rm -rf "$site" "$work/pg-$1-public"; mkdir -p "$site"
  cp -r "$repo/content" "$repo/templates" "$site/"
  rm -f "$site"/content/pages/*.*.md   # the sample's translations: the benchmark site is English only
  cp "$dir/ledger.sqlite" "$site/ledger.sqlite"
  printf 'agency_name: "Reference Large Agency"\ntime_zone: America/Chicago\nretention_days: 60\nledger: ledger.sqlite\n' >"$site/site.yaml"
  echo "$site"
}
pg_site=$(site_for postgresql)
read -r pg_s pg_kb < <(measure "$gen" build --site "$pg_site" --output "$work/pg-postgresql-public" \
  --database "postgresql://transparency_gen@:5432/alpr?schema=agency&host=$pg_dir")
cp "$work/last.log" "$work/pg-build.log"
sq_site=$(site_for sqlite)
read -r sq_s sq_kb < <(measure "$gen" build --site "$sq_site" --output "$work/pg-sqlite-public" --database "$db")
cp "$work/last.log" "$work/sqlite-build.log"
diff -r "$work/pg-postgresql-public" "$work/pg-sqlite-public" >/dev/null && same=yes || same=NO
read_pg=$(grep "read figures" "$work/pg-build.log" | awk '{print $(NF-1)}')
read_sq=$(grep "read figures" "$work/sqlite-build.log" | awk '{print $(NF-1)}')

cat <<TABLE

Reads: $(sqlite3 -readonly "$db" "SELECT count(*) FROM plate_read"); loaded into PostgreSQL in ${load_s} s (COPY, then VACUUM ANALYZE).

| Run | Wall time | Peak memory | Of which "read figures" |
|---|---:|---:|---:|
| transparency-gen build from PostgreSQL | ${pg_s} s | $((pg_kb / 1024)) MB | ${read_pg} s |
| psql reading the same views (the floor for this source) | ${floor_s} s | – | – |
| transparency-gen build from SQLite, the same rows | ${sq_s} s | $((sq_kb / 1024)) MB | ${read_sq} s |

Byte-identical output from both sources: ${same}
TABLE
