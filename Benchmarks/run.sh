#!/usr/bin/env bash
# The reference large agency built by transparency-gen, side by side with the sqlite3 floor
# and Hugo on the same pages: a full build, an unchanged rebuild and a nightly build (one more
# day of reads against the previous day's publication); then peak memory at 1, 5 and 10
# million reads. Everything is written under /dev/shm (disk timings on shared machines are noisy).
#
#   Benchmarks/run.sh                 # the full run (about 5 minutes on 2 cores)
#   READS="1000000" Benchmarks/run.sh # a quick run at one size
#
# Needs: swift, sqlite3, python3, hugo (Debian: apt-get install sqlite3 hugo).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
work=${BENCH_DIR:-/dev/shm/transparency-gen-bench}
sizes=${READS:-"10000000 5000000 1000000"}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1795000000}

for tool in sqlite3 hugo python3; do
  command -v "$tool" >/dev/null || { echo "Benchmarks/run.sh needs $tool (apt-get install sqlite3 hugo python3)" >&2; exit 1; }
done
swift build -c release --product transparency-gen >/dev/null
gen="$repo/.build/release/transparency-gen"
mkdir -p "$work"

# Seconds and peak KB of one command, as "seconds kb" (GNU time).
measure() { /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >"$work/last.log" 2>&1; cat "$work/time.txt"; }
best_of_3() { local best=""; for _ in 1 2 3; do t=$(measure "$@" | cut -d' ' -f1); best=$(python3 -c "print(min(x for x in [$t, ${best:-$t}]))"); done; echo "$best"; }

