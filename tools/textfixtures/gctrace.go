package main

import (
	"encoding/json"
	"log"
	"os"
	"runtime"
	"runtime/debug"
)

var retained [][]byte

// runGctraceWorkload allocates enough to run a few dozen GC cycles, forces some, returns memory to
// the OS once (a forced scavenger line), logs its own lines in between, and prints the runtime's
// MemStats at the end as JSON on stdout: the oracle for the gctrace cycle count and pause total.
// Its own lines are logged right after a runtime.GC(), while no collection runs: the runtime
// writes to stderr without the log package's lock, so a line logged mid-cycle can split a gc line.
func runGctraceWorkload() {
	log.SetOutput(os.Stderr)
	log.Print("workload starting")
	for round := 0; round < 40; round++ {
		garbage := make([][]byte, 0, 256)
		for i := 0; i < 256; i++ {
			garbage = append(garbage, make([]byte, 16<<10))
		}
		if round%8 == 0 {
			retained = append(retained, garbage[0])
			runtime.GC()
			log.Printf("round %d retained %d buffers", round, len(retained))
		}
	}
	runtime.GC()
	retained = nil
	runtime.GC()
	debug.FreeOSMemory()
	log.Print("workload done")

	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	must(json.NewEncoder(os.Stdout).Encode(map[string]any{
		"NumGC":        ms.NumGC,
		"NumForcedGC":  ms.NumForcedGC,
		"PauseTotalNs": ms.PauseTotalNs,
		"PauseNs":      ms.PauseNs[:min(int(ms.NumGC), 256)],
	}))
}
