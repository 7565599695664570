// Command oldtraceoracle prints what Go's own trace reader (golang.org/x/exp/trace, which
// converts Go 1.11–1.21 traces into its Go 1.22+ event model) sees in a trace: event counts by
// kind, goroutines, procs, CPU samples, GC cycles and stop-the-world ranges. Its JSON output is
// the golden the old-format converter in workers/trace/oldformat is tested against.
//
// Usage: go run ./oldtraceoracle <trace file>
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"

	"golang.org/x/exp/trace"
)

type stw struct {
	Reason  string `json:"reason"`
	StartNs int64  `json:"startNs"`
	DurNs   int64  `json:"durNs"`
}

type summary struct {
	Events       int            `json:"events"`
	EventsByKind map[string]int `json:"eventsByKind"`
	FirstNs      int64          `json:"firstNs"`
	DurationNs   int64          `json:"durationNs"`
	Goroutines   int            `json:"goroutines"`
	Procs        int            `json:"procs"`
	CPUSamples   int            `json:"cpuSamples"`
	GCCycles     int            `json:"gcCycles"`
	RangeNames   map[string]int `json:"rangeBegins"`
	Metrics      map[string]int `json:"metrics"`
	Transitions  map[string]int `json:"transitions"`
	STW          []stw          `json:"stw"`
	Error        string         `json:"error,omitempty"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: oldtraceoracle <trace file>")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	s := read(f)
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func read(f io.Reader) summary {
	s := summary{
		EventsByKind: map[string]int{},
		RangeNames:   map[string]int{},
		Metrics:      map[string]int{},
		Transitions:  map[string]int{},
		STW:          []stw{},
	}
	r, err := trace.NewReader(f)
	if err != nil {
		s.Error = err.Error()
		return s
	}
	goroutines := map[trace.GoID]bool{}
	procs := map[trace.ProcID]bool{}
	open := map[string]trace.Time{}
	first, last := trace.Time(0), trace.Time(0)
	for {
		ev, err := r.ReadEvent()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			s.Error = err.Error()
			break
		}
		if s.Events == 0 {
			first = ev.Time()
		}
		last = ev.Time()
		s.Events++
		s.EventsByKind[ev.Kind().String()]++
		if g := ev.Goroutine(); g != trace.NoGoroutine {
			goroutines[g] = true
		}
		if p := ev.Proc(); p != trace.NoProc {
			procs[p] = true
		}
		switch ev.Kind() {
		case trace.EventStackSample:
			s.CPUSamples++
		case trace.EventMetric:
			s.Metrics[ev.Metric().Name]++
		case trace.EventStateTransition:
			st := ev.StateTransition()
			if st.Resource.Kind == trace.ResourceGoroutine {
				goroutines[st.Resource.Goroutine()] = true
				from, to := st.Goroutine()
				s.Transitions[fmt.Sprintf("G %v->%v %s", from, to, st.Reason)]++
			} else if st.Resource.Kind == trace.ResourceProc {
				procs[st.Resource.Proc()] = true
				from, to := st.Proc()
				s.Transitions[fmt.Sprintf("P %v->%v", from, to)]++
			}
		case trace.EventRangeBegin:
			name := ev.Range().Name
			s.RangeNames[name]++
			if name == "GC concurrent mark phase" {
				s.GCCycles++
			}
			if len(name) > 15 && name[:15] == "stop-the-world " {
				open[name] = ev.Time()
			}
		case trace.EventRangeEnd:
			name := ev.Range().Name
			if start, ok := open[name]; ok {
				s.STW = append(s.STW, stw{Reason: name, StartNs: int64(start - first), DurNs: int64(ev.Time() - start)})
				delete(open, name)
			}
		}
	}
	s.FirstNs = int64(first)
	s.DurationNs = int64(last - first)
	s.Goroutines = len(goroutines)
	s.Procs = len(procs)
	sort.Slice(s.STW, func(i, j int) bool { return s.STW[i].StartNs < s.STW[j].StartNs })
	return s
}
