package main

import "example.com/cat/p"

type id int

func keys[T ~int](s p.Set[T]) int { return len(s) }

func main() {
	s := p.Set[int]{1: true}
	_ = keys(s)
	_ = p.Set[id]{}
}
