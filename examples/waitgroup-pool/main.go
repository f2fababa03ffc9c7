// Seed 002, "Go Worker Pools", Using WaitGroups for Coordination: verbatim, except that the
// seed's line breaks inside string literals (a rendering of "\n") are written back as \n so
// that it compiles.
package main
import (
	"fmt"
	"sync"
	"time"
)
// Job represents a task to be processed
type Job struct {
	ID     int
	Number int
}
// Result represents the outcome of processing a job
type Result struct {
	JobID  int
	Number int
	Square int
}
func main() {
	// Create channels for jobs and results
	jobs := make(chan Job, 100)
	results := make(chan Result, 100)
	// WaitGroup to wait for all workers to finish
	var wg sync.WaitGroup
	// Start 3 worker goroutines
	numWorkers := 3
	for w := 1; w <= numWorkers; w++ {
		wg.Add(1)
		go worker(w, jobs, results, &wg)
	}
	// Send 5 jobs
	numJobs := 5
	for j := 1; j <= numJobs; j++ {
		jobs <- Job{ID: j, Number: j}
	}
	close(jobs)
	// Start a goroutine to close the results channel after all workers are done
	go func() {
		wg.Wait()
		close(results)
	}()
	// Collect all results
	for result := range results {
		fmt.Printf("Result: Job ID %d, Number %d, Square %d\n",
			result.JobID, result.Number, result.Square)
	}
}
// worker processes jobs from the jobs channel and sends results
// to the results channel
func worker(id int, jobs <-chan Job, results chan<- Result, wg *sync.WaitGroup) {
	defer wg.Done()
	for job := range jobs {
		fmt.Printf("Worker %d processing job %d\n", id, job.ID)
		time.Sleep(time.Second) // Simulate work
		results <- Result{
			JobID:  job.ID,
			Number: job.Number,
			Square: job.Number * job.Number,
		}
	}
}
