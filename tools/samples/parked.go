package main

import (
	"context"
	"runtime/pprof"
	"sync"
	"time"
)

// Counts of deliberately stuck goroutines, so the dumps show recognisable
// groups of identical stacks.
const (
	leakedOrderConsumers = 50
	idleSelectors        = 5
	batchSleepers        = 4
	configLockWaiters    = 3
	shardReadyWaiters    = 3
)

type order struct{ id int }

// parkedGoroutines owns what the stuck goroutines wait on. Nothing ever sends
// on, unlocks or completes these, so the goroutines stay parked until the
// process exits; the goroutine dumps are taken while they are alive.
type parkedGoroutines struct {
	unsentOrders   chan order
	shutdownA      chan struct{}
	shutdownB      chan struct{}
	configLock     sync.Mutex
	shardsReady    sync.WaitGroup
	allHaveStarted sync.WaitGroup
}

// stuckGoroutines keeps the parked goroutines' channels and locks reachable
// for the whole run, as a long-lived server's would be.
var stuckGoroutines *parkedGoroutines

func startParkedGoroutines() {
	p := &parkedGoroutines{
		unsentOrders: make(chan order),
		shutdownA:    make(chan struct{}),
		shutdownB:    make(chan struct{}),
	}
	p.configLock.Lock()
	p.shardsReady.Add(1)
	stuckGoroutines = p

	spawnLeakedOrderConsumers(p)
	spawnIdleSelectors(p)
	spawnBatchSleepers(p)
	spawnConfigLockWaiters(p)
	spawnShardReadyWaiters(p)
	p.allHaveStarted.Wait()
}

// spawnLeakedOrderConsumers is the deliberate leak: consumers of a channel
// that nobody ever sends on.
func spawnLeakedOrderConsumers(p *parkedGoroutines) {
	for range leakedOrderConsumers {
		p.allHaveStarted.Add(1)
		go awaitOrder(p)
	}
}

func awaitOrder(p *parkedGoroutines) {
	p.allHaveStarted.Done()
	o := <-p.unsentOrders
	_ = o.id
}

// spawnIdleSelectors starts its goroutines under a pprof label, which they
// inherit, so the goroutine dumps and profile carry labels too.
func spawnIdleSelectors(p *parkedGoroutines) {
	pprof.Do(context.Background(), pprof.Labels("component", "shutdown-watcher"), func(context.Context) {
		for range idleSelectors {
			p.allHaveStarted.Add(1)
			go waitForShutdown(p)
		}
	})
}

func waitForShutdown(p *parkedGoroutines) {
	p.allHaveStarted.Done()
	select {
	case <-p.shutdownA:
	case <-p.shutdownB:
	}
}

func spawnBatchSleepers(p *parkedGoroutines) {
	for range batchSleepers {
		p.allHaveStarted.Add(1)
		go sleepUntilNextBatch(p)
	}
}

func sleepUntilNextBatch(p *parkedGoroutines) {
	p.allHaveStarted.Done()
	time.Sleep(24 * time.Hour)
}

func spawnConfigLockWaiters(p *parkedGoroutines) {
	for range configLockWaiters {
		p.allHaveStarted.Add(1)
		go reloadConfig(p)
	}
}

func reloadConfig(p *parkedGoroutines) {
	p.allHaveStarted.Done()
	p.configLock.Lock()
	defer p.configLock.Unlock()
}

func spawnShardReadyWaiters(p *parkedGoroutines) {
	for range shardReadyWaiters {
		p.allHaveStarted.Add(1)
		go awaitShardsReady(p)
	}
}

func awaitShardsReady(p *parkedGoroutines) {
	p.allHaveStarted.Done()
	p.shardsReady.Wait()
}
