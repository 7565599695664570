package main

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"sync"
)

// Profiling rates for the whole child run: every contended mutex and every
// blocking event is recorded, which is affordable for a run this short.
const (
	mutexProfileFraction = 1
	blockProfileRateNs   = 1
)

// runWorkloadsAndWriteArtifacts is the child's whole job. It runs with
// GODEBUG=gctrace=1, so its log lines land in gctrace.log between the
// runtime's gc lines.
func runWorkloadsAndWriteArtifacts(outDir string) error {
	log.SetFlags(log.LstdFlags | log.Lmicroseconds)
	log.Printf("starting workload (GOMAXPROCS=%d, %s)", runtime.GOMAXPROCS(0), runtime.Version())
	runtime.SetMutexProfileFraction(mutexProfileFraction)
	runtime.SetBlockProfileRate(blockProfileRateNs)

	startParkedGoroutines()
	log.Printf("parked %d leaked order consumers", leakedOrderConsumers)

	cpuProfile, err := os.Create(filepath.Join(outDir, "cpu.pprof"))
	if err != nil {
		return err
	}
	defer cpuProfile.Close()
	if err := pprof.StartCPUProfile(cpuProfile); err != nil {
		return err
	}

	// CPU profiling is already running, so the trace also records CPU samples.
	var traceBytes bytes.Buffer
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if err := trace.Start(&traceBytes); err != nil {
		return err
	}
	runConcurrentWorkloads()
	trace.Stop()
	runtime.ReadMemStats(&after)
	pprof.StopCPUProfile()

	log.Printf("tracing done: NumGC %d -> %d, NumForcedGC %d -> %d",
		before.NumGC, after.NumGC, before.NumForcedGC, after.NumForcedGC)
	if err := writeGzipped(filepath.Join(outDir, traceFile), traceBytes.Bytes()); err != nil {
		return err
	}
	if err := writeMemStatsAroundTrace(filepath.Join(outDir, "memstats.json"), &before, &after); err != nil {
		return err
	}

	// Collect once so heap.pprof reflects the retained sessions as of now
	// rather than as of whichever cycle happened to finish last.
	runtime.GC()
	if err := writeProfiles(outDir); err != nil {
		return err
	}
	log.Printf("wrote profiles; %d goroutines alive", runtime.NumGoroutine())
	return nil
}

// runConcurrentWorkloads runs the CPU workers, the lock fight and the
// invoice pipeline for as long as the allocation churn takes, then forces a
// last GC. That GC runs once nothing else allocates, so no cycle is still
// under way when the trace stops and the trace's GC cycles are exactly those
// counted in memstats.json.
func runConcurrentWorkloads() {
	backgroundCtx, stopBackground := context.WithCancel(context.Background())
	var background sync.WaitGroup
	background.Go(func() { runLabelledCPUWorkers(backgroundCtx) })
	background.Go(func() { runLedgerContention(backgroundCtx) })
	background.Go(func() { runInvoicePipeline(backgroundCtx) })

	ctx, task := trace.NewTask(context.Background(), "gc-churn")
	defer task.End()
	churnAllocations(ctx)
	stopBackground()
	background.Wait()
	trace.WithRegion(ctx, "final-forced-gc", runtime.GC)
}

// debug=0 profiles are gzipped protobuf; debug=1 and 2 are the text forms.
var profileFiles = []struct {
	profile string
	debug   int
	file    string
}{
	{"heap", 0, "heap.pprof"},
	{"heap", 1, "heap.debug1.txt"},
	{"allocs", 0, "allocs.pprof"},
	{"goroutine", 0, "goroutine.pprof"},
	{"goroutine", 1, "goroutines.debug1.txt"},
	{"goroutine", 2, "goroutines.debug2.txt"},
	{"mutex", 0, "mutex.pprof"},
	{"block", 0, "block.pprof"},
}

func writeProfiles(outDir string) error {
	for _, p := range profileFiles {
		var buf bytes.Buffer
		if err := pprof.Lookup(p.profile).WriteTo(&buf, p.debug); err != nil {
			return fmt.Errorf("%s debug=%d: %w", p.profile, p.debug, err)
		}
		if err := os.WriteFile(filepath.Join(outDir, p.file), buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}