site_for() {  # site_for READS -> prints the site folder, ready for a first build
  local reads=$1 dir="$work/w$1"
  if [ ! -f "$dir/operational.sqlite" ] || [ "$(cat "$dir/epoch" 2>/dev/null)" != "$SOURCE_DATE_EPOCH" ]; then
    rm -rf "$dir"; "$gen" benchmark-workload "$dir" --reads "$reads" >/dev/null; echo "$SOURCE_DATE_EPOCH" >"$dir/epoch"
  fi
  rm -rf "$dir/site" "$dir/public"; mkdir -p "$dir/site"
  cp -r "$repo/content" "$repo/templates" "$dir/site/"
  rm -f "$dir"/site/content/pages/*.*.md   # the sample's translations: the benchmark site is English only
  cp "$dir/ledger.sqlite" "$dir/site/ledger.sqlite"   # five years of earlier figures, fresh each run
  cat >"$dir/site/site.yaml" <<YAML
agency_name: "Reference Large Agency"
time_zone: America/Chicago
retention_days: 60
database: $dir/operational.sqlite
ledger: ledger.sqlite
YAML
  echo "$dir/site"
}

declare -A full_s full_kb
for reads in $sizes; do
  site=$(site_for "$reads"); out="$(dirname "$site")/public"
  read -r s kb < <(measure "$gen" build --site "$site" --output "$out")
  full_s[$reads]=$s; full_kb[$reads]=$kb
  if [ "$reads" = "$(echo "$sizes" | cut -d' ' -f1)" ]; then
    ref=$reads; ref_site=$site; ref_out=$out
    cp "$work/last.log" "$work/full-build.log"
  fi
done

# The reference size: unchanged rebuild, floor, Hugo.
db="$work/w$ref/operational.sqlite"
read -r rebuild_s rebuild_kb < <(measure "$gen" build --site "$ref_site" --output "$ref_out")
grep -q "Nothing changed" "$work/last.log" || { echo "the rebuild was not recognised as unchanged:" >&2; cat "$work/last.log" >&2; exit 1; }
pages=$(grep -c '\.html,' "$ref_out/manifest.csv")
read -r plate_reads hits < <(sqlite3 -readonly -separator ' ' "$db" "SELECT (SELECT count(*) FROM plate_read), (SELECT count(*) FROM hit)")
floor_sql="SELECT count(*), sum(length(plate)), count(plate_state) FROM plate_read; SELECT count(*), sum(length(category)) FROM hit;"
floor_s=$(best_of_3 sqlite3 -readonly "$db" "$floor_sql")
plain_sql="PRAGMA cache_size=-65536; SELECT count(*) FROM (SELECT p.period_id, count(*), count(DISTINCT coalesce(r.plate_state,'') || ' ' || r.plate)
  FROM active_period p JOIN plate_read r ON r.reader_id = p.reader_id AND r.read_at >= p.started_at AND r.read_at < p.ended_at
  WHERE p.ended_at IS NOT NULL GROUP BY p.period_id);"
read -r plain_s _ < <(measure sqlite3 -readonly "$db" "$plain_sql")
rm -rf "$work/hugo" "$work/hugo-public"
python3 "$repo/Benchmarks/hugo_site.py" "$ref_out" "$work/hugo" >/dev/null
read -r hugo_s hugo_kb < <(measure hugo --quiet -s "$work/hugo" -d "$work/hugo-public")
hugo_pages=$(find "$work/hugo-public" -name '*.html' | wc -l)
render_s=$(grep "render and write" "$work/full-build.log" | awk '{print $(NF-1)}')

# The nightly build. Yesterday's database is today's without the last day: its reads, periods
# and searches from yesterday's "now" on are removed and the periods running then are open
# again. Yesterday's build publishes from it (with the workload's five years of ledger); the
# nightly build then runs a day later against today's database, the same site files and
# yesterday's published site and ledger.
yesterday_epoch=$((SOURCE_DATE_EPOCH - 86400))
yesterday=$(date -u -d "@$yesterday_epoch" +%Y-%m-%dT%H:%M:%SZ)
yesterday_db="$work/w$ref/operational-yesterday.sqlite"
if [ ! -f "$yesterday_db" ] || [ "$yesterday_db" -ot "$db" ]; then
  cp "$db" "$yesterday_db"
  sqlite3 "$yesterday_db" "PRAGMA foreign_keys = ON; BEGIN;
    DELETE FROM plate_read WHERE read_at >= '$yesterday';
    DELETE FROM active_period WHERE started_at >= '$yesterday';
    UPDATE active_period SET ended_at = NULL WHERE ended_at > '$yesterday';
    DELETE FROM data_access WHERE accessed_at >= '$yesterday';
    COMMIT;"
fi
added_reads=$(( plate_reads - $(sqlite3 -readonly "$yesterday_db" "SELECT count(*) FROM plate_read") ))
nightly_site=$(site_for "$ref"); nightly_out="$(dirname "$nightly_site")/public"
# One database file, as an agency has: yesterday's rows, then today's copied over them (the
# ledger records its source and refuses another one).
nightly_db="$work/w$ref/nightly.sqlite"
cp "$yesterday_db" "$nightly_db"
SOURCE_DATE_EPOCH=$yesterday_epoch "$gen" build --site "$nightly_site" --output "$nightly_out" --database "$nightly_db" >/dev/null
cp "$db" "$nightly_db"
read -r nightly_s nightly_kb < <(measure "$gen" build --site "$nightly_site" --output "$nightly_out" --database "$nightly_db")
cp "$work/last.log" "$work/nightly-build.log"
carried=$(grep -o "^[0-9,]* of the pages were carried over" "$work/nightly-build.log" | cut -d' ' -f1 | tr -d ,)
nightly_pages=$(grep -c '\.html,' "$nightly_out/manifest.csv")

python3 - "$ref" "$plate_reads" "$hits" "$pages" "${full_s[$ref]}" "${full_kb[$ref]}" "$rebuild_s" "$rebuild_kb" \
  "$floor_s" "$plain_s" "$hugo_s" "$hugo_kb" "$hugo_pages" "$render_s" \
  "$nightly_s" "$nightly_kb" "$added_reads" "${carried:-0}" "$nightly_pages" <<'PY'
import sys
(ref, reads, hits, pages, full, full_kb, rebuild, rebuild_kb, floor, plain, hugo, hugo_kb, hugo_pages, render,
 nightly, nightly_kb, added, carried, nightly_pages) = sys.argv[1:]
reads, hits, pages, hugo_pages = int(reads), int(hits), int(pages), int(hugo_pages)
added, carried, nightly_pages = int(added), int(carried), int(nightly_pages)
full, rebuild, floor, plain, hugo, render, nightly = map(float, (full, rebuild, floor, plain, hugo, render, nightly))
mb = lambda kb: f"{int(kb) / 1024:.0f} MB"
print(f"Reference workload: {reads:,} plate reads, {hits:,} hits, {pages:,} pages")
print(f"| Run | Wall time | Peak memory | Pages per second |")
print(f"|---|---:|---:|---:|")
print(f"| transparency-gen, full build | {full:.2f} s | {mb(full_kb)} | {pages / full:.0f} (whole build); {pages / render:.0f} (render and write stage, {render:.2f} s) |")
print(f"| transparency-gen, nightly build: {added:,} more reads, {carried:,} of {nightly_pages:,} pages carried over | {nightly:.2f} s | {mb(nightly_kb)} | – |")
print(f"| transparency-gen, unchanged rebuild | {rebuild:.2f} s | {mb(rebuild_kb)} | – |")
print(f"| sqlite3 floor: every plate_read and hit row once (best of 3) | {floor:.2f} s | – | – |")
print(f"| sqlite3, the same period figures in plain SQL | {plain:.2f} s | – | – |")
print(f"| Hugo 0.111, same {hugo_pages:,} pages | {hugo:.2f} s | {mb(hugo_kb)} | {hugo_pages / hugo:.0f} |")
print()
print(f"Nightly build / sqlite3 floor: {nightly / floor:.1f}x (target at most 3x)")
print(f"Full build / sqlite3 floor: {full / floor:.1f}x (target at most 6x)")
print(f"Unchanged rebuild / full build: {100 * rebuild / full:.1f} % (target at most 5 %)")
print(f"Peak memory: full {mb(full_kb)}, nightly {mb(nightly_kb)}, unchanged {mb(rebuild_kb)} (target at most 128 MB)")
print(f"Pages per second, transparency-gen whole build / Hugo: {(pages / full) / (hugo_pages / hugo):.2f}; render stage / Hugo: {(pages / render) / (hugo_pages / hugo):.2f} (target at least 4)")
PY
echo
echo "Peak memory of a full build by retained reads:"
for reads in $sizes; do echo "  $reads reads: ${full_s[$reads]} s, $(( ${full_kb[$reads]} / 1024 )) MB"; done
echo "Stages of the reference build:"; grep " s$" "$work/full-build.log"
echo "Stages of the nightly build:"; grep " s$" "$work/nightly-build.log"
