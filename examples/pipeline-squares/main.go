// Seed 004, "Concurrency Patterns", Pipeline Pattern: verbatim.
// Glue added so that it compiles: the package clause, the import, and `func main() {`...`}`
// around the seed's top-level loop.
package main

import "fmt"

func generate(nums ...int) <-chan int {
    out := make(chan int)
    go func() {
        for _, n := range nums { out <- n }
        close(out)
    }()
    return out
}

func square(in <-chan int) <-chan int {
    out := make(chan int)
    go func() {
        for n := range in { out <- n * n }
        close(out)
    }()
    return out
}

func main() { // glue
// Pipeline: generate -> square -> print
for val := range square(generate(2, 3, 4)) {
    fmt.Println(val) // 4, 9, 16
}
} // glue
