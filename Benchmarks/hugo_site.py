#!/usr/bin/env python3
"""Writes a Hugo site with the same pages as a transparency-gen output, from its own data.

Reads OUTPUT/data/public-log.csv and the list of pages in OUTPUT/manifest.csv, and writes
SITE/ (config, layouts, content) so that `hugo` renders one page per transparency-gen page:
the log pages with the same 120 periods each (as front-matter rows through Hugo's own
templates), and every other page as Markdown text of similar length.
"""
import csv
import json
import os
import sys
from collections import defaultdict

ROWS_PER_PAGE = 120


def main(output, site):
    with open(os.path.join(output, "data", "public-log.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))[1:]
    with open(os.path.join(output, "manifest.csv"), newline="", encoding="utf-8") as f:
        pages = [r[0] for r in list(csv.reader(f))[1:] if r[0].endswith(".html")]

    by_month = defaultdict(list)
    by_reader = defaultdict(list)
    for row in rows:
        by_month[row[6][:7]].append(row)
        by_reader[row[1]].append(row)

    def chunks(entries):
        return [entries[i:i + ROWS_PER_PAGE] for i in range(0, max(len(entries), 1), ROWS_PER_PAGE)]

    paged = {}
    for month, entries in by_month.items():
        for n, chunk in enumerate(chunks(entries)):
            paged[f"log/{month}" + ("" if n == 0 else f"/page-{n + 1}")] = (f"Public log: {month}", chunk)
    readers = sorted(by_reader)
    for reader in readers:
        entries = list(reversed(by_reader[reader]))
        for n, chunk in enumerate(chunks(entries)):
            paged[("reader", reader, n)] = (f"Public log: {reader}", chunk)

    os.makedirs(os.path.join(site, "layouts", "_default"), exist_ok=True)
    with open(os.path.join(site, "config.json"), "w") as f:
        json.dump({"baseURL": "https://example.gov/", "title": "Hugo peer", "disableKinds": ["taxonomy", "term", "RSS", "sitemap", "404"],
                   "uglyURLs": False, "markup": {"goldmark": {"renderer": {"unsafe": False}}}}, f)
    with open(os.path.join(site, "layouts", "_default", "baseof.html"), "w") as f:
        f.write("""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<link rel="stylesheet" href="/assets/style.css"></head><body><header><a href="/">Agency</a><nav>
<a href="/log/">Public log</a> <a href="/locations/">Locations</a> <a href="/policy/">Policy</a> <a href="/audits/">Audits</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main><footer>Published {{ now.Format "2006-01-02" }}</footer></body></html>
""")
    layout = """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
{{ with .Params.rows }}<table class="log"><caption>{{ $.Title }}</caption><thead><tr><th>Reader</th><th>Location</th><th>Start</th><th>End</th>
<th>Plates</th><th>Stolen</th><th>Warrant</th><th>License</th><th>Investigation</th><th>Other</th><th>Databases</th></tr></thead><tbody>
{{ range . }}<tr><th scope="row"><a href="/log/readers/{{ index . 1 | urlize }}/">{{ index . 2 }}</a></th><td>{{ with index . 5 }}{{ . }}{{ else }}—{{ end }}</td>
<td><time datetime="{{ index . 6 }}">{{ index . 6 }}</time></td><td><time datetime="{{ index . 7 }}">{{ index . 7 }}</time></td>
<td>{{ with index . 8 }}{{ lang.FormatNumber 0 (float .) }}{{ else }}Not recorded{{ end }}</td><td>{{ index . 10 }}</td><td>{{ index . 11 }}</td><td>{{ index . 12 }}</td>
<td>{{ index . 13 }}</td><td>{{ index . 14 }}</td><td>{{ index . 15 }}</td></tr>
{{ end }}</tbody></table>{{ end }}{{ end }}
"""
    for name in ("single.html", "list.html"):
        with open(os.path.join(site, "layouts", "_default", name), "w") as f:
            f.write(layout)

    text = "The agency publishes this page as the law requires. " * 40
    reader_pages = sorted(k for k in paged if isinstance(k, tuple))
    written = 0
    for page in pages:
        folder = page[: -len("index.html")].rstrip("/")
        key = folder
        if folder.startswith("log/readers/"):
            parts = folder.split("/")
            reader_index = sorted({p.split("/")[2] for p in pages if p.startswith("log/readers/")}).index(parts[2])
            n = int(parts[3].split("-")[1]) - 1 if len(parts) > 3 else 0
            key = ("reader", readers[reader_index], n) if reader_index < len(readers) else None
        title, chunk = paged.get(key, (folder or "Home", None))
        # Every folder is a branch bundle ("_index.md"): a leaf bundle could not hold the pages below it.
        path = os.path.join(site, "content", folder, "_index.md")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        front = {"title": title}
        if chunk is not None:
            front["rows"] = chunk
        with open(path, "w", encoding="utf-8") as f:
            f.write(json.dumps(front) + "\n\n" + ("" if chunk else text) + "\n")
        written += 1
    print(f"{written} Hugo pages written to {site}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
