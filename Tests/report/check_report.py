#!/usr/bin/env python3
"""`soma report` in a real browser: writes the report of a two-input model, of
a four-input one and of a moons run that recorded its gradient norms (its page
adds the gradient figure), checks the HTML fetches nothing, opens each in
headless Chromium, and checks that every figure is in the DOM and has ink where
the page laid it out (a screenshot, cropped to each figure's box). Skips, saying so, without Chromium.
Prints "report: N passed, N failed"."""
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
soma = os.environ.get("SOMA", os.path.join(root, ".build/release/soma"))
spec = importlib.util.spec_from_file_location("png_ink", os.path.join(root, "Tests/lessons/png_ink.py"))
png_ink = importlib.util.module_from_spec(spec)
spec.loader.exec_module(png_ink)

passed = failed = 0


def check(ok, message):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL:", message)


browser = next((shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)
tmp = tempfile.mkdtemp()
width, height = 1280, 3400
flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--window-size={width},{height}"]

# A run that recorded its gradient norms: its report adds the gradient figure after the curves.
recorded = os.path.join(tmp, "moons-gradients.json")
run = subprocess.run([soma, "train", "data", "moons", "--seed", "1", "--epochs", "30", "--record-gradient-norms",
                      "--out", recorded, "--quiet"], capture_output=True, text=True)
check(run.returncode == 0, f"soma train moons --record-gradient-norms: {run.stderr}")

for model, figures in (("models/moons.json", ["architecture", "history", "confusion", "boundary"]),
                       ("models/iris.json", ["architecture", "history", "confusion"]),
                       (recorded, ["architecture", "history", "gradients", "confusion", "boundary"])):
    name = os.path.basename(model).removesuffix(".json")
    page = os.path.join(tmp, name + ".html")
    run = subprocess.run([soma, "report", os.path.join(root, model), "--out", page], capture_output=True, text=True)
    check(run.returncode == 0 and f"wrote {page}" in run.stdout, f"soma report {model}: {run.stderr}")
    html = open(page, encoding="utf-8").read()
    again = os.path.join(tmp, name + "-2.html")
    subprocess.run([soma, "report", os.path.join(root, model), "--out", again], capture_output=True)
    check(open(again, encoding="utf-8").read() == html, f"{name}: two reports differ")
    # Self-contained: no src/href and no URL other than the SVG namespace.
    urls = set(re.findall(r"https?://[^\s\"'<>]+", html)) - {"http://www.w3.org/2000/svg"}
    check(not urls and not re.search(r"\s(src|href)=", html), f"{name}: the page refers to {urls}")
    check('id="self-test" class="pass"' in html, f"{name}: self-test verdict not 'pass'")
    check("Parity (Swift reference against the C runtime):</b> passed:" in html, f"{name}: parity verdict")
    ids = re.findall(r'<figure id="([a-z-]+)">', html)
    check(ids == figures, f"{name}: figures {ids}, expected {figures}")
    if browser is None:
        continue
    dom = subprocess.run([browser, *flags, "--dump-dom", "file://" + page], capture_output=True, text=True).stdout
    boxes = dict((k, list(map(int, v.split(",")))) for k, v in
                 (item.split(":") for item in re.search(r'data-figure-boxes="([^"]*)"', dom).group(1).split(";")))
    check(sorted(boxes) == sorted(figures), f"{name}: laid out {sorted(boxes)}")
    shot = os.path.join(tmp, name + ".png")
    subprocess.run([browser, *flags, f"--screenshot={shot}", "file://" + page], capture_output=True)
    w, h, channels, rows = png_ink.pixels(shot)
    check((w, h) == (width, height), f"{name}: screenshot {w}x{h}")
    for figure in figures:
        x, y, bw, bh = boxes[figure]
        check(bw > 100 and bh > 50 and y + bh <= h, f"{name}: {figure} box {boxes[figure]} (off the page or empty)")
        ink = colour = 0
        for line in rows[max(y, 0):min(y + bh, h)]:
            for px in range(max(x, 0), min(x + bw, w)):
                r, g, b = line[px * channels:px * channels + 3]
                ink += min(r, g, b) < 200
                colour += max(r, g, b) - min(r, g, b) > 40
        area = max(bw * bh, 1)
        check(ink > area // 100, f"{name}: {figure} blank ({ink} dark pixels of {area})")
        # Every figure but the architecture's grey-and-blue boxes carries colour.
        check(colour > area // 200, f"{name}: {figure} has no colour ({colour} of {area})")

if browser is None:
    print("report: Chromium not installed (make deps installs it): the browser checks were SKIPPED")
print(f"report: {passed} passed, {failed} failed")
shutil.rmtree(tmp)
sys.exit(1 if failed else 0)
