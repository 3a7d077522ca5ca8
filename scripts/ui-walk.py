#!/usr/bin/env python3
"""Walks a running Hromada as a resident on a phone would, in headless Chromium.

    scripts/ui-walk.py BASE_URL [--pages N] [--screenshots DIR]

From the home page and each city's page it follows the links of the city's
public pages (each module's lists and detail pages, search, maps; no staff
desk, no downloads), up to N pages (default 120), in Ukrainian and a few in
English, then signs in as the demo resident and opens the forms she uses.
Each page, at 360 CSS pixels wide, must have:
  - no horizontal scroll (the page is no wider than the screen);
  - no errors in the browser's console (scripts, CSP, failed loads);
  - a label for every input, select and textarea a person fills in;
  - an alt attribute on every image.
Prints one line per problem and a summary; exits 1 when there is any.
Needs selenium (pip) and chromium with its driver (apt-get install chromium
chromium-driver).
"""
import argparse
import re
import sys
import time
from urllib.parse import urljoin, urlparse

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

CHECKS = r"""
const problems = [];
const width = document.documentElement.clientWidth;
if (document.documentElement.scrollWidth > width + 1) {
  const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 1)
    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : ''));
  problems.push('scrolls sideways: ' + document.documentElement.scrollWidth + ' px wide on a ' + width + ' px screen (' + wide.slice(-3).join(', ') + ')');
}
for (const field of document.querySelectorAll('input, select, textarea')) {
  const type = (field.getAttribute('type') || '').toLowerCase();
  if (['hidden', 'submit', 'button', 'image', 'reset'].includes(type)) continue;
  const labelled = (field.labels && field.labels.length > 0) || field.getAttribute('aria-label') || field.getAttribute('aria-labelledby') || field.getAttribute('title');
  if (!labelled) problems.push('no label: <' + field.tagName.toLowerCase() + ' name="' + (field.getAttribute('name') || '') + '">');
}
for (const img of document.querySelectorAll('img')) {
  if (!img.hasAttribute('alt')) problems.push('no alt: <img src="' + img.getAttribute('src') + '">');
}
return problems;
"""

SKIP = re.compile(r"/(admin|api|static|logout|dev)(/|$)|\.(csv|json|jsonld|ttl|atom|ics|pb|xml|pdf|geojson|gpx)(\?|$)|/photos/|/documents/|/export")


def browser():
    options = Options()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=360,800", "--lang=uk"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    # The viewport itself 360 px wide, as a phone's, whatever the window's frame takes.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 360, "height": 800, "deviceScaleFactor": 2, "mobile": True})
    return driver


def look(driver, url):
    driver.get_log("browser")  # what an earlier page left
    driver.get(url)
    time.sleep(0.3)  # the map's and the share box's scripts
    problems = driver.execute_script(CHECKS)
    for entry in driver.get_log("browser"):
        if entry.get("level") == "SEVERE":
            problems.append("console: " + entry.get("message", "")[:300])
    return problems


def links(driver, base, city):
    found = []
    for anchor in driver.find_elements(By.CSS_SELECTOR, "a[href]"):
        href = anchor.get_attribute("href") or ""
        if not href.startswith(base):
            continue
        path = urlparse(href).path
        if city and not (path == f"/{city}" or path.startswith(f"/{city}/")):
            continue
        if SKIP.search(href):
            continue
        found.append(href.split("#")[0])
    return found


