package main

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

var sessions [][]byte

// writeHeapProfile samples every 4 KiB, keeps some allocations and drops others, so in-use and
// allocated totals differ, and writes the heap profile as debug=1 text (with runtime.MemStats).
func writeHeapProfile() {
	runtime.MemProfileRate = 4096
	out := flag.String("out", "", "")
	flag.Parse()
	for i := 0; i < 200; i++ {
		keepSession(i)
		_ = renderPage(i)
	}
	runtime.GC()
	f, err := os.Create(*out)
	must(err)
	defer f.Close()
	must(pprof.Lookup("heap").WriteTo(f, 1))
}

//go:noinline
func keepSession(i int) { sessions = append(sessions, make([]byte, 2048+i)) }

//go:noinline
func renderPage(i int) []byte { return make([]byte, 32<<10+i) }

// writeHeapGoldens records what `go tool pprof` reads from the text: -raw (exact values) and -top
// for each sample type. The text's addresses are symbolized with this binary, which wrote it.
func writeHeapGoldens(dir, name string) {
	input := filepath.Join(dir, name)
	self, err := os.Executable()
	must(err)
	run := func(out string, args ...string) {
		cmd := exec.Command("go", append([]string{"tool", "pprof"}, append(args, self, input)...)...)
		data, err := cmd.Output()
		must(err)
		write(filepath.Join(dir, out), data)
	}
	run(name+".raw", "-raw")
	for _, index := range []string{"inuse_objects", "inuse_space", "alloc_objects", "alloc_space"} {
		run(name+".top."+index, "-top", "-nodefraction=0", "-sample_index="+index)
	}
}
