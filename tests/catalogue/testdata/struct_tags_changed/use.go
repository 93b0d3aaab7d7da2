package main

import "example.com/cat/p"

func main() {
	s := p.S{X: 1}
	_ = s.X
}
