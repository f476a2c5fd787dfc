#!/usr/bin/env bash
# Vendor the NL Design System CSS (the Utrecht component library bundle) into
# src/werkpunt/core/static/vendor/utrecht/.
#
# Usage:
#   bin/update-nlds.sh            # re-fetch the pinned version below
#   bin/update-nlds.sh 9.0.5      # fetch another exact version
#
# The package is fetched with `npm pack` into a temporary folder; nothing is
# installed and no node_modules folder is left behind. The script copies the
# built CSS and the licence, writes README.md with package, version, date and
# checksum, and refuses CSS that would load anything from another host.
# Review the diff, check the pages (docs/frontend.md) and commit.
set -euo pipefail

PACKAGE="@utrecht/component-library-css"
PINNED_VERSION="9.0.4"
VERSION="${1:-$PINNED_VERSION}"

if ! [[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "Geef een exacte versie, zoals 9.0.4 (niet: '$VERSION')." >&2
  exit 2
fi
for tool in npm node tar; do
  command -v "$tool" >/dev/null || { echo "$tool ontbreekt op deze machine." >&2; exit 2; }
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/src/werkpunt/core/static/vendor/utrecht"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "Ophalen: $PACKAGE@$VERSION"
(cd "$WORK" && npm pack --json --ignore-scripts "$PACKAGE@$VERSION" >pack.json)
TARBALL="$WORK/$(node -p "require('$WORK/pack.json')[0].filename")"
INTEGRITY="$(node -p "require('$WORK/pack.json')[0].integrity")"
LICENSE_NAME="$(npm view "$PACKAGE@$VERSION" license)"
tar -xzf "$TARBALL" -C "$WORK"

ACTUAL="$(node -p "require('$WORK/package/package.json').version")"
if [[ "$ACTUAL" != "$VERSION" ]]; then
  echo "Verwacht versie $VERSION, maar het pakket is $ACTUAL." >&2
  exit 1
fi
CSS="$WORK/package/dist/index.css"
LICENCE="$WORK/package/LICENSE.md"
[[ -f "$CSS" ]] || { echo "dist/index.css ontbreekt in het pakket." >&2; exit 1; }
[[ -f "$LICENCE" ]] || { echo "LICENSE.md ontbreekt in het pakket." >&2; exit 1; }

# The site promises no third-party requests and a CSP of 'self' (plus data: images).
if grep -Eq '@import' "$CSS"; then
  echo "De CSS bevat @import; dat past niet bij de CSP. Niet overgenomen." >&2
  exit 1
fi
if grep -Eo 'url\([^)]*\)' "$CSS" | grep -Evq "^url\([\"']?data:"; then
  echo "De CSS laadt een bestand via url(); alleen data:-URL's mogen. Niet overgenomen." >&2
  grep -Eo 'url\([^)]*\)' "$CSS" | grep -Ev "^url\([\"']?data:" | sort -u >&2
  exit 1
fi

mkdir -p "$DEST"
cp "$CSS" "$DEST/index.css"
cp "$LICENCE" "$DEST/LICENSE.md"
cat >"$DEST/README.md" <<EOF
# NL Design System CSS (vendored)

- Package: \`$PACKAGE\`
- Version: $VERSION (exact, pinned)
- Licence: $LICENSE_NAME, see \`LICENSE.md\` (copied from the package)
- Fetched on: $(date -u +%Y-%m-%d), with \`npm pack\` from the npm registry
- Tarball integrity: \`$INTEGRITY\`
- Files: \`index.css\` is the package's \`dist/index.css\`, unchanged

Do not edit these files by hand. To update, run \`bin/update-nlds.sh <version>\`
from the repository root, check the pages and commit the result. The Werkpunt
theme (design tokens) is in \`../../werkpunt/theme.css\`; see \`docs/frontend.md\`.
EOF

echo "Klaar: $DEST"
echo "  index.css   $(wc -c <"$DEST/index.css") bytes"
echo "  LICENSE.md  $(wc -c <"$DEST/LICENSE.md") bytes"
