// Seed 000, "Scaling to Multiple Workers", Priority-Based Processing: the seed's types and
// functions verbatim (with "fmt" imported, which PriorityConsumer uses), plus a main of our own,
// since the seed has none: it enqueues ten jobs, then two consumers process them by priority.
package main

import (
	"container/heap"
	"fmt"
	"sync"
	"time"
)

// Job represents work to be done
type Job struct {
	ID         int
	ProducerID int
	Data       int
	CreatedAt  time.Time
}

// PriorityJob wraps a job with priority
type PriorityJob struct {
	Job      Job
	Priority int
	Index    int
}

// PriorityQueue implements heap.Interface
type PriorityQueue []*PriorityJob

func (pq PriorityQueue) Len() int { return len(pq) }
func (pq PriorityQueue) Less(i, j int) bool {
	return pq[i].Priority > pq[j].Priority // Higher priority first
}
func (pq PriorityQueue) Swap(i, j int) {
	pq[i], pq[j] = pq[j], pq[i]
	pq[i].Index = i
	pq[j].Index = j
}
func (pq *PriorityQueue) Push(x interface{}) {
	item := x.(*PriorityJob)
	item.Index = len(*pq)
	*pq = append(*pq, item)
}
func (pq *PriorityQueue) Pop() interface{} {
	old := *pq
	n := len(old)
	item := old[n-1]
	old[n-1] = nil
	*pq = old[0 : n-1]
	return item
}

// PriorityJobQueue coordinates priority-based processing
type PriorityJobQueue struct {
	pq     PriorityQueue
	mu     sync.Mutex
	cond   *sync.Cond
	closed bool
}

func NewPriorityJobQueue() *PriorityJobQueue {
	pjq := &PriorityJobQueue{
		pq: make(PriorityQueue, 0),
	}
	pjq.cond = sync.NewCond(&pjq.mu)
	heap.Init(&pjq.pq)
	return pjq
}

func (pjq *PriorityJobQueue) Enqueue(job Job, priority int) {
	pjq.mu.Lock()
	defer pjq.mu.Unlock()

	heap.Push(&pjq.pq, &PriorityJob{
		Job:      job,
		Priority: priority,
	})
	pjq.cond.Signal()
}

func (pjq *PriorityJobQueue) Dequeue() (Job, bool) {
	pjq.mu.Lock()
	defer pjq.mu.Unlock()

	for pjq.pq.Len() == 0 && !pjq.closed {
		pjq.cond.Wait()
	}

	if pjq.pq.Len() == 0 {
		return Job{}, false
	}

	item := heap.Pop(&pjq.pq).(*PriorityJob)
	return item.Job, true
}

func (pjq *PriorityJobQueue) Close() {
	pjq.mu.Lock()
	pjq.closed = true
	pjq.mu.Unlock()
	pjq.cond.Broadcast()
}

// Consumer that processes priority jobs
func PriorityConsumer(id int, queue *PriorityJobQueue, wg *sync.WaitGroup) {
	defer wg.Done()

	for {
		job, ok := queue.Dequeue()
		if !ok {
			break
		}

		fmt.Printf("[Consumer %d] Processing high-priority job %d\n", id, job.ID)
		time.Sleep(100 * time.Millisecond)
	}
}

func main() {
	queue := NewPriorityJobQueue()

	// Enqueue every job before the consumers start, so that they come out by priority.
	priorities := []int{3, 9, 1, 7, 5, 8, 2, 6, 4, 10}
	for i, priority := range priorities {
		queue.Enqueue(Job{ID: i + 1, Data: priority, CreatedAt: time.Now()}, priority)
		fmt.Printf("Enqueued job %d with priority %d\n", i+1, priority)
	}

	var wg sync.WaitGroup
	for id := 1; id <= 2; id++ {
		wg.Add(1)
		go PriorityConsumer(id, queue, &wg)
	}

	// Close lets the consumers drain what is queued, then makes Dequeue report false.
	queue.Close()
	wg.Wait()
	fmt.Println("All jobs processed")
}
