// Seed 000, "Scaling to Multiple Workers", Advanced: Work Distribution Patterns: verbatim.
// The seed shows only the queue; the glue after it (marked) adds the Job type it uses (the
// first program's, trimmed) and a main that routes 12 jobs by key, so that it compiles and runs.
package main

import (
	"fmt"
	"hash/fnv"
	"sync"
)

// Partition-based distribution
type PartitionedQueue struct {
	queues []chan Job
	numPartitions int
}

func NewPartitionedQueue(numPartitions, bufferSize int) *PartitionedQueue {
	pq := &PartitionedQueue{
		queues: make([]chan Job, numPartitions),
		numPartitions: numPartitions,
	}
	for i := 0; i < numPartitions; i++ {
		pq.queues[i] = make(chan Job, bufferSize)
	}
	return pq
}

// Send to partition based on job key
func (pq *PartitionedQueue) Send(job Job, key string) {
	partition := pq.partition(key)
	pq.queues[partition] <- job
}

func (pq *PartitionedQueue) partition(key string) int {
	h := fnv.New32a()
	h.Write([]byte(key))
	return int(h.Sum32()) % pq.numPartitions
}

// Each consumer gets its own partition
func (pq *PartitionedQueue) StartConsumers(numConsumers int, process func(Job)) {
	for i := 0; i < numConsumers; i++ {
		go func(partition int) {
			for job := range pq.queues[partition] {
				process(job)
			}
		}(i % pq.numPartitions)
	}
}

// ---- glue ----

type Job struct {
	ID         int
	ProducerID int
	Data       int
}

func main() {
	const numPartitions = 3
	pq := NewPartitionedQueue(numPartitions, 10)

	var wg sync.WaitGroup
	pq.StartConsumers(numPartitions, func(job Job) {
		fmt.Printf("Processed job %d (key user-%d)\n", job.ID, job.ProducerID)
		wg.Done()
	})

	for i := 1; i <= 12; i++ {
		job := Job{ID: i, ProducerID: i % 4, Data: i * 10}
		key := fmt.Sprintf("user-%d", job.ProducerID)
		fmt.Printf("Job %d (key %s) -> partition %d\n", job.ID, key, pq.partition(key))
		wg.Add(1)
		pq.Send(job, key)
	}
	wg.Wait()
}
