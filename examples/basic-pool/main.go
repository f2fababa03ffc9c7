// Seed 002, "Go Worker Pools", Implementing a Basic Worker Pool: verbatim, except
// that the seed's line breaks inside string literals (a rendering of "\n") are written back as
// \n so that it compiles.
package main
import (
	"fmt"
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
	// Start 3 worker goroutines
	numWorkers := 3
	for w := 1; w <= numWorkers; w++ {
		go worker(w, jobs, results)
	}
	// Send 5 jobs
	numJobs := 5
	for j := 1; j <= numJobs; j++ {
		jobs <- Job{ID: j, Number: j}
	}
	close(jobs)
	// Collect all results
	for a := 1; a <= numJobs; a++ {
		result := <-results
		fmt.Printf("Result: Job ID %d, Number %d, Square %d\n",
			result.JobID, result.Number, result.Square)
	}
}
// worker processes jobs from the jobs channel and sends results
// to the results channel
func worker(id int, jobs <-chan Job, results chan<- Result) {
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
