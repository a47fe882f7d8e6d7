#!/usr/bin/env bash
# The test command's first check: every C++ source and header of ours
# (server/, client/, tests/, proto/text/, proto/fold/; not build directories, not
# node_modules, not generated code) must be exactly as clang-format writes it
# (.clang-format: Google style). Lists the files that are not and the command
# that formats them.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v clang-format >/dev/null 2>&1; then
  echo "format-check: clang-format is missing (bash deploy/setup.sh --tests installs it)" >&2
  exit 1
fi

dirs=()
for d in server client tests proto/text proto/fold; do
  if [ -d "$d" ]; then dirs+=("$d"); fi
done
files=()
if ((${#dirs[@]})); then
  mapfile -t files < <(find "${dirs[@]}" -name node_modules -prune -o -type f \
      \( -name '*.cc' -o -name '*.h' -o -name '*.cpp' -o -name '*.hpp' \) -print | LC_ALL=C sort)
fi

# One clang-format over all the files; each difference is reported as
# "FILE:LINE:COL: error: code should be clang-formatted".
unformatted=()
if ((${#files[@]})); then
  status=0
  report="$(printf '%s\0' "${files[@]}" | xargs -0 clang-format --dry-run -Werror 2>&1)" || status=$?
  mapfile -t unformatted < <(printf '%s\n' "$report" |
      sed -n -E 's/^(.*):[0-9]+:[0-9]+: (error|warning): code should be clang-formatted.*/\1/p' | uniq)
  if ((status != 0 && ${#unformatted[@]} == 0)); then
    printf '%s\n' "$report" >&2
    echo "format-check: clang-format failed" >&2
    exit 1
  fi
fi

if ((${#unformatted[@]})); then
  echo "format-check: ${#unformatted[@]} of ${#files[@]} files are not formatted (clang-format $(clang-format --version | grep -o '[0-9][0-9.]*' | head -1)):" >&2
  printf '  %s\n' "${unformatted[@]}" >&2
  echo "Format them with:" >&2
  echo "  clang-format -i ${unformatted[*]}" >&2
  exit 1
fi
echo "format-check: ${#files[@]} files formatted"
