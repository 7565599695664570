package main

import (
	"io"
	"math"
	"sort"
	"strings"

	"golang.org/x/exp/trace"
)

type pauseStats struct {
	Count   int   `json:"count"`
	TotalNs int64 `json:"totalNs"`
	MaxNs   int64 `json:"maxNs"`
	P50Ns   int64 `json:"p50Ns"`
	P95Ns   int64 `json:"p95Ns"`
	P99Ns   int64 `json:"p99Ns"`
}

type reasonStats struct {
	Count   int   `json:"count"`
	TotalNs int64 `json:"totalNs"`
}

// summary is the default output. Its fields (the TypeScript side computes the same numbers
// from its model):
//
//   - events: every event ReadEvent returns, Sync events included.
//   - durationNs: time of the last event minus time of the first.
//   - procs: distinct P ids that are the resource of a Proc state transition.
//   - goroutines: distinct goroutine ids that are the resource of a Goroutine state transition.
//   - cpuSamples: number of StackSample events.
//   - gc.cycles: RangeBegin events named "GC concurrent mark phase" (cycles that BEGAN inside
//     the trace; a cycle already running at the start shows as RangeActive and is not counted).
//   - gc.stw: pause statistics over the ranges named "stop-the-world (GC sweep termination)"
//     and "stop-the-world (GC mark termination)".
//   - gc.assistNs: total duration of "GC mark assist" ranges, each from its RangeBegin (or,
//     for one already running when the trace starts, its first RangeActive) to its RangeEnd
//     on the same goroutine; the RangeActive that each new generation emits for an assist
//     still running does not restart it. An assist still open at the end of the trace counts
//     up to the last event.
//   - stw: pause statistics over ALL "stop-the-world (<reason>)" ranges.
//   - stwByReason: per reason (the range name with "stop-the-world (" and ")" removed):
//     {count, totalNs}.
//   - heap.maxLiveBytes: max value of the /memory/classes/heap/objects:bytes metric.
//   - heap.maxGoalBytes: max value of the /gc/heap/goal:bytes metric.
//   - detail: only with -detail (see detail.go).
//
// A STW range is a RangeBegin..RangeEnd pair on the same goroutine; its duration is
// end.Time - begin.Time in ns. A STW still open at the end of the trace is not counted. The
// format has no RangeActive for STW (x/exp/trace rejects one), and the mark phase is only
// counted at its RangeBegin, so the assist is the one range here whose re-announcement at a
// generation start matters.
// Pause statistics are {count, totalNs, maxNs, p50Ns, p95Ns, p99Ns} with nearest-rank
// percentiles: sort the durations ascending, p(q) = sorted[ceil(q*n)-1]; all 0 when n = 0.
type summary struct {
	DurationNs  int64                  `json:"durationNs"`
	Events      int                    `json:"events"`
	Procs       int                    `json:"procs"`
	Goroutines  int                    `json:"goroutines"`
	CPUSamples  int                    `json:"cpuSamples"`
	GC          gcSummary              `json:"gc"`
	STW         pauseStats             `json:"stw"`
	STWByReason map[string]reasonStats `json:"stwByReason"`
	Heap        heapSummary            `json:"heap"`
	Detail      *detail                `json:"detail,omitempty"`
	Error       string                 `json:"error,omitempty"`
}

type gcSummary struct {
	Cycles   int        `json:"cycles"`
	STW      pauseStats `json:"stw"`
	AssistNs int64      `json:"assistNs"`
}

type heapSummary struct {
	MaxLiveBytes uint64 `json:"maxLiveBytes"`
	MaxGoalBytes uint64 `json:"maxGoalBytes"`
}

// stwPause is one closed stop-the-world range; startNs counts from the first event.
type stwPause struct {
	Reason  string `json:"reason"`
	StartNs int64  `json:"startNs"`
	DurNs   int64  `json:"durNs"`
}

const (
	stwPrefix    = "stop-the-world ("
	gcMarkRange  = "GC concurrent mark phase"
	assistRange  = "GC mark assist"
	liveMetric   = "/memory/classes/heap/objects:bytes"
	goalMetric   = "/gc/heap/goal:bytes"
	sweepTermSTW = "GC sweep termination"
	markTermSTW  = "GC mark termination"
)

