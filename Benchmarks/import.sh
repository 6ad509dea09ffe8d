#!/usr/bin/env bash
# `transparency-gen import csv --mapping` of a large agency's reads, side by side with the floor:
# sqlite3's own `.import` of the same CSV file into a plain table (no types, no index, no
# conversion). Both read the file from /dev/shm and write their database there.
#
#   Benchmarks/import.sh                  # 10 million reads (a 0.8 GB CSV file)
#   ROWS=1000000 Benchmarks/import.sh     # a quicker look
#
# Needs: swift, sqlite3 (Debian: apt-get install sqlite3), GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
work=${BENCH_DIR:-/dev/shm/transparency-gen-import}
rows=${ROWS:-10000000}
command -v sqlite3 >/dev/null || { echo "Benchmarks/import.sh needs sqlite3 (apt-get install sqlite3)" >&2; exit 1; }
swift build -c release --product transparency-gen >/dev/null
gen="$repo/.build/release/transparency-gen"
mkdir -p "$work"
mapping="$repo/docs/examples/vendor-csv/reads.yaml"

# The vendor's layout of docs/examples/vendor-csv/reads.csv: 120 readers, a read every half
# second across 58 days of local times, plates of three letters and three digits.
reads="$work/reads-$rows.csv"
if [ ! -f "$reads" ]; then
  sqlite3 -csv -header :memory: >"$reads" <<SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $rows)
SELECT i AS ReadID, (CASE WHEN i % 3 = 0 THEN 'SQ-' || (i % 80 + 1) ELSE 'CAM-' || (i % 40 + 1) END) AS CameraID,
       strftime('%m/%d/%Y %H:%M:%S', 1790000000 + i / 2, 'unixepoch') AS ReadTimeLocal,
       char(65 + i % 26, 65 + i / 26 % 26, 65 + i / 676 % 26) || printf('%03d', i % 997) AS Plate,
       (CASE WHEN i % 11 = 0 THEN 'WI' ELSE 'MN' END) AS State,
       printf('%.4f', 45 + (i % 1000) / 10000.0) AS Lat, printf('%.4f', -93.4 - (i % 777) / 10000.0) AS Lon,
       'img/' || i || '.jpg' AS ImageFile
FROM n;
SQL
fi
cameras="$work/cameras.csv"
{
  echo "CameraID,CameraName,Type,Owner,InstallDate,RetiredDate,BCANoticeDate"
  for i in $(seq 1 40); do echo "CAM-$i,Camera $i,Fixed,PD,01/02/2025,,01/06/2025"; done
  for i in $(seq 1 80); do echo "SQ-$i,Squad $i,Mobile,PD,01/02/2025,,01/06/2025"; done
} >"$cameras"
mkdir -p "$work/site"
printf 'agency_name: "Benchmark Police Department"\ntime_zone: America/Chicago\n' >"$work/site/site.yaml"

measure() { /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >"$work/last.log" 2>&1 || { cat "$work/last.log" >&2; exit 1; }; cat "$work/time.txt"; }

echo "reads CSV: $rows rows, $(( $(stat -c %s "$reads") / 1000000 )) MB"
for run in 1 2 3; do
  rm -f "$work/floor.sqlite" "$work/operational.sqlite"
  floor=$(measure sqlite3 "$work/floor.sqlite" ".import --csv $reads reads")
  "$gen" import csv --mapping "$repo/docs/examples/vendor-csv/readers.yaml" "$cameras" \
    --site "$work/site" --database "$work/operational.sqlite" >/dev/null
  ours=$(measure "$gen" import csv --mapping "$mapping" "$reads" --site "$work/site" --database "$work/operational.sqlite")
  again=$(measure "$gen" import csv --mapping "$mapping" "$reads" --site "$work/site" --database "$work/operational.sqlite")
  echo "run $run: sqlite3 .import ${floor% *} s (${floor#* } KB peak) | import csv ${ours% *} s (${ours#* } KB peak) | again, nothing new ${again% *} s (${again#* } KB peak)"
done
tail -1 "$work/last.log"
