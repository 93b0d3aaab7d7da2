package main

import "example.com/cat/p"

func kind(x any) int {
	switch x.(type) {
	case p.A:
		return 1
	case p.B:
		return 2
	}
	return 0
}

func main() { _ = kind(1) }
