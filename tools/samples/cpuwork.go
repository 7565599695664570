package main

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"regexp"
	"runtime/pprof"
	"runtime/trace"
	"slices"
	"sync"
)

const cpuWorkers = 4

// cpuPhase is one recognisable kind of CPU work; its name becomes the
// "phase" pprof label and the trace region name.
type cpuPhase struct {
	name string
	run  func(w *cpuWorker)
}

var cpuPhases = []cpuPhase{
	{"hash", (*cpuWorker).checksumBlocks},
	{"sort", (*cpuWorker).rankRecords},
	{"json", (*cpuWorker).encodeReports},
	{"regexp", (*cpuWorker).scanLogLines},
}

// cpuWorker holds per-worker inputs, built once so the phases spend their
// time on the work their names describe.
type cpuWorker struct {
	id       int
	blocks   [][]byte
	records  []record
	reports  []report
	logLines []string
	sink     uint64
}

type record struct {
	Customer string
	Region   string
	Amount   int64
}

type report struct {
	Worker  int               `json:"worker"`
	Region  string            `json:"region"`
	Totals  map[string]int64  `json:"totals"`
	Records []record          `json:"records"`
	Meta    map[string]string `json:"meta"`
}

var logLinePattern = regexp.MustCompile(`^(\d{4}-\d\d-\d\dT[\d:.]+Z) (INFO|WARN|ERROR) \[([a-z-]+)\] request_id=([0-9a-f]{16}) latency=(\d+)ms`)

var regions = []string{"eu-west", "eu-north", "us-east", "us-west", "ap-south"}

func newCPUWorker(id int) *cpuWorker {
	rng := rand.New(rand.NewPCG(uint64(id), 42))
	w := &cpuWorker{id: id}
	for range 64 {
		block := make([]byte, 4096)
		for i := range block {
			block[i] = byte(rng.Uint32())
		}
		w.blocks = append(w.blocks, block)
	}
	for i := range 4000 {
		w.records = append(w.records, record{
			Customer: fmt.Sprintf("cust-%05d", rng.IntN(100000)),
			Region:   regions[i%len(regions)],
			Amount:   rng.Int64N(1_000_000),
		})
	}
	for i := range 8 {
		totals := map[string]int64{}
		for _, r := range regions {
			totals[r] = rng.Int64N(1 << 30)
		}
		w.reports = append(w.reports, report{
			Worker:  id,
			Region:  regions[i%len(regions)],
			Totals:  totals,
			Records: w.records[i*200 : (i+1)*200],
			Meta:    map[string]string{"source": "samples", "schema": "v3"},
		})
	}
	levels := []string{"INFO", "WARN", "ERROR"}
	for i := range 1000 {
		w.logLines = append(w.logLines, fmt.Sprintf("2025-06-01T12:%02d:%02d.%03dZ %s [%s] request_id=%016x latency=%dms",
			i/60%60, i%60, rng.IntN(1000), levels[rng.IntN(3)], "api-gateway", rng.Uint64(), rng.IntN(900)))
	}
	return w
}

// runLabelledCPUWorkers runs the CPU phases on cpuWorkers goroutines until
// ctx is cancelled. Every worker carries a "worker" pprof label and every
// phase a "phase" label, so profiles can be filtered by either.
func runLabelledCPUWorkers(ctx context.Context) {
	var wg sync.WaitGroup
	for id := range cpuWorkers {
		w := newCPUWorker(id)
		labels := pprof.Labels("worker", fmt.Sprintf("w%d", id))
		wg.Go(func() {
			pprof.Do(ctx, labels, func(ctx context.Context) {
				w.runPhasesUntilDone(ctx)
			})
		})
	}
	wg.Wait()
}

func (w *cpuWorker) runPhasesUntilDone(ctx context.Context) {
	for round := 0; ctx.Err() == nil; round++ {
		// Workers start at different phases so all phases overlap in time.
		phase := cpuPhases[(w.id+round)%len(cpuPhases)]
		pprof.Do(ctx, pprof.Labels("phase", phase.name), func(ctx context.Context) {
			trace.WithRegion(ctx, phase.name, func() { phase.run(w) })
		})
	}
}

func (w *cpuWorker) checksumBlocks() {
	for range 4 {
		for _, block := range w.blocks {
			w.sink ^= digestBlock(block)
		}
	}
}

func digestBlock(block []byte) uint64 {
	sum := sha256.Sum256(block)
	return binary.LittleEndian.Uint64(sum[:8])
}

func (w *cpuWorker) rankRecords() {
	records := slices.Clone(w.records)
	slices.SortFunc(records, compareRecords)
	w.sink += uint64(records[0].Amount)
}

func compareRecords(a, b record) int {
	return cmp.Or(
		cmp.Compare(a.Region, b.Region),
		cmp.Compare(b.Amount, a.Amount),
		cmp.Compare(a.Customer, b.Customer),
	)
}

func (w *cpuWorker) encodeReports() {
	for range 4 {
		for _, r := range w.reports {
			w.sink += uint64(len(encodeReport(r)))
		}
	}
}

func encodeReport(r report) []byte {
	encoded, err := json.Marshal(r)
	if err != nil {
		panic(err)
	}
	return encoded
}

func (w *cpuWorker) scanLogLines() {
	for _, line := range w.logLines {
		if m := logLinePattern.FindStringSubmatch(line); m != nil && m[2] == "ERROR" {
			w.sink++
		}
	}
}
