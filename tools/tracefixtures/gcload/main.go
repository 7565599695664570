// Command gcload is the workload behind the GC trace fixtures: a few goroutines allocate
// short-lived garbage on top of a live set that grows and shrinks, while the execution tracer
// runs. The GC settings come from the environment (GOGC, GOMEMLIMIT) and the flags.
package main

import (
	"flag"
	"log"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"runtime/trace"
	"sync"
	"time"
)

func main() {
	out := flag.String("o", "trace.out", "trace output file")
	duration := flag.Duration("d", 400*time.Millisecond, "how long to run the workload")
	forcedGCs := flag.Int("gc", 0, "runtime.GC calls spread over the run")
	setPercent := flag.Int("setgcpercent", 0, "if not 0, debug.SetGCPercent to this half-way through")
	cpuProfile := flag.Bool("cpuprofile", false, "run the CPU profiler too (samples appear in the trace)")
	flag.Parse()

	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if *cpuProfile {
		if err := pprof.StartCPUProfile(discard{}); err != nil {
			log.Fatal(err)
		}
		defer pprof.StopCPUProfile()
	}
	if err := trace.Start(f); err != nil {
		log.Fatal(err)
	}
	run(*duration, *forcedGCs, *setPercent)
	trace.Stop()
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// sink keeps allocations reachable so the compiler cannot drop them.
var sink [][]byte

func run(d time.Duration, forcedGCs, setPercent int) {
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	var mu sync.Mutex
	live := make([][]byte, 0, 4096)
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; time.Now().Before(deadline); i++ {
				garbage := make([]byte, 512+(i%64)*64)
				garbage[0] = byte(w)
				if i%64 == 0 {
					mu.Lock()
					// The live set grows, then is cut back: the heap goal follows it.
					if len(live) >= 4096 {
						live = live[:len(live)/4]
					}
					live = append(live, make([]byte, 16<<10))
					mu.Unlock()
				}
				if i%4096 == 0 {
					runtime.Gosched()
				}
			}
		}(w)
	}
	steps := 10
	for s := 1; s <= steps; s++ {
		time.Sleep(d / time.Duration(steps))
		if forcedGCs > 0 && s%(max(1, steps/forcedGCs)) == 0 {
			runtime.GC()
		}
		if setPercent != 0 && s == steps/2 {
			debug.SetGCPercent(setPercent)
		}
	}
	wg.Wait()
	mu.Lock()
	sink = live
	mu.Unlock()
}