def sign_in(driver, base, email, password):
    driver.get(base + "/login")
    driver.find_element(By.NAME, "email").send_keys(email)
    driver.find_element(By.NAME, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit], form button:not([type])").click()
    time.sleep(0.5)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--pages", type=int, default=120)
    parser.add_argument("--screenshots")
    args = parser.parse_args()
    base = args.base.rstrip("/")
    driver = browser()
    problems, seen = [], []

    def visit(url):
        if url in seen:
            return False
        seen.append(url)
        for problem in look(driver, url):
            problems.append(f"{urlparse(url).path}{'?' + urlparse(url).query if urlparse(url).query else ''}: {problem}")
        if args.screenshots:
            driver.save_screenshot(f"{args.screenshots}/{len(seen):03d}.png")
        return True

    try:
        visit(base + "/")
        cities = sorted({urlparse(h).path.strip("/") for h in links(driver, base, None) if re.fullmatch(r"/[a-z-]+", urlparse(h).path)}
                        - {"login", "register", "audit", "uk", "en", "account", "forgot"})
        per_city = max(10, args.pages // max(1, len(cities)))
        for city in cities:
            queue, walked = [f"{base}/{city}"], 0
            while queue and walked < per_city:
                url = queue.pop(0)
                if not visit(url):
                    continue
                walked += 1
                # Breadth first, one of each kind of page before more of the same.
                for link in links(driver, base, city):
                    shape = re.sub(r"/[a-z0-9]{20,}", "/ID", urlparse(link).path)
                    if link not in seen and link not in queue and not any(re.sub(r"/[a-z0-9]{20,}", "/ID", urlparse(q).path) == shape for q in queue):
                        queue.append(link)
        for path in ("/login", "/register", "/password/forgot"):
            visit(base + path)
        # The city's search with results, all and one section.
        for path in ("/vinnytsia/search?q=%D0%BF%D0%B0%D1%80%D0%BA", "/vinnytsia/search?q=%D0%BF%D0%B0%D1%80%D0%BA&module=budgets"):
            visit(base + path)
        # English: the language switch, then a few pages again.
        driver.get(base + "/en?next=/vinnytsia")
        for path in ("/vinnytsia", "/vinnytsia/budgets", "/vinnytsia/petitions", "/vinnytsia/invest/sites", "/vinnytsia/search?q=%D0%BF%D0%B0%D1%80%D0%BA"):
            seen_before = base + path
            if seen_before in seen:
                seen.remove(seen_before)
            visit(seen_before)
        driver.get(base + "/uk?next=/")
        # The resident's forms.
        sign_in(driver, base, "olena@demo.hromada.ua", "resident-demo-2026")
        for path in ("/account", "/account/follows", "/vinnytsia/petitions/new", "/vinnytsia/verify"):
            visit(base + path)
        # A project she follows, signed in: the follow button and the comment form.
        driver.get(base + "/account/follows")
        followed = [h for h in links(driver, base, "vinnytsia") if "/projects/" in h]
        if followed:
            if followed[0] in seen:
                seen.remove(followed[0])
            visit(followed[0])
        driver.get(base + "/vinnytsia/budgets")
        for href in links(driver, base, "vinnytsia"):
            if re.search(r"/budgets/[a-z0-9]{20,}$", urlparse(href).path):
                driver.get(href)
                propose = [h for h in links(driver, base, "vinnytsia") if h.endswith("/propose")]
                if propose:
                    visit(propose[0])
                    break
        # Business support: a decided call's list, an event, a club's profile; then the staff's forms.
        for path in ("/vinnytsia/business/calls/vinnytsia-microgrants-2026", "/vinnytsia/business/events/vinnytsia-tax",
                     "/ladyzhyn/business/directory/ladyzhyn-club"):
            visit(base + path)
        # The visitor guide in English: filtered, a place, a route, a campaign; and the brand pages.
        driver.get(base + "/en?next=/vinnytsia/visit")
        for path in ("/vinnytsia/visit?kind=museum&access=step_free", "/khmilnyk/visit/places/khm-sanatorium-khmilnyk",
                     "/vinnytsia/visit/routes/vin-old-town", "/vinnytsia/visit/campaigns/vinnytsia-city-of-ideas", "/vinnytsia/brand"):
            visit(base + path)
        driver.get(base + "/uk?next=/")
        driver.delete_all_cookies()
        sign_in(driver, base, "vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
        for path in ("/vinnytsia/admin/business/calls", "/vinnytsia/admin/business/calls/new",
                     "/vinnytsia/admin/business/calls/vinnytsia-microgrants-2026/fund", "/vinnytsia/admin/business/events",
                     "/vinnytsia/admin/business/directory", "/vinnytsia/admin/visit", "/vinnytsia/admin/visit/places/vin-muri",
                     "/vinnytsia/admin/visit/routes/vin-old-town", "/vinnytsia/admin/visit/campaigns/vinnytsia-city-of-ideas", "/vinnytsia/admin/brand"):
            visit(base + path)
    finally:
        driver.quit()
    for problem in problems:
        print("FAIL - " + problem)
    print(f"{len(seen)} pages walked at 360 px, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
