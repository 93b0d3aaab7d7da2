// 24139beb5833 → 522b1b587ee0: slog.Error lost its error parameter. A call slog.Error(msg, err)
// still compiles (err goes to args), but the function's type changed.
package main

import "golang.org/x/exp/slog"

func main() {
	var f func(msg string, err error, args ...any) = slog.Error
	_ = f
}
