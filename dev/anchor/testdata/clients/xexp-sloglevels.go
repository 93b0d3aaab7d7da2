// ad323defaf05 → fae10dda9338: slog's levels were renamed from XLevel to LevelX.
package main

import "golang.org/x/exp/slog"

func main() {
	levels := []slog.Level{slog.DebugLevel, slog.InfoLevel, slog.WarnLevel, slog.ErrorLevel}
	_ = levels
}
