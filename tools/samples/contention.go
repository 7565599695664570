package main

import (
	"context"
	"crypto/sha256"
	"fmt"
	"sync"
	"time"
)

const (
	ledgerPosters   = 6
	ledgerAccounts  = 64
	invoiceFeeders  = 3
	invoiceWorkSize = 8 << 10
)

// ledger is one map behind one sync.Mutex that every poster writes to, the
// source of mutex.pprof's contention.
type ledger struct {
	mu       sync.Mutex
	balances map[string]int64
	checksum int64
}

// runLedgerContention has ledgerPosters goroutines fight over one mutex
// until ctx is cancelled.
func runLedgerContention(ctx context.Context) {
	l := &ledger{balances: map[string]int64{}}
	var wg sync.WaitGroup
	for poster := range ledgerPosters {
		wg.Go(func() { postLedgerEntries(ctx, l, poster) })
	}
	wg.Wait()
}

func postLedgerEntries(ctx context.Context, l *ledger, poster int) {
	for entry := 0; ctx.Err() == nil; entry++ {
		account := fmt.Sprintf("acct-%02d", (poster*7+entry)%ledgerAccounts)
		l.post(account, int64(entry%100-50))
		// Pausing between batches keeps the posters from starving the
		// other workloads of CPU and bounds the trace's event count.
		if entry%50 == 49 {
			time.Sleep(time.Millisecond)
		}
	}
}

// post holds the lock while recomputing the checksum over all balances, so
// the critical section is long enough for the posters to queue up.
func (l *ledger) post(account string, amount int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.balances[account] += amount
	var sum int64
	for _, balance := range l.balances {
		sum = sum*31 + balance
	}
	l.checksum = sum
}

// runInvoicePipeline hands invoices over an unbuffered channel to one slow
// consumer, so the feeders block on send (block.pprof's channel waits).
func runInvoicePipeline(ctx context.Context) {
	invoices := make(chan []byte)
	var feeders sync.WaitGroup
	for feeder := range invoiceFeeders {
		feeders.Go(func() { feedInvoices(ctx, invoices, feeder) })
	}
	settled := make(chan int)
	go func() { settled <- settleInvoices(invoices) }()
	feeders.Wait()
	close(invoices)
	<-settled
}

func feedInvoices(ctx context.Context, invoices chan<- []byte, feeder int) {
	for n := 0; ctx.Err() == nil; n++ {
		invoice := make([]byte, invoiceWorkSize)
		invoice[0], invoice[1] = byte(feeder), byte(n)
		select {
		case invoices <- invoice:
		case <-ctx.Done():
		}
	}
}

func settleInvoices(invoices <-chan []byte) int {
	count := 0
	for invoice := range invoices {
		for range 8 {
			sum := sha256.Sum256(invoice)
			invoice[2] = sum[0]
		}
		count++
	}
	return count
}
