// errgroup with a context: a faithful Go program of our own (the seeds have none). Three
// fetches run at most two at a time; the first failure cancels the group's context, which
// stops the fetch still running, and Wait returns that first error.
package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/sync/errgroup"
)

var errBadGateway = errors.New("502 bad gateway")

type page struct {
	url   string
	delay time.Duration
	fail  bool
}

// fetch pretends to download p: it takes p.delay, unless ctx is done first.
func fetch(ctx context.Context, p page) (string, error) {
	select {
	case <-time.After(p.delay):
		if p.fail {
			return "", fmt.Errorf("fetch %s: %w", p.url, errBadGateway)
		}
		return fmt.Sprintf("%d bytes", len(p.url)*100), nil
	case <-ctx.Done():
		return "", fmt.Errorf("fetch %s: %w", p.url, ctx.Err())
	}
}

func main() {
	pages := []page{
		{"/a", 20 * time.Millisecond, false},
		{"/b", 40 * time.Millisecond, true},
		{"/c", 200 * time.Millisecond, false},
	}

	g, ctx := errgroup.WithContext(context.Background())
	g.SetLimit(2)
	for _, p := range pages {
		p := p
		g.Go(func() error {
			fmt.Printf("start %s\n", p.url)
			body, err := fetch(ctx, p)
			if err != nil {
				fmt.Printf("stop  %s: %v\n", p.url, err)
				return err
			}
			fmt.Printf("done  %s: %s\n", p.url, body)
			return nil
		})
	}

	err := g.Wait()
	fmt.Println("wait:", err)
	fmt.Println("errors.Is(err, errBadGateway):", errors.Is(err, errBadGateway))
	fmt.Println("ctx.Err():", ctx.Err())
	fmt.Println("context.Cause(ctx):", context.Cause(ctx))
}
