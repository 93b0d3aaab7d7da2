package main

import (
	"strings"

	"example.com/cat/p"
)

func main() {
	var b strings.Builder
	s := p.S{W: &b}
	var w *strings.Builder = s.W
	_ = w
}
