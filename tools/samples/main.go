// Command samples runs a set of realistic workloads and writes the artifacts
// the Go runtime produces for them (pprof profiles, an execution trace,
// gctrace output, goroutine dumps, heap text) into a directory. Gopherlens
// ships these files as its built-in samples.
//
// Regenerate with `npm run samples`, i.e.
//
//	cd tools && go run ./samples -out ../public/samples
//
// The program re-executes itself as a child with GODEBUG=gctrace=1 and
// captures the child's stderr as gctrace.log. The child does all the work,
// so the gctrace lines, the execution trace and memstats.json describe the
// same run and can be checked against each other.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
)

// childFlag marks the re-executed process that runs the workloads.
const childFlag = "run-workloads"

// maxChildGOMAXPROCS caps the P count so the samples look alike whatever
// machine regenerates them. It is never raised above the CPU count: with
// more Ps than CPUs, up to a fifth of the CPU profile lands in
// runtime.asyncPreempt.
const maxChildGOMAXPROCS = 4

func main() {
	outDir := flag.String("out", "../public/samples", "directory to write the sample files into")
	isChild := flag.Bool(childFlag, false, "internal: run the workloads in this process (set by the parent)")
	flag.Parse()

	if *isChild {
		if err := runWorkloadsAndWriteArtifacts(*outDir); err != nil {
			log.Fatal(err)
		}
		return
	}
	if err := runChildWithGCTrace(*outDir); err != nil {
		fmt.Fprintln(os.Stderr, "samples:", err)
		os.Exit(1)
	}
}

// runChildWithGCTrace re-executes this binary with GODEBUG=gctrace=1 and
// stores the child's stderr (gc lines mixed with its log lines) as gctrace.log.
func runChildWithGCTrace(outDir string) error {
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	gctraceLog, err := os.Create(filepath.Join(outDir, "gctrace.log"))
	if err != nil {
		return err
	}
	defer gctraceLog.Close()

	child := exec.Command(self, "-"+childFlag, "-out", outDir)
	child.Env = append(os.Environ(), "GODEBUG=gctrace=1", fmt.Sprintf("GOMAXPROCS=%d", min(maxChildGOMAXPROCS, runtime.NumCPU())), "GOGC=100")
	child.Stdout = os.Stdout
	child.Stderr = gctraceLog
	if err := child.Run(); err != nil {
		return fmt.Errorf("workload child failed (see %s): %w", gctraceLog.Name(), err)
	}
	if err := writeManifest(outDir); err != nil {
		return err
	}
	fmt.Println("wrote samples to", outDir)
	return nil
}
