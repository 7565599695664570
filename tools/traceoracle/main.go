// Command traceoracle reads a Go execution trace with golang.org/x/exp/trace, Go's own parser
// (which also converts Go 1.11–1.21 traces into its Go 1.22+ event model), and prints the JSON
// Gopherlens' trace decoders and analyses must reproduce:
//
//	traceoracle [-detail | -events] trace.out[.gz]
//
// Without flags it prints the summary (summary.go defines each field); the goldens of
// workers/trace/testdata are this output. With -detail the summary gets a "detail" object of
// per-event counts (detail.go); the goldens of workers/trace/oldformat are that output. With
// -events it only reads all events and prints their count (for timing Go's parser).
//
// If the trace is damaged, the events read before the error are summarized and the error is
// printed as "error".
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"golang.org/x/exp/trace"
)

func main() {
	eventsOnly := flag.Bool("events", false, "only read all events and print their count")
	withDetail := flag.Bool("detail", false, "add per-kind, transition, range and metric counts and the pause list")
	flag.Parse()
	if flag.NArg() != 1 || (*eventsOnly && *withDetail) {
		fmt.Fprintln(os.Stderr, "usage: traceoracle [-detail | -events] trace.out[.gz]")
		os.Exit(2)
	}
	in, err := open(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if *eventsOnly {
		n, err := countEvents(in)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println(n)
		return
	}
	s := summarize(in, *withDetail)
	enc := json.NewEncoder(os.Stdout)
	// Transition keys such as "G Running->Waiting" stay readable.
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// open reads a trace file, gunzipping it when it starts with the gzip magic bytes.
func open(path string) (io.Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(f, 1<<20)
	head, _ := br.Peek(2)
	if len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		return gzip.NewReader(br)
	}
	return br, nil
}

// countEvents reads every event up to the end or the first error.
func countEvents(in io.Reader) (int, error) {
	r, err := trace.NewReader(in)
	if err != nil {
		return 0, err
	}
	n := 0
	for {
		if _, err := r.ReadEvent(); err != nil {
			return n, nil
		}
		n++
	}
}
