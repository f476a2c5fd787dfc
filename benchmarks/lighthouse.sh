#!/usr/bin/env bash
# Lighthouse (mobile, the default form factor) on the home page, an instrument page and the
# financieel CV result page; prints the four category scores per page next to the targets.
#
#   bash benchmarks/lighthouse.sh
#
# Needs: Node.js with npm (the npm registry), Debian's chromium (CHROME_PATH, default
# /usr/bin/chromium, or WERKPUNT_CHROMIUM), the local PostgreSQL (see bench_site.py).
# It installs lighthouse@12 into a temporary folder (nothing global), starts gunicorn through
# `benchmarks/bench_site.py --serve` (database werkpunt_bench, DEBUG off, static files served
# by the app), completes the wizard once for a session cookie that Lighthouse sends with
# --extra-headers, and stops the server at the end. All traffic stays on 127.0.0.1.
# LIGHTHOUSE_REPORTS=folder keeps the JSON reports. The app compresses pages itself (GZipMiddleware)
# and serves collectstatic output with precompressed copies (WhiteNoise), as in production.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-.venv/bin/python}"
CHROME_PATH="${CHROME_PATH:-${WERKPUNT_CHROMIUM:-/usr/bin/chromium}}"
export CHROME_PATH
PAGES=("/" "/regelingen/loonkostensubsidie/" "/financieel-cv/uitkomst/")

if [ ! -x "$CHROME_PATH" ]; then
  echo "Chromium ontbreekt ($CHROME_PATH): apt-get install chromium" >&2
  exit 1
fi
command -v npm >/dev/null || { echo "npm ontbreekt: apt-get install npm" >&2; exit 1; }

tmp="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ -n "${LIGHTHOUSE_REPORTS:-}" ] && ls "$tmp"/report-*.json >/dev/null 2>&1; then
    mkdir -p "$LIGHTHOUSE_REPORTS"
    cp "$tmp"/report-*.json "$LIGHTHOUSE_REPORTS"/
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

echo "lighthouse@12 installeren in $tmp ..."
npm install --prefix "$tmp" --no-audit --no-fund --loglevel=error lighthouse@12 >/dev/null
lighthouse="$tmp/node_modules/.bin/lighthouse"
echo "lighthouse $("$lighthouse" --version)"

"$PYTHON" benchmarks/bench_site.py --serve "$tmp/server.json" >"$tmp/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 600); do
  [ -s "$tmp/server.json" ] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    cat "$tmp/server.log" >&2
    exit 1
  fi
  sleep 0.5
done
[ -s "$tmp/server.json" ] || { echo "de server startte niet binnen 5 minuten" >&2; exit 1; }

base="$("$PYTHON" -c 'import json, sys; print(json.load(open(sys.argv[1]))["url"])' "$tmp/server.json")"
"$PYTHON" -c 'import json, sys; print(json.dumps({"Cookie": json.load(open(sys.argv[1]))["cookie"]}))' \
  "$tmp/server.json" >"$tmp/headers.json"
case "$base" in
  http://127.0.0.1:*) ;;
  *) echo "onverwacht adres: $base" >&2; exit 1 ;;
esac

chrome_flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
index=0
for path in "${PAGES[@]}"; do
  index=$((index + 1))
  extra=()
  if [ "$path" = "/financieel-cv/uitkomst/" ]; then
    extra=(--extra-headers="$tmp/headers.json")
  fi
  echo "Lighthouse: $path"
  timeout 300 "$lighthouse" "$base$path" \
    --quiet \
    --chrome-flags="$chrome_flags" \
    --only-categories=performance,accessibility,best-practices,seo \
    --output=json --output-path="$tmp/report-$index.json" \
    "${extra[@]}"
done

"$PYTHON" - "$tmp" "${PAGES[@]}" <<'EOF'
import json
import sys
from pathlib import Path

folder, paths = Path(sys.argv[1]), sys.argv[2:]
targets = {"performance": 90, "accessibility": 95, "best-practices": 95, "seo": 95}
print()
print(f"{'pagina':36} " + " ".join(f"{name:>15}" for name in targets))
for index, path in enumerate(paths, 1):
    report = json.loads((folder / f"report-{index}.json").read_text())
    cells = []
    for name, target in targets.items():
        score = report["categories"][name]["score"]
        value = "-" if score is None else round(score * 100)
        mark = "" if score is None or value >= target else " !"
        cells.append(f"{value!s:>13}{mark:2}")
    print(f"{path:36} " + " ".join(cells))
    failed = [
        f"    {name}: {audit['id']} ({audit.get('score')}) {audit['title']}"
        for name in targets
        for ref in report["categories"][name]["auditRefs"]
        if ref.get("weight", 0) > 0
        and (audit := report["audits"][ref["id"]]).get("score") is not None
        and audit["score"] < 0.9
    ]
    if failed:
        print("\n".join(failed))
    for item in report["audits"]["errors-in-console"].get("details", {}).get("items", []):
        print(f"      console: {item.get('source')}: {item.get('description', '')[:120]} {item.get('url', '')}")
    blocking = report["audits"].get("render-blocking-resources", {}).get("details", {})
    for item in blocking.get("items", []):
        print(f"      blokkeert het tekenen: {item.get('url')} ({item.get('wastedMs', 0):.0f} ms)")
    metrics = report["audits"]["metrics"]["details"]["items"][0]
    print(
        f"      FCP {metrics['firstContentfulPaint']} ms, LCP {metrics['largestContentfulPaint']} ms, "
        f"TBT {metrics['totalBlockingTime']} ms, CLS {metrics['cumulativeLayoutShift']:.3f}, "
        f"{report['audits']['total-byte-weight']['numericValue'] / 1024:.0f} KiB"
    )
print()
print("Doel: performance >= 90, accessibility / best practices / SEO >= 95 (! = niet gehaald).")
EOF
