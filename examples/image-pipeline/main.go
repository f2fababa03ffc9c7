// Seed 000, "Scaling to Multiple Workers", Real-World Example: Image Processing Pipeline:
// verbatim.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

type Image struct {
	ID       int
	Filename string
	Size     int // bytes
}

type ProcessedImage struct {
	ID          int
	Filename    string
	Thumbnail   []byte
	Compressed  []byte
	ProcessTime time.Duration
}

// ImageLoader (Producer) loads images from disk
func ImageLoader(id int, images chan<- Image, count int, wg *sync.WaitGroup) {
	defer wg.Done()

	for i := 0; i < count; i++ {
		img := Image{
			ID:       id*1000 + i,
			Filename: fmt.Sprintf("image_%d_%d.jpg", id, i),
			Size:     1024 * 1024 * (2 + i%3), // 2-4 MB
		}

		images <- img
		time.Sleep(50 * time.Millisecond)
	}
}

// ImageProcessor (Consumer) processes images
func ImageProcessor(id int, images <-chan Image, results chan<- ProcessedImage,
	stats *ProcessingStats, wg *sync.WaitGroup) {
	defer wg.Done()

	for img := range images {
		start := time.Now()

		// Simulate processing
		processTime := time.Duration(img.Size/10000) * time.Millisecond

		// Generate thumbnail (simulated)
		time.Sleep(processTime / 2)

		// Compress (simulated)
		time.Sleep(processTime / 2)

		result := ProcessedImage{
			ID:          img.ID,
			Filename:    img.Filename,
			Thumbnail:   make([]byte, 100*1024), // 100 KB thumbnail
			Compressed:  make([]byte, img.Size/2), // 50% compression
			ProcessTime: time.Since(start),
		}

		results <- result
		stats.recordProcessing(result.ProcessTime)

		fmt.Printf("[Processor %d] Processed %s in %v\n",
			id, img.Filename, result.ProcessTime)
	}
}

type ProcessingStats struct {
	totalProcessed atomic.Int64
	totalTime      atomic.Int64 // nanoseconds
}

func (s *ProcessingStats) recordProcessing(duration time.Duration) {
	s.totalProcessed.Add(1)
	s.totalTime.Add(int64(duration))
}

func (s *ProcessingStats) Report() {
	total := s.totalProcessed.Load()
	avg := time.Duration(0)
	if total > 0 {
		avg = time.Duration(s.totalTime.Load() / total)
	}
	fmt.Printf("\n📊 Processed %d images, avg time: %v\n", total, avg)
}

// ImageSaver (Aggregator) saves processed images
func ImageSaver(results <-chan ProcessedImage, stats *ProcessingStats, done chan<- struct{}) {
	saved := 0
	for result := range results {
		// Simulate saving to disk
		time.Sleep(20 * time.Millisecond)
		saved++

		if saved%5 == 0 {
			fmt.Printf("💾 Saved %d images so far\n", saved)
		}
		_ = result
	}

	fmt.Printf("💾 Saved %d total images\n", saved)
	close(done)
}

func RunImagePipeline() {
	fmt.Println("=== Image Processing Pipeline ===\n")

	const (
		numLoaders    = 2
		numProcessors = 4
		imagesPerLoader = 10
	)

	images := make(chan Image, 50)
	results := make(chan ProcessedImage, 50)
	stats := &ProcessingStats{}
	done := make(chan struct{})

	var loaderWg, processorWg sync.WaitGroup

	// Start saver
	go ImageSaver(results, stats, done)

	// Start processors
	for i := 0; i < numProcessors; i++ {
		processorWg.Add(1)
		go ImageProcessor(i, images, results, stats, &processorWg)
	}

	// Start loaders
	for i := 0; i < numLoaders; i++ {
		loaderWg.Add(1)
		go ImageLoader(i, images, imagesPerLoader, &loaderWg)
	}

	loaderWg.Wait()
	close(images)

	processorWg.Wait()
	close(results)

	<-done

	stats.Report()
	fmt.Println("\n✓ Pipeline complete!")
}

func main() {
	RunImagePipeline()
}
