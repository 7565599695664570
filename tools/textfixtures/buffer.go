package main

import "sync"

// bytesBuffer is a bytes.Buffer safe for the concurrent writes exec makes to stdout and stderr.
type bytesBuffer struct {
	mu   sync.Mutex
	data []byte
}

func (b *bytesBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.data = append(b.data, p...)
	return len(p), nil
}

func (b *bytesBuffer) Bytes() []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]byte(nil), b.data...)
}
