"""What every browser test needs: a Chromium driven by Selenium, the shop's address, and checks run on every page
visited — no JavaScript console error, every <img> loaded, no request answered 4xx/5xx except those a step provokes —
plus screenshots at desktop (1280 px) and phone (375 px) widths.
"""
import json
import os
import re
import sqlite3
import time
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import ElementClickInterceptedException, TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE = os.environ["SHOP_URL"].rstrip("/")
SHOTS = os.environ.get("SHOTS_DIR", "/tmp/meiduo-browser-shots")
SERVER_LOG = os.environ["SERVER_LOG"]
DATABASE = os.environ["SHOP_DATABASE"]
WIDTHS = (1280, 375)


class PageProblem(AssertionError):
    pass


class Browser:
    """One Chromium window. `visit` and `settle` collect the problems of each page; `check` fails on them."""

    def __init__(self, journey="journey"):
        options = webdriver.ChromeOptions()
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=zh-CN", "--window-size=1280,900"):
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        self.driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
        self.driver.set_page_load_timeout(30)
        self.allowed = []  # (status, url pattern) a step provokes on purpose
        self.shots = 0
        self.journey = journey
        os.makedirs(SHOTS, exist_ok=True)

    def quit(self):
        self.driver.quit()

    # --- navigation and waiting -------------------------------------------------------------------------------
    def visit(self, path):
        self.driver.get(path if path.startswith("http") else BASE + path)
        self.settle()

    def settle(self):
        """Waits until the page has loaded and its requests have stopped."""
        WebDriverWait(self.driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")
        time.sleep(0.4)
        WebDriverWait(self.driver, 20).until(lambda d: d.execute_script(
            "return !document.querySelector('[v-cloak]') && Array.from(document.images).every(i => i.complete)"))

    def wait(self, css, timeout=20):
        return WebDriverWait(self.driver, timeout).until(EC.visibility_of_element_located((By.CSS_SELECTOR, css)))

    def wait_text(self, css, text, timeout=20):
        WebDriverWait(self.driver, timeout).until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, css), text))

    def wait_url(self, fragment, timeout=20):
        WebDriverWait(self.driver, timeout).until(lambda d: fragment in d.current_url)
        self.settle()

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def finds(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def click(self, css):
        """Clicks like a person: scrolled into view, enabled, not covered (a toast may pass over it for a moment)."""
        WebDriverWait(self.driver, 20).until(EC.element_to_be_clickable((By.CSS_SELECTOR, css)))
        for attempt in range(10):
            element = self.find(css)
            self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
            time.sleep(0.15)
            try:
                element.click()
                return
            except ElementClickInterceptedException:
                if attempt == 9:
                    raise
                time.sleep(0.3)

    def fill(self, css, text):
        """Replaces a field's text as a person would (select all, type): Selenium's clear() fires no input event,
        so Vue's v-model would keep the old value."""
        element = self.wait(css)
        element.send_keys(Keys.CONTROL, "a")
        element.send_keys(Keys.DELETE)
        element.send_keys(text)

    def select(self, css, text=None, index=None):
        WebDriverWait(self.driver, 20).until(lambda d: len(Select(d.find_element(By.CSS_SELECTOR, css)).options) > 1)
        menu = Select(self.find(css))
        if text is not None:
            menu.select_by_visible_text(text)
        else:
            menu.select_by_index(index)

    def accept_alerts(self):
        """The pages confirm destructive actions with window.confirm: say yes."""
        self.driver.execute_script("window.confirm = () => true")

    # --- checks -----------------------------------------------------------------------------------------------
    def allow(self, status, pattern):
        """The current step provokes this answer on purpose."""
        self.allowed.append((status, re.compile(pattern)))

    def check(self, step):
        """Fails on console errors, broken images and unexpected 4xx/5xx answers; then screenshots the page."""
        problems = []
        for entry in self.driver.get_log("browser"):
            if entry["level"] != "SEVERE":
                continue
            message = entry["message"]
            status = re.search(r"status of (\d{3})", message)
            if status and self._allowed(int(status.group(1)), message):
                continue
            problems.append("console: " + message)
        for entry in self.driver.get_log("performance"):
            event = json.loads(entry["message"])["message"]
            if event.get("method") != "Network.responseReceived":
                continue
            response = event["params"]["response"]
            if response["status"] >= 400 and not self._allowed(response["status"], response["url"]):
                problems.append("request: %s answered %s" % (response["url"], response["status"]))
        broken = self.driver.execute_script(
            "return Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)")
        problems += ["broken image: " + src for src in broken]
        self.allowed = []
        self.screenshot(step)
        if problems:
            raise PageProblem("%s on %s:\n  %s" % (step, self.driver.current_url, "\n  ".join(problems)))

    def _allowed(self, status, text):
        return any(status == wanted and pattern.search(text) for wanted, pattern in self.allowed)

    def screenshot(self, step):
        self.shots += 1
        name = "%s-%02d-%s" % (self.journey, self.shots, re.sub(r"[^a-z0-9]+", "-", step.lower()).strip("-"))
        for width in WIDTHS:
            self.driver.set_window_size(width, 900)
            time.sleep(0.2)
            height = self.driver.execute_script("return document.documentElement.scrollHeight")
            self.driver.set_window_size(width, min(max(height, 600), 4000))
            time.sleep(0.2)
            self.driver.save_screenshot(os.path.join(SHOTS, "%s-%d.png" % (name, width)))
        self.driver.set_window_size(1280, 900)


# --- what the shop knows that a person would read off a screen or a phone --------------------------------------
def captcha_answer(captcha_id):
    """The text a person would read off the captcha image (the server keeps it in its key-value table)."""
    deadline = time.time() + 10
    while time.time() < deadline:
        with sqlite3.connect(DATABASE, timeout=10) as db:
            row = db.execute("SELECT value FROM kv_entries WHERE entry_key = ?", ("img_" + captcha_id,)).fetchone()
        if row:
            return row[0]
        time.sleep(0.2)
    raise AssertionError("no captcha stored for " + captcha_id)


def log_mark():
    """Where the server log ends now: `sms_code(mobile, since=mark)` reads only codes sent after it."""
    return os.path.getsize(SERVER_LOG)


def sms_code(mobile, since=0):
    """The code a person would read off their phone (the `log` SMS provider writes it to the server log)."""
    deadline = time.time() + 20
    while time.time() < deadline:
        with open(SERVER_LOG, "rb") as log:
            log.seek(since)
            text = log.read().decode("utf-8", errors="replace")
        lines = [line for line in text.splitlines() if "SMS verification code" in line and ("mobile=%s" % mobile) in line]
        codes = [re.search(r"code=(\d{6})", line).group(1) for line in lines if re.search(r"code=(\d{6})", line)]
        if codes:
            return codes[-1]
        time.sleep(0.3)
    raise AssertionError("no SMS code logged for " + mobile)


def api(method, path, token=None, body=None):
    """A direct API call, for what a person does elsewhere (staff shipping an order)."""
    request = urllib.request.Request(BASE + path, method=method, data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "JWT " + token)
    with urllib.request.urlopen(request, timeout=20) as response:
        text = response.read().decode()
        return json.loads(text) if text else None


def wait_until(condition, timeout=20, what="condition"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise TimeoutException("timed out waiting for " + what)
