package main

import (
	"slices"
	"testing"
)

// TestUpToDate fails when a generated file differs from what its sources say.
func TestUpToDate(t *testing.T) {
	stale, err := run("../..", true)
	if err != nil {
		t.Fatal(err)
	}
	if len(stale) > 0 {
		t.Errorf("out of date: %v: run go run ./dev/gen", stale)
	}
}

func TestSplitArgs(t *testing.T) {
	doc := dedent(`Does a thing.

    More text.

    Args:
      name: the name.
      deps: the deps,
        on two lines.

    Returns:
      nothing.
    `)
	text, rows := splitArgs(doc)
	if text != "Does a thing.\n\nMore text." {
		t.Errorf("text %q", text)
	}
	want := [][2]string{{"name", "the name."}, {"deps", "the deps, on two lines."}}
	if !slices.Equal(rows, want) {
		t.Errorf("rows %q, want %q", rows, want)
	}
}
