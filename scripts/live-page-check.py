#!/usr/bin/env python3
"""The live auction page in two real browsers, the way the issue's newcomer uses it.

    python3 scripts/live-page-check.py http://127.0.0.1:8080 [SCREENSHOT_DIR]

Against a running demo server (`swift run hromada serve`): announces a lease
lot through the API with the auction a few seconds ahead and 30-second turns,
with Олена and Андрій admitted (scripts/lib/auction_crash.py). Two headless
Chromium windows (390 px, a phone) sign in as each and open the lot page
while bids are still being taken. Checks, printing "ok"/"FAIL" for each:
both pages turn into the live auction by themselves at the deadline; the
bidder in turn bids through the page's form; the other window shows the new
price and gets its own bid form without reloading (the WebSocket); its
countdown moves. Saves both windows as PNGs. Needs chromium, chromedriver
(Debian) and selenium (PyPI). Not run by CI.
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import auction_crash  # noqa: E402
from selenium import webdriver  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

base = sys.argv[1].rstrip("/")
shots = sys.argv[2] if len(sys.argv) > 2 else "."
failed = 0


def check(name, passed, detail=""):
    global failed
    print(("ok   - " if passed else "FAIL - ") + name + ("" if passed else f"\n       {detail}"))
    failed += 0 if passed else 1


def browser(email, password, path):
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--window-size=390,1100", "--disable-gpu"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options)
    driver.get(base + "/login")
    driver.find_element(By.NAME, "email").send_keys(email)
    driver.find_element(By.NAME, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").submit()
    time.sleep(1)
    driver.get(base + path)
    return driver


def live(driver):
    found = driver.find_elements(By.ID, "live")
    return found[0].text.replace("\n", " | ") if found else ""


lot = auction_crash.setup(base, "2", "30", "3", lead=15, title="Оренда нежитлового приміщення на Соборній, 64")
path = f"/vinnytsia/auctions/{lot}"
olena = browser("olena@demo.hromada.ua", "resident-demo-2026", path)
andrii = browser("andrii@demo.hromada.ua", "resident-demo-2026", path)
try:
    check("while bids are taken the page shows no auction yet", not live(olena) and not live(andrii))
    for _ in range(60):  # the deadline, the start and the 2-second pause
        if "Учасник 1" in live(olena) and "Учасник 1" in live(andrii) and (olena.find_elements(By.ID, "amount") or andrii.find_elements(By.ID, "amount")):
            break
        time.sleep(0.5)
    check("both pages turned into the live auction by themselves", "Учасник 1" in live(olena) and "Учасник 1" in live(andrii),
          f"{live(olena)!r} / {live(andrii)!r}")
    bidder, watcher = (olena, andrii) if olena.find_elements(By.ID, "amount") else (andrii, olena)
    check("exactly one window has the bid form", bool(bidder.find_elements(By.ID, "amount")) and not watcher.find_elements(By.ID, "amount"))
    watcher.execute_script("window.stayed = true")
    label = bidder.find_element(By.CSS_SELECTOR, "label[for=amount]").text
    minimum = int("".join(ch for ch in label.split("(")[-1].split(",")[0] if ch.isdigit()))
    bidder.find_element(By.ID, "amount").send_keys(str(minimum + 100))
    bidder.find_element(By.CSS_SELECTOR, "#live-forms button[value=raise]").click()
    time.sleep(2)
    digits = "".join(ch for ch in live(watcher) if ch.isdigit())
    check("the other window shows the new price", f"{minimum + 100}00" in digits, live(watcher))
    check("the other window did not reload", watcher.execute_script("return window.stayed === true"))
    check("the other window now has its own bid form", bool(watcher.find_elements(By.ID, "amount")))
    before = watcher.find_element(By.CSS_SELECTOR, ".countdown").text
    time.sleep(2.2)
    after = watcher.find_element(By.CSS_SELECTOR, ".countdown").text
    check("the countdown moves", before != after, f"{before} → {after}")
    watcher.save_screenshot(os.path.join(shots, "auction-live-watcher-phone-uk.png"))
    bidder.save_screenshot(os.path.join(shots, "auction-live-bidder-phone-uk.png"))
finally:
    olena.quit()
    andrii.quit()
print(f"{failed} failed")
sys.exit(1 if failed else 0)
