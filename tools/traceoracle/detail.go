package main

import (
	"fmt"
	"sort"

	"golang.org/x/exp/trace"
)

// detail is what -detail adds to the summary: counts over every event, for checking a decoder
// (the Go 1.11–1.21 converter above all) event by event rather than only through analyses.
//
//   - eventsByKind: events per trace.EventKind name.
//   - goroutinesSeen: distinct goroutine ids an event runs on (Event.Goroutine) or that are
//     the resource of a Goroutine state transition (wider than the summary's goroutines).
//   - procsSeen: the same for P ids (Event.Proc, Proc transition resources).
//   - rangeBegins: RangeBegin events per range name.
//   - metrics: Metric events per metric name.
//   - transitions: state transitions per "G <from>-><to> <reason>" or "P <from>-><to>".
//   - stwPauses: the pauses the summary's stw statistics are made of, {reason, startNs
//     (from the first event), durNs}, in order of start.
type detail struct {
	EventsByKind   map[string]int `json:"eventsByKind"`
	GoroutinesSeen int            `json:"goroutinesSeen"`
	ProcsSeen      int            `json:"procsSeen"`
	RangeBegins    map[string]int `json:"rangeBegins"`
	Metrics        map[string]int `json:"metrics"`
	Transitions    map[string]int `json:"transitions"`
	STWPauses      []stwPause     `json:"stwPauses"`

	goroutines map[trace.GoID]bool
	procs      map[trace.ProcID]bool
}

func newDetail() *detail {
	return &detail{
		EventsByKind: map[string]int{},
		RangeBegins:  map[string]int{},
		Metrics:      map[string]int{},
		Transitions:  map[string]int{},
		STWPauses:    []stwPause{},
		goroutines:   map[trace.GoID]bool{},
		procs:        map[trace.ProcID]bool{},
	}
}

func (d *detail) count(ev trace.Event) {
	d.EventsByKind[ev.Kind().String()]++
	if g := ev.Goroutine(); g != trace.NoGoroutine {
		d.goroutines[g] = true
	}
	if p := ev.Proc(); p != trace.NoProc {
		d.procs[p] = true
	}
	switch ev.Kind() {
	case trace.EventMetric:
		d.Metrics[ev.Metric().Name]++
	case trace.EventRangeBegin:
		d.RangeBegins[ev.Range().Name]++
	case trace.EventStateTransition:
		st := ev.StateTransition()
		switch st.Resource.Kind {
		case trace.ResourceGoroutine:
			d.goroutines[st.Resource.Goroutine()] = true
			from, to := st.Goroutine()
			d.Transitions[fmt.Sprintf("G %v->%v %s", from, to, st.Reason)]++
		case trace.ResourceProc:
			d.procs[st.Resource.Proc()] = true
			from, to := st.Proc()
			d.Transitions[fmt.Sprintf("P %v->%v", from, to)]++
		}
	}
}

func (d *detail) finish(pauses []stwPause) {
	d.GoroutinesSeen = len(d.goroutines)
	d.ProcsSeen = len(d.procs)
	d.STWPauses = append(d.STWPauses, pauses...)
	sort.SliceStable(d.STWPauses, func(i, j int) bool { return d.STWPauses[i].StartNs < d.STWPauses[j].StartNs })
}
