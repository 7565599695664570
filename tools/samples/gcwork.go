package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"runtime/trace"
	"strings"
)

// Sizes of the allocation churn. Each step retains sessionsPerStep sessions
// (the live heap grows steadily) and throws away scratchPagesPerStep pages
// of garbage, which drives frequent GC cycles without reaching 256 cycles,
// the depth of MemStats.PauseNs.
const (
	churnSteps          = 300
	sessionsPerStep     = 16
	sessionPayloadBytes = 1024
	scratchPagesPerStep = 32
	scratchPageBytes    = 24 << 10
	tightGCPercent      = 50
)

type session struct {
	id         int
	user       string
	payload    []byte
	attributes map[string]string
}

// retainedSessions and sessionsByUser are the growing live heap; they are
// package-level so heap.pprof, taken after the workloads, still sees them.
var (
	retainedSessions []*session
	sessionsByUser   = map[string]*session{}
)

// The last scratch page and audit line are stored so the compiler must put
// the garbage on the heap instead of the stack.
var (
	lastScratchPage []byte
	lastAuditLine   string
)

// churnAllocations is the GC-heavy workload recorded in the trace. It runs
// inside the caller's trace task; its regions mark its phases: growing the
// heap, a forced GC, a stretch at a lower GOGC, a ReadMemStats (a
// stop-the-world that is not a GC) and a final stretch of churn.
func churnAllocations(ctx context.Context) {
	trace.Log(ctx, "workload", "starting allocation churn")

	third := churnSteps / 3
	trace.WithRegion(ctx, "grow-live-heap", func() { runChurnSteps(0, third) })
	trace.WithRegion(ctx, "forced-gc", runtime.GC)

	trace.WithRegion(ctx, "tight-gogc", func() {
		previous := debug.SetGCPercent(tightGCPercent)
		trace.Logf(ctx, "gogc", "SetGCPercent(%d), was %d", tightGCPercent, previous)
		runChurnSteps(third, 2*third)
		debug.SetGCPercent(previous)
		trace.Logf(ctx, "gogc", "SetGCPercent(%d) restored", previous)
	})

	trace.WithRegion(ctx, "read-memstats", func() {
		var stats runtime.MemStats
		runtime.ReadMemStats(&stats)
		trace.Logf(ctx, "memstats", "NumGC=%d HeapAlloc=%d", stats.NumGC, stats.HeapAlloc)
	})

	trace.WithRegion(ctx, "steady-churn", func() { runChurnSteps(2*third, churnSteps) })
	trace.Logf(ctx, "workload", "retained %d sessions", len(retainedSessions))
}

func runChurnSteps(from, to int) {
	for step := from; step < to; step++ {
		retainSessions(step)
		renderScratchPages(step)
	}
}

func retainSessions(step int) {
	for i := range sessionsPerStep {
		s := newSession(step*sessionsPerStep + i)
		retainedSessions = append(retainedSessions, s)
		sessionsByUser[s.user] = s
	}
}

func newSession(id int) *session {
	payload := make([]byte, sessionPayloadBytes)
	for i := range payload {
		payload[i] = byte(id + i)
	}
	return &session{
		id:         id,
		user:       fmt.Sprintf("user-%06d", id),
		payload:    payload,
		attributes: map[string]string{"plan": "pro", "region": regions[id%len(regions)]},
	}
}

// renderScratchPages allocates short-lived buffers and strings, the garbage
// a request handler produces.
func renderScratchPages(step int) {
	for page := range scratchPagesPerStep {
		buf := make([]byte, 0, scratchPageBytes)
		buf = fmt.Appendf(buf, "<html><body><h1>step %d page %d</h1>", step, page)
		for len(buf) < scratchPageBytes-64 {
			buf = append(buf, "<p>lorem ipsum dolor sit amet</p>"...)
		}
		lastScratchPage = buf
		lastAuditLine = formatAuditLine(step, page)
	}
}

func formatAuditLine(step, page int) string {
	var b strings.Builder
	for field := range 8 {
		fmt.Fprintf(&b, "step=%d page=%d field=%d ", step, page, field)
	}
	return b.String()
}
