#!/usr/bin/env bash
# Builds the packages staff install, from a clean checkout (docs/deploy.md, "Install"):
#   Packaging/out/transparency-gen_VERSION_amd64.deb
#   Packaging/out/transparency-gen-VERSION-linux-x86_64.tar.gz   (the same files, under one folder)
# One binary with the Swift runtime and Foundation linked in statically (templates and starter
# site compiled in), its manual pages, shell completions for bash, zsh and fish, and the guides.
# The version is the repository's VERSION file; file dates are the commit's (SOURCE_DATE_EPOCH),
# so the same commit gives the same files. The last two lines printed are the packages' paths.
#
# Needs: swift, dpkg-dev (dpkg-shlibdeps), binutils (strip). About 15 minutes on 2 cores the
# first time (a release build of everything); PACKAGE_SCRATCH keeps the build between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
version=$(tr -d '[:space:]' <VERSION)
scratch=${PACKAGE_SCRATCH:-$repo/.build-package}
out=${PACKAGE_OUTPUT:-$repo/Packaging/out}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
for tool in swift dpkg-deb dpkg-shlibdeps strip; do
  command -v "$tool" >/dev/null || { echo "Packaging/build.sh needs $tool (apt-get install dpkg-dev binutils)" >&2; exit 1; }
done
[ "$(dpkg --print-architecture)" = amd64 ] || { echo "Packaging/build.sh builds amd64 packages, on amd64" >&2; exit 1; }

echo "Building transparency-gen $version (release, Swift runtime linked in)…" >&2
swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product transparency-gen >&2
# swift-argument-parser's own manual writer, which reads the command line's definitions.
swift build -c release --scratch-path "$scratch" --product generate-manual >&2

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/root"
usr="$root/usr"
install -D -m 755 "$scratch/release/transparency-gen" "$usr/bin/transparency-gen"
strip --strip-all "$usr/bin/transparency-gen"
bin="$usr/bin/transparency-gen"

# Nothing from the toolchain's folder: only libraries the system's packages hold.
toolchain=$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")
if ldd "$bin" | grep -E "not found|$toolchain|libswift|libFoundation|libdispatch" >&2; then
  echo "Packaging/build.sh: the binary needs the libraries above, which no Debian package holds" >&2
  exit 1
fi

# Manual pages: transparency-gen(1) and one per command (transparency-gen.build(1), …).
mkdir -p "$stage/man" "$usr/share/man/man1"
"$scratch/release/generate-manual" "$bin" --multi-page --section 1 \
  --date "$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)" --output-directory "$stage/man" >&2
for page in "$stage"/man/*.1; do gzip -9n <"$page" >"$usr/share/man/man1/$(basename "$page").gz"; done

# Shell completions, where each shell looks for a package's.
install -d "$usr/share/bash-completion/completions" "$usr/share/zsh/vendor-completions" "$usr/share/fish/vendor_completions.d"
"$bin" --generate-completion-script bash >"$usr/share/bash-completion/completions/transparency-gen"
"$bin" --generate-completion-script zsh >"$usr/share/zsh/vendor-completions/_transparency-gen"
"$bin" --generate-completion-script fish >"$usr/share/fish/vendor_completions.d/transparency-gen.fish"

# The guides, the worked example and the copyright notice.
doc="$usr/share/doc/transparency-gen"
install -d "$doc"
cp README.md "$doc/"
cp -r docs "$doc/docs"
cp Packaging/copyright "$doc/copyright"

# Depends: the Debian packages holding the libraries the binary links (versions from their shlibs).
mkdir -p "$stage/debian"
printf 'Source: transparency-gen\n\nPackage: transparency-gen\nArchitecture: amd64\n' >"$stage/debian/control"
depends=$(cd "$stage" && dpkg-shlibdeps -O -e"root/usr/bin/transparency-gen" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "Packaging/build.sh: dpkg-shlibdeps found no dependencies" >&2; exit 1; }

find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
install -d "$root/DEBIAN"
cat >"$root/DEBIAN/control" <<CONTROL
Package: transparency-gen
Version: $version
Architecture: amd64
Maintainer: ${PACKAGE_MAINTAINER:-transparency-gen maintainers <transparency-gen@localhost>}
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: $depends
Section: utils
Priority: optional
Description: ALPR transparency portal generator (Minn. Stat. 13.824)
 Publishes a police agency's license plate reader transparency portal as
 static HTML and CSV: the statutory public log of use, current and previous
 fixed reader locations, the policy, audit results, who searched the data and
 with whom it is shared, and trends. Reads the agency's operational database
 (SQLite or PostgreSQL) strictly read-only, through aggregate views that
 expose no data on individuals.
CONTROL
touch -h -d "@$SOURCE_DATE_EPOCH" "$root/DEBIAN" "$root/DEBIAN/control"

mkdir -p "$out"
deb="$out/transparency-gen_${version}_amd64.deb"
tarball="$out/transparency-gen-${version}-linux-x86_64.tar.gz"
dpkg-deb --root-owner-group -Zxz -z9 --build "$root" "$deb" >&2
# The tarball: the same files, with usr/ as a folder of its own name (unpack it in /usr/local,
# or anywhere and put its bin/ on the PATH).
folder="transparency-gen-${version}-linux-x86_64"
mv "$usr" "$stage/$folder"
tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner -C "$stage" -cf - "$folder" | gzip -9n >"$tarball"
echo "$deb"
echo "$tarball"
