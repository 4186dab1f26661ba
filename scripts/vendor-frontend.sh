#!/usr/bin/env bash
# Re-vendor GOV.UK Frontend and axe-core from the npm registry. Not needed to run Safeboard:
# the built files are committed. Usage: scripts/vendor-frontend.sh [govuk-version] [axe-version]
set -euo pipefail
GOVUK_VERSION=${1:-6.6.0}
AXE_VERSION=${2:-4.14.1}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "govuk-frontend@$GOVUK_VERSION" "axe-core@$AXE_VERSION" >/dev/null
mkdir govuk axe
tar xzf "govuk-frontend-$GOVUK_VERSION.tgz" -C govuk
tar xzf "axe-core-$AXE_VERSION.tgz" -C axe

dest="$here/safeboard/ui/static/govuk-frontend"
rm -rf "$dest"; mkdir -p "$dest"
src=govuk/package/dist/govuk
cp -r "$src/assets" "$dest/assets"
# The compiled CSS names its fonts and images from the site root (/assets/...); make them relative
# so they resolve beside the CSS wherever static files are served.
sed 's#url(/assets/#url(assets/#g' "$src/govuk-frontend.min.css" > "$dest/govuk-frontend.min.css"
cp "$src/govuk-frontend.min.css.map" "$src/govuk-frontend.min.js" "$src/govuk-frontend.min.js.map" "$dest/"
printf 'govuk-frontend %s (npm), dist/govuk built files\n' "$GOVUK_VERSION" > "$dest/VERSION"

axe_dest="$here/tests/browser/vendor"
mkdir -p "$axe_dest"
cp axe/package/axe.min.js "$axe_dest/axe.min.js"
cp axe/package/LICENSE "$axe_dest/axe-core-LICENSE"
printf 'axe-core %s (npm)\n' "$AXE_VERSION" > "$axe_dest/VERSION"
echo "Vendored govuk-frontend $GOVUK_VERSION and axe-core $AXE_VERSION."
