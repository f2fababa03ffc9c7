// Seed 003, "Concurrency Pattern: Architecting Scalable Systems with Worker Pools": the seed's
// pkg/pool/pool.go and cmd/main.go snippets, verbatim, in one file. Glue so that it compiles:
// the package clause and imports, `pool.Task`/`pool.New` written as `Task`/`New` (one package),
// and the seed's `go p.Process()` written as `go p.process()` (the method it defines).
package main

import (
	"fmt"
	"sync"
	"time"
)

type Task struct {
	Id int
}
 
func (t Task) Execute() {
	fmt.Printf("processing task id: %d\n", t.Id)
	time.Sleep(3 * time.Second)
}

type WorkerPool struct {
	tasks []Task
	queue chan Task
	count int
	wg    sync.WaitGroup
}

func New(workerCount int, tasks []Task) WorkerPool {
	return WorkerPool{
		tasks: tasks,
		count: workerCount,
		queue: make(chan Task, len(tasks)),
	}
}

func (p *WorkerPool) process() {
	for task := range p.queue {
		task.Execute()
		p.wg.Done()
	}
}

func (p *WorkerPool) Start() {
	for i := 0; i < p.count; i++ {
		go p.process()
	}
 
	p.wg.Add(len(p.tasks))
	for _, task := range p.tasks {
		p.queue <- task
	}
 
	close(p.queue)
 
	p.wg.Wait()
}

func main() {
	tasks := make([]Task, 23)
	for i := 0; i < 23; i++ {
		tasks[i] = Task{Id: i + 1}
	}
 
	p := New(3, tasks)
	p.Start()
 
	fmt.Println("all task has been proceeed")
}
