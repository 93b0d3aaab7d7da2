package main

import "example.com/cat/p"

func main() {
	var x any = 1
	switch x.(type) {
	case p.A:
	case int:
	}
}
