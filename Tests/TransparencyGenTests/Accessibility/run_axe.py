"""Runs axe-core (WCAG 2.0/2.1 A and AA, and best practices) over every HTML page of a built
site in headless Chromium through Selenium, and prints the violations as JSON: {page: [[rule,
nodes, first target], ...]}. Used by AccessibilityTests; needs selenium, chromium-driver and the
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
        for page in pages:
            driver.get(page.as_uri())
            driver.execute_script(axe)
            found = driver.execute_async_script(SCRIPT)
            if found:
                violations[str(page.relative_to(root))] = found
    finally:
        driver.quit()
    print(json.dumps({"pages": len(pages), "violations": violations}))


if __name__ == "__main__":
    main()
