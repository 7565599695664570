package main

import (
	"context"
	"flag"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"syscall"
	"time"
)

var (
	blockedOrders = make(chan int)
	ledgerLock    sync.Mutex
	shutdown      = make(chan struct{})
)

// startParkedGoroutines leaves goroutines blocked in the common states a dump shows: channel
// receive, select, a locked OS thread, sync.Mutex.Lock, sleep, and a WaitGroup wait.
func startParkedGoroutines() {
	for i := 0; i < 5; i++ {
		go awaitOrder(i)
	}
	go func() {
		pprof.Do(context.Background(), pprof.Labels("role", "watcher"), func(context.Context) {
			watchShutdown()
		})
	}()
	go lockedWorker()
	ledgerLock.Lock()
	for i := 0; i < 2; i++ {
		go postToLedger()
	}
	go napForever()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { wg.Wait() }()
	// Let every goroutine reach its blocking point before anything is dumped.
	time.Sleep(200 * time.Millisecond)
}

func awaitOrder(worker int) { <-blockedOrders; _ = worker }

func watchShutdown() {
	ticker := time.NewTicker(time.Hour)
	select {
	case <-shutdown:
	case <-ticker.C:
	}
}

func lockedWorker() {
	runtime.LockOSThread()
	<-shutdown
}

func postToLedger() {
	ledgerLock.Lock()
	defer ledgerLock.Unlock()
}

func napForever() { time.Sleep(time.Hour) }

//go:noinline
func panicWithArgs(ids []int, name string, attempt int) {
	panic("order pipeline stuck: " + name)
}

func quitSelf() {
	must(syscall.Kill(os.Getpid(), syscall.SIGQUIT))
	time.Sleep(10 * time.Second)
}

// writeGoroutineDumps prints three dumps of the same goroutines to stdout, each after a
// "=== <name>" line: debug=1, debug=2 (after waiting, so wait minutes show) and runtime.Stack.
func writeGoroutineDumps() {
	wait := flag.Duration("wait", time.Minute, "")
	flag.Parse()
	startParkedGoroutines()
	// A goroutine's wait time is stamped by the first GC that scans it blocked (runtime/mgcmark.go
	// sets gp.waitsince to work.tstart), and work.tstart is only set at the end of a cycle's
	// mark: the first cycle of the program stamps 0, so collect twice.
	runtime.GC()
	runtime.GC()
	time.Sleep(*wait)
	os.Stdout.WriteString("=== goroutines.debug1.txt\n")
	must(pprof.Lookup("goroutine").WriteTo(os.Stdout, 1))
	os.Stdout.WriteString("=== goroutines.debug2.txt\n")
	must(pprof.Lookup("goroutine").WriteTo(os.Stdout, 2))
	os.Stdout.WriteString("=== runtime.stack.txt\n")
	buf := make([]byte, 1<<20)
	os.Stdout.Write(buf[:runtime.Stack(buf, true)])
}
