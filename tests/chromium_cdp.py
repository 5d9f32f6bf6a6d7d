"""A small headless-Chromium driver over the DevTools protocol (local websocket only).

Used by tests/test_site.py to open the committed reviewer pages as a reader would: it
collects console errors, failed resource loads, image and link facts, and screenshots.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--remote-debugging-port=0",
]

PAGE_FACTS = """(() => {
  const visible = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  const imgs = [...document.images].map(i => ({
    src: i.getAttribute('src').slice(0, 60), ok: i.complete && i.naturalWidth > 0,
    alt: i.getAttribute('alt') || ''}));
  const links = [...document.querySelectorAll('a[href]')].map(a => a.href);
  const code = [...document.querySelectorAll(
    '.jp-InputArea, .jp-InputPrompt, .jp-CodeMirrorEditor, .highlight-ipynb')].filter(visible);
  const wide = [...document.querySelectorAll('table')].filter(t => {
    const box = t.parentElement; const r = t.getBoundingClientRect();
    return r.right > window.innerWidth + 1 && getComputedStyle(box).overflowX !== 'auto';});
  return JSON.stringify({images: imgs, links: links, code: code.length,
    unscrolled_wide_tables: wide.length, text: document.body.innerText});
})()"""


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


class Browser:
    def __init__(self, binary: str, width: int = 1280, height: int = 900) -> None:
        import websocket

        self.profile = tempfile.mkdtemp(prefix="chromium-profile-")
        self.proc = subprocess.Popen(
            [
                binary,
                *FLAGS,
                f"--user-data-dir={self.profile}",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = Path(self.profile) / "DevToolsActivePort"
        deadline = time.time() + 30
        while not port_file.exists() or not port_file.read_text().strip():
            if time.time() > deadline or self.proc.poll() is not None:
                self.close()
                raise RuntimeError("chromium did not start its DevTools endpoint")
            time.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        page = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(
            page["webSocketDebuggerUrl"], timeout=30, suppress_origin=True
        )
        self.width, self.height = width, height
        self._id = 0
        self.events: list[dict[str, Any]] = []
        for method in ("Page.enable", "Runtime.enable", "Log.enable"):
            self.call(method)

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self._id += 1
        self.ws.send(json.dumps({"id": self._id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self._id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self.events.append(msg)

    def _wait_load(self, timeout: float = 30) -> None:
        deadline = time.time() + timeout
        while time.time() < deadline:
            if any(e.get("method") == "Page.loadEventFired" for e in self.events):
                return
            msg = json.loads(self.ws.recv())
            self.events.append(msg)
        raise TimeoutError("page did not finish loading")

    def open(self, url: str) -> dict[str, Any]:
        """Load a page; return its facts plus the console errors seen while loading it."""
        self.events = []
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=self.width,
            height=self.height,
            deviceScaleFactor=1,
            mobile=False,
        )
        self.call("Page.navigate", url=url)
        self._wait_load()
        # let what the load queued (late console messages, error events) run: one frame and
        # one task, instead of a fixed sleep
        self.call(
            "Runtime.evaluate",
            expression="new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))",
            awaitPromise=True,
        )
        res = self.call("Runtime.evaluate", expression=PAGE_FACTS, returnByValue=True)
        facts = json.loads(res["result"]["value"])
        errors = []
        for e in self.events:
            m, p = e.get("method"), e.get("params", {})
            if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                errors.append(
                    " ".join(str(a.get("value", a.get("description"))) for a in p["args"])
                )
            elif m == "Runtime.exceptionThrown":
                errors.append(p["exceptionDetails"].get("text", "exception"))
            elif m == "Log.entryAdded" and p["entry"]["level"] == "error":
                errors.append(f"{p['entry'].get('text')} {p['entry'].get('url', '')}")
        facts["errors"] = errors
        return facts

    def screenshot(self, path: Path, full: bool = False) -> None:
        if full:
            m = self.call("Page.getLayoutMetrics")["cssContentSize"]
            self.call(
                "Emulation.setDeviceMetricsOverride",
                width=self.width,
                height=min(int(m["height"]) + 1, 16000),
                deviceScaleFactor=1,
                mobile=False,
            )
        shot = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=full)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        try:
            if getattr(self, "ws", None):
                self.ws.close()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            shutil.rmtree(self.profile, ignore_errors=True)
