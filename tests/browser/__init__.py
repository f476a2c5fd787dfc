"""Browser tests (Chromium via Playwright); see docs/testing.md."""
