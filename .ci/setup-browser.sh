# Sourced by .ci/run: installs Debian's chromium for the web UI's browser
# tests (internal/http, driven with chromedp) and makes those tests required
# instead of skipped. By hand: apt-get update && apt-get install -y chromium
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
export CHRONICLE_REQUIRE_BROWSER=1
