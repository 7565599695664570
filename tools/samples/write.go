package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
)

// traceFile is gzip-compressed: on a busy machine the sweeper's and
// runtime.GC's yield loops alone add tens of thousands of scheduling events,
// pushing the raw trace past 1.5 MB. The app detects gzip from the bytes.
const traceFile = "trace.out.gz"

// memStatsAroundTrace is memstats.json: runtime.MemStats read right before
// trace.Start and right after trace.Stop, so a trace parser can be checked
// against the runtime's own GC accounting for the traced stretch.
type memStatsAroundTrace struct {
	// NumGC: completed GC cycles so far (MemStats.NumGC). The cycles that
	// ran while tracing are numbered numGCBefore+1 .. numGCAfter.
	NumGCBefore uint32 `json:"numGCBefore"`
	NumGCAfter  uint32 `json:"numGCAfter"`
	// NumForcedGC: cycles started by runtime.GC (MemStats.NumForcedGC).
	NumForcedGCBefore uint32 `json:"numForcedGCBefore"`
	NumForcedGCAfter  uint32 `json:"numForcedGCAfter"`
	// PauseTotalNs: cumulative stop-the-world pause of all GC cycles, in ns.
	PauseTotalNsBefore uint64 `json:"pauseTotalNsBefore"`
	PauseTotalNsAfter  uint64 `json:"pauseTotalNsAfter"`
	// PauseNs[i] is the total stop-the-world pause (sweep termination plus
	// mark termination) of cycle numGCBefore+1+i, in ns, oldest first.
	PauseNs []uint64 `json:"pauseNs"`
	// PauseEnd[i] is when that cycle's last pause ended, in Unix ns.
	PauseEnd []uint64 `json:"pauseEnd"`
	// HeapAlloc: bytes of live plus not yet swept heap objects.
	HeapAllocBefore uint64 `json:"heapAllocBefore"`
	HeapAllocAfter  uint64 `json:"heapAllocAfter"`
	// NextGC: the heap goal for the next cycle, in bytes.
	NextGCBefore uint64 `json:"nextGCBefore"`
	NextGCAfter  uint64 `json:"nextGCAfter"`
}

func writeGzipped(path string, data []byte) error {
	var compressed bytes.Buffer
	zw, err := gzip.NewWriterLevel(&compressed, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(data); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(path, compressed.Bytes(), 0o644)
}

func writeMemStatsAroundTrace(path string, before, after *runtime.MemStats) error {
	stats := memStatsAroundTrace{
		NumGCBefore:        before.NumGC,
		NumGCAfter:         after.NumGC,
		NumForcedGCBefore:  before.NumForcedGC,
		NumForcedGCAfter:   after.NumForcedGC,
		PauseTotalNsBefore: before.PauseTotalNs,
		PauseTotalNsAfter:  after.PauseTotalNs,
		PauseNs:            []uint64{},
		PauseEnd:           []uint64{},
		HeapAllocBefore:    before.HeapAlloc,
		HeapAllocAfter:     after.HeapAlloc,
		NextGCBefore:       before.NextGC,
		NextGCAfter:        after.NextGC,
	}
	// PauseNs and PauseEnd are circular buffers; cycle n (1-based) sits at
	// index (n-1) % 256. Only the most recent 256 cycles are kept.
	ring := uint32(len(after.PauseNs))
	first := max(before.NumGC+1, after.NumGC-min(after.NumGC, ring)+1)
	for cycle := first; cycle <= after.NumGC; cycle++ {
		stats.PauseNs = append(stats.PauseNs, after.PauseNs[(cycle-1)%ring])
		stats.PauseEnd = append(stats.PauseEnd, after.PauseEnd[(cycle-1)%ring])
	}
	return writeJSON(path, stats)
}

// sample is one entry of manifest.json, which the app's start page lists.
type sample struct {
	File        string `json:"file"`
	Title       string `json:"title"`
	Description string `json:"description"`
	// Format is one of pprof, trace, gctrace, goroutines, heap-text, json.
	Format string `json:"format"`
	// Default marks the sample the app opens at start.
	Default bool `json:"default,omitempty"`
}

var manifest = []sample{
	{
		File:        "cpu.pprof",
		Title:       "CPU profile",
		Description: "CPU profile: hashing, sorting, JSON encoding and regexp matching across 4 labelled workers (worker, phase labels), alongside GC-heavy allocation churn",
		Format:      "pprof",
		Default:     true,
	},
	{
		File:        traceFile,
		Title:       "Execution trace",
		Description: "Execution trace with CPU samples: GC-heavy allocation churn with two forced GCs, a GOGC change, a ReadMemStats stop-the-world and a user task with regions and logs",
		Format:      "trace",
	},
	{
		File:        "gctrace.log",
		Title:       "GODEBUG=gctrace=1 log",
		Description: "stderr of the same run as the trace: one line per GC cycle mixed with the program's own log lines",
		Format:      "gctrace",
	},
	{
		File:        "heap.pprof",
		Title:       "Heap profile",
		Description: "Heap profile: a growing set of retained sessions (newSession) next to short-lived scratch pages",
		Format:      "pprof",
	},
	{
		File:        "allocs.pprof",
		Title:       "Allocations profile",
		Description: "Allocations profile: every sampled allocation since start, dominated by renderScratchPages garbage",
		Format:      "pprof",
	},
	{
		File:        "heap.debug1.txt",
		Title:       "Heap profile (debug=1 text)",
		Description: "Heap profile as text, ending with the # runtime.MemStats section",
		Format:      "heap-text",
	},
	{
		File:        "goroutine.pprof",
		Title:       "Goroutine profile",
		Description: "Goroutine profile with 50 leaked goroutines blocked in awaitOrder plus goroutines in select, sleep, Mutex.Lock and WaitGroup.Wait",
		Format:      "pprof",
	},
	{
		File:        "goroutines.debug1.txt",
		Title:       "Goroutine dump (debug=1)",
		Description: "Goroutine dump grouped by identical stacks: the 50 leaked awaitOrder goroutines form one group",
		Format:      "goroutines",
	},
	{
		File:        "goroutines.debug2.txt",
		Title:       "Goroutine dump (debug=2)",
		Description: "Full per-goroutine dump with wait reasons and creators, as a panic or SIGQUIT prints it",
		Format:      "goroutines",
	},
	{
		File:        "mutex.pprof",
		Title:       "Mutex profile",
		Description: "Mutex contention: 6 goroutines fighting over one ledger lock (ledger.post)",
		Format:      "pprof",
	},
	{
		File:        "block.pprof",
		Title:       "Block profile",
		Description: "Blocking: invoice feeders waiting on an unbuffered channel, ledger lock waits and WaitGroup waits",
		Format:      "pprof",
	},
	{
		File:        "memstats.json",
		Title:       "MemStats around the trace",
		Description: "runtime.MemStats GC counts and pauses read right before trace.Start and after trace.Stop, for checking the trace",
		Format:      "json",
	},
}

func writeManifest(outDir string) error {
	return writeJSON(filepath.Join(outDir, "manifest.json"), manifest)
}

func writeJSON(path string, v any) error {
	encoded, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(encoded, '\n'), 0o644)
}
