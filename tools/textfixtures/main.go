// Command textfixtures writes small real Go runtime text outputs used as decoder fixtures:
// a gctrace/scavtrace log, goroutine dumps (debug=1, debug=2, runtime.Stack, a panic and a
// SIGQUIT dump) and a heap profile in debug=1 text with pprof goldens.
//
//	cd tools && go run ./textfixtures -repo .. [-wait 61s]
//
// Each output comes from a child run of this same binary (selected by the TEXTFIXTURE variable),
// so crashes and GODEBUG settings stay out of the parent.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

const modeVar = "TEXTFIXTURE"

func main() {
	if mode := os.Getenv(modeVar); mode != "" {
		runChild(mode)
		return
	}
	repo := flag.String("repo", "..", "repository root; outputs go to workers/<format>/testdata")
	wait := flag.Duration("wait", 61*time.Second, "how long goroutines block before the debug=2 dump (≥1m shows wait minutes)")
	flag.Parse()

	gctraceDir := filepath.Join(*repo, "workers/gctrace/testdata")
	goroutineDir := filepath.Join(*repo, "workers/goroutines/testdata")
	heapDir := filepath.Join(*repo, "workers/heaptext/testdata")
	for _, dir := range []string{gctraceDir, goroutineDir, heapDir} {
		must(os.MkdirAll(dir, 0o755))
	}

	stdout, stderr := child("gctrace", []string{"GODEBUG=gctrace=1,scavtrace=1"}, nil)
	write(filepath.Join(gctraceDir, "go126.gctrace.log"), stderr)
	write(filepath.Join(gctraceDir, "go126.memstats.json"), stdout)

	_, stderr = child("panic", []string{"GOTRACEBACK=all"}, nil)
	write(filepath.Join(goroutineDir, "go126.panic.txt"), stderr)

	_, stderr = child("sigquit", nil, nil)
	write(filepath.Join(goroutineDir, "go126.sigquit.txt"), stderr)

	stdout, _ = child("dumps", nil, []string{"-wait", wait.String()})
	splitDumps(goroutineDir, stdout)

	_, _ = child("heap", nil, []string{"-out", filepath.Join(heapDir, "go126.heap.debug1.txt")})
	writeHeapGoldens(heapDir, "go126.heap.debug1.txt")
}

// child runs this binary in the given mode and returns its stdout and stderr. A non-zero exit is
// expected for the panic and SIGQUIT modes.
func child(mode string, env []string, args []string) ([]byte, []byte) {
	self, err := os.Executable()
	must(err)
	cmd := exec.Command(self, args...)
	cmd.Env = append(append(os.Environ(), modeVar+"="+mode), env...)
	var out, errOut bytesBuffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil && mode != "panic" && mode != "sigquit" {
		log.Fatalf("%s: %v\n%s", mode, err, errOut.Bytes())
	}
	return out.Bytes(), errOut.Bytes()
}

func runChild(mode string) {
	switch mode {
	case "gctrace":
		runGctraceWorkload()
	case "panic":
		startParkedGoroutines()
		panicWithArgs([]int{1, 2, 3}, "order-42", 7)
	case "sigquit":
		startParkedGoroutines()
		quitSelf()
	case "dumps":
		writeGoroutineDumps()
	case "heap":
		writeHeapProfile()
	default:
		log.Fatalf("unknown mode %q", mode)
	}
}

func write(path string, data []byte) {
	must(os.WriteFile(path, data, 0o644))
	fmt.Printf("wrote %s (%d bytes)\n", path, len(data))
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
