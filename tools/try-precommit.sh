#!/usr/bin/env bash
# Exercise the pre-commit hook as a plans repository would: a clean plan passes, a slipped
# figure fails naming its line. Needs the network (pre-commit installs p135 from this
# repository and its dependencies from the package index), so it is not part of `make test`.
#
#   tools/try-precommit.sh            # uses the committed HEAD of this repository
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
python3 -m venv "$scratch/venv"
"$scratch/venv/bin/pip" install --quiet pre-commit
mkdir -p "$scratch/plans-repo/data/plans"
cd "$scratch/plans-repo"
git init --quiet
git config user.email ci@example.org
git config user.name ci
cp "$here/data/plans/quang-ninh-2017-2020.yaml" data/plans/
git add data && git commit --quiet -m "a clean plan"
echo "== a clean plan"
"$scratch/venv/bin/pre-commit" try-repo "$here" p135-validate --all-files
sed -i 's/"245,159"/"245,160"/' data/plans/quang-ninh-2017-2020.yaml
git add data
echo "== a slipped figure (must fail on line 262)"
if "$scratch/venv/bin/pre-commit" try-repo "$here" p135-validate > out.txt 2>&1; then
  cat out.txt; echo "FAIL: the slip passed"; exit 1
fi
cat out.txt
grep -q "quang-ninh-2017-2020.yaml:262:56" out.txt && echo "OK: the slip fails on its line"