// summarize reads the whole trace; withDetail adds the detail counts.
func summarize(in io.Reader, withDetail bool) summary {
	s := summary{STWByReason: map[string]reasonStats{}}
	if withDetail {
		s.Detail = newDetail()
	}
	r, err := trace.NewReader(in)
	if err != nil {
		s.Error = err.Error()
		return s
	}
	procs := map[trace.ProcID]bool{}
	goroutines := map[trace.GoID]bool{}
	stwOpen := map[trace.GoID]trace.Time{}
	assistOpen := map[trace.GoID]trace.Time{}
	var pauses []stwPause
	var first, last trace.Time
	for {
		ev, err := r.ReadEvent()
		if err == io.EOF {
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
		if s.Detail != nil {
			s.Detail.count(ev)
		}
		switch ev.Kind() {
		case trace.EventStackSample:
			s.CPUSamples++
		case trace.EventStateTransition:
			st := ev.StateTransition()
			switch st.Resource.Kind {
			case trace.ResourceProc:
				procs[st.Resource.Proc()] = true
			case trace.ResourceGoroutine:
				goroutines[st.Resource.Goroutine()] = true
			}
		case trace.EventMetric:
			m := ev.Metric()
			switch m.Name {
			case liveMetric:
				s.Heap.MaxLiveBytes = max(s.Heap.MaxLiveBytes, m.Value.Uint64())
			case goalMetric:
				s.Heap.MaxGoalBytes = max(s.Heap.MaxGoalBytes, m.Value.Uint64())
			}
		case trace.EventRangeBegin, trace.EventRangeActive, trace.EventRangeEnd:
			rg := ev.Range()
			g := trace.NoGoroutine
			if rg.Scope.Kind == trace.ResourceGoroutine {
				g = rg.Scope.Goroutine()
			}
			switch {
			case rg.Name == gcMarkRange && ev.Kind() == trace.EventRangeBegin:
				s.GC.Cycles++
			case rg.Name == assistRange && ev.Kind() != trace.EventRangeEnd:
				// Every generation re-announces a running assist (RangeActive); it is the
				// same assist, so it keeps its first start (as internal/trace/summary.go).
				if _, open := assistOpen[g]; !open || ev.Kind() == trace.EventRangeBegin {
					assistOpen[g] = ev.Time()
				}
			case rg.Name == assistRange:
				if begin, ok := assistOpen[g]; ok {
					s.GC.AssistNs += int64(ev.Time() - begin)
					delete(assistOpen, g)
				}
			case strings.HasPrefix(rg.Name, stwPrefix) && ev.Kind() == trace.EventRangeBegin:
				stwOpen[g] = ev.Time()
			case strings.HasPrefix(rg.Name, stwPrefix) && ev.Kind() == trace.EventRangeEnd:
				begin, ok := stwOpen[g]
				if !ok {
					break
				}
				delete(stwOpen, g)
				pauses = append(pauses, stwPause{
					Reason:  strings.TrimSuffix(strings.TrimPrefix(rg.Name, stwPrefix), ")"),
					StartNs: int64(begin - first),
					DurNs:   int64(ev.Time() - begin),
				})
			}
		}
	}
	for _, begin := range assistOpen {
		s.GC.AssistNs += int64(last - begin)
	}
	s.DurationNs = int64(last - first)
	s.Procs = len(procs)
	s.Goroutines = len(goroutines)
	var all, gc []int64
	for _, p := range pauses {
		all = append(all, p.DurNs)
		if p.Reason == sweepTermSTW || p.Reason == markTermSTW {
			gc = append(gc, p.DurNs)
		}
		rs := s.STWByReason[p.Reason]
		rs.Count++
		rs.TotalNs += p.DurNs
		s.STWByReason[p.Reason] = rs
	}
	s.STW = stats(all)
	s.GC.STW = stats(gc)
	if s.Detail != nil {
		s.Detail.finish(pauses)
	}
	return s
}

func stats(d []int64) pauseStats {
	if len(d) == 0 {
		return pauseStats{}
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	var total int64
	for _, v := range d {
		total += v
	}
	rank := func(q float64) int64 {
		return d[int(math.Ceil(q*float64(len(d))))-1]
	}
	return pauseStats{
		Count:   len(d),
		TotalNs: total,
		MaxNs:   d[len(d)-1],
		P50Ns:   rank(0.50),
		P95Ns:   rank(0.95),
		P99Ns:   rank(0.99),
	}
}
