// The Go program that main.ts ports: seed 000's image pipeline (loaders → processors → saver)
// with real CPU work in the processors, run with 1 processor and with one per CPU.
package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

type Image struct {
	ID       int
	Filename string
	Pixels   []byte
}

type Processed struct {
	ID        int
	Filename  string
	Processor int
	Checksum  uint32
}

const side = 128

func generate(id int) []byte {
	data := make([]byte, side*side)
	seed := uint32(id) * 2654435761
	for i := range data {
		seed = seed*1664525 + 1013904223
		data[i] = byte(seed >> 24)
	}
	return data
}

// blur: a box blur of radius 4, 5 passes (see ../image-filter-pool-threads/main.go).
func blur(src []byte) []byte {
	dst := make([]byte, len(src))
	for pass := 0; pass < 5; pass++ {
		for _, dir := range [][4]int{{1, side, side, side}, {side, side, side, 1}} {
			step, span, lines, lineStep := dir[0], dir[1], dir[2], dir[3]
			for line := 0; line < lines; line++ {
				base := line * lineStep
				for i := 0; i < span; i++ {
					sum, count := 0, 0
					for k := max(0, i-4); k <= min(span-1, i+4); k++ {
						sum += int(src[base+k*step])
						count++
					}
					dst[base+i*step] = byte(sum / count)
				}
			}
			src, dst = dst, src
		}
	}
	return src
}

func run(processors int, log bool) (time.Duration, map[int]uint32) {
	images := make(chan Image, processors)
	results := make(chan Processed, processors)
	start := time.Now()
	var loaders, workers sync.WaitGroup
	for l := 1; l <= 2; l++ {
		loaders.Add(1)
		go func(id int) {
			defer loaders.Done()
			for i := 0; i < 6; i++ {
				images <- Image{id*1000 + i, fmt.Sprintf("image_%d_%d.jpg", id, i), generate(id*1000 + i)}
			}
		}(l)
	}
	for p := 1; p <= processors; p++ {
		workers.Add(1)
		go func(id int) {
			defer workers.Done()
			for img := range images {
				hash := uint32(0x811c9dc5)
				for _, b := range blur(img.Pixels) {
					hash = (hash ^ uint32(b)) * 0x01000193
				}
				results <- Processed{img.ID, img.Filename, id, hash}
			}
		}(p)
	}
	go func() {
		loaders.Wait()
		close(images)
		workers.Wait()
		close(results)
	}()
	sums := map[int]uint32{}
	for r := range results {
		if log {
			fmt.Printf("Saved %s (processor %d)\n", r.Filename, r.Processor)
		}
		sums[r.ID] = r.Checksum
	}
	return time.Since(start), sums
}

func main() {
	threads := max(2, runtime.NumCPU())
	oneThread, expected := run(1, false)
	onThreads, got := run(threads, true)
	same := "identical to"
	for id, sum := range expected {
		if got[id] != sum {
			same = "DIFFERENT from"
		}
	}
	fmt.Printf("Images: %d saved, %s the 1-thread run\n", len(got), same)
	fmt.Printf("1 processor thread: %dms; %d processor threads: %dms\n", oneThread.Milliseconds(), threads, onThreads.Milliseconds())
	fmt.Printf("Speedup over one thread: %.2fx on %d cores\n", float64(oneThread)/float64(onThreads), runtime.NumCPU())
}
