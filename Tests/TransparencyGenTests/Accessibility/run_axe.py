"""Runs axe-core (WCAG 2.0/2.1 A and AA, and best practices) over every HTML page of a built
site in headless Chromium through Selenium, and prints the violations as JSON: {page: [[rule,
nodes, first target], ...]}. It adds one rule of the portal's own, `svg-text-under-12px`: every
word in a chart or the map is drawn at least 12 CSS pixels tall at phone (375 px) and desktop
(1280 px) widths, whatever the SVG's scaling. Used by AccessibilityTests; needs selenium, chromium-driver and the
axe.min.js of axe-core 4.x (the axe-selenium-python 3.0.0 wheel bundles one).

    python3 run_axe.py SITE_FOLDER AXE_MIN_JS
"""
import json
import pathlib
import sys

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
SCRIPT = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: %s}})
  .then(result => done(result.violations.map(v => [v.id, v.nodes.length, v.nodes[0].target.join(' ')])))
  .catch(error => done([['axe-error', 0, String(error)]]));
""" % json.dumps(RULES)

# The drawn size of each visible SVG text: its computed font size times the SVG's scale on screen.
SMALL_TEXT = """
return Array.from(document.querySelectorAll('svg text')).map(text => {
  const matrix = text.getScreenCTM();
  if (!matrix || text.getClientRects().length === 0) return null;
  return [text.textContent, Math.hypot(matrix.a, matrix.b) * parseFloat(getComputedStyle(text).fontSize)];
}).filter(entry => entry && entry[1] < 12);
"""
WIDTHS = [1280, 375]


def main():
    root = pathlib.Path(sys.argv[1])
    axe = pathlib.Path(sys.argv[2]).read_text()
    options = Options()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(60)
    violations = {}
    pages = sorted(root.rglob("*.html"))
    try:
        for width in WIDTHS:
            driver.set_window_size(width, 900)
            for page in pages:
                driver.get(page.as_uri())
                found = []
                if width == WIDTHS[0]:
                    driver.execute_script(axe)
                    found = driver.execute_async_script(SCRIPT)
                small = driver.execute_script(SMALL_TEXT)
                if small:
                    found.append(["svg-text-under-12px", len(small), "%s at %d px: %r, %.1f px" % (page.name, width, small[0][0], small[0][1])])
                if found:
                    violations.setdefault(str(page.relative_to(root)), []).extend(found)
    finally:
        driver.quit()
    print(json.dumps({"pages": len(pages), "violations": violations}))


if __name__ == "__main__":
    main()
