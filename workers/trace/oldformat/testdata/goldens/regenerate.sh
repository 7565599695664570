#!/bin/sh
# Rewrites the goldens of workers/trace/oldformat: tools/traceoracle -detail, Go's own trace
# reader, on every old-format trace of the corpus and on Go's canned ones.
# Run from the repository root; needs Go and ../shared/corpus.
set -e
out=workers/trace/oldformat/testdata/goldens
corpus=../shared/corpus
goroot=$(go env GOROOT)/src/internal/trace/internal/tracev1/testdata
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd tools && go build -o "$tmp/traceoracle" ./traceoracle)
oracle="$tmp/traceoracle -detail"
for f in \
  DataDog__go-profiler-notes/examples/guide/trace.bin \
  DataDog__go-profiler-notes/guide/trace.out \
  DataDog__go-profiler-notes/hello.trace \
  felixge__traceutils/testdata/1.19/staticcheck.trace \
  felixge__traceutils/testdata/1.19/test-encoding-json.trace \
  felixge__traceutils/testdata/1.19/trace.bin \
  felixge__traceutils/testdata/1.21/fgprof.trace \
  felixge__traceutils/testdata/1.21/task.trace \
  felixge__traceutils/testdata/1.21/test-encoding-json.trace \
  go-asm__assembler/trace/testdata/http_1_11_good \
  go-asm__assembler/trace/testdata/http_1_19_good \
  go-asm__assembler/trace/testdata/http_1_21_good \
  go-asm__assembler/trace/testdata/stress_1_11_good \
  go-asm__assembler/trace/testdata/stress_1_19_good \
  go-asm__assembler/trace/testdata/stress_1_21_good \
  go-asm__assembler/trace/testdata/stress_start_stop_1_11_good \
  go-asm__assembler/trace/testdata/stress_start_stop_1_19_good \
  go-asm__assembler/trace/testdata/stress_start_stop_1_21_good \
  go-asm__assembler/trace/testdata/user_task_region_1_11_good \
  go-asm__assembler/trace/testdata/user_task_region_1_19_good \
  go-asm__assembler/trace/testdata/user_task_region_1_21_good; do
  $oracle "$corpus/$f" > "$out/corpus--$(echo "$f" | sed 's|/|+|g').json"
done
for f in "$goroot"/*_good; do
  $oracle "$f" > "$out/goroot--$(basename "$f").json"
done
