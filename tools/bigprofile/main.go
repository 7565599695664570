// Command bigprofile writes a large, real Go heap profile for benchmarks: every allocation is
// recorded (runtime.MemProfileRate = 1) along deep recursive call paths chosen by the data, so
// the profile holds hundreds of thousands of samples over more than 100,000 distinct stacks.
//
//	go run ./bigprofile -out ../bench/data/big.heap.pprof
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/pprof"
)

// Set before anything allocates, so the profile records every allocation.
func init() { runtime.MemProfileRate = 1 }

var (
	out    = flag.String("out", "", "where to write the heap profile (gzipped pprof)")
	paths  = flag.Int("paths", 160000, "distinct call paths that allocate")
	sizes  = flag.Int("sizes", 4, "allocation sizes per path; each size is its own sample")
	seed   = flag.Uint64("seed", 1, "seed of the data that picks the paths")
	digits = 6 // base-8 digits per path: 8^6 = 262144 distinct paths available
)

// retained keeps half of the allocations alive, so inuse_* values are not all zero.
var retained [][]byte

func main() {
	flag.Parse()
	if *out == "" {
		log.Fatal("usage: bigprofile -out <file>")
	}
	rng := rand.New(rand.NewPCG(*seed, *seed^0x9e3779b97f4a7c15))
	// A permutation of path numbers, so consecutive work shares no prefix by construction.
	order := rng.Perm(1 << (3 * digits))[:*paths]
	for i, path := range order {
		// Depth before the branching part depends on the data too: 4..35 frames of descend.
		descend(4+path%32, path, i)
	}
	runtime.GC() // the heap profile reports as of the last completed GC
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	info, _ := os.Stat(*out)
	fmt.Printf("wrote %s: %d bytes, %d paths x %d sizes\n", *out, info.Size(), *paths, *sizes)
}

//go:noinline
func descend(levels, path, i int) {
	if levels > 0 {
		descend(levels-1, path, i)
		return
	}
	branch(digits, path, i)
}

// branch recurses once per base-8 digit of path, through one of eight functions per digit.
//
//go:noinline
func branch(left, path, i int) {
	if left == 0 {
		allocate(i)
		return
	}
	next := path >> 3
	switch path & 7 {
	case 0:
		b0(left-1, next, i)
	case 1:
		b1(left-1, next, i)
	case 2:
		b2(left-1, next, i)
	case 3:
		b3(left-1, next, i)
	case 4:
		b4(left-1, next, i)
	case 5:
		b5(left-1, next, i)
	case 6:
		b6(left-1, next, i)
	default:
		b7(left-1, next, i)
	}
}

//go:noinline
func b0(left, path, i int) { branch(left, path, i) }

//go:noinline
func b1(left, path, i int) { branch(left, path, i) }

//go:noinline
func b2(left, path, i int) { branch(left, path, i) }

//go:noinline
func b3(left, path, i int) { branch(left, path, i) }

//go:noinline
func b4(left, path, i int) { branch(left, path, i) }

//go:noinline
func b5(left, path, i int) { branch(left, path, i) }

//go:noinline
func b6(left, path, i int) { branch(left, path, i) }

//go:noinline
func b7(left, path, i int) { branch(left, path, i) }

// allocate makes one allocation per size at one call site: the runtime keeps one record per
// stack and size, so each size becomes its own sample.
//
//go:noinline
func allocate(i int) {
	for s := 0; s < *sizes; s++ {
		buf := make([]byte, 16<<(2*s))
		if i%2 == 0 {
			retained = append(retained, buf)
		}
	}
}
