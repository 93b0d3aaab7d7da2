package parallel

import (
	"errors"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

func TestEach(t *testing.T) {
	for _, n := range []int{0, 1, 7, 100} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			got := make([]int, n)
			var running, most atomic.Int32
			err := Each(n, func(i int) error {
				now := running.Add(1)
				for {
					m := most.Load()
					if now <= m || most.CompareAndSwap(m, now) {
						break
					}
				}
				time.Sleep(time.Millisecond)
				got[i] = i * i
				running.Add(-1)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			for i, v := range got {
				if v != i*i {
					t.Fatalf("f(%d) not called: got[%d] = %d", i, i, v)
				}
			}
			if max := int32(runtime.GOMAXPROCS(0)); most.Load() > max {
				t.Errorf("%d calls ran at once, want at most GOMAXPROCS = %d", most.Load(), max)
			}
		})
	}
}

func TestEachFirstErrorByIndex(t *testing.T) {
	// Index 2 fails last in time, index 5 first: the error of the lowest index wins.
	err := Each(8, func(i int) error {
		switch i {
		case 2:
			time.Sleep(20 * time.Millisecond)
			return errors.New("two")
		case 5:
			return errors.New("five")
		}
		return nil
	})
	if err == nil || err.Error() != "two" {
		t.Errorf("Each = %v, want the error of index 2", err)
	}
}
