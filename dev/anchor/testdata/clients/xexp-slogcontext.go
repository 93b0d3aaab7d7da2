// 75897c7a292a → c42ee1cf562e: slog.NewContext, FromContext and Ctx were removed.
package main

import (
	"context"

	"golang.org/x/exp/slog"
)

func main() {
	ctx := slog.NewContext(context.Background(), slog.Default())
	_ = slog.FromContext(ctx)
	_ = slog.Ctx(ctx)
}
