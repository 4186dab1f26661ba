#!/usr/bin/env bash
# Re-vendor GOV.UK Frontend and axe-core from the npm registry. Not needed to run Safeboard:
# the built files are committed, and nothing runs Node when Safeboard runs.
# Usage: scripts/vendor-frontend.sh [govuk-version] [axe-version] [sass-version]
#
# GOV.UK Frontend's own built CSS names the GDS Transport typeface, which is licensed for
# services on gov.uk only; partnerships run Safeboard on their own domains. So the CSS is
# compiled here from the package's Sass with its Arial setting, as the Design System advises
# for services outside gov.uk (decision 0030): `$govuk-font-family` set to Arial and
# `$govuk-include-default-font-face: false`, so no @font-face is written and no font file is
# vendored. The compiler is the `sass` npm package (Dart Sass compiled to JavaScript).
set -euo pipefail
GOVUK_VERSION=${1:-6.6.0}
AXE_VERSION=${2:-4.14.1}
SASS_VERSION=${3:-1.108.2}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init --yes >/dev/null
npm install --silent --no-audit --no-fund --ignore-scripts \
  "govuk-frontend@$GOVUK_VERSION" "axe-core@$AXE_VERSION" "sass@$SASS_VERSION" >/dev/null

# The settings are the package's own (dist/govuk/settings/_typography-font.scss, _assets.scss).
cat > safeboard-govuk-frontend.scss <<'SCSS'
@use "govuk-frontend/dist/govuk" with (
  $govuk-font-family: (arial, sans-serif),
  $govuk-include-default-font-face: false,
  $govuk-assets-path: "assets/"
);
SCSS

dest="$here/safeboard/ui/static/govuk-frontend"
rm -rf "$dest"; mkdir -p "$dest/assets"
src=node_modules/govuk-frontend/dist/govuk
# Images only: with the Arial setting the CSS names no font file.
cp -r "$src/assets/images" "$dest/assets/images"
cp "$src/assets/manifest.json" "$dest/assets/manifest.json"
node_modules/.bin/sass --load-path=node_modules --style=compressed --no-source-map \
  --quiet-deps safeboard-govuk-frontend.scss "$dest/govuk-frontend.min.css"
if grep -qi 'GDS Transport\|@font-face\|\.woff' "$dest/govuk-frontend.min.css"; then
  echo "The built CSS still names GDS Transport or a font file" >&2
  exit 1
fi
cp "$src/govuk-frontend.min.js" "$src/govuk-frontend.min.js.map" "$dest/"
printf 'govuk-frontend %s (npm): CSS compiled from its Sass with the Arial setting by sass %s;\n' \
  "$GOVUK_VERSION" "$SASS_VERSION" > "$dest/VERSION"
printf 'JavaScript and images as built in dist/govuk; no font files.\n' >> "$dest/VERSION"

axe_dest="$here/tests/browser/vendor"
mkdir -p "$axe_dest"
cp node_modules/axe-core/axe.min.js "$axe_dest/axe.min.js"
cp node_modules/axe-core/LICENSE "$axe_dest/axe-core-LICENSE"
printf 'axe-core %s (npm)\n' "$AXE_VERSION" > "$axe_dest/VERSION"
echo "Vendored govuk-frontend $GOVUK_VERSION (Arial, built by sass $SASS_VERSION) and axe-core $AXE_VERSION."
