// Package parallel runs independent pieces of work concurrently, as many at a time as the Go
// runtime has processors. featgen, apidiff and the benchmark share it, so that every concurrent
// loop in the project bounds its work and reports errors the same way.
package parallel

import (
	"runtime"
	"sync"
)

// Each calls f(0), ..., f(n-1), at most runtime.GOMAXPROCS(0) calls at a time, and waits for all
// of them. It returns the error of the lowest index that failed, so that the error reported does
// not depend on which call happened to finish first; nil if none failed.
func Each(n int, f func(i int) error) error {
	errs := make([]error, n)
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			errs[i] = f(i)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
