// Command tracefixtures makes the small Go execution trace fixtures of workers/trace/testdata
// with the local Go toolchain, and next to each the summary JSON of Go's own parser
// (tools/traceoracle) as the golden. Run from tools/:
//
//	go run ./tracefixtures -out ../workers/trace/testdata
//
// Traces are gzipped (the app sniffs gzip); goldens are <name>.golden.json. With -goldens it
// keeps the committed traces and only rewrites their goldens (after a traceoracle change).
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
)

// fixture is one trace: a command writing a trace to the path it is given.
type fixture struct {
	name string
	env  []string
	// args builds the command line; the trace goes to tracePath.
	args func(tracePath string) []string
}

func goTest(pkg, run string) func(string) []string {
	return func(p string) []string {
		return []string{"go", "test", "-count=1", "-run", run, "-trace", p, pkg}
	}
}

func gcload(flags ...string) func(string) []string {
	return func(p string) []string {
		return append([]string{"go", "run", "./tracefixtures/gcload", "-o", p}, flags...)
	}
}

var fixtures = []fixture{
	{name: "test-encoding-json", args: goTest("encoding/json", "^TestMarshal|^TestUnmarshal")},
	{name: "test-compress-flate", args: goTest("compress/flate", "^TestWriterDict|^TestDeflate$|^TestReset")},
	{name: "gc-gogc25", env: []string{"GOGC=25"}, args: gcload()},
	{name: "gc-gogc100", env: []string{"GOGC=100"}, args: gcload()},
	{name: "gc-gogc400", env: []string{"GOGC=400"}, args: gcload()},
	{name: "gc-memlimit", env: []string{"GOGC=off", "GOMEMLIMIT=24MiB"}, args: gcload()},
	{name: "gc-forced", args: gcload("-gc", "5")},
	{name: "gc-setgcpercent", args: gcload("-setgcpercent", "20")},
	// A short generation period gives several generations, so ordering across them is tested.
	{name: "gc-cpuprofile-generations", env: []string{"GODEBUG=traceadvanceperiod=100000000"}, args: gcload("-cpuprofile", "-d", "600ms")},
}

func main() {
	out := flag.String("out", "../workers/trace/testdata", "directory for fixtures and goldens")
	goldensOnly := flag.Bool("goldens", false, "keep the traces in -out, only rewrite their goldens")
	flag.Parse()
	if *goldensOnly {
		for _, f := range fixtures {
			writeGolden(*out, f.name)
		}
		return
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	tmp, err := os.MkdirTemp("", "tracefixtures")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	for _, f := range fixtures {
		raw := filepath.Join(tmp, f.name+".trace")
		args := f.args(raw)
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Env = append(os.Environ(), f.env...)
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			log.Fatalf("%s: %v", f.name, err)
		}
		data, err := os.ReadFile(raw)
		if err != nil {
			log.Fatal(err)
		}
		gz := filepath.Join(*out, f.name+".trace.gz")
		if err := writeGzip(gz, data); err != nil {
			log.Fatal(err)
		}
		writeGolden(*out, f.name)
		fmt.Printf("%-28s %8d bytes, %8d gzipped\n", f.name, len(data), fileSize(gz))
	}
}

// writeGolden writes <name>.golden.json, the traceoracle summary of <name>.trace.gz in dir.
func writeGolden(dir, name string) {
	golden, err := exec.Command("go", "run", "./traceoracle", filepath.Join(dir, name+".trace.gz")).Output()
	if err != nil {
		log.Fatalf("%s: traceoracle: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".golden.json"), golden, 0o644); err != nil {
		log.Fatal(err)
	}
}

func writeGzip(path string, data []byte) error {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if _, err := w.Write(data); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

func fileSize(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}
