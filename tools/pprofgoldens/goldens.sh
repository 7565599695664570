#!/usr/bin/env bash
# Writes the outputs of Go's own `go tool pprof` for every pprof sample in public/samples and every
# pprof protobuf profile of the shared corpus into workers/pprof/testdata/goldens/. Each golden
# starts with a line "# go tool pprof <flags> <profile>" so the tests know what produced it.
#
# Run from the repository root: tools/pprofgoldens/goldens.sh
set -euo pipefail
export PATH="$PATH:/usr/local/go/bin"

out=workers/pprof/testdata/goldens
corpus=../shared/corpus
# Nothing is ever elided; values are printed in the sample type's own unit so they are exact.
common=(-symbolize=none -nodecount=0 -nodefraction=0 -edgefraction=0)
# -traces and -raw list every sample; skip them where the output would be megabytes.
max_listed_samples=3000

rm -rf "$out"
mkdir -p "$out"

# run <dir> <case> <flags...> <profile>: one golden; a failure is recorded as the golden.
run() {
  local dir=$1 name=$2
  shift 2
  local file="${!#}"
  local flags=("${@:1:$#-1}")
  local err
  err=$(mktemp)
  {
    echo "# go tool pprof ${flags[*]} $file"
    if ! go tool pprof "${common[@]}" "${flags[@]}" "$file" </dev/null 2>"$err"; then
      echo "# error"
      sed 's/^/# /' "$err"
    fi
  } >"$dir/$name.txt"
  rm -f "$err"
}

# Profiles are independent: work on a few at once.
throttle() {
  while (($(jobs -rp | wc -l) >= 4)); do wait -n || true; done
}

# golden_set <id> <profile> <kind>: kind "sample" adds filters, granularities and peek.
golden_set() {
  local id=$1 file=$2 kind=$3
  local dir="$out/$id"
  mkdir -p "$dir"
  local raw
  if ! raw=$(go tool pprof -raw -symbolize=none "$file" </dev/null 2>/dev/null); then
    run "$dir" top -top "$file"
    return
  fi
  # Sample types and units, e.g. "alloc_objects/count alloc_space/bytes".
  local types
  types=$(printf '%s\n' "$raw" | awk '/^Samples:/ {getline; print; exit}')
  local samples
  samples=$(printf '%s\n' "$raw" | awk '/^Samples:/ {on=1; getline; next} /^Locations/ {on=0} on && /:/ && !/^ +[a-z_]+:\[/ {n++} END {print n+0}')
  local default_type
  default_type=$(go tool pprof -top "${common[@]}" "$file" </dev/null 2>/dev/null | awk '/^Type: / {print $2; exit}')
  local unit_of_default=""
  local pair
  for pair in $types; do
    pair=${pair%"[dflt]"}
    local type=${pair%%/*} unit=${pair#*/}
    if [[ $type == "$default_type" ]]; then unit_of_default=$unit; fi
    run "$dir" "top.sample_index=$type" -top "-sample_index=$type" "-unit=$unit" "$file"
  done
  if [[ -z $unit_of_default ]]; then
    # Seen when pprof runs out of memory under load: better no golden than a rounded one.
    echo "pprofgoldens: could not read the sample types of $file; rerun" >&2
    return 1
  fi
  local unit=("-unit=$unit_of_default")
  run "$dir" top -top "${unit[@]}" "$file"
  run "$dir" top.lines -top -lines "${unit[@]}" "$file"
  if ((samples <= max_listed_samples)); then
    run "$dir" raw -raw "$file"
    run "$dir" traces -traces "${unit[@]}" "$file"
  fi
  [[ $kind == sample ]] || return 0
  run "$dir" top.files -top -files "${unit[@]}" "$file"
  run "$dir" top.noinlines -top -noinlines "${unit[@]}" "$file"
  run "$dir" top.addresses -top -addresses "${unit[@]}" "$file"
  run "$dir" top.focus -top '-focus=main\.' "${unit[@]}" "$file"
  run "$dir" top.ignore -top '-ignore=runtime\.' "${unit[@]}" "$file"
  run "$dir" top.hide -top '-hide=runtime\.' "${unit[@]}" "$file"
  run "$dir" top.show -top '-show=main\.' "${unit[@]}" "$file"
  run "$dir" top.show_from -top '-show_from=main\.' "${unit[@]}" "$file"
  run "$dir" top.focus.hide -top '-focus=main\.' '-hide=^sync\.' "${unit[@]}" "$file"
  run "$dir" top.lines.show_from -top -lines '-show_from=main\.' "${unit[@]}" "$file"
  run "$dir" peek -peek 'main\.' "${unit[@]}" "$file"
  run "$dir" tags -tags "${unit[@]}" "$file"
}

for f in public/samples/*.pprof; do
  throttle
  golden_set "samples/$(basename "$f")" "$f" sample &
done
wait

# Tag filters need labels: the CPU sample labels its workers (worker=w0..w3, phase=...).
if [[ -f public/samples/cpu.pprof ]]; then
  dir="$out/samples/cpu.pprof"
  run "$dir" top.tagfocus -top -tagfocus=worker=w1 -unit=nanoseconds public/samples/cpu.pprof
  run "$dir" top.tagignore -top -tagignore=phase=sort -unit=nanoseconds public/samples/cpu.pprof
  run "$dir" top.tagfocus.value -top -tagfocus=json -unit=nanoseconds public/samples/cpu.pprof
  run "$dir" top.tagfocus.regex -top '-tagfocus=phase=^(hash|json)$' -unit=nanoseconds public/samples/cpu.pprof
fi
# Heap samples carry a numeric "bytes" label (the allocation size): a numeric range filter.
if [[ -f public/samples/heap.pprof ]]; then
  run "$out/samples/heap.pprof" top.tagfocus.range -top -tagfocus=bytes=1kb: -unit=bytes public/samples/heap.pprof
fi

if [[ -d $corpus ]]; then
  # Every file the corpus manifest describes as a pprof protobuf profile, except invalid_utf8,
  # whose function name holds every byte 0..255: newlines make pprof's text output unparsable.
  grep -o '^| `[^`]*` |[^|]*|[^|]*|[^|]*|[^|]*| [^|]*' "$corpus/MANIFEST.md" |
    awk -F'|' '$7 ~ /pprof protobuf/ {gsub(/[ `]/, "", $2); print $2}' |
    grep -v 'invalid_utf8' |
    {
      while read -r path; do
        throttle
        golden_set "corpus/${path//\//__}" "$corpus/$path" corpus &
      done
      wait
    }
else
  echo "note: $corpus is absent; corpus goldens not written" >&2
fi
