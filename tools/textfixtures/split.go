package main

import (
	"bytes"
	"path/filepath"
)

// splitDumps writes each "=== <name>" section of the dumps child's stdout to <dir>/go126.<name>.
func splitDumps(dir string, out []byte) {
	for _, section := range bytes.Split(out, []byte("=== "))[1:] {
		name, body, _ := bytes.Cut(section, []byte("\n"))
		write(filepath.Join(dir, "go126."+string(name)), body)
	}
}
