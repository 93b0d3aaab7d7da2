// 5e25df0256eb → 50820d90acfd (30ed42f936dd between): Handler.Handle takes a context.Context first, so a handler written
// for the old interface no longer implements it.
package main

import (
	"context"

	"golang.org/x/exp/slog"
)

type handler struct{}

func (handler) Enabled(context.Context, slog.Level) bool { return true }
func (handler) Handle(slog.Record) error                 { return nil }
func (h handler) WithAttrs([]slog.Attr) slog.Handler     { return h }
func (h handler) WithGroup(string) slog.Handler          { return h }

func main() {
	_ = slog.New(handler{})
}
