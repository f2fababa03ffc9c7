// The Go program that main.ts ports: seed 002's image filter pool with real CPU work, one worker
// per CPU ("CPU-bound: workers = runtime.NumCPU()"), timed against a single worker.
package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

type Pixels struct {
	Width, Height int
	Data          []byte
}

func generate(id, width, height int) Pixels {
	data := make([]byte, width*height)
	seed := uint32(id) * 2654435761
	for i := range data {
		seed = seed*1664525 + 1013904223
		data[i] = byte(seed >> 24)
	}
	return Pixels{width, height, data}
}

func blur(img Pixels, radius, passes int) Pixels {
	src := append([]byte(nil), img.Data...)
	dst := make([]byte, len(src))
	w, h := img.Width, img.Height
	for pass := 0; pass < passes; pass++ {
		for _, dir := range [][4]int{{1, w, h, w}, {w, h, w, 1}} {
			step, span, lines, lineStep := dir[0], dir[1], dir[2], dir[3]
			for line := 0; line < lines; line++ {
				base := line * lineStep
				for i := 0; i < span; i++ {
					sum, count := 0, 0
					for k := max(0, i-radius); k <= min(span-1, i+radius); k++ {
						sum += int(src[base+k*step])
						count++
					}
					dst[base+i*step] = byte(sum / count)
				}
			}
			src, dst = dst, src
		}
	}
	return Pixels{w, h, src}
}

func checksum(img Pixels) string {
	hash := uint32(0x811c9dc5)
	for _, b := range img.Data {
		hash = (hash ^ uint32(b)) * 0x01000193
	}
	return fmt.Sprintf("%08x", hash)
}

type result struct {
	index    int
	checksum string
}

func filterAll(names []string, workers int) ([]string, time.Duration) {
	start := time.Now()
	jobs := make(chan int, len(names))
	results := make(chan result, len(names))
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results <- result{i, checksum(blur(generate(i+1, 160, 160), 5, 4))}
			}
		}()
	}
	for i := range names {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	close(results)
	sums := make([]string, len(names))
	for r := range results {
		sums[r.index] = r.checksum
	}
	return sums, time.Since(start)
}

func main() {
	names := []string{"vacation", "family", "birthday", "wedding", "graduation", "party", "trip", "concert"}
	workers := max(2, runtime.NumCPU())
	sequential, oneThread := filterAll(names, 1)
	parallel, onThreads := filterAll(names, workers)
	for i, name := range names {
		same := "DIFFERENT"
		if parallel[i] == sequential[i] {
			same = "same as one thread"
		}
		fmt.Printf("Processed: %s.jpg → %s_blurred.jpg (checksum %s, %s)\n", name, name, parallel[i], same)
	}
	fmt.Printf("One thread: %dms; %d threads: %dms\n", oneThread.Milliseconds(), workers, onThreads.Milliseconds())
	fmt.Printf("Speedup over one thread: %.2fx on %d cores\n", float64(oneThread)/float64(onThreads), runtime.NumCPU())
}
