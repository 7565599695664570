// Command bigtrace writes a large, real Go execution trace for benchmarks: a busy program
// (hundreds of goroutines handing work over channels, mutex and select contention, timers,
// heavy allocation so the GC runs constantly, CPU profiling on) traced with runtime/trace
// until the trace file reaches the size asked for.
//
//	go run ./bigtrace -out ../bench/data/big.trace -mb 110
//
// The trace is stopped as soon as -mb megabytes have been written (or after -max, whichever
// comes first), so the size is what the benchmark needs on any machine speed.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"sync"
	"sync/atomic"
	"time"
)

var (
	out     = flag.String("out", "", "where to write the execution trace")
	mb      = flag.Int("mb", 110, "stop tracing once this many MiB (2^20 bytes) are written")
	maxTime = flag.Duration("max", 180*time.Second, "stop tracing after this long regardless of size")
	workers = flag.Int("workers", 256, "goroutines in the pipeline")
)

// countingWriter counts the trace bytes written so far; read from the size watcher.
type countingWriter struct {
	w io.Writer
	n atomic.Int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n.Add(int64(n))
	return n, err
}

func main() {
	flag.Parse()
	if *out == "" {
		log.Fatal("usage: bigtrace -out <file> [-mb 110]")
	}
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	buf := bufio.NewWriterSize(f, 1<<20)
	counter := &countingWriter{w: buf}

	// CPU samples land in the trace as StackSample events while both are on.
	if err := pprof.StartCPUProfile(io.Discard); err != nil {
		log.Fatal(err)
	}
	if err := trace.Start(counter); err != nil {
		log.Fatal(err)
	}
	start := time.Now()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	runPipeline(stop, &wg)

	limit := int64(*mb) << 20
	for counter.n.Load() < limit && time.Since(start) < *maxTime {
		time.Sleep(20 * time.Millisecond)
	}
	close(stop)
	wg.Wait()
	trace.Stop()
	pprof.StopCPUProfile()
	if err := buf.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("wrote %s: %d bytes in %s\n", *out, counter.n.Load(), time.Since(start).Round(time.Millisecond))
}

// runPipeline starts stages that pass jobs along channels: producers -> workers -> collectors,
// plus goroutines that contend on a mutex, sleep on timers and spawn short-lived children.
func runPipeline(stop <-chan struct{}, wg *sync.WaitGroup) {
	jobs := make(chan []byte, 64)
	results := make(chan int, 64)
	spawn := func(name string, fn func()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			trace.WithRegion(context.Background(), name, fn)
		}()
	}
	for p := range 8 {
		spawn("produce", func() { produce(p, jobs, stop) })
	}
	for range *workers {
		spawn("work", func() { work(jobs, results, stop) })
	}
	for range 4 {
		spawn("collect", func() { collect(results, stop) })
	}
	var mu sync.Mutex
	shared := map[int][]byte{}
	for i := range 32 {
		spawn("contend", func() { contend(i, &mu, shared, stop) })
	}
	for i := range 16 {
		spawn("sleep", func() { sleepy(i, stop) })
	}
	spawn("spawn", func() { spawnChildren(stop) })
}

func produce(seed int, jobs chan<- []byte, stop <-chan struct{}) {
	rng := rand.New(rand.NewPCG(uint64(seed), 7))
	for {
		job := make([]byte, 64+rng.IntN(4096))
		select {
		case jobs <- job:
		case <-stop:
			return
		}
	}
}

// retained keeps a rolling window of garbage alive so the heap grows and the GC keeps cycling.
var retained [1024][]byte
var retainedAt atomic.Int64

func work(jobs <-chan []byte, results chan<- int, stop <-chan struct{}) {
	for {
		select {
		case job := <-jobs:
			sum := 0
			for i := range job {
				job[i] = byte(i * 31)
				sum += int(job[i])
			}
			copyOf := append([]byte(nil), job...)
			retained[retainedAt.Add(1)%int64(len(retained))] = copyOf
			select {
			case results <- sum:
			case <-stop:
				return
			}
		case <-stop:
			return
		}
	}
}

func collect(results <-chan int, stop <-chan struct{}) {
	total := 0
	for {
		select {
		case r := <-results:
			total += r
		case <-stop:
			return
		}
	}
}

func contend(i int, mu *sync.Mutex, shared map[int][]byte, stop <-chan struct{}) {
	for n := 0; ; n++ {
		select {
		case <-stop:
			return
		default:
		}
		mu.Lock()
		shared[(i*1000+n)%4096] = make([]byte, 256)
		mu.Unlock()
		if n%64 == 0 {
			runtime.Gosched()
		}
	}
}

func sleepy(i int, stop <-chan struct{}) {
	for {
		select {
		case <-time.After(time.Duration(50+i*10) * time.Microsecond):
		case <-stop:
			return
		}
	}
}

func spawnChildren(stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		default:
		}
		var group sync.WaitGroup
		for range 16 {
			group.Add(1)
			go func() {
				defer group.Done()
				_ = make([]byte, 1024)
			}()
		}
		group.Wait()
		// Paced, so the trace holds tens of thousands of goroutines rather than millions.
		time.Sleep(time.Millisecond)
	}
}
